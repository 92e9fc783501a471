import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { reviewPeriodOf, type TorVersion } from '../../functions/domain/review/terms-of-reference.js';
import { torComparisonSchema, torQuestionIds, torViewSchema } from '../../functions/schemas/terms-of-reference.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * The terms of reference (7.1, 7.2) through the real API on the local
 * runtime: a case taken to a decided review through both chairs' emailed
 * links (as review-stage.test.ts does), then drawn up, agreed as version 1,
 * changed, agreed as version 2 and compared; who may do what; each version
 * a child item outside the case read, written with its audit event.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z');
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';

let platform: LocalPlatform;
let dataDir = '';
let reference = '';
const tokens = new Map<string, string>();

async function token(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const idToken = (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
  tokens.set(email, idToken);
  return idToken;
}

async function api(as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const mailFor = async (ref: string, filter: (m: CapturedEmail) => boolean) => (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(ref) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address);
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

/** A referral the Board chair decides to review, through both chairs' emailed links. */
async function decidedReview(referrer: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, referrer)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: referrer } })),
  });
  expect(res.status).toBe(201);
  const { reference: ref } = (await res.json()) as { reference: string };
  const recommendMail = await eventually(async () => (await mailFor(ref, to(SUB_CHAIR)))[0], (m) => m !== undefined, `the recommendation email for ${ref}`, { intervalMs: 100 });
  const recommend = await api(SUB_CHAIR, 'POST', '/actions', { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] }, { 'x-action-token': secretIn(recommendMail) });
  expect(recommend.status).toBe(200);
  const decideMail = await eventually(
    async () => (await mailFor(ref, (m) => to(BOARD_CHAIR)(m) && m.subject.startsWith('Action needed')))[0],
    (m) => m !== undefined,
    `the decision email for ${ref}`,
    { intervalMs: 100 },
  );
  const decide = await api(BOARD_CHAIR, 'POST', '/actions', { decision: 'serious-case-review', reasons: 'A review is required.' }, { 'x-action-token': secretIn(decideMail) });
  expect(decide.status).toBe(200);
  return ref;
}

const answers = (suffix = '') => Object.fromEntries(torQuestionIds.map((id, i) => [id, `Answer ${i + 1}${suffix}`]));
const complete = (overrides: Record<string, unknown> = {}) => ({
  answers: answers(),
  periodFrom: '2025-03-01',
  periodTo: '2026-02-28',
  familyHistory: 'Background since the older sibling’s birth',
  startDate: '2026-12-07',
  completionDate: '2027-03-26',
  ...overrides,
});

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-tor-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  reference = await decidedReview('tor.referrer@nhs.net');
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('terms of reference (7.1, 7.2) through the API', () => {
  const path = () => `/cases/${reference}/terms-of-reference`;

  it('draw up, agree version 1, change, agree version 2, compare; each version kept with who agreed it and when', async () => {
    // Prepare: nothing agreed yet; the case's known answers are shown.
    const empty = await api(SUB_CHAIR, 'GET', path());
    expect(empty.status).toBe(200);
    const view0 = torViewSchema.parse(empty.body);
    expect(view0).toMatchObject({ canEdit: true, canReadDraft: true, versions: [] });
    expect(view0.known.dates?.[0]).toMatch(/^Review decided on /);

    // Act: a draft, then version 1 agreed by the sub-committee chair.
    const saved = await api(SUB_CHAIR, 'PUT', `${path()}/draft`, { expectedRevision: 0, content: { answers: { issues: 'Neglect over time' } } });
    expect(saved).toMatchObject({ status: 200, body: { revision: 1 } });
    // Someone else's save from the same read loses, and changes nothing.
    const stale = await api(BM, 'PUT', `${path()}/draft`, { expectedRevision: 0, content: { answers: { issues: 'Something else' } } });
    expect(stale.status).toBe(409);
    // Agreeing an incomplete version names each part missing.
    const incomplete = await api(SUB_CHAIR, 'POST', `${path()}/versions`, { expectedRevision: 1, content: { answers: { issues: 'Neglect over time' } } });
    expect(incomplete.status).toBe(400);
    expect((incomplete.body.errors as { name: string }[]).map((e) => e.name)).toContain('content.answers.legalAdvice');
    const v1 = await api(SUB_CHAIR, 'POST', `${path()}/versions`, { expectedRevision: 1, content: complete() });
    expect(v1).toMatchObject({ status: 201, body: { version: 1, agreedAt: '2026-11-26T10:00:00.000Z' } });

    // A later draft starts from version 1; the business manager agrees version 2 a week later.
    clock.set('2026-12-03T10:00:00Z');
    tokens.clear();
    const after1 = torViewSchema.parse((await api(BM, 'GET', path())).body);
    expect(after1.draft).toBeUndefined();
    expect(after1.versions.map((v) => v.version)).toEqual([1]);
    const draft2 = await api(BM, 'PUT', `${path()}/draft`, { expectedRevision: 0, content: complete({ periodFrom: '2024-09-01' }) });
    expect(draft2.status).toBe(200);
    const v2 = await api(BM, 'POST', `${path()}/versions`, { expectedRevision: 1, content: complete({ periodFrom: '2024-09-01', answers: { ...answers(), contributors: 'Answer 5 and the school nurse' } }) });
    expect(v2).toMatchObject({ status: 201, body: { version: 2, agreedAt: '2026-12-03T10:00:00.000Z' } });

    // Assess: both versions, who agreed each and when; the comparison; the period in force.
    const view = torViewSchema.parse((await api(BOARD_CHAIR, 'GET', path())).body);
    expect(view.canEdit).toBe(false);
    expect(view.versions.map((v) => [v.version, v.agreedBy.email, v.agreedBy.role, v.agreedAt])).toEqual([
      [1, SUB_CHAIR, 'sub-committee-chair', '2026-11-26T10:00:00.000Z'],
      [2, BM, 'business-manager', '2026-12-03T10:00:00.000Z'],
    ]);
    expect(reviewPeriodOf({ versions: view.versions as TorVersion[] })).toEqual({ from: '2024-09-01', to: '2026-02-28', version: 2 });
    const compared = await api(BOARD_CHAIR, 'GET', `${path()}/compare/1/2`);
    expect(compared.status).toBe(200);
    const c = torComparisonSchema.parse(compared.body);
    expect(c.entries.filter((e) => e.changed).map((e) => [e.field, e.before, e.after])).toEqual([
      ['answers.contributors', 'Answer 5', 'Answer 5 and the school nurse'],
      ['periodFrom', '1 March 2025', '1 September 2024'],
    ]);
    expect((await api(BOARD_CHAIR, 'GET', `${path()}/compare/1/3`)).status).toBe(404);
  }, 120_000);

  it('only the sub-committee chair and the business manager draw up; the Board chair and auditor read', async () => {
    const refused = await api(BOARD_CHAIR, 'PUT', `${path()}/draft`, { expectedRevision: 0, content: { answers: {} } });
    expect(refused.status).toBe(403);
    const auditor = await api('auditor@example.org', 'GET', path());
    expect(auditor.status).toBe(200);
    expect(torViewSchema.parse(auditor.body)).toMatchObject({ canEdit: false, canReadDraft: true });
    // A case that does not exist (or you are not on) is 404, as every case read.
    expect((await api(BM, 'GET', '/cases/SCR-2026-9999/terms-of-reference')).status).toBe(404);
  });

  it('versions are child items outside the case read, each written with its audit event', async () => {
    // Prepare
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    // Act
    const items = await ddb.send(
      new QueryCommand({ TableName: platform.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':p': 'TOR#' } }),
    );
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const caseRead = await api(BM, 'GET', `/cases/${reference}`);
    // Assess
    // The draft closed when agreed is a tombstone (the functions may not delete items), holding none of its text.
    expect((items.Items ?? []).map((i) => [i.sk, i.type])).toEqual([
      ['TOR#DRAFT', 'tor-draft-removed'],
      ['TOR#v0001', 'tor-version'],
      ['TOR#v0002', 'tor-version'],
    ]);
    expect(Object.keys(items.Items![0]!).sort()).toEqual(['pk', 'removedAt', 'removedBy', 'removedEvent', 'sk', 'type']);
    const actions = (timeline.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'terms-of-reference.agreed')).toHaveLength(2);
    expect(actions.filter((a) => a === 'terms-of-reference.draft-saved')).toHaveLength(2);
    expect(JSON.stringify(timeline.body)).not.toContain('Answer 1');
    expect(JSON.stringify(caseRead.body)).not.toContain('Answer 1');
  });
});
