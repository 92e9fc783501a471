import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent } from 'aws-lambda';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdas as catalogueLambdas, stateMachines as catalogueStateMachines } from '../../infra/catalogue.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { fillPlaceholders, lambdaSubstitutions, LOCAL_WAIT_RESOURCE, prepareDefinition, type AslDefinition } from '../../infra/local/asl.js';
import { repoRoot, type LocalPlatform } from '../../infra/local/platform.js';
import { tableDefinition } from '../../infra/local/table.js';
import { callsFor, type RecordedCall } from './support/registry.js';
import { makeWorkspace, startTestPlatform } from './support/platform.js';
import { waitUntil } from '../support/eventually.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'eu-west-2';
const START = '2026-01-05T09:00:00.000Z';

function clients(p: LocalPlatform) {
  return {
    sfn: new SFNClient({ endpoint: p.sfnEndpoint, region, credentials }),
    ddb: new DynamoDBClient({ endpoint: p.dynamoEndpoint, region, credentials }),
    ses: new SESv2Client({ endpoint: p.sesEndpoint, region, credentials }),
  };
}

function streamRecordsFor(calls: RecordedCall[], pk: string) {
  return calls.flatMap((c) => (c.event as DynamoDBStreamEvent).Records).filter((r) => r.dynamodb?.Keys?.pk?.S === pk);
}

function taskCalls(p: LocalPlatform, name: string, step: string): RecordedCall[] {
  return callsFor(p.appUrl, 'test-task').filter((c) => {
    const event = c.event as { step: string; input: { name?: string } };
    return event.step === step && event.input.name === name;
  });
}

describe('local runtime', () => {
  let ws: Awaited<ReturnType<typeof makeWorkspace>>;
  let clock: FakeClock;
  let platform: LocalPlatform;
  let c: ReturnType<typeof clients>;

  beforeAll(async () => {
    ws = await makeWorkspace();
    clock = new FakeClock(START);
    platform = await startTestPlatform({ dataDir: ws.dataDir, fresh: true, clock, webDist: ws.webDist });
    c = clients(platform);
  }, 120_000);

  afterAll(async () => {
    c?.sfn.destroy();
    c?.ddb.destroy();
    c?.ses.destroy();
    await platform?.stop();
    await ws?.remove();
  });

  describe('DynamoDB Local', () => {
    it('creates the table as tableDefinition describes it', async () => {
      // Act
      const { Table } = await c.ddb.send(new DescribeTableCommand({ TableName: platform.tableName }));

      // Assess
      expect(platform.tableName).toBe('scr-cases');
      expect(Table?.KeySchema).toEqual([
        { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(
        Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema?.map((k) => k.AttributeName), g.Projection?.ProjectionType, [...(g.Projection?.NonKeyAttributes ?? [])].sort()]),
      ).toEqual(
        tableDefinition.globalSecondaryIndexes.map((g) => [g.indexName, [g.partitionKey.name, g.sortKey.name], 'INCLUDE', [...g.nonKeyAttributes].sort()]),
      );
      // Indexes project list fields only, never whole items (the case list does not store each case twice).
      expect(Table?.GlobalSecondaryIndexes?.every((g) => g.Projection?.ProjectionType === 'INCLUDE')).toBe(true);
      expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    });
  });

  describe('Step Functions through the real SFNClient', () => {
    const arn = () => platform.stateMachineArn('test');

    it('runs an execution to the end and describes and lists it', async () => {
      // Prepare
      const input = JSON.stringify({ name: 'plain' });

      // Act
      const started = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'plain', input }));
      await platform.awaitExecution(started.executionArn as string);
      const described = await c.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      const listed = await c.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn(), statusFilter: 'SUCCEEDED' }));

      // Assess
      expect(started.executionArn).toBe('arn:aws:states:eu-west-2:000000000000:execution:test:plain');
      expect(started.startDate).toEqual(new Date(START));
      expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'plain', stateMachineArn: arn(), input });
      expect(described.stopDate).toBeInstanceOf(Date);
      expect(JSON.parse(described.output as string)).toEqual({
        name: 'plain',
        first: { step: 'first', ok: true },
        second: { step: 'second', ok: true },
      });
      expect(listed.executions?.map((e) => e.name)).toContain('plain');
      // The task ran in-process with the platform's env and a Lambda context.
      const [call] = taskCalls(platform, 'plain', 'first');
      expect(call?.env.TEST_STATE_MACHINE_ARN).toBe(arn());
      expect(call?.env.TABLE_NAME).toBe('scr-cases');
      expect(call?.remainingMs).toBeGreaterThan(0);
      expect(call?.clockNow).toBe(START);
    });

    it('treats a repeated start as the same execution while running, and a different input as ExecutionAlreadyExists', async () => {
      // Prepare
      const input = JSON.stringify({ name: 'repeat', until: '2026-02-01T00:00:00Z' });
      const first = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'repeat', input }));

      // Act
      const again = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'repeat', input }));
      const different = c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'repeat', input: '{"name":"other"}' }));

      // Assess
      expect(again.executionArn).toBe(first.executionArn);
      expect(again.startDate).toEqual(first.startDate);
      await expect(different).rejects.toBeInstanceOf(ExecutionAlreadyExists);
      await expect(different).rejects.toMatchObject({ name: 'ExecutionAlreadyExists', $metadata: { httpStatusCode: 400 } });
      await c.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    });

    it('refuses to start a finished execution again', async () => {
      // Prepare
      const input = JSON.stringify({ name: 'finished' });
      const started = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'finished', input }));
      await platform.awaitExecution(started.executionArn as string);

      // Act
      const again = c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'finished', input }));

      // Assess
      await expect(again).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    });

    it('stops a running execution', async () => {
      // Prepare
      const started = await c.sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn(), name: 'to-stop', input: JSON.stringify({ name: 'to-stop', until: '2026-03-01T00:00:00Z' }) }),
      );
      await waitUntil(() => taskCalls(platform, 'to-stop', 'first').length === 1);

      // Act
      const stopped = await c.sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, error: 'Withdrawn', cause: 'test' }));
      const described = await c.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

      // Assess
      expect(stopped.stopDate).toBeInstanceOf(Date);
      expect(described).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'test' });
      clock.set('2026-03-02T00:00:00Z');
      await new Promise((r) => setTimeout(r, 150));
      expect(taskCalls(platform, 'to-stop', 'second')).toHaveLength(0);
      clock.set(START);
    });

    it("fails an execution with the task's error name", async () => {
      // Act
      const started = await c.sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn(), name: 'failing', input: JSON.stringify({ name: 'failing', fail: true }) }),
      );
      await platform.awaitExecution(started.executionArn as string);
      const described = await c.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

      // Assess
      expect(described.status).toBe('FAILED');
      expect(described.error).toBe('PermanentError');
      expect(JSON.parse(described.cause as string)).toEqual({ errorType: 'PermanentError', errorMessage: 'asked to fail' });
    });

    it('answers unknown executions and state machines with the AWS errors', async () => {
      // Act
      const describeMissing = c.sfn.send(
        new DescribeExecutionCommand({ executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:test:nope' }),
      );
      const startMissing = c.sfn.send(
        new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:nope', name: 'x' }),
      );
      const badName = c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn(), name: 'has space' }));

      // Assess
      await expect(describeMissing).rejects.toBeInstanceOf(ExecutionDoesNotExist);
      await expect(startMissing).rejects.toBeInstanceOf(StateMachineDoesNotExist);
      await expect(badName).rejects.toMatchObject({ name: 'InvalidName' });
    });

    it('holds a Wait on TimestampPath until the Clock reaches it, and not before', async () => {
      // Prepare
      const until = '2026-01-05T10:00:00.000Z';
      const started = await c.sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn(), name: 'waiting', input: JSON.stringify({ name: 'waiting', until }) }),
      );
      await waitUntil(() => taskCalls(platform, 'waiting', 'first').length === 1);

      // Act: one second short of the target, then the target itself.
      clock.set('2026-01-05T09:59:59.000Z');
      await new Promise((r) => setTimeout(r, 300)); // 15 polls of the clock
      const before = await c.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      clock.set(until);
      const after = await platform.awaitExecution(started.executionArn as string, 3000);

      // Assess
      expect(before.status).toBe('RUNNING');
      expect(after.status).toBe('SUCCEEDED');
      expect(taskCalls(platform, 'waiting', 'second')).toHaveLength(1);
      clock.set(START);
    });
  });

  describe('HTTP server', () => {
    it('builds an API Gateway HTTP API v2 event for a route', async () => {
      // Act
      const response = await fetch(`${platform.apiUrl}/test/echo/SCR-2026-0001%2Fx?b=2&a=1&a=3`, {
        headers: { 'X-Custom': 'Value', Cookie: 'session=abc; theme=dark', 'User-Agent': 'vitest' },
      });
      const { event, functionName } = (await response.json()) as { event: APIGatewayProxyEventV2; functionName: string };

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('x-test')).toBe('yes');
      expect(functionName).toBe('test-echo');
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'GET /api/test/echo/{id}',
        rawPath: '/api/test/echo/SCR-2026-0001%2Fx',
        rawQueryString: 'b=2&a=1&a=3',
        queryStringParameters: { a: '1,3', b: '2' },
        pathParameters: { id: 'SCR-2026-0001/x' },
        cookies: ['session=abc', 'theme=dark'],
        isBase64Encoded: false,
        requestContext: {
          http: { method: 'GET', path: '/api/test/echo/SCR-2026-0001%2Fx', sourceIp: '127.0.0.1', userAgent: 'vitest' },
          routeKey: 'GET /api/test/echo/{id}',
          stage: '$default',
        },
      });
      expect(event.headers['x-custom']).toBe('Value');
      expect(event.headers.cookie).toBeUndefined();
      expect(event.body).toBeUndefined();
      expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
      expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    });

    it('passes text bodies as text and other bodies as base64', async () => {
      // Act
      const text = await fetch(`${platform.apiUrl}/test/echo/1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      const binary = await fetch(`${platform.apiUrl}/test/echo/2`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array([0, 1, 2, 255]),
      });
      const textEvent = ((await text.json()) as { event: APIGatewayProxyEventV2 }).event;
      const binaryEvent = ((await binary.json()) as { event: APIGatewayProxyEventV2 }).event;

      // Assess
      expect(textEvent).toMatchObject({ body: '{"a":1}', isBase64Encoded: false, routeKey: 'POST /api/test/echo/{id}' });
      expect(binaryEvent).toMatchObject({ body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true });
    });

    it('matches greedy path parameters', async () => {
      const response = await fetch(`${platform.apiUrl}/test/files/a/b/c.txt`);
      const { event } = (await response.json()) as { event: APIGatewayProxyEventV2 };
      expect(event.pathParameters).toEqual({ path: 'a/b/c.txt' });
    });

    it('maps results back: inferred JSON, base64 bodies and cookies', async () => {
      // Act
      const inferred = await fetch(`${platform.apiUrl}/test/inferred`);
      const binary = await fetch(`${platform.apiUrl}/test/binary`);
      const cookies = await fetch(`${platform.apiUrl}/test/cookies`);

      // Assess
      expect(inferred.status).toBe(200);
      expect(inferred.headers.get('content-type')).toBe('application/json');
      expect(await inferred.json()).toEqual({ inferred: true });
      expect(new Uint8Array(await binary.arrayBuffer())).toEqual(new Uint8Array([0, 1, 2, 255]));
      expect(cookies.status).toBe(204);
      expect(cookies.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    });

    it('answers 404, 405, 413 and 500 as API Gateway would', async () => {
      // Act
      const unknown = await fetch(`${platform.apiUrl}/nothing-here`);
      const wrongMethod = await fetch(`${platform.apiUrl}/test/inferred`, { method: 'DELETE' });
      const tooLarge = await fetch(`${platform.apiUrl}/test/echo/1`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(1024 * 1024 + 1) });
      const throwing = await fetch(`${platform.apiUrl}/test/throw`, { method: 'POST' });

      // Assess
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ message: 'Not found' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('GET');
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toEqual({ message: 'Request body is too large' });
      expect(throwing.status).toBe(500);
      expect(await throwing.json()).toEqual({ message: 'Internal Server Error' });
    });

    it('serves the web app with a fallback to index.html for client-side routes', async () => {
      // Act
      const root = await fetch(platform.appUrl);
      const deepLink = await fetch(`${platform.appUrl}/referral/check-answers`);
      const asset = await fetch(`${platform.appUrl}/assets/app-abc123.js`);
      const missingAsset = await fetch(`${platform.appUrl}/assets/missing.js`);
      const traversal = await fetch(`${platform.appUrl}/..%2f..%2fetc/passwd`);

      // Assess
      expect(await root.text()).toContain('app shell');
      expect(deepLink.headers.get('content-type')).toContain('text/html');
      expect(await deepLink.text()).toContain('app shell');
      expect(asset.headers.get('content-type')).toContain('text/javascript');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(missingAsset.status).toBe(404);
      expect(await traversal.text()).not.toContain('root:');
    });
  });

  describe('SES emulator', () => {
    it('captures emails sent through the real SESv2Client', async () => {
      // Act
      await c.ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'scr-notifications@example.org',
          Destination: { ToAddresses: ['chair@example.org'] },
          Content: { Simple: { Subject: { Data: 'Referral received' }, Body: { Text: { Data: 'Hello' }, Html: { Data: '<p>Hello</p>' } } } },
        }),
      );
      const mail = await readMailbox(platform.sesEndpoint);

      // Assess
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ from: 'scr-notifications@example.org', to: ['chair@example.org'], subject: 'Referral received', text: 'Hello', html: '<p>Hello</p>' });
      expect(mail[0]?.at).toBeInstanceOf(Date);
      expect(platform.mailboxUrl).toBe(`${platform.sesEndpoint}/`);
    });
  });

  describe('table stream → Lambda', () => {
    it('delivers each change once, shaped as Lambda delivers it', async () => {
      // Act
      await c.ddb.send(new PutItemCommand({ TableName: platform.tableName, Item: { pk: { S: 'case#1' }, sk: { S: 'meta' }, status: { S: 'new' } } }));
      await c.ddb.send(
        new UpdateItemCommand({
          TableName: platform.tableName,
          Key: { pk: { S: 'case#1' }, sk: { S: 'meta' } },
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'sent' } },
        }),
      );
      const records = await waitUntil(() => {
        const found = streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'case#1');
        return found.length >= 2 && found;
      });
      await new Promise((r) => setTimeout(r, 300)); // a few more polls: nothing is delivered twice

      // Assess
      expect(streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'case#1')).toHaveLength(2);
      const [insert, modify] = records;
      expect(insert).toMatchObject({
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-2',
        dynamodb: { Keys: { pk: { S: 'case#1' }, sk: { S: 'meta' } }, NewImage: { status: { S: 'new' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      });
      expect(insert?.eventSourceARN).toMatch(/stream/);
      expect(insert?.dynamodb?.SequenceNumber).toBeTruthy();
      expect(insert?.dynamodb?.OldImage).toBeUndefined();
      expect(modify).toMatchObject({ eventName: 'MODIFY', dynamodb: { OldImage: { status: { S: 'new' } }, NewImage: { status: { S: 'sent' } } } });
    });

    it('delivers a failed batch again until the handler succeeds', async () => {
      // Act
      await c.ddb.send(new PutItemCommand({ TableName: platform.tableName, Item: { pk: { S: 'fail-once#1' }, sk: { S: 'meta' } } }));
      await waitUntil(() => streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'fail-once#1').length >= 2);
      await new Promise((r) => setTimeout(r, 300));

      // Assess: one failed delivery, one successful, then no more.
      expect(streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'fail-once#1')).toHaveLength(2);
    });
  });

  describe('restart', () => {
    it('keeps the data, resumes running executions and neither replays nor skips stream records', async () => {
      // Prepare: an execution parked on a Wait, and a streamed item.
      const until = '2026-01-06T09:00:00.000Z';
      const started = await c.sfn.send(
        new StartExecutionCommand({ stateMachineArn: platform.stateMachineArn('test'), name: 'resumed', input: JSON.stringify({ name: 'resumed', until }) }),
      );
      await waitUntil(() => taskCalls(platform, 'resumed', 'first').length === 1);
      await c.ddb.send(new PutItemCommand({ TableName: platform.tableName, Item: { pk: { S: 'before-restart' }, sk: { S: 'meta' } } }));
      await waitUntil(() => streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'before-restart').length === 1);

      // Act: stop, and start again on the same data with a clock at the same time.
      c.sfn.destroy();
      c.ddb.destroy();
      c.ses.destroy();
      await platform.stop();
      clock = new FakeClock(START);
      platform = await startTestPlatform({ dataDir: ws.dataDir, clock, webDist: ws.webDist });
      c = clients(platform);
      await c.ddb.send(new PutItemCommand({ TableName: platform.tableName, Item: { pk: { S: 'after-restart' }, sk: { S: 'meta' } } }));
      await waitUntil(() => streamRecordsFor(callsFor(platform.appUrl, 'test-stream'), 'after-restart').length === 1);
      // The resumed execution ran again from the start and waits again.
      await waitUntil(() => taskCalls(platform, 'resumed', 'first').length === 1);
      const whileWaiting = await c.sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      clock.set(until);
      const finished = await platform.awaitExecution(started.executionArn as string, 3000);
      const kept = await c.ddb.send(new GetItemCommand({ TableName: platform.tableName, Key: { pk: { S: 'before-restart' }, sk: { S: 'meta' } } }));
      const earlier = await c.sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:test:plain' }));

      // Assess
      expect(whileWaiting.status).toBe('RUNNING');
      expect(finished.status).toBe('SUCCEEDED');
      expect(kept.Item).toBeDefined();
      expect(earlier.status).toBe('SUCCEEDED');
      const streamed = callsFor(platform.appUrl, 'test-stream');
      expect(streamRecordsFor(streamed, 'before-restart')).toHaveLength(0);
      expect(streamRecordsFor(streamed, 'case#1')).toHaveLength(0);
      expect(streamRecordsFor(streamed, 'after-restart')).toHaveLength(1);
    });
  });

  describe('a second platform in the same process', () => {
    let other: Awaited<ReturnType<typeof makeWorkspace>>;
    let second: LocalPlatform;

    beforeAll(async () => {
      other = await makeWorkspace();
      // A short wall-clock cap, to see a long Wait pass through early.
      second = await startTestPlatform({ dataDir: other.dataDir, fresh: true, webDist: other.webDist, maxWallClockWaitMs: 300 });
    }, 120_000);

    afterAll(async () => {
      await second?.stop();
      await other?.remove();
    });

    it('keeps its ports, env and mailbox apart from the first', async () => {
      // Prepare
      const secondSes = new SESv2Client({ endpoint: second.sesEndpoint, region, credentials });

      // Act
      await fetch(`${platform.apiUrl}/test/inferred`);
      await fetch(`${second.apiUrl}/test/inferred`);
      await secondSes.send(
        new SendEmailCommand({
          FromEmailAddress: 'a@example.org',
          Destination: { ToAddresses: ['b@example.org'] },
          Content: { Simple: { Subject: { Data: 'second only' }, Body: { Text: { Data: 'x' } } } },
        }),
      );
      secondSes.destroy();

      // Assess
      expect(second.appUrl).not.toBe(platform.appUrl);
      expect(second.dynamoEndpoint).not.toBe(platform.dynamoEndpoint);
      expect(callsFor(platform.appUrl, 'test-echo').at(-1)?.env.DYNAMODB_ENDPOINT).toBe(platform.dynamoEndpoint);
      expect(callsFor(second.appUrl, 'test-echo').at(-1)?.env.DYNAMODB_ENDPOINT).toBe(second.dynamoEndpoint);
      expect((await readMailbox(second.sesEndpoint)).map((m) => m.subject)).toEqual(['second only']);
      expect((await readMailbox(platform.sesEndpoint)).map((m) => m.subject)).not.toContain('second only');
    });

    it('lets a Wait pass through once it has waited the longest wall-clock time', async () => {
      // Prepare: the system clock, and a target far beyond it.
      const sfn = new SFNClient({ endpoint: second.sfnEndpoint, region, credentials });
      const input = JSON.stringify({ name: 'capped', until: '2099-01-01T00:00:00Z' });

      // Act
      const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: second.stateMachineArn('test'), name: 'capped', input }));
      const finished = await second.awaitExecution(started.executionArn as string, 5000);
      sfn.destroy();

      // Assess
      expect(finished.status).toBe('SUCCEEDED');
      expect(callsFor(second.appUrl, 'test-task').map((c) => (c.event as { step: string }).step)).toEqual(['first', 'second']);
    });
  });
});

describe('ASL preparation', () => {
  it('binds every Task of the catalogue state machines to a catalogue Lambda', async () => {
    // Prepare
    const substitutions = lambdaSubstitutions(catalogueLambdas);

    for (const machine of catalogueStateMachines) {
      // Act
      const text = fillPlaceholders(await readFile(path.join(repoRoot, machine.file), 'utf8'), substitutions);
      const prepared = prepareDefinition(JSON.parse(text) as AslDefinition, { lambdaTimeoutSeconds: () => 30, waitTaskTimeoutSeconds: 25_200 });

      // Assess
      expect([...prepared.tasks.values()].filter((t) => t.kind === 'unsupported')).toEqual([]);
      for (const binding of prepared.tasks.values()) {
        if (binding.kind === 'lambda' || binding.kind === 'lambda-invoke') {
          expect(catalogueLambdas.map((l) => l.id)).toContain(binding.lambdaId);
        }
      }
    }
  });

  it('rewrites a Wait into a local task that keeps its paths and transitions', () => {
    // Prepare
    const definition: AslDefinition = {
      StartAt: 'Hold',
      States: {
        Hold: { Type: 'Wait', SecondsPath: '$.delay', InputPath: '$.case', OutputPath: '$.id', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const prepared = prepareDefinition(definition, { lambdaTimeoutSeconds: () => undefined, waitTaskTimeoutSeconds: 25_200 });

    // Assess
    expect(prepared.definition.States.Hold).toEqual({
      Type: 'Task',
      Resource: LOCAL_WAIT_RESOURCE,
      Parameters: { 'input.$': '$', 'seconds.$': '$.delay' },
      InputPath: '$.case',
      OutputPath: '$.id',
      Next: 'Done',
      TimeoutSeconds: 25_200,
    });
    expect(prepared.tasks.get('Hold')).toEqual({ kind: 'wait', spec: { kind: 'seconds' } });
    expect(definition.States.Hold?.Type).toBe('Wait'); // the source is not modified
  });

  it('refuses a placeholder without a value, as CDK does', () => {
    expect(() => fillPlaceholders('{"Resource":"${Missing}"}', {})).toThrow(/\$\{Missing\} has no value/);
  });
});
