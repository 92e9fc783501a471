import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { ContributionView } from '../../functions/schemas/contributions.js';
import { makeReferral } from '../factories/referral.js';
import { torQuestionIds } from '../../functions/schemas/terms-of-reference.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/aws/keys.js';

/**
 * Contributions (issue 10, paras 9.1-9.6, 10.1-10.2, 10.6) on the local
 * runtime, through the real API with a fake clock: the business manager asks
 * two organisations, each senior officer (signed in, not otherwise on the
 * case) names an author, an author who is not independent is refused, the
 * IMR is submitted, returned once, resubmitted and accepted; nobody sees
 * another organisation's draft; every step is on the timeline.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z'); // a Thursday
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const AUDITOR = 'auditor@example.org';
const POLICE_SO = 'so@police.example.org';
const POLICE_AUTHOR = 'author@police.example.org';
const POLICE_LINE_MANAGER = 'manager@police.example.org';
const HEALTH_SO = 'so@health.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';
const invited = new Set<string>();

let platform: LocalPlatform;
let dataDir = '';
const tokens = new Map<string, string>();

const mailFor = async (reference: string, filter: (m: CapturedEmail) => boolean = () => true) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address.toLowerCase());
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

async function token(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const idToken = (await signInStaffLocally(platform, email, invited.has(email) ? PASSWORD : platform.localStaff.password)).IdToken!;
  tokens.set(email, idToken);
  return idToken;
}

async function api(as: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) {
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

/** A referral the Board chair decides to review, through both chairs' emailed links. */
async function decidedReview(referrer: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, referrer)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: referrer } })),
  });
  expect(res.status).toBe(201);
  const { reference } = (await res.json()) as { reference: string };
  const recommendMail = await eventually(() => mailFor(reference, to(SUB_CHAIR)), (m) => m.length === 1, 'the recommendation request');
  const recommend = await api(SUB_CHAIR, 'POST', '/actions', { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] }, {
    'x-action-token': secretIn(recommendMail[0]),
  });
  expect(recommend.status).toBe(200);
  const decideMail = await eventually(() => mailFor(reference, (m) => to(BOARD_CHAIR)(m) && m.subject.startsWith('Action needed')), (m) => m.length === 1, 'the decision request');
  const decide = await api(BOARD_CHAIR, 'POST', '/actions', { decision: 'serious-case-review', reasons: 'A review is required.' }, { 'x-action-token': secretIn(decideMail[0]) });
  expect(decide.status).toBe(200);
  return reference;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-contrib-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  for (const [email, role] of [
    [POLICE_SO, 'senior-officer'],
    [POLICE_AUTHOR, 'agency-contributor'],
    [POLICE_LINE_MANAGER, 'agency-contributor'],
    [HEALTH_SO, 'senior-officer'],
  ] as const) {
    await invite(email, role);
  }
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('contributions through the API', () => {
  let reference = '';
  let imr = '';
  const base = () => `/cases/${reference}/contributions`;
  const list = async (as: string) => (await api(as, 'GET', base())).body.contributions as ContributionView[] | undefined;

  it('the business manager asks the police for an IMR and the health trust for a GP report; the due date follows the profile', async () => {
    reference = await decidedReview('referrer@school.example.org');
    expect((await api(SUB_CHAIR, 'POST', base(), { kind: 'imr', organisation: 'Police', seniorOfficerName: 'P', seniorOfficerEmail: POLICE_SO })).status).toBe(403);
    const police = await api(BM, 'POST', base(), { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Police Senior Officer', seniorOfficerEmail: POLICE_SO });
    expect(police.status).toBe(201);
    // 30 working days from Thursday 26 November 2026, past Christmas, Boxing Day's substitute and New Year's Day.
    expect(police.body).toMatchObject({ status: 'awaiting-author', dueDate: '2027-01-12', overdue: false });
    imr = police.body.id as string;
    const gp = await api(BM, 'POST', base(), {
      kind: 'independent-professional',
      description: 'GP report',
      organisation: 'Northshire Health',
      seniorOfficerName: 'Health Senior Officer',
      seniorOfficerEmail: HEALTH_SO,
      dueDate: '2027-06-01',
    });
    // After the review's completion date (four months after the decision): refused on the field.
    expect(gp.status).toBe(400);
    expect(JSON.stringify(gp.body)).toContain('completion date');
    expect(
      (
        await api(BM, 'POST', base(), {
          kind: 'independent-professional',
          description: 'GP report',
          organisation: 'Northshire Health',
          seniorOfficerName: 'Health Senior Officer',
          seniorOfficerEmail: HEALTH_SO,
          dueDate: '2027-01-29',
        })
      ).status,
    ).toBe(201);
  });

  it('each senior officer is emailed to name an author, with a link to the page and no names', async () => {
    const asked = await eventually(() => mailFor(reference, to(POLICE_SO)), (m) => m.some((x) => x.subject.startsWith('Contribution asked for')), 'the police email');
    const mail = asked.find((x) => x.subject.startsWith('Contribution asked for'))!;
    expect(mail.text).toContain(`/cases/${reference}/contributions`);
    expect(mail.text).not.toMatch(/Northshire|Police Senior Officer/);
    await eventually(() => mailFor(reference, to(HEALTH_SO)), (m) => m.some((x) => x.subject.startsWith('Contribution asked for')), 'the health email');
  });

  it('each senior officer sees only their organisation’s; the Board’s offices see both', async () => {
    expect((await list(POLICE_SO))?.map((c) => c.organisation)).toEqual(['Northshire Police']);
    expect((await list(HEALTH_SO))?.map((c) => c.organisation)).toEqual(['Northshire Health']);
    // Both asked for at the same (fake) instant: the order between them is not set.
    expect((await list(BM))?.map((c) => c.organisation).sort()).toEqual(['Northshire Health', 'Northshire Police']);
    expect(await list(AUDITOR)).toHaveLength(2);
    // Named on nothing yet and not on the case: the case does not exist for them.
    expect((await api(POLICE_AUTHOR, 'GET', base())).status).toBe(404);
    expect((await api(HEALTH_SO, 'GET', `${base()}/${imr}`)).status).toBe(404);
  });

  it('the senior officer names an author; one who is the practitioners’ line manager is refused, and another is named (10.2)', async () => {
    expect((await api(BM, 'POST', `${base()}/${imr}/author`, { authorName: 'X', authorJobTitle: 'Y', authorEmail: POLICE_AUTHOR })).status).toBe(403);
    const first = await api(POLICE_SO, 'POST', `${base()}/${imr}/author`, { authorName: 'Line Manager', authorJobTitle: 'Inspector', authorEmail: POLICE_LINE_MANAGER });
    expect(first.body).toMatchObject({ status: 'awaiting-declaration' });
    // "Your contributions": the author named finds it when they sign in, and what is asked of them.
    const mine = async (as: string) => ((await api(as, 'GET', '/my-contributions')).body.contributions ?? []) as { reference: string; contributionId: string; next: string }[];
    const theImr = <R extends { contributionId: string }>(rows: R[]) => rows.filter((r) => r.contributionId === imr);
    await eventually(async () => theImr(await mine(POLICE_LINE_MANAGER)), (rows) => rows[0]?.next === 'Declare your independence', 'the named author to find the IMR');
    expect(theImr(await mine(POLICE_SO))).toMatchObject([{ reference, next: 'Nothing now: the author declares independence' }]);
    expect(theImr(await mine(HEALTH_SO))).toEqual([]);
    const no = await api(POLICE_LINE_MANAGER, 'POST', `${base()}/${imr}/independence`, { notDirectlyConcerned: true, notLineManager: false });
    expect(no.body).toMatchObject({ status: 'awaiting-author' });
    // The declined author no longer finds it; the senior officer is asked for another author.
    await eventually(async () => theImr(await mine(POLICE_LINE_MANAGER)), (rows) => rows.length === 0, 'the declined author to lose the IMR');
    // Gone from the index itself, not only filtered out on reading.
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const indexed = async (email: string) =>
      (
        await ddb.send(
          new QueryCommand({
            TableName: platform.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.contributionPersonPartition(email) },
          }),
        )
      ).Items ?? [];
    await eventually(() => indexed(POLICE_LINE_MANAGER), (items) => items.length === 0, 'the declined author’s pointer to leave the index');
    expect((await indexed(POLICE_SO)).map((i) => i.sk)).toContain(`CONTRIBOF#${POLICE_SO}#${reference}#${imr}`);
    expect(theImr(await mine(POLICE_SO))).toMatchObject([{ next: 'Name an author' }]);
    expect((await api(POLICE_SO, 'POST', `${base()}/${imr}/author`, { authorName: 'Line Manager', authorJobTitle: 'Inspector', authorEmail: POLICE_LINE_MANAGER })).status).toBe(400);
    expect((await api(POLICE_SO, 'POST', `${base()}/${imr}/author`, { authorName: 'Independent Author', authorJobTitle: 'DCI', authorEmail: POLICE_AUTHOR })).status).toBe(200);
    await eventually(() => mailFor(reference, to(POLICE_AUTHOR)), (m) => m.some((x) => x.subject.startsWith('You are named as an author')), 'the author email');
    const yes = await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/independence`, { notDirectlyConcerned: true, notLineManager: true });
    expect(yes.body).toMatchObject({ status: 'in-progress', mayDo: ['submit'] });
    expect((await list(POLICE_AUTHOR))?.map((c) => c.id)).toEqual([imr]);
    await eventually(async () => theImr(await mine(POLICE_AUTHOR)), (rows) => rows[0]?.next === 'Write it and submit it', 'the author to find the IMR');
  });

  it('submitted, returned once with reasons, resubmitted and accepted by the senior officer, who and when recorded (10.6)', async () => {
    expect((await api(BM, 'POST', `${base()}/${imr}/accept`)).status).toBe(403);
    expect((await api(POLICE_SO, 'POST', `${base()}/${imr}/accept`)).status).toBe(409);
    // The IMR's sections, each saved on its own; submission waits for every answer and every interview record shared (10.14).
    const answers = Array.from({ length: 9 }, (_, i) => `Answer to question ${i + 1}`);
    expect((await api(POLICE_AUTHOR, 'PUT', `${base()}/${imr}/imr/analysis`, { content: { answers, caseSpecific: [] } })).status).toBe(200);
    // The chronology: rows added (the same day twice, no time), read in order, one moved.
    const entry = (date: string, whatHappened: string) => ({
      date,
      role: 'Police constable',
      organisation: 'Police',
      whatHappened,
      childSeen: 'yes',
      wishesSought: 'no',
      wishesExpressed: 'no',
      wishesRecorded: 'not-recorded',
      sourceRecord: 'Incident log',
    });
    const added = await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/imr/chronology`, { entries: [entry('2026-06-03', 'Attended'), entry('2026-05', 'Earlier'), entry('2026-06-03', 'Follow-up call')] });
    expect(added.status).toBe(201);
    const read = async () => ((await api(POLICE_AUTHOR, 'GET', `${base()}/${imr}/imr/chronology`)).body.rows as { id: string; whatHappened: string }[]);
    expect((await read()).map((r) => r.whatHappened)).toEqual(['Earlier', 'Attended', 'Follow-up call']);
    const call = (await read()).find((r) => r.whatHappened === 'Follow-up call')!;
    expect((await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/imr/chronology/${call.id}/move`, { direction: 'up' })).status).toBe(200);
    expect((await read()).map((r) => r.whatHappened)).toEqual(['Earlier', 'Follow-up call', 'Attended']);
    // A row edited in place (it keeps its place among the same day's), another deleted; only by the author.
    const chronology = `${base()}/${imr}/imr/chronology`;
    expect((await api(POLICE_SO, 'PUT', `${chronology}/${call.id}`, { entry: entry('2026-06-03', 'Changed by someone else'), expectedVersion: 1 })).status).toBe(403);
    // Each row has a version; an edit is conditional on the version read, so an edit from a stale page never overwrites another.
    expect((await read()).find((r) => r.id === call.id)).toMatchObject({ version: 1 });
    const edited = await api(POLICE_AUTHOR, 'PUT', `${chronology}/${call.id}`, { entry: entry('2026-06-03', 'Follow-up call to the school'), expectedVersion: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.rows).toMatchObject([{ id: call.id, version: 2 }]);
    const stale = await api(POLICE_AUTHOR, 'PUT', `${chronology}/${call.id}`, { entry: entry('2026-06-03', 'From a tab opened earlier'), expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Someone else changed this row since you opened it. Nothing was saved: reload the row to see their change, then make yours again.');
    expect((await api(POLICE_AUTHOR, 'PUT', `${chronology}/${call.id}`, { entry: entry('2026-06-03', 'No version') })).status).toBe(400);
    expect((await read()).find((r) => r.id === call.id)).toMatchObject({ whatHappened: 'Follow-up call to the school', version: 2 });
    const earlier = (await read()).find((r) => r.whatHappened === 'Earlier')!;
    expect((await api(POLICE_SO, 'DELETE', `${chronology}/${earlier.id}`)).status).toBe(403);
    expect((await api(POLICE_AUTHOR, 'DELETE', `${chronology}/${earlier.id}`)).status).toBe(204);
    expect((await api(POLICE_AUTHOR, 'DELETE', `${chronology}/${earlier.id}`)).status).toBe(404);
    // The functions may not delete items: the row is rewritten as a tombstone that keeps none of its content.
    const rowItem = await DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    ).send(new GetCommand({ TableName: platform.tableName, Key: keys.chronologyRow(reference, imr, earlier.id), ConsistentRead: true }));
    expect(Object.keys(rowItem.Item ?? {}).sort()).toEqual(['pk', 'removedAt', 'removedBy', 'removedEvent', 'sk', 'type']);
    expect(rowItem.Item).toMatchObject({ type: 'chronology-row-removed', removedAt: clock.now().toISOString() });
    expect((await api(POLICE_AUTHOR, 'PUT', `${chronology}/${earlier.id}`, { entry: entry('2026-06-03', 'Back again'), expectedVersion: 1 })).status).toBe(404);
    expect((await read()).map((r) => r.whatHappened)).toEqual(['Follow-up call to the school', 'Attended']);
    // No terms of reference agreed yet: any date, and the page is told the period is not agreed.
    expect((await api(POLICE_AUTHOR, 'GET', chronology)).body.reviewPeriod).toBeNull();
    // Once terms of reference are agreed, their review period bounds every row added or changed (7.1).
    const tor = `/cases/${reference}/terms-of-reference`;
    const torAnswers = Object.fromEntries(torQuestionIds.map((id, i) => [id, `Answer ${i + 1}`]));
    const period = { periodFrom: '2025-03-01', periodTo: '2026-10-31', familyHistory: 'Since the birth', startDate: '2026-12-07', completionDate: '2027-03-26' };
    expect((await api(SUB_CHAIR, 'POST', `${tor}/versions`, { expectedRevision: 0, content: { answers: torAnswers, ...period } })).status).toBe(201);
    expect((await api(POLICE_AUTHOR, 'GET', chronology)).body.reviewPeriod).toEqual({ from: '2025-03-01', to: '2026-10-31', version: 1 });
    const outside = await api(POLICE_AUTHOR, 'POST', chronology, { entries: [entry('2026-10-31', 'Last day'), entry('2026-11-02', 'After the cut-off')] });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toMatchObject([
      { name: 'entries.1.date', text: 'Row 2: Date of the event must be between 1 March 2025 and 31 October 2026, the period of the review' },
    ]);
    const changedOutside = await api(POLICE_AUTHOR, 'PUT', `${chronology}/${call.id}`, { entry: entry('2024-06-03', 'Follow-up call'), expectedVersion: 2 });
    expect(changedOutside.status).toBe(400);
    expect((await read()).map((r) => r.whatHappened)).toEqual(['Follow-up call to the school', 'Attended']);
    const interview = { interviewee: 'Duty officer', role: 'Police constable', heldOn: '2026-11-27', interviewedBy: 'Independent Author' };
    expect((await api(POLICE_AUTHOR, 'PUT', `${base()}/${imr}/imr/interviews`, { content: { items: [interview] } })).status).toBe(200);
    const blocked = await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/submit`);
    expect(blocked.status).toBe(409);
    expect(String(blocked.body.message)).toContain('not been shared with the interviewee');
    // A second save from the old version loses, clearly; the current one wins.
    expect((await api(POLICE_AUTHOR, 'PUT', `${base()}/${imr}/imr/interviews`, { content: { items: [] } })).status).toBe(409);
    expect((await api(POLICE_AUTHOR, 'PUT', `${base()}/${imr}/imr/interviews`, { content: { items: [{ ...interview, sharedOn: '2026-11-27' }] }, expectedVersion: 1 })).status).toBe(200);
    expect((await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/submit`)).body).toMatchObject({ status: 'submitted' });
    expect(((await api(SUB_CHAIR, 'GET', `${base()}/${imr}/imr`)).body.sections as unknown[]).length).toBe(2);
    expect((await api(HEALTH_SO, 'GET', `${base()}/${imr}/imr`)).status).toBe(404);
    const returned = await api(POLICE_SO, 'POST', `${base()}/${imr}/return`, { reasons: 'The analysis does not answer question 4.' });
    expect(returned.body).toMatchObject({ status: 'returned', returns: [{ by: POLICE_SO, reasons: 'The analysis does not answer question 4.' }] });
    // A returned contribution is a draft again: the sub-committee chair tracks it but reads no reasons.
    expect((await api(SUB_CHAIR, 'GET', `${base()}/${imr}`)).body).toMatchObject({ status: 'returned', returns: [] });
    expect((await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/submit`)).status).toBe(200);
    clock.set('2026-12-04T11:00:00Z');
    tokens.clear();
    const accepted = await api(POLICE_SO, 'POST', `${base()}/${imr}/accept`);
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedBy: POLICE_SO, acceptedAt: '2026-12-04T11:00:00.000Z' });
    expect((await api(POLICE_SO, 'POST', `${base()}/${imr}/accept`)).status).toBe(409);
    // 10.7, 10.8: the debrief by the senior officer, a follow-up later by the business manager; not by the author.
    expect((await api(POLICE_AUTHOR, 'POST', `${base()}/${imr}/debrief`, { heldOn: '2026-12-04' })).status).toBe(403);
    expect((await api(POLICE_SO, 'POST', `${base()}/${imr}/debrief`, { heldOn: '2026-12-04' })).body).toMatchObject({ debrief: { heldOn: '2026-12-04', recordedBy: POLICE_SO } });
    expect((await api(BM, 'POST', `${base()}/${imr}/follow-up`, { heldOn: '2026-12-03' })).status).toBe(400);
    expect((await api(BM, 'POST', `${base()}/${imr}/follow-up`, { heldOn: '2026-12-04' })).body).toMatchObject({ followUp: { heldOn: '2026-12-04' } });
  });

  it('the late GP report escalates on the right days: its senior officer, then the sub-committee chair, then the Board chair; the timeline shows each', async () => {
    const overdue = (who: string) => mailFor(reference, (m) => to(who)(m) && m.subject.startsWith('Overdue: a contribution to the review (report from an independent professional)'));
    // Due by the end of Friday 29 January 2027; no author named, so its senior officer is the one chased.
    const at = async (iso: string) => {
      clock.set(iso);
      tokens.clear();
    };
    await at('2027-01-30T00:00:01Z');
    await eventually(() => overdue(HEALTH_SO), (m) => m.length === 1, 'escalation 1 to the senior officer');
    expect((await overdue(SUB_CHAIR)).length).toBe(0);
    // Every 5 working days: Friday 5 February (2: the senior officer again), Friday 12 February (3: and the sub-committee chair).
    await at('2027-02-05T09:00:01Z');
    await eventually(() => overdue(HEALTH_SO), (m) => m.length === 2, 'escalation 2');
    expect((await overdue(SUB_CHAIR)).length).toBe(0);
    await at('2027-02-12T09:00:01Z');
    await eventually(() => overdue(SUB_CHAIR), (m) => m.length === 1, 'escalation 3 to the sub-committee chair');
    expect((await overdue(BOARD_CHAIR)).length).toBe(0);
    await at('2027-02-19T09:00:01Z');
    await eventually(() => overdue(BOARD_CHAIR), (m) => m.length === 1, 'escalation 4 to the Board chair');
    const text = (await overdue(BOARD_CHAIR))[0]!.text;
    expect(text).toContain('This is escalation 4.');
    expect(text).not.toMatch(/Northshire|GP report/);
    const timeline = await eventually(
      async () => ((await api(BM, 'GET', `/cases/${reference}/timeline`)).body.entries ?? []) as { sentence?: string }[],
      (entries) => entries.filter((e) => e.sentence?.includes('escalation 4: a contribution to the review is overdue')).length > 0,
      'escalation 4 on the timeline',
    );
    expect(timeline.filter((e) => /escalation [1-4]: a contribution to the review is overdue/.test(e.sentence ?? '')).length).toBeGreaterThanOrEqual(4);
  });

  it('a disciplinary matter is recorded apart: the business manager and the police senior officer see it, nobody else, and no export holds it', async () => {
    const path = `${base()}/${imr}/disciplinary`;
    const matter = { kind: 'may-be-indicated', urgent: false, details: 'Supervision records suggest a disciplinary referral' };
    expect((await api(POLICE_AUTHOR, 'POST', path, matter)).status).toBe(404);
    expect((await api(POLICE_SO, 'POST', path, matter)).status).toBe(201);
    expect(((await api(BM, 'GET', path)).body.matters as unknown[]).length).toBe(1);
    for (const who of [POLICE_AUTHOR, HEALTH_SO, SUB_CHAIR, AUDITOR]) expect((await api(who, 'GET', path)).status, who).toBe(404);
    expect(JSON.stringify((await api(SUB_CHAIR, 'GET', `${base()}/${imr}`)).body)).not.toContain('Supervision records');
    const csv = await (await fetch(`${platform.apiUrl}/cases/${reference}/timeline?format=csv`, { headers: { authorization: `Bearer ${await token(AUDITOR)}` } })).text();
    expect(csv).toContain('contribution.disciplinary-recorded');
    expect(csv).not.toContain('Supervision records');
  });

  it('every step is on the timeline, with no names in the audit detail', async () => {
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const events = (timeline.body.entries ?? []) as { action?: string; description?: string; sentence?: string }[];
    const actions = events.map((e) => e.action).filter((a) => a?.startsWith('contribution.'));
    expect(actions).toEqual(
      expect.arrayContaining([
        'contribution.commissioned',
        'contribution.author-named',
        'contribution.author-declined',
        'contribution.independence-declared',
        'contribution.submitted',
        'contribution.returned',
        'contribution.accepted',
        'contribution.debrief-recorded',
        'contribution.follow-up-recorded',
      ]),
    );
    const details = JSON.stringify(events.filter((e) => e.action?.startsWith('contribution')));
    expect(events.find((e) => e.action === 'contribution.accepted')?.sentence).toBe('A contribution’s findings were accepted by its senior officer (paragraph 10.6)');
    expect(details).not.toMatch(/Northshire|question 4|Independent Author/);
  });
});
