import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { IntegratedChronologyView, OverviewView } from '../../functions/schemas/overview.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';
import { contributionWithRows } from '../support/accepted-imr.js';
import { DynamoOverviewStore } from '../../functions/adapters/aws/dynamo-overview-store.js';
import { DynamoCaseStore } from '../../functions/adapters/aws/dynamo-case-store.js';
import { tombstoneItem } from '../../functions/adapters/aws/tombstone.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';

/**
 * The overview report's facts (issue 11, 11.2) on the local runtime, through
 * the real API with a fake clock: the business manager commissions the
 * overview author (refused for an address with no staff account); an author
 * who is not independent of one body is blocked and taken off the case;
 * another declares and then reads the accepted contribution (and not the one
 * only submitted), its rows in the integrated chronology, groups rows, saves
 * a genogram; and reads nothing of another case.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z');
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const SO = 'so@agencies.example.org';
const IMR_AUTHOR = 'imr.author@agencies.example.org';
const NOT_INDEPENDENT = 'formerly.police@overview.example.org';
const OVERVIEW_AUTHOR = 'independent@overview.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';
const invited = new Set<string>();

let platform: LocalPlatform;
let dataDir = '';
let reference = '';
let otherReference = '';
const tokens = new Map<string, string>();

const mailFor = async (ref: string, filter: (m: CapturedEmail) => boolean) => (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(ref) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address);
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

async function token(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const idToken = (await signInStaffLocally(platform, email, invited.has(email) ? PASSWORD : platform.localStaff.password)).IdToken!;
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

async function invite(email: string, role: string) {
  expect((await api(BM, 'POST', '/users', { name: `Test ${role}`, email, role })).status).toBe(201);
  await firstSignIn(platform, email, PASSWORD);
  invited.add(email);
}

async function decidedReview(referrer: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, referrer)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: referrer } })),
  });
  expect(res.status).toBe(201);
  const { reference: ref } = (await res.json()) as { reference: string };
  const recommendMail = await eventually(() => mailFor(ref, to(SUB_CHAIR)), (m) => m.length === 1, `the recommendation request for ${ref}`);
  expect((await api(SUB_CHAIR, 'POST', '/actions', { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] }, { 'x-action-token': secretIn(recommendMail[0]) })).status).toBe(200);
  const decideMail = await eventually(() => mailFor(ref, (m) => to(BOARD_CHAIR)(m) && m.subject.startsWith('Action needed')), (m) => m.length === 1, `the decision request for ${ref}`);
  expect((await api(BOARD_CHAIR, 'POST', '/actions', { decision: 'serious-case-review', reasons: 'A review is required.' }, { 'x-action-token': secretIn(decideMail[0]) })).status).toBe(200);
  return ref;
}

const rawTable = () => DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-overview-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  for (const [email, role] of [
    [SO, 'senior-officer'],
    [IMR_AUTHOR, 'agency-contributor'],
    [NOT_INDEPENDENT, 'overview-author'],
    [OVERVIEW_AUTHOR, 'overview-author'],
  ] as const) {
    await invite(email, role);
  }
  reference = await decidedReview('overview.referrer@nhs.net');
  otherReference = await decidedReview('other.referrer@nhs.net');
  const who = { businessManager: BM, seniorOfficer: SO, author: IMR_AUTHOR };
  await contributionWithRows(api, who, reference, 'Northshire Police', [
    { date: '2026-06-03', time: '18:00', role: 'Police constable', whatHappened: 'Attended a call', childSeen: 'yes' },
    { date: '2026-05', role: 'Police constable', whatHappened: 'Earlier report' },
    { date: '2026-06-03', role: 'Police constable', whatHappened: 'Strategy discussion' },
  ]);
  await contributionWithRows(api, who, reference, 'Northshire Health', [{ date: '2026-06-03', time: '09:15', role: 'Health visitor', whatHappened: 'Draft only: not accepted' }], { accept: false });
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the overview author (11.2)', () => {
  const base = () => `/cases/${reference}/overview`;

  it('only the business manager commissions, and only someone with a staff account', async () => {
    expect((await api(SUB_CHAIR, 'POST', `${base()}/author`, { authorName: 'X', authorEmail: OVERVIEW_AUTHOR })).status).toBe(403);
    const none = await api(BM, 'POST', `${base()}/author`, { authorName: 'Nobody', authorEmail: 'no.account@overview.example.org' });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('Invite no.account@overview.example.org as an independent overview author on the Users page first');
    const office = await api(BM, 'POST', `${base()}/author`, { authorName: 'Chair', authorEmail: BOARD_CHAIR });
    expect(office.status).toBe(400);
    const bad = await api(BM, 'POST', `${base()}/author`, { authorName: '', authorEmail: 'not an email' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { name: string }[]).map((e) => e.name).sort()).toEqual(['authorEmail', 'authorName']);
  });

  it('an author who is not independent of one body is blocked, taken off the case, and cannot be commissioned again', async () => {
    const commissioned = await api(BM, 'POST', `${base()}/author`, { authorName: 'Former Officer', authorEmail: NOT_INDEPENDENT });
    expect(commissioned.status).toBe(200);
    expect((commissioned.body as OverviewView).author).toMatchObject({ status: 'awaiting-declaration', email: NOT_INDEPENDENT });
    expect((await api(BM, 'POST', `${base()}/author`, { authorName: 'Another', authorEmail: OVERVIEW_AUTHOR })).status).toBe(409);

    // The author is asked by email, with the reference and a link, never a name.
    const asked = await eventually(() => mailFor(reference, to(NOT_INDEPENDENT)), (m) => m.some((x) => x.subject.startsWith('You are asked to write the overview report')), 'the overview author email');
    expect(asked.at(-1)!.text).toContain(`/cases/${reference}/report/author`);
    expect(asked.at(-1)!.text).not.toContain('Former Officer');

    const seen = (await api(NOT_INDEPENDENT, 'GET', base())).body as OverviewView;
    expect(seen.canDeclare).toBe(true);
    expect(seen.canReadFacts).toBe(false);
    expect(seen.bodies).toEqual(expect.arrayContaining(['Northshire Police', 'Northshire Health']));
    // Before declaring, nothing of the facts.
    expect((await api(NOT_INDEPENDENT, 'GET', `${base()}/chronology`)).status).toBe(403);
    expect((await api(NOT_INDEPENDENT, 'GET', `${base()}/contributions`)).status).toBe(403);

    const declared = await api(NOT_INDEPENDENT, 'POST', `${base()}/author/declaration`, {
      bodies: seen.bodies.map((body) => ({ body, independent: body !== 'Northshire Police' })),
      professionals: true,
    });
    expect(declared.status).toBe(200);
    expect((declared.body as OverviewView).author).toBeUndefined();
    expect((declared.body as OverviewView).declined).toEqual([{ email: NOT_INDEPENDENT, declaredAt: clock.now().toISOString() }]);
    // Off the case: it does not exist for them any more.
    expect((await api(NOT_INDEPENDENT, 'GET', base())).status).toBe(404);
    expect((await api(NOT_INDEPENDENT, 'GET', `/cases/${reference}`)).status).toBe(404);
    // The functions may not delete items: their member item is a tombstone, out of every index, with nothing of theirs.
    const memberItems = (await rawTable().send(new QueryCommand({ TableName: platform.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':p': 'MEMBER#' } }))).Items ?? [];
    const removed = memberItems.filter((i) => i.type === 'member-removed');
    expect(removed).toHaveLength(1);
    expect(Object.keys(removed[0]!).sort()).toEqual(['pk', 'removedAt', 'removedBy', 'removedEvent', 'sk', 'type']);
    expect(JSON.stringify(memberItems.filter((i) => i.type === 'member'))).not.toContain(NOT_INDEPENDENT);
    const again = await api(BM, 'POST', `${base()}/author`, { authorName: 'Former Officer', authorEmail: NOT_INDEPENDENT });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('declared they are not independent');
  });

  it('an independent author reads every accepted contribution and the terms of reference, and nothing not yet accepted', async () => {
    expect((await api(BM, 'POST', `${base()}/author`, { authorName: 'Independent Author', authorEmail: OVERVIEW_AUTHOR })).status).toBe(200);
    const { bodies } = (await api(OVERVIEW_AUTHOR, 'GET', base())).body as OverviewView;
    const missing = await api(OVERVIEW_AUTHOR, 'POST', `${base()}/author/declaration`, { bodies: [], professionals: true });
    expect(missing.status).toBe(400);
    const declared = await api(OVERVIEW_AUTHOR, 'POST', `${base()}/author/declaration`, { bodies: bodies.map((body) => ({ body, independent: true })), professionals: true });
    expect((declared.body as OverviewView).author).toMatchObject({ status: 'independent', declaredAt: clock.now().toISOString() });

    const contributions = (await api(OVERVIEW_AUTHOR, 'GET', `${base()}/contributions`)).body.contributions as { organisation: string; chronologyRows: number; sections: { section: string }[] }[];
    expect(contributions.map((c) => [c.organisation, c.chronologyRows])).toEqual([['Northshire Police', 3]]);
    expect(contributions[0]!.sections.map((s) => s.section)).toEqual(['analysis']);
    expect((await api(OVERVIEW_AUTHOR, 'GET', `/cases/${reference}/terms-of-reference`)).status).toBe(200);
    // The contributions API gives the overview author no contribution's content (its rules are its own).
    const listed = (await api(OVERVIEW_AUTHOR, 'GET', `/cases/${reference}/contributions`)).body.contributions as { organisation: string }[] | undefined;
    expect(listed ?? []).toEqual([]);

    const chronology = (await api(OVERVIEW_AUTHOR, 'GET', `${base()}/chronology`)).body as IntegratedChronologyView;
    expect(chronology.rows.map((r) => [r.dateText, r.time ?? '', r.organisation, r.whatHappened, r.childSeen])).toEqual([
      ['May 2026 (approximate)', '', 'Northshire Police', 'Earlier report', false],
      ['3 June 2026', '', 'Northshire Police', 'Strategy discussion', false],
      ['3 June 2026', '18:00', 'Northshire Police', 'Attended a call', true],
    ]);
    expect(chronology.canGroup).toBe(true);
  });

  it('the author of one case reads nothing of another case', async () => {
    expect((await api(OVERVIEW_AUTHOR, 'GET', `/cases/${otherReference}/overview`)).status).toBe(404);
    expect((await api(OVERVIEW_AUTHOR, 'GET', `/cases/${otherReference}/overview/chronology`)).status).toBe(404);
    expect((await api(OVERVIEW_AUTHOR, 'GET', `/cases/${otherReference}`)).status).toBe(404);
    expect((await api(OVERVIEW_AUTHOR, 'GET', `/cases/${otherReference}/terms-of-reference`)).status).toBe(404);
  });

  it('rows of one organisation cannot be grouped; the genogram is saved over the version read; each write is audited with the facts beside the case', async () => {
    const { rows } = (await api(OVERVIEW_AUTHOR, 'GET', `${base()}/chronology`)).body as IntegratedChronologyView;
    const sameOrg = await api(OVERVIEW_AUTHOR, 'POST', `${base()}/chronology/groups`, { rowKeys: [rows[1]!.key, rows[2]!.key] });
    expect(sameOrg.status).toBe(400);
    expect(JSON.stringify(sameOrg.body)).toContain('at least two organisations');

    const genogram = {
      people: [
        { id: 'mother', name: 'Mother', relationship: 'Mother', gender: 'female', bornYear: 1990, inHousehold: true, subjectChild: false },
        { id: 'child', name: 'Child', relationship: 'Subject child', gender: 'male', bornYear: 2020, inHousehold: true, subjectChild: true },
      ],
      relationships: [{ id: 'r1', kind: 'parent-child', from: 'mother', to: 'child' }],
    };
    expect((await api(OVERVIEW_AUTHOR, 'PUT', `${base()}/genogram`, { expectedVersion: 0, genogram })).body).toMatchObject({ version: 1 });
    expect((await api(OVERVIEW_AUTHOR, 'PUT', `${base()}/genogram`, { expectedVersion: 0, genogram })).status).toBe(409);
    const cycle = await api(OVERVIEW_AUTHOR, 'PUT', `${base()}/genogram`, {
      expectedVersion: 1,
      genogram: { ...genogram, relationships: [...genogram.relationships, { id: 'r2', kind: 'parent-child', from: 'child', to: 'mother' }] },
    });
    expect(cycle.status).toBe(400);
    expect((await api(SUB_CHAIR, 'GET', `${base()}/genogram`)).body).toMatchObject({ version: 1, canEdit: false });
    expect((await api(SUB_CHAIR, 'PUT', `${base()}/genogram`, { expectedVersion: 1, genogram })).status).toBe(403);

    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const items = await ddb.send(new QueryCommand({ TableName: platform.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CASE#${reference}` } }));
    const sks = (items.Items ?? []).map((i) => i.sk as string);
    expect(sks).toEqual(expect.arrayContaining(['OVERVIEW#AUTHOR', 'OVERVIEW#GENOGRAM']));
    const actions = (items.Items ?? []).filter((i) => i.type === 'audit').map((i) => i.action as string);
    for (const a of ['overview.author-commissioned', 'overview.author-declined', 'overview.author-declared', 'overview.chronology-viewed', 'overview.contributions-read', 'overview.genogram-saved']) {
      expect(actions, a).toContain(a);
    }
    // Never a name in an audit event's detail.
    const details = JSON.stringify((items.Items ?? []).filter((i) => i.type === 'audit' && String(i.action).startsWith('overview.')).map((i) => i.detail ?? {}));
    expect(details).not.toContain('Independent Author');
    expect(details).not.toContain('Mother');
  });
});

describe('integrated-chronology groups, ungrouped without a delete', () => {
  it('an ungrouped group is a tombstone: gone from the list, not ungrouped twice, and its id free again', async () => {
    // Prepare: the store on the platform's table (the API can only group rows of two organisations; this case has one).
    const store = new DynamoOverviewStore(rawTable(), platform.tableName);
    const ref = 'SCR-2026-9001';
    const event = (eventId: string, action: AuditEvent['action']): AuditEvent => ({
      eventId,
      reference: ref,
      at: clock.now().toISOString(),
      action,
      actor: { kind: 'user', userId: 'u-author', email: OVERVIEW_AUTHOR, role: 'overview-author' },
    });
    const group = { id: 'g-1', rowKeys: ['a:1', 'b:1'], label: 'Strategy meeting', createdAt: clock.now().toISOString(), createdBy: OVERVIEW_AUTHOR };
    await store.addChronologyGroup(ref, group, event('e-1', 'overview.chronology-grouped'));
    await store.addChronologyGroup(ref, { ...group, id: 'g-2' }, event('e-2', 'overview.chronology-grouped'));
    // Act
    const first = await store.removeChronologyGroup(ref, 'g-1', event('e-3', 'overview.chronology-ungrouped'));
    const second = await store.removeChronologyGroup(ref, 'g-1', event('e-4', 'overview.chronology-ungrouped'));
    const never = await store.removeChronologyGroup(ref, 'g-9', event('e-5', 'overview.chronology-ungrouped'));
    const listed = await store.listChronologyGroups(ref);
    const raw = await rawTable().send(new QueryCommand({ TableName: platform.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `CASE#${ref}`, ':p': 'CHRONOGROUP#' } }));
    // Assess
    expect([first, second, never]).toEqual([true, false, false]);
    expect(listed.map((g) => g.id)).toEqual(['g-2']);
    expect((raw.Items ?? []).map((i) => [i.sk, i.type])).toEqual([
      ['CHRONOGROUP#g-1', 'chronology-group-removed'],
      ['CHRONOGROUP#g-2', 'chronology-group'],
    ]);
    expect(JSON.stringify(raw.Items?.[0])).not.toContain('Strategy meeting');
    // A group may take the id again, as when nothing was left behind.
    await store.addChronologyGroup(ref, group, event('e-6', 'overview.chronology-grouped'));
    expect((await store.listChronologyGroups(ref)).map((g) => g.id)).toEqual(['g-1', 'g-2']);
  });
});

describe('a member taken off a case, without a delete', () => {
  it('reads as absent everywhere (access, the member list, their case list) and may be added again', async () => {
    // Prepare: the case store on the platform's table; the removal written as the overview store writes it.
    const cases = new DynamoCaseStore(rawTable(), platform.tableName, 'SCR', () => []);
    const ref = otherReference;
    const at = clock.now().toISOString();
    const member = { reference: ref, userId: 'u-tombstoned', email: 'tombstoned@overview.example.org', role: 'sub-committee-member' as const, addedAt: at, addedBy: BM };
    const event = (eventId: string): AuditEvent => ({ eventId, reference: ref, at, action: 'case.viewed', actor: { kind: 'system', component: 'test' } });
    await cases.putMember(member, event('m-1'));
    expect(await cases.getMember(ref, member.userId)).toMatchObject({ email: member.email });
    // Act
    await rawTable().send(new PutCommand({ TableName: platform.tableName, Item: tombstoneItem(keys.member(ref, member.userId), 'member', event('m-2')) }));
    // Assess
    expect(await cases.getMember(ref, member.userId)).toBeUndefined();
    expect((await cases.listMembers(ref)).map((m) => m.userId)).not.toContain(member.userId);
    await eventually(async () => (await cases.listCasesOf(member.userId, 10)).items, (items) => items.length === 0, 'the case to leave their list');
    await cases.putMember(member, event('m-3'));
    expect(await cases.getMember(ref, member.userId)).toMatchObject({ email: member.email });
    await eventually(async () => (await cases.listCasesOf(member.userId, 10)).items.map((i) => i.row.reference), (refs) => refs.includes(ref), 'the case back on their list');
  });
});
