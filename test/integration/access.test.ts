import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn, refresh } from '../support/staff.js';

/**
 * The role matrix through the real API on the local runtime: every role
 * against every endpoint, per case, with real tokens from the local Cognito.
 */
let platform: LocalPlatform;
let dataDir: string;
const clock = new FakeClock('2026-11-26T10:00:00Z');
const token: Record<string, string> = {};
const refreshTokens: Record<string, string> = {};
let caseA = '';
let caseB = '';

const api = (who: string, method: string, path: string, body?: unknown) =>
  fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: {
      ...(token[who] ? { authorization: `Bearer ${token[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-access-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock });
  const pw = platform.localStaff.password;
  for (const [who, email] of [
    ['businessManager', 'lscb-business-manager@example.org'],
    ['subCommitteeChair', 'scr-subcommittee-chair@example.org'],
    ['boardChair', 'lscb-chair@example.org'],
    ['auditor', 'auditor@example.org'],
  ] as const) {
    const t = await signInStaffLocally(platform, email, pw);
    token[who] = t.IdToken!;
    refreshTokens[who] = t.RefreshToken!;
  }
  token.referrerA = (await signInReferrerLocally(platform, 'referrer.a@example.org')).IdToken!;
  token.referrerB = (await signInReferrerLocally(platform, 'referrer.b@example.org')).IdToken!;

  const a = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.referrerA}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: 'referrer.a@example.org' } })),
  });
  caseA = ((await a.json()) as { reference: string }).reference;
  const b = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.referrerB}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: 'referrer.b@example.org' } })),
  });
  caseB = ((await b.json()) as { reference: string }).reference;

  // The business manager invites one person per case-level role; each signs in for the first time.
  const invited = {
    member: ['member@nhs.net', 'sub-committee-member'],
    contributor: ['contributor@police.uk', 'agency-contributor'],
    seniorOfficer: ['senior@police.uk', 'senior-officer'],
    overviewAuthor: ['author@example.org', 'overview-author'],
    externalReader: ['reader@ofsted.gov.uk', 'external-reader'],
    bystander: ['bystander@nhs.net', 'agency-contributor'],
  } as const;
  for (const [who, [email, role]] of Object.entries(invited)) {
    const res = await api('businessManager', 'POST', '/users', { name: `Test ${who}`, email, role });
    expect(res.status, `invite ${who}`).toBe(201);
    token[who] = (await firstSignIn(platform, email)).IdToken!;
  }
  // Everyone but the bystander is put on case A with their role.
  for (const [who, [email, role]] of Object.entries(invited)) {
    if (who === 'bystander') continue;
    const res = await api('businessManager', 'POST', `/cases/${caseA}/members`, { email, role });
    expect(res.status, `add ${who}`).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Expect = Record<string, number>;
const staffWho = ['businessManager', 'subCommitteeChair', 'boardChair', 'auditor', 'member', 'contributor', 'seniorOfficer', 'overviewAuthor', 'externalReader', 'bystander'];
const all = [...staffWho, 'referrerA', 'referrerB', 'nobody'];
const only = (ok: number, who: string[], otherwise: number): Expect => Object.fromEntries(all.map((w) => [w, who.includes(w) ? ok : otherwise]));
const staffOk = (ok: number, otherwise = 401) => ({ ...only(ok, staffWho, otherwise) });

describe('role matrix: every role against every endpoint', () => {
  const matrix: [string, string, () => string, Expect][] = [
    ['GET', '/cases', () => '/cases', staffOk(200)],
    ['GET', '/tasks', () => '/tasks', staffOk(200)],
    [
      'GET',
      '/cases/{case A}',
      () => `/cases/${caseA}`,
      { ...staffOk(200), bystander: 404 },
    ],
    ['GET', '/cases/{case B}', () => `/cases/${caseB}`, { ...only(200, ['businessManager', 'subCommitteeChair', 'boardChair', 'auditor'], 404), referrerA: 401, referrerB: 401, nobody: 401 }],
    [
      'GET',
      '/cases/{case A}/timeline',
      () => `/cases/${caseA}/timeline`,
      { ...only(200, ['businessManager', 'auditor'], 404), referrerA: 401, referrerB: 401, nobody: 401 },
    ],
    ['GET', '/users', () => '/users', { ...only(200, ['businessManager'], 403), referrerA: 401, referrerB: 401, nobody: 401 }],
    ['GET', '/board-config', () => '/board-config', { ...only(200, ['businessManager'], 403), referrerA: 401, referrerB: 401, nobody: 401 }],
    ['GET', '/my-referrals', () => '/my-referrals', { ...only(200, ['referrerA', 'referrerB'], 401) }],
    // Attached files of the case itself: whoever may read the case page (not external readers, who see a summary).
    [
      'GET',
      '/cases/{case A}/files/case/{case A}',
      () => `/cases/${caseA}/files/case/${caseA}`,
      { ...staffOk(200), externalReader: 404, bystander: 404 },
    ],
    ['GET', '/me', () => '/me', { ...only(200, [...staffWho, 'referrerA', 'referrerB'], 401) }],
  ];

  for (const [method, label, path, expected] of matrix) {
    it(`${method} ${label}`, async () => {
      const got: Expect = {};
      for (const who of all) got[who] = (await api(who, method, path())).status;
      expect(got).toEqual(expected);
    });
  }

  it('contributions: staff on the case reach them (case A is not a review: 409); others do not; only the business manager asks for one', async () => {
    const onCase = ['businessManager', 'subCommitteeChair', 'boardChair', 'auditor', 'member', 'contributor', 'seniorOfficer', 'overviewAuthor'];
    const list: Expect = {};
    const ask: Expect = {};
    const one: Expect = {};
    const body = { kind: 'imr', organisation: 'Police', seniorOfficerName: 'Senior', seniorOfficerEmail: 'senior@police.uk' };
    for (const who of all) {
      list[who] = (await api(who, 'GET', `/cases/${caseA}/contributions`)).status;
      ask[who] = (await api(who, 'POST', `/cases/${caseA}/contributions`, body)).status;
      one[who] = (await api(who, 'POST', `/cases/${caseA}/contributions/x/accept`)).status;
    }
    const outsiders = { externalReader: 404, bystander: 404, referrerA: 401, referrerB: 401, nobody: 401 };
    expect(list).toEqual({ ...only(409, onCase, 0), ...outsiders });
    expect(ask).toEqual({ ...only(403, onCase, 0), businessManager: 409, ...outsiders });
    expect(one).toEqual({ ...only(409, onCase, 0), ...outsiders });
    // Every other contribution route answers the same way on a case that is not a review.
    for (const [method, path, body] of [
      ['GET', `/cases/${caseA}/contributions/x`, undefined],
      ['GET', `/cases/${caseA}/contributions/x/imr`, undefined],
      ['PUT', `/cases/${caseA}/contributions/x/imr/analysis`, { content: { answers: [], caseSpecific: [] } }],
      ['GET', `/cases/${caseA}/contributions/x/disciplinary`, undefined],
      ['POST', `/cases/${caseA}/contributions/x/debrief`, { heldOn: '2026-11-26' }],
      ['PUT', `/cases/${caseA}/contributions/x/imr/chronology/r`, { entry: {} }],
      ['DELETE', `/cases/${caseA}/contributions/x/imr/chronology/r`, undefined],
      ['GET', `/cases/${caseA}/files/contribution/x`, undefined],
    ] as const) {
      const got: Expect = {};
      for (const who of all) got[who] = (await api(who, method, path, body)).status;
      expect(got, `${method} ${path}`).toEqual({ ...only(409, onCase, 0), ...outsiders });
    }
  });

  it('POST /cases/{case}/members: business manager and sub-committee chair only', async () => {
    const got: Expect = {};
    for (const who of all) {
      // Re-adding someone already on the case with the same role: the answer shows who may, without changing who is on it.
      got[who] = (await api(who, 'POST', `/cases/${caseA}/members`, { email: 'author@example.org', role: 'overview-author' })).status;
    }
    expect(got).toEqual({ ...only(201, ['businessManager', 'subCommitteeChair'], 404), referrerA: 401, referrerB: 401, nobody: 401 });
  });
});

describe('role matrix: attached files', () => {
  it('POST /cases/{case}/files/case/{case}: the business manager uploads; other readers of the case 403; off the case 404', async () => {
    const got: Expect = {};
    for (const who of all) got[who] = (await api(who, 'POST', `/cases/${caseA}/files/case/${caseA}`, { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 })).status;
    expect(got).toEqual({ ...only(403, staffWho, 401), businessManager: 201, externalReader: 404, bystander: 404 });
  });

  it('confirm and download of a file: the same rules, checked before the file is looked up', async () => {
    const grant = (await (await api('businessManager', 'POST', `/cases/${caseA}/files/case/${caseA}`, { fileName: 'b.txt', contentType: 'text/plain', size: 5 })).json()) as {
      file: { fileId: string };
    };
    const base = `/cases/${caseA}/files/case/${caseA}/${grant.file.fileId}`;
    const confirm: Expect = {};
    const download: Expect = {};
    for (const who of all) {
      confirm[who] = (await api(who, 'POST', `${base}/confirm`)).status;
      download[who] = (await api(who, 'POST', `${base}/download`)).status;
    }
    // Nothing was uploaded to the URL: the business manager is told so (409); the file is not stored, so no one may download it (404).
    expect(confirm).toEqual({ ...only(403, staffWho, 401), businessManager: 409, externalReader: 404, bystander: 404 });
    expect(download).toEqual({ ...only(404, staffWho, 401) });
  });
});

describe('what each role sees', () => {
  it('an external reader sees the summary, not the referral', async () => {
    const body = (await (await api('externalReader', 'GET', `/cases/${caseA}`)).json()) as { referral: object; deadlines: unknown[] };
    expect(body.referral).toEqual({});
    // The recommendation, the decision and (the criteria are mandatory) the 3.1 duty about other children.
    expect(body.deadlines.length).toBe(3);
  });

  it('a contributor on the case sees the referral and criteria', async () => {
    const body = (await (await api('contributor', 'GET', `/cases/${caseA}`)).json()) as { referral: { child: { firstNames: string } }; criteria: { outcome: string } };
    expect(body.referral.child.firstNames).toBe('Sam');
    expect(body.criteria.outcome).toBe('mandatory');
  });

  it('a referrer sees only their own referral, status only', async () => {
    const a = (await (await api('referrerA', 'GET', '/my-referrals')).json()) as { referrals: { reference: string }[] };
    expect(a.referrals.map((r) => r.reference)).toEqual([caseA]);
    expect(JSON.stringify(a)).not.toContain('Sam');
    const b = (await (await api('referrerB', 'GET', '/my-referrals')).json()) as { referrals: { reference: string }[] };
    expect(b.referrals.map((r) => r.reference)).toEqual([caseB]);
  });

  it('a bystander lists no cases and gets 404 for a case, logged as a security event', async () => {
    const list = (await (await api('bystander', 'GET', '/cases')).json()) as { cases: unknown[] };
    expect(list.cases).toEqual([]);
    expect((await api('bystander', 'GET', `/cases/${caseA}`)).status).toBe(404);
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } }),
    );
    // Counted per person per minute, in one of the day's SECURITY#<day>#<n> partitions.
    const security = await ddb.send(
      new ScanCommand({ TableName: platform.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'SECURITY#' } }),
    );
    expect(security.Items?.some((i) => i.action === 'access.denied' && i.detail?.attemptedReference === caseA && i.count >= 1)).toBe(true);
  });

  it('every read is on the timeline, which exports as CSV with no-store caching', async () => {
    await api('boardChair', 'GET', `/cases/${caseA}`);
    const res = await api('auditor', 'GET', `/cases/${caseA}/timeline?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe('at,action,description,actor,actor_role,request_id,source_ip');
    expect(csv).toContain('referral.submitted');
    expect(csv).toMatch(/case\.viewed,Case viewed,lscb-chair@example\.org,board-chair/);
    expect(csv).toContain('member.added');
  });
});

describe('sessions', () => {
  it('sign-out ends the session on the server', async () => {
    const t = await signInStaffLocally(platform, 'auditor@example.org', platform.localStaff.password);
    token.temp = t.IdToken!;
    expect((await api('temp', 'GET', '/me')).status).toBe(200);
    expect((await api('temp', 'POST', '/session/sign-out')).status).toBe(204);
    expect((await api('temp', 'GET', '/me')).status).toBe(401);
  });

  it('a session ends after 30 minutes without activity, even with a fresh token', async () => {
    expect((await api('boardChair', 'GET', '/me')).status).toBe(200);
    clock.advance(31 * 60_000);
    token.boardChair = (await refresh(platform, 'staff', refreshTokens.boardChair!)).IdToken!;
    const res = await api('boardChair', 'GET', '/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/inactive/);
  });

  it('disabling a user ends their sessions at once', async () => {
    // The previous test let 31 minutes pass: everyone signs in again.
    token.businessManager = (await signInStaffLocally(platform, 'lscb-business-manager@example.org', platform.localStaff.password)).IdToken!;
    token.contributor = (await signInStaffLocally(platform, 'contributor@police.uk', 'A-new-Passw0rd-for-tests!')).IdToken!;
    const users = (await (await api('businessManager', 'GET', '/users')).json()) as { users: { userId: string; email: string }[] };
    const contributor = users.users.find((u) => u.email === 'contributor@police.uk')!;
    expect((await api('contributor', 'GET', `/cases/${caseA}`)).status).toBe(200);
    clock.advance(2000);
    expect((await api('businessManager', 'PATCH', `/users/${contributor.userId}`, { enabled: false })).status).toBe(200);
    expect((await api('contributor', 'GET', `/cases/${caseA}`)).status).toBe(401);
  });

  it('the business manager cannot disable themselves', async () => {
    const me = (await (await api('businessManager', 'GET', '/me')).json()) as { userId: string };
    const res = await api('businessManager', 'PATCH', `/users/${me.userId}`, { enabled: false });
    expect(res.status).toBe(400);
  });
});
