import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { repoRoot, startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { sesEventsFor } from '../../infra/local/ses-events.js';
import { handler as sesEventsHandler } from '../../functions/handlers/ses-events.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * Proof of delivery on the local runtime: the local SES produces SES's
 * sending events, the ses-events Lambda records them, and the case page
 * shows each email as delivered, pending or failed.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUSINESS_MANAGER = 'lscb-business-manager@example.org';
const BOUNCE = 'bounce@simulator.amazonses.com';

interface NotificationView {
  kind: string;
  recipientRole: string;
  email: string;
  status: 'pending' | 'delivered' | 'failed';
  at: string;
}

/** A platform on free ports with its own data, a fake clock and (optionally) its own Board configuration. */
async function start(boardConfigFile?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-delivery-'));
  const clock = new FakeClock('2026-11-26T10:00:00Z');
  const platform = await startLocalPlatform({
    dataDir,
    fresh: true,
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    clock,
    sesEventPollMs: 50,
    ...(boardConfigFile ? { boardConfigFile } : {}),
  });
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials }));
  return { platform, clock, ddb, dataDir };
}

async function refer(platform: LocalPlatform, email: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, email)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email } })),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

async function notificationsOnCasePage(platform: LocalPlatform, token: string, reference: string): Promise<NotificationView[]> {
  const res = await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { notifications?: NotificationView[] }).notifications ?? [];
}

const mailAbout = async (platform: LocalPlatform, reference: string, filter: (m: CapturedEmail) => boolean = () => true) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference) && filter(m));

describe('proof of delivery with the example Board', () => {
  let env: Awaited<ReturnType<typeof start>>;
  let reference = '';
  let token = '';

  beforeAll(async () => {
    env = await start();
    reference = await refer(env.platform, 'delivered.referrer@example.org');
    token = (await signInStaffLocally(env.platform, BUSINESS_MANAGER, env.platform.localStaff.password)).IdToken!;
  });

  afterAll(async () => {
    await env?.platform.stop();
    if (env) rmSync(env.dataDir, { recursive: true, force: true });
  });

  it("shows the referral's three emails as delivered on the case page", async () => {
    // Act
    const notifications = await eventually(
      () => notificationsOnCasePage(env.platform, token, reference),
      (n) => n.length === 3 && n.every((x) => x.status === 'delivered'),
      'three delivered emails',
    );
    // Assess
    expect(notifications.map((n) => n.recipientRole).sort()).toEqual(['board-chair', 'referrer', 'sub-committee-chair']);
    expect(notifications.every((n) => n.kind === 'referral-received' && n.at !== '')).toBe(true);
    expect(notifications.find((n) => n.recipientRole === 'referrer')?.email).toBe('delivered.referrer@example.org');
  });

  it('records each delivery on the case timeline without any email body, and alerts nobody', async () => {
    const audit = await env.ddb.send(
      new QueryCommand({
        TableName: env.platform.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':a': 'AUDIT#' },
      }),
    );
    const delivered = (audit.Items ?? []).filter((i) => i.action === 'notification.delivered');
    expect(delivered).toHaveLength(3);
    for (const item of delivered) expect(Object.keys(item.detail as object).sort()).toEqual(['event', 'eventAt', 'messageId', 'notification', 'recipientRole']);
    expect(await mailAbout(env.platform, reference, (m) => m.to.includes(BUSINESS_MANAGER))).toHaveLength(0);
  });
});

describe('a statutory email that bounces', () => {
  let env: Awaited<ReturnType<typeof start>>;
  let configDir = '';
  let reference = '';
  let token = '';

  beforeAll(async () => {
    // Prepare: the sub-committee chair's address is SES's bounce simulator.
    configDir = mkdtempSync(join(tmpdir(), 'scr-delivery-board-'));
    const board = JSON.parse(readFileSync(join(repoRoot, 'infra/config/board.example.json'), 'utf8')) as Record<string, unknown>;
    board.subCommitteeChair = { name: 'Sub-committee Chair', email: BOUNCE };
    const file = join(configDir, 'board.json');
    writeFileSync(file, JSON.stringify(board));
    env = await start(file);
    reference = await refer(env.platform, 'bounce.case.referrer@example.org');
    token = (await signInStaffLocally(env.platform, BUSINESS_MANAGER, env.platform.localStaff.password)).IdToken!;
  });

  afterAll(async () => {
    await env?.platform.stop();
    if (env) rmSync(env.dataDir, { recursive: true, force: true });
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  const notificationItem = async () =>
    (
      await env.ddb.send(
        new GetCommand({
          TableName: env.platform.tableName,
          Key: { pk: `CASE#${reference}`, sk: 'NOTIFICATION#referral-received#sub-committee-chair' },
          ConsistentRead: true,
        }),
      )
    ).Item;
  const auditCount = async () =>
    (
      await env.ddb.send(
        new QueryCommand({
          TableName: env.platform.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
          ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':a': 'AUDIT#' },
          Select: 'COUNT',
        }),
      )
    ).Count ?? 0;

  it("shows the sub-committee chair's email as failed and the others as delivered", async () => {
    const notifications = await eventually(
      () => notificationsOnCasePage(env.platform, token, reference),
      (n) => n.filter((x) => x.kind === 'referral-received' && x.status !== 'pending').length === 3,
      'every referral email settled',
    );
    const byRole = Object.fromEntries(notifications.filter((n) => n.kind === 'referral-received').map((n) => [n.recipientRole, n.status]));
    expect(byRole).toEqual({ referrer: 'delivered', 'sub-committee-chair': 'failed', 'board-chair': 'delivered' });
  });

  it('alerts the business manager once, with the reference, the role and the case page, and no case details', async () => {
    const alerts = await eventually(
      () => mailAbout(env.platform, reference, (m) => m.to.includes(BUSINESS_MANAGER)),
      (m) => m.length >= 1,
      'the alert to the business manager',
    );
    // Give a duplicate the chance to show itself.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailAbout(env.platform, reference, (m) => m.to.includes(BUSINESS_MANAGER))).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.subject).toBe(`Email not delivered: referral ${reference}`);
    expect(alert?.text).toContain('the chair of the Strategic and Serious Case Review sub-committee');
    expect(alert?.text).toContain('could not be delivered');
    expect(alert?.text).toContain(`/cases/${reference}`);
    const { child } = makeReferral();
    for (const detail of [child.firstNames, child.lastName, child.dateOfBirth ?? '']) expect(alert?.text).not.toContain(detail);
  });

  it('a redelivered event, or an older one arriving late, changes nothing', async () => {
    // Prepare: the bounced email, settled, and what the table says about it.
    await eventually(notificationItem, (i) => (i?.delivery as { status?: string } | undefined)?.status === 'failed', 'the bounce recorded');
    const bounced = (await readMailbox(env.platform.sesEndpoint)).find((m) => m.to.includes(BOUNCE) && m.subject.includes(reference));
    expect(bounced?.messageId).toBeTruthy();
    const before = await notificationItem();
    const auditBefore = await auditCount();
    // The emitter stamps the bounce a millisecond after SES accepted the email.
    const events = sesEventsFor(bounced!, new Date(Date.parse(String((before?.delivery as { at: string }).at)) - 1));
    const bounce = events.find((e) => e['detail-type'] === 'Email Bounced')!;
    const context = { localEnv: env.platform.env, localClock: env.clock, localSecurityClock: env.clock } as unknown as Context;

    // Act: the same bounce again, and a delivery from before it.
    const again = (await sesEventsHandler(bounce, context)) as { outcome: string; alerted: boolean };
    const older = structuredClone(events[0]!);
    older['detail-type'] = 'Email Delivered';
    older.detail = { ...older.detail, eventType: 'Delivery', delivery: { timestamp: '2026-11-26T09:00:00.000Z', recipients: [BOUNCE] } };
    const late = (await sesEventsHandler(older, context)) as { outcome: string; alerted: boolean };

    // Assess
    expect(again).toMatchObject({ outcome: 'superseded', alerted: false });
    expect(late).toMatchObject({ outcome: 'superseded', alerted: false });
    expect(await notificationItem()).toEqual(before);
    expect(await auditCount()).toBe(auditBefore);
    expect(await mailAbout(env.platform, reference, (m) => m.to.includes(BUSINESS_MANAGER))).toHaveLength(1);
  });
});
