import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { eventually } from '../support/eventually.js';

/**
 * The decision stage on the local runtime with a fake clock: chairs act from
 * their emails, links are safe to open, and deadlines escalate on their own.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z');
let platform: LocalPlatform;
let dataDir: string;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let ddb: DynamoDBDocumentClient;

const options = (): LocalPlatformOptions => ({ dataDir, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock });

const mailFor = async (reference: string, filter: (m: CapturedEmail) => boolean = () => true) =>
  (await readMailbox(platform.sesEndpoint)).filter((m) => m.subject.includes(reference) && filter(m));
const secretIn = (m: CapturedEmail | undefined) => /\/act#([A-Za-z0-9_-]{40,64})/.exec(m?.text ?? '')?.[1] ?? '';
const getCase = async (reference: string) =>
  (await ddb.send(new GetCommand({ TableName: platform.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' }, ConsistentRead: true }))).Item;

async function staffToken(email: string) {
  return (await signInStaffLocally(platform, email, platform.localStaff.password)).IdToken!;
}

const BM = 'lscb-business-manager@example.org';
const OTHER_CHILDREN = { confirmedWith: 'Duty team manager', confirmedOn: '2026-11-26', whatWasDone: 'Both siblings seen the same day.' };
/** POST /cases/{ref}/other-children (3.1) as `email`. */
async function recordOtherChildren(reference: string, email = BM, body: unknown = OTHER_CHILDREN) {
  return fetch(`${platform.apiUrl}/cases/${reference}/other-children`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await staffToken(email)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const actions = (token: string, secret: string, method: 'GET' | 'POST' | 'HEAD', body?: unknown) =>
  fetch(`${platform.apiUrl}/actions`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'x-action-token': secret, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

async function refer(email: string): Promise<string> {
  const idToken = (await signInReferrerLocally(platform, email)).IdToken!;
  const res = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email } })),
  });
  expect(res.status).toBe(201);
  const { reference } = (await res.json()) as { reference: string };
  await eventually(() => mailFor(reference), (m) => m.length === 3, 'the three referral emails');
  return reference;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-decision-'));
  platform = await startLocalPlatform({ ...options(), fresh: true });
  ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials }));
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two chairs act from their emails', () => {
  let reference = '';
  let recommendSecret = '';
  let subChair = '';
  let boardChair = '';

  beforeAll(async () => {
    reference = await refer('first.referrer@example.org');
    recommendSecret = secretIn((await mailFor(reference, (m) => m.to.includes('scr-subcommittee-chair@example.org')))[0]);
    subChair = await staffToken('scr-subcommittee-chair@example.org');
    boardChair = await staffToken('lscb-chair@example.org');
  });

  it('emails the sub-committee chair a single-use link whose secret is only in the fragment', () => {
    expect(recommendSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('opening the link, a HEAD, a render of the page or reading what it asks changes nothing', async () => {
    const before = await getCase(reference);
    expect((await fetch(`${platform.appUrl}/act`)).status).toBe(200);
    expect((await fetch(`${platform.appUrl}/act`, { method: 'HEAD' })).status).toBe(200);
    const asked = await actions(subChair, recommendSecret, 'GET');
    expect(asked.status).toBe(200);
    expect(await asked.json()).toMatchObject({ reference, action: 'recommend', state: 'open' });
    expect([200, 404, 405]).toContain((await actions(subChair, recommendSecret, 'HEAD')).status);
    expect(await getCase(reference)).toEqual(before);
  });

  it('refuses someone else signed in, and records the attempt', async () => {
    const res = await actions(boardChair, recommendSecret, 'POST', {
      recommendation: 'serious-case-review',
      rationale: 'x',
      criteriaApplied: ['3.1'],
    });
    expect(res.status).toBe(403);
    expect((await getCase(reference))?.status).toBe('awaiting-recommendation');
    const audit = await ddb.send(
      new QueryCommand({
        TableName: platform.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':a': 'AUDIT#' },
      }),
    );
    expect(audit.Items?.some((i) => i.action === 'action-link.refused' && i.actor.email === 'lscb-chair@example.org')).toBe(true);
  });

  it('a double click records one recommendation and says the other was already done', async () => {
    const body = { recommendation: 'serious-case-review', rationale: 'Child died; neglect suspected (3.1, 3.2).', criteriaApplied: ['3.1', '3.2'] };
    const [a, b] = await Promise.all([actions(subChair, recommendSecret, 'POST', body), actions(subChair, recommendSecret, 'POST', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = [a, b].find((r) => r.status === 409)!;
    expect(((await conflict.json()) as { message: string }).message).toMatch(/already been recorded/);
    expect((await getCase(reference))?.recommendation).toMatchObject({ outcome: 'serious-case-review', byEmail: 'scr-subcommittee-chair@example.org' });
  });

  it('forwards the recommendation to the Board chair with their own link (4.2)', async () => {
    const mail = await eventually(
      () => mailFor(reference, (m) => m.to.includes('lscb-chair@example.org') && m.subject.startsWith('Action needed')),
      (m) => m.length === 1,
      'the decision email',
    );
    expect(mail[0]?.subject).toBe(`Action needed by Saturday 26 December 2026: decision on referral ${reference}`);
    expect(secretIn(mail[0])).not.toBe('');
  });

  it('a departure from mandatory criteria needs a stated reason (1.3), then the decision ends the stage', async () => {
    const [decideMail] = await mailFor(reference, (m) => m.to.includes('lscb-chair@example.org') && m.subject.startsWith('Action needed'));
    const secret = secretIn(decideMail);
    const missing = await actions(boardChair, secret, 'POST', { decision: 'no-review', reasons: 'Considered.' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { name: string; text: string }[] }).errors[0]).toMatchObject({
      name: 'departureReason',
      text: expect.stringMatching(/departing from the guidance/),
    });
    const ok = await actions(boardChair, secret, 'POST', {
      decision: 'partnership-review',
      reasons: 'Considered the recommendation.',
      departureReason: 'A coroner-led process already covers the death; local protocols need review.',
    });
    expect(ok.status).toBe(200);
    const decided = await getCase(reference);
    expect(decided).toMatchObject({
      status: 'partnership-review',
      decision: { departsFrom: { fromRecommendation: true, fromMandatoryCriteria: true }, shareFindingsBy: { dueDate: '2027-02-26' } },
    });
    // The referrer hears the outcome, without case details.
    const toReferrer = await eventually(
      () => mailFor(reference, (m) => m.to.includes('first.referrer@example.org') && m.subject.includes('decision')),
      (m) => m.length === 1,
      'the outcome email',
    );
    expect(toReferrer[0]?.text).toContain('Outcome: A partnership review.');
    expect(toReferrer[0]?.text).not.toMatch(/Sam|Fictional|coroner/);
    const sfn = new SFNClient({ region: 'eu-west-2', endpoint: platform.sfnEndpoint, credentials });
    // The stream handler that sent that email has applied the decision's effects: the 3.1 duty (other children) is
    // still open, so the stage's workflow is not stopped but goes on watching it (it ends once the duty is met).
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:eu-west-2:000000000000:execution:decision:${reference}` }));
    expect(execution.status).toBe('RUNNING');
  });

  it('the case page shows the recommendation and that the decision departed from the guidance (1.3)', async () => {
    const auditor = await staffToken('auditor@example.org');
    const res = await fetch(`${platform.apiUrl}/cases/${reference}`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(await res.json()).toMatchObject({
      status: 'partnership-review',
      recommendation: { outcome: 'serious-case-review', by: 'scr-subcommittee-chair@example.org' },
      decision: { outcome: 'partnership-review', departedFromRecommendation: true, departedFromGuidance: true, by: 'lscb-chair@example.org' },
      // The 3.1 duty (other children) stays open, whatever the decision, until the business manager records it.
      deadlines: [
        expect.objectContaining({ id: 'share-findings', dueDate: '2027-02-26' }),
        expect.objectContaining({ id: 'other-children', dueDate: '2026-11-27' }),
      ],
    });
  });

  it('an old link has expired once the stage has moved on', async () => {
    const res = await actions(subChair, recommendSecret, 'POST', { recommendation: 'no-review', rationale: 'x', criteriaApplied: ['3.3'] });
    expect(res.status).toBe(409);
    expect(await (await actions(subChair, recommendSecret, 'GET')).json()).toMatchObject({ state: 'used' });
  });

  it('a forged or truncated link is not valid', async () => {
    expect((await actions(subChair, recommendSecret.slice(0, 20), 'GET')).status).toBe(404);
    expect((await actions(subChair, 'A'.repeat(43), 'POST', {})).status).toBe(404);
  });
});

describe('deadlines escalate on their own, and survive a restart', () => {
  let reference = '';

  it('reminds, then escalates an overdue recommendation to the sub-committee chair (its owner), the Board chair and business manager', async () => {
    reference = await refer('second.referrer@example.org');
    // Prepare: the business manager records the 3.1 confirmation at once, so what follows is the decision stage's alone.
    expect((await recordOtherChildren(reference)).status).toBe(200);
    clock.set('2026-12-03T09:00:01Z'); // 5 working days before 10 December
    await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Reminder')),
      (m) => m.length === 1,
      'the 5-day reminder',
    );
    clock.set('2026-12-11T00:00:01Z');
    const escalations = await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Overdue')),
      (m) => m.length === 3,
      'the escalation',
    );
    expect(escalations.flatMap((m) => m.to).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
  });

  it('a deadline that passed while stopped escalates once on start, not zero or two times', async () => {
    await platform.stop();
    clock.set('2026-12-18T09:00:01Z'); // the second escalation falls due while the platform is down
    platform = await startLocalPlatform(options());
    const overdue = await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Overdue')),
      (m) => m.length >= 3,
      'the escalation after restart',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const after = await mailFor(reference, (m) => m.subject.startsWith('Overdue'));
    expect(after.length).toBe(overdue.length);
    expect(after.flatMap((m) => m.to).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org']);
    expect(after.every((m) => m.text.includes('This is escalation 2'))).toBe(true);
  });

  it('an overdue decision escalates to the Board chair (its owner) and through the tiers: business manager, then vice-chair, then adviser', async () => {
    const decisionEscalations = () =>
      mailFor(reference, (m) => m.subject.startsWith('Overdue: the Board chair’s decision'));
    clock.set('2026-12-27T00:00:01Z'); // decision was due by the end of Saturday 26 December
    await eventually(decisionEscalations, (m) => m.length === 2, 'the first decision escalation');
    expect((await decisionEscalations()).flatMap((m) => m.to).sort()).toEqual(['lscb-business-manager@example.org', 'lscb-chair@example.org']);
    clock.set('2027-01-05T09:00:01Z'); // 5 working days on (28 Dec and 1 Jan are bank holidays)
    await eventually(decisionEscalations, (m) => m.length === 5, 'the second decision escalation');
    clock.set('2027-01-12T09:00:01Z');
    const all = await eventually(decisionEscalations, (m) => m.length === 9, 'the third decision escalation');
    const third = all.filter((m) => m.text.includes('This is escalation 3')).flatMap((m) => m.to).sort();
    expect(third).toEqual(['childrens-services-adviser@example.org', 'lscb-business-manager@example.org', 'lscb-chair@example.org', 'lscb-vice-chair@example.org']);
    // The business manager, who receives the escalations, has the overdue work on their task list.
    const bm = await staffToken('lscb-business-manager@example.org');
    const tasks = (await (await fetch(`${platform.apiUrl}/tasks`, { headers: { authorization: `Bearer ${bm}` } })).json()) as {
      tasks: { reference: string; label: string; status: string }[];
    };
    expect(tasks.tasks.filter((t) => t.reference === reference)).toEqual([
      expect.objectContaining({ label: expect.stringMatching(/^Follow up \(overdue\): Recommend/), status: 'overdue' }),
      expect.objectContaining({ label: expect.stringMatching(/^Follow up \(overdue\): Decide/), status: 'overdue' }),
    ]);
  });
});

describe('3.1: other children must be considered at once', () => {
  let reference = '';
  const tasksOf = async (email: string) =>
    ((await (await fetch(`${platform.apiUrl}/tasks`, { headers: { authorization: `Bearer ${await staffToken(email)}` } })).json()) as {
      tasks: { reference: string; id?: string; label: string; dueDate: string; status: string }[];
    }).tasks.filter((t) => t.reference === reference);
  const otherChildrenMail = () => mailFor(reference, (m) => m.subject.includes('other children'));

  it('a referral whose criteria call for it opens a task for the business manager at once, due the next working day', async () => {
    clock.set('2027-01-14T10:00:00Z'); // Thursday
    reference = await refer('third.referrer@example.org');
    const tasks = await eventually(() => tasksOf(BM), (t) => t.some((x) => x.label.startsWith('Confirm with children’s social care')), 'the 3.1 task');
    expect(tasks.find((t) => t.label.startsWith('Confirm with children’s social care'))).toMatchObject({
      label: 'Confirm with children’s social care that the other children named in the referral have been considered, and record what was done (paragraph 3.1)',
      dueDate: '2027-01-15',
    });
  });

  it('when overdue, the business manager (its owner) and the sub-committee chair are told; recording it ends the task', async () => {
    clock.set('2027-01-16T00:00:01Z'); // due by the end of Friday 15 January
    const overdue = await eventually(otherChildrenMail, (m) => m.length === 2, 'the 3.1 escalation');
    expect(overdue.flatMap((m) => m.to).sort()).toEqual([BM, 'scr-subcommittee-chair@example.org']);
    expect(overdue[0]!.subject).toMatch(/^Overdue: the confirmation that the other children named in the referral have been considered/);
    expect(overdue[0]!.text).not.toMatch(/Siblings|Fictional/i);

    expect((await recordOtherChildren(reference, BM, {})).status).toBe(400);
    expect((await recordOtherChildren(reference, 'scr-subcommittee-chair@example.org')).status).toBe(403);
    expect((await recordOtherChildren(reference, BM, { ...OTHER_CHILDREN, confirmedOn: '2027-01-15' })).status).toBe(200);
    expect((await recordOtherChildren(reference, BM, { ...OTHER_CHILDREN, confirmedOn: '2027-01-15' })).status).toBe(409);
    await eventually(() => tasksOf(BM), (t) => !t.some((x) => x.label.startsWith('Confirm with children’s social care')), 'the 3.1 task to close');
    const timeline = (await (await fetch(`${platform.apiUrl}/cases/${reference}/timeline`, { headers: { authorization: `Bearer ${await staffToken(BM)}` } })).json()) as {
      entries: { action: string }[];
    };
    expect(timeline.entries.filter((e) => e.action === 'case.other-children-considered')).toHaveLength(1);
  });
});
