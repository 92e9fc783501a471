import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { stateMachineArn } from '../../infra/local/arns.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { reviewExecutionName } from '../../functions/domain/case/outbox.js';
import type { ActionView } from '../../functions/schemas/actions.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';

/**
 * Changing an action's due date and owner (issue 11) on the local runtime,
 * through the real API with a fake clock. Two actions are due on the same
 * day; the first's date moves five weeks later. The review workflow restarts
 * with the new timetable (an execution named after the header's new schedule
 * version), and when the second action's reminder goes, the check that sent
 * it sent none for the first: its old date's reminder is not sent. The new
 * date's reminder and escalation go, to the new owner.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z'); // a Thursday
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const BM = 'lscb-business-manager@example.org';
const OWNER = 'first.owner@health.example.org';
const NEW_OWNER = 'second.owner@health.example.org';
const DISABLED = 'disabled.owner@health.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';
const invited = new Set<string>();

let platform: LocalPlatform;
let dataDir = '';
const tokens = new Map<string, string>();

const mailFor = async (reference: string, filter: (m: CapturedEmail) => boolean = () => true) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference) && filter(m));
const to = (address: string) => (m: CapturedEmail) => m.to.map((t) => t.toLowerCase()).includes(address.toLowerCase());
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';

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

async function api(as: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: res.status, body: json };
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
  dataDir = mkdtempSync(join(tmpdir(), 'scr-action-change-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  for (const email of [OWNER, NEW_OWNER, DISABLED]) {
    expect((await api(BM, 'POST', '/users', { name: 'Health Lead', email, role: 'agency-contributor' })).status).toBe(201);
    await firstSignIn(platform, email, PASSWORD);
    invited.add(email);
  }
  const users = (await api(BM, 'GET', '/users')).body.users as { userId: string; email: string }[];
  const disabled = users.find((u) => u.email === DISABLED)!;
  expect((await api(BM, 'PATCH', `/users/${encodeURIComponent(disabled.userId)}`, { enabled: false })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("changing an action's due date and owner: the reminders and escalations follow at once", () => {
  let reference = '';
  let first: ActionView;
  const base = () => `/cases/${reference}/actions`;
  const body = {
    source: { kind: 'board' },
    recommendation: 'Health visitors are trained to recognise neglect',
    organisation: 'Community Health',
    ownerName: 'First Owner',
    ownerEmail: OWNER,
    dueDate: '2026-12-10',
    outcome: 'Every health visitor trained by the due date',
    evaluation: 'An audit of ten case files',
  };
  const sfn = () => new SFNClient({ region: 'eu-west-2', endpoint: platform.sfnEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const executions = async () =>
    ((await sfn().send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('review') }))).executions ?? [])
      .filter((e) => e.name?.startsWith(`${reference}-review-v`))
      .map((e) => ({ name: e.name!, status: e.status }));
  const header = async () => {
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    return (await ddb.send(new GetCommand({ TableName: platform.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }))).Item!;
  };
  /** The one running execution is the header's current schedule's: the workflow runs the timetable written with the change. */
  const runningForHeader = async (what: string) => {
    const h = await header();
    const name = reviewExecutionName(reference, h.scheduleVersion as number);
    await eventually(executions, (e) => e.filter((x) => x.status === 'RUNNING').map((x) => x.name).join() === name, what, { timeoutMs: 45_000 });
    return name;
  };
  const actionMail = (n: number, kind: 'Reminder' | 'Overdue') => mailFor(reference, (m) => m.subject.startsWith(`${kind}: action ${n} of the action plan`));

  it('two actions are added, due on the same day', async () => {
    reference = await decidedReview('action.change@school.example.org');
    const added = await api(BM, 'POST', base(), body);
    expect(added.status).toBe(201);
    first = added.body as unknown as ActionView;
    expect(first.mayChange).toBe(true);
    expect((await api(BM, 'POST', base(), { ...body, organisation: 'Police' })).status).toBe(201);
    await runningForHeader('the execution for the plan of two actions');
  });

  it('refuses a change by anyone but the business manager, to an owner without an enabled account, to a past date, or from a stale page', async () => {
    const path = `${base()}/${first.id}/change`;
    const change = { ownerName: 'First Owner', ownerEmail: OWNER, dueDate: '2027-01-14', expectedVersion: 1 };
    expect((await api(OWNER, 'POST', path, change)).status).toBe(403);
    expect((await api(SUB_CHAIR, 'POST', path, change)).status).toBe(403);
    const nobody = await api(BM, 'POST', path, { ...change, ownerEmail: 'nobody@health.example.org' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([expect.objectContaining({ name: 'ownerEmail', text: expect.stringContaining('Invite nobody@health.example.org') })]);
    const disabled = await api(BM, 'POST', path, { ...change, ownerEmail: DISABLED });
    expect(disabled.body.errors).toEqual([expect.objectContaining({ name: 'ownerEmail', text: expect.stringContaining('is disabled') })]);
    expect((await api(BM, 'POST', path, { ...change, dueDate: '2026-11-25' })).body.errors).toEqual([expect.objectContaining({ name: 'dueDate' })]);
    expect((await api(BM, 'POST', path, { ...change, expectedVersion: 7 })).status).toBe(409);
    expect((await api(BM, 'POST', path, { ...change, ownerEmail: '' })).body.errors).toEqual([expect.objectContaining({ name: 'ownerEmail' })]);
  });

  it("a due date moved later: the workflow restarts with the new timetable, and the old date's reminder is not sent", async () => {
    const before = await runningForHeader('the execution before the change');
    const changed = await api(BM, 'POST', `${base()}/${first.id}/change`, { ownerName: 'First Owner', ownerEmail: OWNER, dueDate: '2027-01-14', expectedVersion: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, due: { dueDate: '2027-01-14', dueAt: '2027-01-14T23:59:59.999Z' }, standing: 'open' });
    const after = await runningForHeader('a new execution for the new schedule');
    expect(after).not.toBe(before);
    expect((await executions()).find((e) => e.name === before)?.status).toBe('ABORTED');

    // The old date's reminder moment (1 working day before 10 December). The second action, still due then, is reminded:
    // the same check would have reminded the first, and did not.
    setClock('2026-12-09T09:00:01Z');
    await eventually(() => actionMail(2, 'Reminder'), (m) => m.length >= 1, "the second action's reminder");
    expect(await actionMail(1, 'Reminder')).toEqual([]);
    // Past the old due date: the second action escalates, the first (not due yet) does not.
    setClock('2026-12-11T00:00:01Z');
    await eventually(() => actionMail(2, 'Overdue'), (m) => m.length === 1, "the second action's first escalation");
    expect(await actionMail(1, 'Overdue')).toEqual([]);
    expect(((await api(BM, 'GET', base())).body.actions as ActionView[]).map((a) => a.standing)).toEqual(['open', 'overdue']);
  });

  it('the owner changed: the new date reminds, and escalates to, the new owner only', async () => {
    const before = await runningForHeader('the execution before the owner changes');
    const changed = await api(BM, 'POST', `${base()}/${first.id}/change`, { ownerName: 'Second Owner', ownerEmail: NEW_OWNER.toUpperCase(), dueDate: '2027-01-14', expectedVersion: 2 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ owner: { name: 'Second Owner', email: NEW_OWNER }, due: { dueDate: '2027-01-14' }, version: 3 });
    expect(await runningForHeader('a new execution for the new owner')).not.toBe(before);
    // The new owner sees it on their list; the old one no longer does.
    await eventually(async () => (await api(NEW_OWNER, 'GET', '/my-actions')).body.actions as { number: number }[], (a) => a.map((x) => x.number).join() === '1', 'the new owner’s list');
    expect(((await api(OWNER, 'GET', '/my-actions')).body.actions as { number: number }[]).map((a) => a.number)).toEqual([2]);

    setClock('2027-01-13T09:00:01Z'); // 1 working day before Thursday 14 January
    const reminder = await eventually(() => actionMail(1, 'Reminder'), (m) => m.length === 1, "the new date's reminder");
    expect(reminder[0]!.to).toEqual([NEW_OWNER]);
    expect(`${reminder[0]!.subject} ${reminder[0]!.text}`).toContain('14 January 2027');
    setClock('2027-01-15T00:00:01Z');
    const overdue = await eventually(() => actionMail(1, 'Overdue'), (m) => m.length === 1, "the first action's first escalation");
    expect(overdue[0]!.to).toEqual([NEW_OWNER]);
    expect((await mailFor(reference, to(OWNER))).filter((m) => m.subject.includes('action 1 '))).toEqual([]);
  });

  it('each change is on the case timeline', async () => {
    const timeline = await api(BM, 'GET', `/cases/${reference}/timeline`);
    const changes = (timeline.body.entries as { action: string }[]).filter((e) => e.action === 'action.changed');
    expect(changes).toHaveLength(2);
  });
});
