import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { lambdas as catalogueLambdas } from '../../infra/catalogue.js';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { TableStreamPoller } from '../../infra/local/streams.js';
import type { LambdaInvoker } from '../../infra/local/lambda-runtime.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * Issue 12 (medium): the table's stream is the outbox. The local poller
 * resumes from the oldest available record when records it had not
 * delivered are gone, says so as an error, and the platform reconciles:
 * every case in a state that owes a workflow gets one, started idempotently.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('the stream poller when records it had not delivered were trimmed', () => {
  const STREAM = 'arn:aws:dynamodb:eu-west-2:000000000000:table/t/stream/2026-01-01T00:00:00.000';
  const iteratorTypes: string[] = [];
  let server: Server;
  let endpoint = '';
  let dataDir = '';

  beforeAll(async () => {
    // A stand-in for DynamoDB and its stream: the checkpointed position has been trimmed away.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const input = JSON.parse(body || '{}') as Record<string, string>;
        const reply = (status: number, payload: unknown, errorType?: string) => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
          res.end(JSON.stringify(payload));
        };
        if (target.endsWith('.DescribeTable')) return reply(200, { Table: { TableName: 't', LatestStreamArn: STREAM } });
        if (target.endsWith('.DescribeStream')) {
          return reply(200, { StreamDescription: { StreamArn: STREAM, Shards: [{ ShardId: 'shard-1', SequenceNumberRange: { StartingSequenceNumber: '100' } }] } });
        }
        if (target.endsWith('.GetShardIterator')) {
          iteratorTypes.push(input.ShardIteratorType as string);
          return reply(200, { ShardIterator: `it-${input.ShardIteratorType}` });
        }
        if (target.endsWith('.GetRecords')) {
          if (input.ShardIterator === 'it-AFTER_SEQUENCE_NUMBER') {
            return reply(400, { __type: 'com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException', message: 'trimmed' }, 'TrimmedDataAccessException');
          }
          if (input.ShardIterator === 'it-TRIM_HORIZON') {
            const record = { eventID: 'e1', eventName: 'INSERT', dynamodb: { SequenceNumber: '100', Keys: { pk: { S: 'CASE#SCR-2026-0009' } } } };
            return reply(200, { Records: [record], NextShardIterator: 'it-after-100' });
          }
          return reply(200, { Records: [], NextShardIterator: 'it-after-100' });
        }
        return reply(400, { __type: 'UnknownOperationException', message: target }, 'UnknownOperationException');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    dataDir = mkdtempSync(join(tmpdir(), 'scr-stream-'));
    mkdirSync(join(dataDir, 'streams'), { recursive: true });
    // Last run stopped at sequence number 50, which the stream no longer holds.
    writeFileSync(join(dataDir, 'streams', 'case-stream.json'), JSON.stringify({ streamArn: STREAM, shards: { 'shard-1': { lastSequenceNumber: '50' } } }));
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs an error, asks for reconciliation, and resumes from the oldest available record', async () => {
    const errors: string[] = [];
    const lost: string[] = [];
    const delivered: unknown[] = [];
    const dynamo = new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials });
    const poller = new TableStreamPoller({
      lambdaId: 'case-stream',
      tableName: 't',
      dynamo,
      dynamoEndpoint: endpoint,
      dataDir,
      invoker: { invoke: async (_id: string, event: unknown) => void delivered.push(event) } as unknown as LambdaInvoker,
      log: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
      pollMs: 20,
      onRecordsLost: (why) => lost.push(why),
    });
    poller.start();
    try {
      await eventually(() => delivered.length, (n) => n === 1, 'the oldest available record delivered');
    } finally {
      await poller.stop();
      dynamo.destroy();
    }
    expect(lost).toEqual(['TrimmedDataAccessException']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/shard shard-1 lost records it had not delivered .*resuming from the oldest available record and reconciling/);
    expect(iteratorTypes).toEqual(['AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON']);
    expect((delivered[0] as { Records: { eventID: string }[] }).Records.map((r) => r.eventID)).toEqual(['e1']);
  });
});

describe('reconciling workflows: a case whose stream record never reached the outbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-reconcile-'));
  const clock = new FakeClock('2026-11-26T10:00:00Z');
  // The outbox's stream consumer is not running at all: as if every record had been lost.
  const noStream = catalogueLambdas.map((l) => (l.tableStream ? { ...l, tableStream: false } : l));
  let platform: LocalPlatform | undefined;
  const boot = () =>
    startLocalPlatform({ dataDir, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, lambdas: noStream, waitPollMs: 50 });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('at start-up, every case that owes a workflow has one, started once, and its emails go', async () => {
    platform = await boot();
    const idToken = (await signInReferrerLocally(platform, 'lost.record@example.org')).IdToken!;
    const res = await fetch(`${platform.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(makeReferral({ referrer: { email: 'lost.record@example.org' } })),
    });
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const executionArn = `${platform.stateMachineArn('decision').replace(':stateMachine:', ':execution:')}:${reference}`;
    const describe = async (p: LocalPlatform) => {
      const sfn = new SFNClient({ endpoint: p.sfnEndpoint, region: 'eu-west-2', credentials });
      try {
        return (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
      } catch (error) {
        return (error as Error).name;
      } finally {
        sfn.destroy();
      }
    };
    // Nothing delivered the record: no workflow, no emails.
    expect(await describe(platform)).toBe('ExecutionDoesNotExist');
    expect((await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference))).toHaveLength(0);
    await platform.stop();

    platform = await boot();
    expect(await describe(platform)).toBe('RUNNING');
    const emails = await eventually(
      async () => (await readMailbox(platform!.sesEndpoint)).filter((m) => m.subject.includes(reference)),
      (m) => m.length === 3,
      'the referral emails from the reconciled workflow',
    );
    expect(emails.map((m) => m.to[0]).sort()).toEqual(['lost.record@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
  }, 180_000);
});
