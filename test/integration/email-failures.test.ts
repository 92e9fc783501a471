import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { lambdas as catalogueLambdas } from '../../infra/catalogue.js';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { disarm, failSends, faults } from './support/faults/faults.js';
import { eventually } from '../support/eventually.js';

/**
 * Issue 12 (medium): SES throttling or failure no longer ends the workflow.
 * The send is retried with backoff (ASL Retry on TransientError, then the
 * check loop every 10 minutes); an email that keeps failing is parked for
 * the business manager (a task on "My tasks", failed on the case page, an
 * audit event, the "Emails parked" log line the AWS alarm counts) and the
 * workflow goes on. SES is made to fail by a wrapper around the real mailer
 * of the email-sending Lambdas (test/integration/support/faults).
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BM = 'lscb-business-manager@example.org';
const CHAIR = 'lscb-chair@example.org';
const SUB = 'scr-subcommittee-chair@example.org';

const faultyEntries: Record<string, string> = {
  'case-stream': 'test/integration/support/faults/case-stream.ts',
  'workflow-notify': 'test/integration/support/faults/workflow-notify.ts',
  'workflow-check-deadlines': 'test/integration/support/faults/workflow-check-deadlines.ts',
};
const lambdas = catalogueLambdas.map((l) => (faultyEntries[l.id] ? { ...l, entry: faultyEntries[l.id] as string } : l));

describe('SES throttled or failing', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-ses-fail-'));
  const clock = new FakeClock('2026-11-26T10:00:00Z');
  let platform: LocalPlatform;
  let ddb: DynamoDBDocumentClient;
  let sfn: SFNClient;

  beforeAll(async () => {
    disarm();
    platform = await startLocalPlatform({ dataDir, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, lambdas, waitPollMs: 50 });
    ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials }));
    sfn = new SFNClient({ region: 'eu-west-2', endpoint: platform.sfnEndpoint, credentials });
  }, 120_000);

  afterAll(async () => {
    disarm();
    await platform?.stop();
    ddb?.destroy();
    sfn?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function refer(email: string): Promise<string> {
    const idToken = (await signInReferrerLocally(platform, email)).IdToken!;
    const res = await fetch(`${platform.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(makeReferral({ referrer: { email } })),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { reference: string }).reference;
  }

  const notification = async (reference: string, recipientRole: string) =>
    (
      await ddb.send(
        new GetCommand({
          TableName: platform.tableName,
          Key: { pk: `CASE#${reference}`, sk: `NOTIFICATION#referral-received#${recipientRole}` },
          ConsistentRead: true,
        }),
      )
    ).Item;

  const executionStatus = async (reference: string) =>
    (
      await sfn.send(
        new DescribeExecutionCommand({ executionArn: `${platform.stateMachineArn('decision').replace(':stateMachine:', ':execution:')}:${reference}` }),
      )
    ).status;

  it('throttled twice: the task is retried with backoff and the email goes once; the workflow runs on', async () => {
    failSends(CHAIR, 2, 'ThrottlingException');
    const reference = await refer('throttled.referrer@example.org');
    const item = await eventually(() => notification(reference, 'board-chair'), (n) => n?.status === 'sent', 'the board chair email sent');
    expect(item).toMatchObject({ attempts: 3 });
    expect(faults.failing?.seen).toBe(2);
    const mail = (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference));
    expect(mail.filter((m) => m.to.includes(CHAIR))).toHaveLength(1);
    expect(mail).toHaveLength(3);
    expect(await executionStatus(reference)).toBe('RUNNING');
  }, 120_000);

  it('failing for good: retried, then parked for the business manager (My tasks, case page, audit) while the workflow goes on', async () => {
    failSends(SUB, Number.POSITIVE_INFINITY, 'MessageRejected');
    const reference = await refer('failing.referrer@example.org');
    // Three attempts by the notify task (ASL Retry), then its Catch goes on to the check loop, whose sweep tries a fourth.
    await eventually(() => notification(reference, 'sub-committee-chair'), (n) => n?.status === 'failed' && n.attempts === 4, 'four failed attempts');
    expect(await executionStatus(reference)).toBe('RUNNING');
    // The others were not held up.
    const others = (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference));
    expect(others.map((m) => m.to[0]).sort()).toEqual(['failing.referrer@example.org', CHAIR]);

    // The check loop tries again 10 minutes later: the fifth failure parks it.
    clock.advance(10 * 60 * 1000 + 1000);
    await eventually(() => notification(reference, 'sub-committee-chair'), (n) => n?.status === 'parked', 'the email parked');
    expect(await executionStatus(reference)).toBe('RUNNING');
    expect(faults.failing?.seen).toBe(5);

    const audit = await ddb.send(
      new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':a': 'AUDIT#' },
      }),
    );
    const parked = (audit.Items ?? []).filter((i) => i.action === 'notification.parked');
    expect(parked).toHaveLength(1);
    expect(parked[0]?.detail).toMatchObject({ notification: 'referral-received', recipientRole: 'sub-committee-chair', attempts: 5, errorName: 'MessageRejected' });

    const token = (await signInStaffLocally(platform, BM, platform.localStaff.password)).IdToken!;
    const tasks = (await (await fetch(`${platform.apiUrl}/tasks`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      tasks: { reference: string; label: string; status: string }[];
    };
    expect(tasks.tasks.filter((t) => t.reference === reference && t.label.startsWith('Email not sent'))).toEqual([
      expect.objectContaining({
        status: 'overdue',
        label: 'Email not sent after 5 attempts: "referral received" to the chair of the Strategic and Serious Case Review sub-committee. Contact them another way',
      }),
    ]);
    const page = (await (await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      notifications: { recipientRole: string; status: string; note?: string }[];
    };
    expect(page.notifications.find((n) => n.recipientRole === 'sub-committee-chair')).toMatchObject({
      status: 'failed',
      note: 'Not sent after 5 attempts: set aside for the business manager',
    });
  }, 180_000);
});
