import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FakeClock } from '../../functions/ports/clock.js';
import { REFUSALS_PER_WINDOW, shardOf } from '../../functions/domain/access/security-events.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { canIsolateNetwork } from '../../infra/local/dynamodb.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * Issue 12's local hardening on a running platform: every local service is
 * reachable from this computer only, refusals and link views are counted
 * rather than written one row per request, and /act is never stored.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z');
let platform: LocalPlatform;
let dataDir: string;
let ddb: DynamoDBDocumentClient;

const portOf = (url: string) => Number(new URL(url).port);

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Local addresses of listening TCP sockets on `port`, from `ss` (iproute2). */
function listenAddresses(port: number): string[] {
  const out = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error('ss is not available');
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/)[3] ?? '')
    .map((local) => local.slice(0, local.lastIndexOf(':')));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-local-security-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock });
  ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
}, 120_000);

afterAll(async () => {
  ddb?.destroy();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every local service is reachable from this computer only', () => {
  const services = () => ({
    'web and API': portOf(platform.appUrl),
    'DynamoDB Local': portOf(platform.dynamoEndpoint),
    'SES (mailbox)': portOf(platform.sesEndpoint),
    'Step Functions': portOf(platform.sfnEndpoint),
    'S3 (attached files)': portOf(platform.s3Endpoint),
  });

  it('listens on 127.0.0.1 only, DynamoDB Local included', () => {
    // This machine runs DynamoDB Local in its own network namespace; say so if it cannot, rather than pass quietly.
    expect(canIsolateNetwork(), 'unprivileged user and network namespaces (unshare, ip) are available here').toBe(true);
    for (const [name, port] of Object.entries(services())) {
      expect(listenAddresses(port), name).toEqual(['127.0.0.1']);
    }
  });

  it('refuses connections on every non-loopback address of this machine, and accepts them on loopback', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const [name, port] of Object.entries(services())) {
      expect(await accepts('127.0.0.1', port), `${name} on loopback`).toBe(true);
      for (const address of external) expect(await accepts(address, port), `${name} on ${address}`).toBe(false);
    }
  });
});

describe('the /act page', () => {
  it('is served no-store; other app pages no-cache', async () => {
    const act = await fetch(`${platform.appUrl}/act`);
    const tasks = await fetch(`${platform.appUrl}/tasks`);
    expect(act.status).toBe(200);
    expect(act.headers.get('cache-control')).toBe('no-store');
    expect(tasks.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('a signed-in user cannot flood the audit trail', () => {
  it('counts refused cases in one item per person per minute, spread by day and user, and answers 429 past the limit', async () => {
    // Prepare: an external reader is on no case, so every case is 404 to them
    const reader = platform.localStaff.accounts.find((a) => a.role === 'external-reader')!;
    const tokens = await signInStaffLocally(platform, reader.email, platform.localStaff.password);
    const me = (await (await fetch(`${platform.apiUrl}/me`, { headers: { authorization: `Bearer ${tokens.IdToken}` } })).json()) as { userId: string };
    const get = (reference: string) => fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${tokens.IdToken}` } });
    const total = REFUSALS_PER_WINDOW + 5;

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < total; i++) statuses.push((await get(`SCR-2026-${String(9000 + i).padStart(4, '0')}`)).status);
    clock.advance(60_000);
    const nextMinute = (await get('SCR-2026-9999')).status;
    const partition = `SECURITY#2026-11-26#${shardOf(me.userId)}`;
    const items = (
      await ddb.send(new QueryCommand({ TableName: platform.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition } }))
    ).Items!.filter((i) => i.actor?.userId === me.userId);

    // Assess
    expect(statuses.slice(0, REFUSALS_PER_WINDOW)).toEqual(Array(REFUSALS_PER_WINDOW).fill(404));
    expect(statuses.slice(REFUSALS_PER_WINDOW)).toEqual(Array(5).fill(429));
    expect(nextMinute).toBe(404);
    // Two minutes, two items: the first with every refusal counted, carrying its first attempt.
    expect(items.map((i) => [i.sk.slice(0, 17), i.count])).toEqual([
      ['2026-11-26T10:00Z', total],
      ['2026-11-26T10:01Z', 1],
    ]);
    expect(items[0]).toMatchObject({ action: 'access.denied', type: 'audit', detail: { attemptedReference: 'SCR-2026-9000' } });
    // People's refusals spread over the day's partitions.
    const shards = new Set(Array.from({ length: 64 }, () => shardOf(crypto.randomUUID())));
    expect(shards.size).toBeGreaterThan(8);
    expect([...shards].every((s) => s >= 0 && s < 16)).toBe(true);
  });

  it('counts repeated views of an action link as one audit item a minute', async () => {
    // Prepare: a referral, whose "recommendation needed" email to the sub-committee chair carries a link
    const referrer = 'flood.test@example.org';
    const idToken = (await signInReferrerLocally(platform, referrer)).IdToken!;
    const res = await fetch(`${platform.apiUrl}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(makeReferral({ referrer: { email: referrer } })),
    });
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const chair = platform.localStaff.accounts.find((a) => a.role === 'sub-committee-chair')!;
    const mail = await eventually(
      async () => (await readMailbox(platform.sesEndpoint)).filter((m) => m.to.includes(chair.email) && m.subject.includes(reference)),
      (m) => m.some((e) => /\/act#/.test(e.text)),
      'the chair’s email with a link',
    );
    const secret = /\/act#([A-Za-z0-9_-]{40,64})/.exec(mail.find((e) => /\/act#/.test(e.text))!.text)![1]!;
    const token = (await signInStaffLocally(platform, chair.email, platform.localStaff.password)).IdToken!;
    const view = () => fetch(`${platform.apiUrl}/actions`, { headers: { authorization: `Bearer ${token}`, 'x-action-token': secret } });

    // Act
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await view()).status);
    const views = (
      await ddb.send(
        new QueryCommand({
          TableName: platform.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
          ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':audit': 'AUDIT#' },
        }),
      )
    ).Items!.filter((i) => i.action === 'action-link.viewed');

    // Assess
    expect(statuses).toEqual(Array(8).fill(200));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ count: 8, actor: { email: chair.email } });
  });
});
