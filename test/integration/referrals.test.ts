import { TransientError } from '../../functions/domain/errors.js';
import { caseTasks } from '../../functions/domain/case/case-views.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { eventually } from '../support/eventually.js';
import { toCreateTableInput } from '../../infra/local/table.js';
import { DynamoCaseStore } from '../../functions/adapters/aws/dynamo-case-store.js';
import { DynamoSessionStore } from '../../functions/adapters/aws/dynamo-session-store.js';
import type { SessionCheck } from '../../functions/ports/case-store.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { cryptoIds } from '../../functions/ports/ids.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let platform: LocalPlatform;
let dataDir: string;
let ddb: DynamoDBDocumentClient;
let sfn: SFNClient;
const tokens = new Map<string, string>();

/** A referrer's ID token, signing them in (code from the mailbox) the first time. */
async function tokenFor(email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, (await signInReferrerLocally(platform, email)).IdToken!);
  return tokens.get(email)!;
}

const post = async (body: string | object, headers: Record<string, string> = {}, asEmail = 'alex.referrer@example.org') =>
  fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
      authorization: `Bearer ${await tokenFor(asEmail)}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const allItems = async () => (await ddb.send(new ScanCommand({ TableName: platform.tableName, ConsistentRead: true }))).Items ?? [];
const caseItems = async (reference: string) =>
  (
    await ddb.send(
      new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];
const mailFor = async (reference: string) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference));
/**
 * Waits until no workflow is still writing, so item counts measure only the
 * request under test. The decision executions stay RUNNING (waiting for the
 * first reminder, which the fake clock never reaches), so wait for the table.
 */
async function settle() {
  let count = -1;
  await eventually(
    async () => {
      const before = count;
      count = (await allItems()).length;
      await new Promise((r) => setTimeout(r, 300));
      return before === count && (await allItems()).length === count;
    },
    (stable) => stable,
    'the table to stop changing',
  );
}

const executionArn = (reference: string) =>
  `arn:aws:states:eu-west-2:000000000000:execution:decision:${reference}`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-int-'));
  platform = await startLocalPlatform({
    dataDir,
    fresh: true,
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    clock: new FakeClock('2026-11-26T10:00:00Z'),
  });
  ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials }));
  sfn = new SFNClient({ region: 'eu-west-2', endpoint: platform.sfnEndpoint, credentials });
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /api/referrals', () => {
  it('stores the case with its audit event, starts the workflow and sends three emails', async () => {
    // Act
    const res = await post(makeReferral());
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { reference: string; receivedAt: string; replayed: boolean };
    expect(body).toEqual({ reference: 'SCR-2026-0001', receivedAt: '2026-11-26T10:00:00.000Z', replayed: false });

    const items = await caseItems(body.reference);
    const caseItem = items.find((i) => i.sk === 'CASE');
    expect(caseItem).toMatchObject({
      status: 'awaiting-recommendation',
      criteria: { outcome: 'mandatory' },
      deadlines: {
        recommendation: { dueDate: '2026-12-10', kind: 'working-days' },
        decision: { dueDate: '2026-12-26', rule: '1 calendar month from 2026-11-26 = 2026-12-26 end of day (Europe/London)' },
      },
    });
    const audit = items.filter((i) => String(i.sk).startsWith('AUDIT#'));
    expect(audit[0]).toMatchObject({ action: 'referral.submitted', actor: { kind: 'referrer', email: 'alex.referrer@example.org' } });
    expect(audit[0]?.requestId).toBeTruthy();

    const execution = await eventually(
      () => sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(body.reference) })).catch(() => undefined),
      (e) => e?.status === 'RUNNING',
      'the decision execution to start',
    );
    expect(JSON.parse(execution!.input!)).toEqual({ reference: body.reference });

    const mail = await eventually(() => mailFor(body.reference), (m) => m.length === 3, 'three emails');
    const toReferrer = mail.find((m) => m.to.includes('alex.referrer@example.org'));
    const toChair = mail.find((m) => m.to.includes('scr-subcommittee-chair@example.org'));
    expect(toReferrer?.subject).toBe('Referral SCR-2026-0001 received');
    expect(toChair?.subject).toContain('recommendation for referral SCR-2026-0001');
    // A single-use action link; its secret only after `#`, so no server log ever holds it.
    expect(toChair?.text).toMatch(new RegExp(`${platform.appUrl}/act#[A-Za-z0-9_-]{43}`));
    const toBoardChair = mail.find((m) => m.to.includes('lscb-chair@example.org'));
    expect(toBoardChair?.subject).toBe('Referral SCR-2026-0001 received: your decision is due by Saturday 26 December 2026');
    for (const m of mail) {
      for (const secret of ['Sam', 'Fictional', '2018-04-12', 'fictional account', 'Siblings']) {
        expect(m.subject + m.text + m.html).not.toContain(secret);
      }
    }
    const sentAudit = await eventually(
      async () => (await caseItems(body.reference)).filter((i) => i.action === 'notification.sent'),
      (a) => a.length === 3,
      'three sent-email audit events',
    );
    expect(sentAudit).toHaveLength(3);
    // The referrer is a member of their own referral, so they can follow its status.
    expect(items.find((i) => i.sk === `MEMBER#${caseItem?.referrerUserId}`)).toMatchObject({ role: 'referrer' });
  });

  it('treats a retried submission as the same referral: one case, one execution, one set of emails', async () => {
    const key = crypto.randomUUID();
    const referral = makeReferral({ referrer: { email: 'retry.tester@example.org' } });
    const as = 'retry.tester@example.org';
    const first = await post(referral, { 'idempotency-key': key }, as);
    const again = await Promise.all([post(referral, { 'idempotency-key': key }, as), post(referral, { 'idempotency-key': key }, as)]);
    expect(first.status).toBe(201);
    const { reference } = (await first.json()) as { reference: string };
    for (const res of again) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ reference, replayed: true });
    }
    await eventually(() => mailFor(reference), (m) => m.length === 3, 'three emails');
    // Give any duplicate a chance to show up before asserting there is none.
    await settle();
    expect(await mailFor(reference)).toHaveLength(3);
    const cases = (await allItems()).filter((i) => i.type === 'case' && i.referral?.referrer?.email === 'retry.tester@example.org');
    expect(cases).toHaveLength(1);
    const executions = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:decision' }),
    );
    expect(executions.executions?.filter((e) => e.name === reference)).toHaveLength(1);
  });

  it('refuses a reused key with a different referral and writes nothing', async () => {
    const key = crypto.randomUUID();
    expect((await post(makeReferral(), { 'idempotency-key': key })).status).toBe(201);
    await settle();
    const before = (await allItems()).length;
    const res = await post(makeReferral({ child: { firstNames: 'Different' } }), { 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/reuses the key/);
    expect((await allItems()).length).toBe(before);
  });

  it('gives 50 concurrent submissions 50 cases with consecutive references and no 5xx', async () => {
    // Prepare: one referrer's token first, so the burst is all submissions.
    const BURST = 50;
    await tokenFor('alex.referrer@example.org');
    // Act
    const results = await Promise.all(Array.from({ length: BURST }, () => post(makeReferral())));
    // Assess
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const refs = await Promise.all(results.map(async (r) => ((await r.json()) as { reference: string }).reference));
    expect(new Set(refs).size).toBe(BURST);
    const numbers = refs.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    expect(numbers.map((n) => n - numbers[0]!)).toEqual(Array.from({ length: BURST }, (_, i) => i));
    const stored = (await allItems()).filter((i) => i.type === 'case' && refs.includes(String(i.reference)));
    expect(stored).toHaveLength(BURST);
    // Every case set off its workflow: three emails each, and none twice (this also leaves the platform settled).
    const mail = await eventually(
      async () => (await readMailbox(platform.sesEndpoint)).filter((m) => refs.some((r) => m.subject.includes(r))),
      (m) => m.length >= BURST * 3,
      `${BURST * 3} emails for the burst`,
      120_000,
    );
    expect(mail).toHaveLength(BURST * 3);
  }, 240_000);

  it('allocates consecutive references when ten Lambda instances race for them', async () => {
    // Prepare: a stream-less copy of the table (no workflows), and ten stores as ten warm Lambdas would hold.
    const tableName = `contention-${crypto.randomUUID()}`;
    const raw = new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials });
    await raw.send(new CreateTableCommand({ ...toCreateTableInput(tableName), StreamSpecification: undefined }));
    const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
    const deps = { board, calendar: englandAndWalesCalendar(), ids: cryptoIds };
    const stores = Array.from({ length: 10 }, () => new DynamoCaseStore(doc, tableName, 'SCR', (c, now) => caseTasks(c, deps, now)));
    const referral = makeReferral();
    // Under heavy contention on a busy machine a submission may exhaust the store's retry budget: the API then
    // answers 503 with Retry-After, and the client sends the same request again (same idempotency key). Do the same.
    let retried = 0;
    const submit = async (store: DynamoCaseStore) => {
      const request = {
        year: 2026,
        idempotencyKey: crypto.randomUUID(),
        payloadHash: 'hash',
        build: (reference: string) => buildCase(referral, reference, new Date('2026-11-26T10:00:00Z'), deps, { requestId: 'race' }),
      };
      for (let attempt = 1; ; attempt++) {
        try {
          return await store.createCase(request);
        } catch (error) {
          if (!(error instanceof TransientError) || attempt >= 10) throw error;
          retried++;
        }
      }
    };
    // Act: five submissions on each instance at once.
    const results = await Promise.all(stores.flatMap((store) => Array.from({ length: 5 }, () => submit(store))));
    // Assess
    // A retried submission whose first attempt did write is answered as replayed, with its reference.
    const refs = results.map((r) => (r.kind === 'created' ? r.caseRecord.reference : r.kind === 'replayed' ? r.reference : r.kind));
    expect(refs.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const counter = await doc.send(new GetCommand({ TableName: tableName, Key: keys.referenceCounter(2026), ConsistentRead: true }));
    expect(counter.Item?.sequence).toBe(50);
    if (retried > 0) console.log(`Reference allocation: ${retried} submission(s) asked to retry under contention`);
    await raw.send(new DeleteTableCommand({ TableName: tableName }));
  }, 120_000);

  describe('bad input gets a clear 4xx and writes nothing', () => {
    beforeAll(settle);
    const cases: [string, () => Promise<Response>, number, RegExp | string][] = [
      ['a body that is not JSON', () => post('{"referrer": '), 400, 'The request body is not valid JSON'],
      ['an empty body', () => post(''), 400, /empty/],
      ['another media type', () => post('a=b', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /JSON/],
      ['an oversized body', () => post({ ...makeReferral(), padding: 'x'.repeat(70 * 1024) }), 413, /64 KB or smaller/],
      ['no idempotency key', () => post(makeReferral(), { 'idempotency-key': '' }), 400, /Idempotency-Key/],
      ['no sign-in', () => post(makeReferral(), { authorization: '' }), 401, /Sign in/],
      ['a forged token', () => post(makeReferral(), { authorization: 'Bearer aaa.bbb.ccc' }), 401, /Sign in/],
      [
        'a staff token instead of a referrer token',
        async () =>
          post(makeReferral(), {
            authorization: `Bearer ${(await signInStaffLocally(platform, platform.localStaff.accounts[0]!.email, platform.localStaff.password)).IdToken}`,
          }),
        401,
        /Sign in/,
      ],
    ];
    it.each(cases)('%s', async (_name, act, status, message) => {
      const before = (await allItems()).length;
      const res = await act();
      expect(res.status).toBe(status);
      const body = (await res.json()) as { message: string };
      expect(body.message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts|Exception|node_modules/);
      expect((await allItems()).length).toBe(before);
    });

    it('unknown fields and wrong types: per-field messages', async () => {
      const before = (await allItems()).length;
      const referral = makeReferral() as unknown as Record<string, Record<string, unknown>>;
      referral.child!.address = '1 Secret Lane';
      referral.incident!.date = 20261120;
      referral.furtherCriteria!.met = 'all';
      const res = await post(referral);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { name: string; href: string; text: string }[] };
      expect(body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'child.address', href: '#child-address' }),
          expect.objectContaining({ name: 'incident.date', text: 'Enter the date it happened' }),
          expect.objectContaining({ name: 'furtherCriteria.met', text: 'Select criteria from the list' }),
        ]),
      );
      expect((await allItems()).length).toBe(before);
    });
  });

  it('refuses a referral whose email is not the one the referrer verified', async () => {
    const res = await post(makeReferral({ referrer: { email: 'someone.else@example.org' } }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { name: string }[] }).errors).toEqual([
      expect.objectContaining({ name: 'referrer.email', text: 'Enter the work email address you confirmed with a code, or confirm this one' }),
    ]);
  });

  describe('the session is checked inside the write (no read before it)', () => {
    const casesBy = async (email: string) => (await allItems()).filter((i) => i.type === 'case' && i.referral?.referrer?.email === email);

    it('a new sign-in submits, and its session is recorded by the same transaction', async () => {
      const email = 'fresh.session@example.org';
      const res = await post(makeReferral({ referrer: { email } }), {}, email);
      expect(res.status).toBe(201);
      const sessions = (await allItems()).filter((i) => i.type === 'session' && String(i.pk).startsWith('SESSION#') && i.userId);
      const [item] = await casesBy(email);
      expect(sessions.some((x) => x.userId === item?.referrerUserId && x.lastSeenAt === '2026-11-26T10:00:00.000Z')).toBe(true);
    });

    it('after signing out, a submission (or a replay of an earlier one) is refused with 401 and writes nothing', async () => {
      // Prepare: one referral sent, then sign out on the server.
      const email = 'signed.out@example.org';
      const key = crypto.randomUUID();
      const referral = makeReferral({ referrer: { email } });
      expect((await post(referral, { 'idempotency-key': key }, email)).status).toBe(201);
      await settle();
      const out = await fetch(`${platform.apiUrl}/session/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(email)}` } });
      expect(out.status).toBe(204);
      await settle();
      const before = (await allItems()).length;
      // Act
      const fresh = await post(makeReferral({ referrer: { email } }), {}, email);
      const replay = await post(referral, { 'idempotency-key': key }, email);
      // Assess
      for (const res of [fresh, replay]) {
        expect(res.status).toBe(401);
        expect(((await res.json()) as { message: string }).message).toBe('You have been signed out. Sign in again.');
      }
      expect(await casesBy(email)).toHaveLength(1);
      expect((await allItems()).length).toBe(before);
    });

    it("the write is refused when the session is idle, another user's, or begun before the user was signed out everywhere", async () => {
      // Prepare: the store on a stream-less copy of the table (no workflows), as the handler uses it.
      const tableName = `sessions-${crypto.randomUUID()}`;
      const raw = new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials });
      await raw.send(new CreateTableCommand({ ...toCreateTableInput(tableName), StreamSpecification: undefined }));
      const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
      const sessions = new DynamoSessionStore(doc, tableName);
      const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
      const deps = { board, calendar: englandAndWalesCalendar(), ids: cryptoIds };
      const store = new DynamoCaseStore(doc, tableName, 'SCR', (c, now) => caseTasks(c, deps, now));
      const t0 = new Date('2026-11-26T10:00:00Z');
      const authTime = t0.getTime() / 1000 - 60;
      const submit = (session: SessionCheck) =>
        store.createCase({
          year: 2026,
          idempotencyKey: crypto.randomUUID(),
          payloadHash: 'hash',
          build: (reference) => buildCase(makeReferral(), reference, session.now, deps, { requestId: 'session' }),
          session,
        });
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
      const alice = { sessionId: 'alice-1', userId: 'alice', authTime, idleMs: 30 * 60_000 };
      const kinds = async (session: SessionCheck) => (await submit(session)).kind;

      // Act and assess: a new session is created by the write; activity keeps it alive.
      expect(await kinds({ ...alice, now: at(0) })).toBe('created');
      expect(await kinds({ ...alice, now: at(29) })).toBe('created');
      expect(await kinds({ ...alice, now: at(58) })).toBe('created');
      // Idle for more than 30 minutes: refused, and touch() then calls it idle.
      expect(await kinds({ ...alice, now: at(89) })).toBe('session-ended');
      expect(await sessions.touch('alice-1', 'alice', authTime, at(89), 30 * 60_000)).toBe('idle');
      // Someone else's session id.
      expect(await kinds({ ...alice, sessionId: 'alice-2', now: at(90) })).toBe('created');
      expect(await kinds({ ...alice, sessionId: 'alice-2', userId: 'mallory', now: at(91) })).toBe('session-ended');
      // Signed out everywhere after this sign-in: refused; a sign-in after that is fine.
      await sessions.revokeUser('alice', at(92));
      expect(await kinds({ ...alice, sessionId: 'alice-2', now: at(93) })).toBe('session-ended');
      expect(await kinds({ ...alice, sessionId: 'alice-3', authTime: at(94).getTime() / 1000, now: at(94) })).toBe('created');
      const counter = await doc.send(new GetCommand({ TableName: tableName, Key: keys.referenceCounter(2026), ConsistentRead: true }));
      expect(counter.Item?.sequence).toBe(5);
      await raw.send(new DeleteTableCommand({ TableName: tableName }));
    });
  });

  it('reads no case data without a signed-in caller', async () => {
    expect([404, 405]).toContain((await fetch(`${platform.apiUrl}/referrals`)).status);
    expect((await fetch(`${platform.apiUrl}/referrals/SCR-2026-0001`)).status).toBe(404);
    expect((await fetch(`${platform.apiUrl}/cases/SCR-2026-0001`)).status).toBe(401);
    expect((await fetch(`${platform.apiUrl}/cases`)).status).toBe(401);
  });
});

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await fetch(`${platform.apiUrl}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { Referral: { properties: Record<string, unknown>; additionalProperties: boolean } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/referrals');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cases/{reference}/review/extensions', '/api/cases/{reference}/review/panel']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Extension', 'OfstedForm', 'PanelMember']));
    expect(Object.keys(doc.components.schemas.Referral.properties)).toEqual([
      'referrer',
      'child',
      'incident',
      'concerns',
      'furtherCriteria',
      'otherChildren',
      'involvement',
    ]);
    expect(doc.components.schemas.Referral.additionalProperties).toBe(false);
  });
});
