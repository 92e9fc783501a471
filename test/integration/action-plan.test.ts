import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import type { ActionView, ProgressReportView, TimelinessReportView } from '../../functions/schemas/actions.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';

/**
 * The action plan (issue 11) on the local runtime, through the real API with
 * a fake clock: the business manager makes a Board recommendation an action
 * owned by a named person with a staff account (who is not on the case);
 * the owner reads only their actions; the review workflow reminds them
 * before the due day and escalates after it, widening to the business
 * manager on the right day; the owner records it done; the Board's progress
 * and timeliness reports show it, and the CSV neutralises formulas.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z'); // a Thursday
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const OWNER = 'action.owner@health.example.org';
const OTHER = 'someone.else@health.example.org';
const SO = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';
const invited = new Set<string>();

let platform: LocalPlatform;
let dataDir = '';
const tokens = new Map<string, string>();

const mailFor = async (reference: string, filter: (m: CapturedEmail) => boolean = () => true) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address.toLowerCase());
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

/** Moves the fake clock on. Tokens the local Cognito issued are dated by it, so sign in afresh. */
function setClock(iso: string): void {
  clock.set(iso);
  tokens.clear();
}

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
  const json = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: res.status, body: json, text, headers: res.headers };
}

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
  dataDir = mkdtempSync(join(tmpdir(), 'scr-actions-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  for (const [email, role] of [
    [OWNER, 'agency-contributor'],
    [OTHER, 'agency-contributor'],
    [SO, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
  ] as const) {
    expect((await api(BM, 'POST', '/users', { name: 'Health Lead', email, role })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
    invited.add(email);
  }
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the action plan through the API, with the review workflow watching it', () => {
  let reference = '';
  let action: ActionView;
  const base = () => `/cases/${reference}/actions`;
  const overdueMail = () => mailFor(reference, (m) => m.subject.startsWith('Overdue: action 1 of the action plan'));
  const body = {
    source: { kind: 'board' },
    recommendation: 'Health visitors are trained to recognise neglect',
    organisation: '=Community Health',
    ownerName: 'Health Lead',
    ownerEmail: OWNER,
    dueDate: '2026-12-10',
    outcome: 'Every health visitor trained by the due date',
    evaluation: 'An audit of ten case files',
  };

  it('the business manager adds an action owned by a named person with a staff account; others may not', async () => {
    reference = await decidedReview('actions.referrer@school.example.org');
    expect((await api(SUB_CHAIR, 'POST', base(), body)).status).toBe(403);
    const noAccount = await api(BM, 'POST', base(), { ...body, ownerEmail: 'nobody@health.example.org' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.errors).toEqual([expect.objectContaining({ name: 'ownerEmail', href: '#ownerEmail' })]);
    expect((await api(BM, 'POST', base(), { ...body, dueDate: '2026-11-25' })).body.errors).toEqual([expect.objectContaining({ name: 'dueDate' })]);
    const added = await api(BM, 'POST', base(), body);
    expect(added.status).toBe(201);
    action = added.body as unknown as ActionView;
    // 10 December 2026 is GMT: the end of that London day is midnight UTC.
    expect(action).toMatchObject({ number: 1, status: 'not-started', standing: 'due-soon', owner: { email: OWNER }, due: { dueAt: '2026-12-10T23:59:59.999Z' } });
  });

  it("an accepted IMR's recommendation becomes an action, in the IMR's words, once", async () => {
    const contributions = `/cases/${reference}/contributions`;
    const imr = (await api(BM, 'POST', contributions, { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Police SO', seniorOfficerEmail: SO })).body.id as string;
    expect((await api(SO, 'POST', `${contributions}/${imr}/author`, { authorName: 'Independent Author', authorJobTitle: 'DCI', authorEmail: AUTHOR })).status).toBe(200);
    expect((await api(AUTHOR, 'POST', `${contributions}/${imr}/independence`, { notDirectlyConcerned: true, notLineManager: true })).status).toBe(200);
    const answers = Array.from({ length: 9 }, (_, i) => `Answer to question ${i + 1}`);
    expect((await api(AUTHOR, 'PUT', `${contributions}/${imr}/imr/analysis`, { content: { answers, caseSpecific: [] } })).status).toBe(200);
    const recommendation = { action: 'Review the handling of missing-child reports', byWhom: 'Head of public protection', byWhen: '2027-06-30', outcome: 'Reports triaged within an hour', evaluation: 'Dip sample of 20 reports' };
    expect((await api(AUTHOR, 'PUT', `${contributions}/${imr}/imr/recommendations`, { content: { items: [recommendation] } })).status).toBe(200);
    // Not yet accepted: nothing to choose from, and a made-up source is refused.
    expect(((await api(BM, 'GET', base())).body.imrRecommendations as unknown[]).length).toBe(0);
    const imrBody = { ...body, source: { kind: 'imr', contributionId: imr, item: 0 }, organisation: 'Northshire Police', dueDate: '2027-06-30' };
    expect((await api(BM, 'POST', base(), imrBody)).body.errors).toEqual([expect.objectContaining({ name: 'source' })]);
    expect((await api(AUTHOR, 'POST', `${contributions}/${imr}/submit`)).status).toBe(200);
    expect((await api(SO, 'POST', `${contributions}/${imr}/accept`)).status).toBe(200);

    const plan = (await api(BM, 'GET', base())).body;
    expect(plan.imrRecommendations).toEqual([expect.objectContaining({ contributionId: imr, item: 0, organisation: 'Northshire Police', ...recommendation })]);
    const made = await api(BM, 'POST', base(), { ...imrBody, recommendation: recommendation.action });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ number: 2, source: { kind: 'imr', contributionId: imr, item: 0 } });
    expect((await api(BM, 'POST', base(), imrBody)).status).toBe(409);
    expect(((await api(BM, 'GET', base())).body.imrRecommendations as { actionId?: string }[])[0]!.actionId).toBe(made.body.id);
    // The owner sees both of their actions, on the plan and on My tasks (soonest due first).
    expect(((await api(OWNER, 'GET', base())).body.actions as ActionView[]).map((a) => a.number)).toEqual([1, 2]);
    const mine = await eventually(async () => (await api(OWNER, 'GET', '/my-actions')).body.actions as { number: number }[], (a) => a.length === 2, 'the owner’s actions');
    expect(mine.map((a) => a.number)).toEqual([1, 2]);
    expect((await api(OTHER, 'GET', '/my-actions')).body.actions).toEqual([]);
  });

  it('the owner, not on the case, sees their action and nothing else of the case; someone else sees nothing', async () => {
    const own = await api(OWNER, 'GET', base());
    expect(own.status).toBe(200);
    expect((own.body.actions as ActionView[]).map((a) => [a.number, a.mayUpdate])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect((await api(OWNER, 'GET', `/cases/${reference}`)).status).toBe(404);
    expect((await api(OTHER, 'GET', base())).status).toBe(404);
    expect((await api(OTHER, 'POST', `${base()}/${action.id}/progress`, { status: 'done', note: 'x', expectedVersion: 1 })).status).toBe(404);
    const chair = await api(BOARD_CHAIR, 'GET', base());
    expect((chair.body.actions as ActionView[])[0]!.mayUpdate).toBe(false);
  });

  it('the owner is reminded before the due day, with a link to the action plan and no case details', async () => {
    setClock('2026-12-09T09:00:01Z'); // 1 working day before
    const reminder = await eventually(() => mailFor(reference, (m) => m.subject.startsWith('Reminder: action 1 of the action plan')), (m) => m.length >= 1, 'the reminder');
    expect(reminder[0]!.to).toEqual([OWNER]);
    expect(reminder[0]!.text).toContain(`/cases/${reference}/action-plan`);
    expect(reminder[0]!.text).not.toMatch(/neglect|Community Health|Sam|Fictional/);
  });

  it('once overdue it escalates to the owner, then, five working days later, to the business manager too', async () => {
    setClock('2026-12-11T00:00:01Z'); // just after the end of Thursday 10 December
    const first = await eventually(overdueMail, (m) => m.length === 1, 'escalation 1');
    expect(first[0]!.to).toEqual([OWNER]);
    expect(((await api(BM, 'GET', base())).body.actions as ActionView[]).map((a) => a.standing)).toEqual(['overdue', 'open']);
    // Friday 11 December + 5 working days = Friday 18 December, 09:00 London
    setClock('2026-12-18T09:00:01Z');
    const second = await eventually(overdueMail, (m) => m.length === 3, 'escalation 2');
    expect(second.slice(1).flatMap((m) => m.to).sort()).toEqual([BM, OWNER].sort());
    expect(second[2]!.text).toContain('escalation 2');
  });

  it('the owner records progress; a stale version is refused; done ends the escalations; every step is audited', async () => {
    const path = `${base()}/${action.id}/progress`;
    expect((await api(OWNER, 'POST', path, { status: 'in-progress', note: '', expectedVersion: 1 })).body.errors).toEqual([expect.objectContaining({ name: 'note' })]);
    const started = await api(OWNER, 'POST', path, { status: 'in-progress', note: 'Eight of twelve trained', expectedVersion: 1 });
    expect(started.status).toBe(200);
    expect((await api(OWNER, 'POST', path, { status: 'done', note: 'All trained', expectedVersion: 1 })).status).toBe(409);
    const done = await api(OWNER, 'POST', path, { status: 'done', note: 'All twelve trained', expectedVersion: 2 });
    expect(done.body).toMatchObject({ status: 'done', standing: 'done', version: 3 });
    // Done actions leave the owner's list.
    await eventually(async () => (await api(OWNER, 'GET', '/my-actions')).body.actions as { number: number }[], (a) => a.map((x) => x.number).join() === '2', 'action 1 to leave the list');
    // Another action (number 3) restarts the review workflow. When its escalation goes (29 December), the first
    // action's third escalation would have been due too (18 December + 5 working days): none goes, as it is done.
    expect((await api(BM, 'POST', base(), { ...body, organisation: 'Police', dueDate: '2026-12-22' })).status).toBe(201);
    setClock('2026-12-29T09:00:01Z');
    await eventually(() => mailFor(reference, (m) => m.subject.startsWith('Overdue: action 3 of the action plan')), (m) => m.length === 1, 'action 3 escalation');
    expect(await overdueMail()).toHaveLength(3);
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const actions = (timeline.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['action.added', 'actions.viewed', 'action.progress-recorded']));
  });

  it('the owner attaches evidence to the action; the Board reads it; someone else cannot see it', async () => {
    const files = `/cases/${reference}/files/action/${action.id}`;
    const bytes = new TextEncoder().encode('%PDF-1.7\nTraining register\n%%EOF\n');
    expect((await api(BOARD_CHAIR, 'POST', files, { fileName: 'register.pdf', contentType: 'application/pdf', size: bytes.length })).status).toBe(403);
    expect((await api(OTHER, 'GET', files)).status).toBe(404);
    const grant = await api(OWNER, 'POST', files, { fileName: 'register.pdf', contentType: 'application/pdf', size: bytes.length });
    expect(grant.status).toBe(201);
    const upload = grant.body.upload as { url: string; headers: Record<string, string> };
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    const fileId = (grant.body.file as { fileId: string }).fileId;
    expect((await api(OWNER, 'POST', `${files}/${fileId}/confirm`)).body).toMatchObject({ status: 'stored', fileName: 'register.pdf' });
    const listed = await api(BOARD_CHAIR, 'GET', files);
    expect(listed.body).toMatchObject({ mayUpload: false, files: [expect.objectContaining({ fileName: 'register.pdf', status: 'stored' })] });
    expect((await api(BM, 'GET', files)).body.mayUpload).toBe(true);
  });

  it('the Board sees the progress of every plan, as a page and as CSV with formulas neutralised', async () => {
    expect((await api(OWNER, 'GET', '/reports/action-plans')).status).toBe(403);
    const report = (await api(BOARD_CHAIR, 'GET', '/reports/action-plans')).body as unknown as ProgressReportView;
    expect(report.rows.filter((r) => r.reference === reference)).toEqual([
      expect.objectContaining({ number: 3, standing: 'overdue', daysOverdue: 7 }),
      expect.objectContaining({ number: 2, standing: 'open' }),
      expect.objectContaining({ number: 1, standing: 'done', owner: 'Health Lead' }),
    ]);
    expect(report.totals.done).toBeGreaterThanOrEqual(1);
    const csv = await api(BM, 'GET', '/reports/action-plans?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('reference,action,organisation,owner,due_date,status,standing,days_overdue,done_at');
    expect(csv.text).toContain(`${reference},1,'=Community Health,Health Lead,2026-12-10,Done,Done,0,2026-12-18`);
  });

  it('the timeliness report shows the decision on time and the review not complete yet', async () => {
    expect((await api(SUB_CHAIR, 'GET', '/reports/timeliness')).status).toBe(403);
    const report = (await api('auditor@example.org', 'GET', '/reports/timeliness')).body as unknown as TimelinessReportView;
    const row = report.rows.find((r) => r.reference === reference);
    expect(row).toMatchObject({ decision: { band: 'on-time', days: 0 }, completion: { band: 'not-yet' } });
  });
});
