import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { stateMachineArn } from '../../infra/local/arns.js';
import type { ReviewView } from '../../functions/schemas/review.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';

/**
 * The review stage on the local runtime with a fake clock (issue 5): from a
 * decision to review, each duty is a task with an owner, a due date and a
 * status; statutory notifications carry proof of delivery; and nothing is
 * missed as time moves on. Time only moves forward, so the tests run in
 * order, each on its own case.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z'); // a Thursday
const BOUNCE = 'bounce@simulator.amazonses.com';
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const SHA = 'sha-safeguarding@example.org';
const CSA = 'childrens-services-adviser@example.org';
const NEIGHBOUR = 'chair@neighbouring-lscb.example.org';
const COUNTY = 'chair@county-lscb.example.org';

let platform: LocalPlatform;
let dataDir = '';
let configDir = '';
const tokens = new Map<string, string>();
/** People invited during the tests, with the password they chose at first sign-in. */
const passwords = new Map<string, string>();

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
  const idToken = (await signInStaffLocally(platform, email, passwords.get(email) ?? platform.localStaff.password)).IdToken!;
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
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
}

const review = async (reference: string) => (await api(BM, 'GET', `/cases/${reference}`)).body.review as ReviewView;
const statutoryMail = (reference: string) => mailFor(reference, (m) => m.subject.startsWith('Serious case review notification'));

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
  await eventually(() => statutoryMail(reference), (m) => m.length === 3, 'the three statutory notifications');
  return reference;
}

beforeAll(async () => {
  // Ofsted's National Business Unit is SES's bounce simulator, so its notification fails.
  configDir = mkdtempSync(join(tmpdir(), 'scr-review-board-'));
  const board = JSON.parse(readFileSync(join(repoRoot, 'infra/config/board.example.json'), 'utf8')) as Record<string, unknown>;
  board.ofstedNationalBusinessUnit = { name: 'Ofsted National Business Unit', email: BOUNCE };
  const file = join(configDir, 'board.json');
  writeFileSync(file, JSON.stringify(board));
  dataDir = mkdtempSync(join(tmpdir(), 'scr-review-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50, boardConfigFile: file });
});

afterAll(async () => {
  await platform?.stop();
  for (const dir of [dataDir, configDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The decided review of the statutory-notification tests, made by whichever describe needs it first,
 * so the role matrix (which only reads it and writes nothing) does not depend on running after them.
 */
let statutoryReview: Promise<string> | undefined;
const sharedReview = () => (statutoryReview ??= decidedReview('statutory.referrer@example.org'));

describe('statutory notifications (6.1-6.4)', () => {
  let reference = '';
  beforeAll(async () => {
    reference = await sharedReview();
  });

  it('a decided review sends each statutory notification once, with a link and no case details', async () => {
    const mail = await statutoryMail(reference);
    expect(mail.flatMap((m) => m.to).sort()).toEqual([BOUNCE, CSA, SHA].sort());
    for (const m of mail) {
      expect(m.text).toContain(`/cases/${reference}/notification`);
      expect(m.text).not.toMatch(/Sam|Fictional|2018-04-12/);
    }
    // A change to the review's schedule stops its execution and starts one for the new schedule, which owes nothing already sent;
    // an edit the schedule does not depend on leaves the execution running.
    const sfn = new SFNClient({ region: 'eu-west-2', endpoint: platform.sfnEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const executions = async () =>
      ((await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('review') }))).executions ?? [])
        .filter((e) => e.name?.startsWith(`${reference}-review-v`))
        .map((e) => ({ name: e.name, status: e.status }));
    const [first] = await eventually(executions, (e) => e.length === 1 && e[0]!.status === 'RUNNING', 'the review execution');
    expect((await api(BM, 'POST', `/cases/${reference}/review/proceedings`, { kind: 'coroner', details: 'HM Coroner, inquest opened' })).status).toBe(201);
    expect((await api(BM, 'POST', `/cases/${reference}/review/early-lessons`, { lesson: 'Share the discharge plan with the GP' })).status).toBe(201);
    // A later schedule change's restart proves the stream had passed these edits: they started nothing.
    const contact = 'records.restart@probation.example.org';
    expect((await api(BM, 'POST', '/users', { name: 'Records Lead', email: contact, role: 'agency-contributor' })).status).toBe(201);
    expect((await api(BM, 'POST', `/cases/${reference}/review/records`, { agency: 'Example Probation', contactName: 'Records Lead', contactEmail: contact })).status).toBe(201);
    // The records request is sent by the new execution: by then every earlier edit has passed through the stream.
    await eventually(() => mailFor(reference, to(contact)), (m) => m.length === 1, 'the records request');
    const after = await eventually(executions, (e) => e.some((x) => x.name !== first!.name && x.status === 'RUNNING'), 'a new execution for the new schedule');
    expect(after).toHaveLength(2);
    expect(after.find((x) => x.name === first!.name)?.status).toBe('ABORTED');
    expect(await statutoryMail(reference)).toHaveLength(3);
  });

  it('a bounced Ofsted notification shows as failed, alerts the business manager once, and can be sent again', async () => {
    const failed = await eventually(
      () => review(reference),
      (r) => r.statutoryNotifications.find((n) => n.recipient === 'ofsted-nbu')?.status === 'failed',
      'the Ofsted notification shown as failed',
    );
    const ofsted = failed.statutoryNotifications.find((n) => n.recipient === 'ofsted-nbu')!;
    expect(ofsted).toMatchObject({ email: BOUNCE, attempts: 1, canResend: true });
    expect(failed.statutoryNotifications.filter((n) => n.recipient !== 'ofsted-nbu').map((n) => n.status)).toEqual(['delivered', 'delivered']);
    const alerts = await eventually(() => mailFor(reference, (m) => to(BM)(m) && m.subject.startsWith('Email not delivered')), (m) => m.length >= 1, 'the alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain("Ofsted’s National Business Unit");

    // Only the business manager resends; a delivered notification is not resent.
    expect((await api(SUB_CHAIR, 'POST', `/cases/${reference}/review/notifications/resend`, { recipient: 'ofsted-nbu' })).status).toBe(403);
    const notAgain = await api(BM, 'POST', `/cases/${reference}/review/notifications/resend`, { recipient: 'strategic-health-authority' });
    expect(notAgain.status).toBe(409);
    expect(notAgain.body.message).toMatch(/was delivered/);

    // The business manager corrects the address in the Board configuration, then sends it again.
    const current = await api(BM, 'GET', '/board-config');
    const corrected = { ...current.body, ofstedNationalBusinessUnit: { name: 'Ofsted National Business Unit', email: 'ofsted-nbu@example.org' } };
    expect((await api(BM, 'PUT', '/board-config', corrected, { 'if-match': current.headers.get('etag') ?? '' })).status).toBe(200);
    expect((await api(BM, 'POST', `/cases/${reference}/review/notifications/resend`, { recipient: 'ofsted-nbu' })).status).toBe(202);
    const resent = await eventually(
      () => review(reference),
      (r) => r.statutoryNotifications.find((n) => n.recipient === 'ofsted-nbu')?.status === 'delivered',
      'the resent notification delivered',
    );
    expect(resent.statutoryNotifications.find((n) => n.recipient === 'ofsted-nbu')).toMatchObject({ email: 'ofsted-nbu@example.org', attempts: 2, canResend: false });
    expect(await mailFor(reference, to('ofsted-nbu@example.org'))).toHaveLength(1);
  });

  it('the notification record is read behind sign-in by its recipients, and by no one else outside the Board', async () => {
    const form = {
      notifyingAuthority: 'Example Borough Council',
      notifierName: 'Pat Manager',
      notifierRole: 'LSCB business manager',
      notifierPhone: '01632 960 100',
      notifiedOn: '2026-11-26',
      reason: 'review-confirmed',
      lookedAfter: false,
      childFirstNames: 'Sam',
      childLastName: 'Fictional',
      childDateOfBirth: '2018-04-12',
      childGender: 'not-known',
      parents: 'Parent One (mother)',
    };
    const bad = await api(BM, 'PUT', `/cases/${reference}/review/ofsted-form`, { ...form, childDateOfBirth: undefined, notifierPhone: 'call me' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { text: string }[]).map((e) => e.text)).toEqual(
      expect.arrayContaining(['Enter a telephone number, like 01632 960 001 or 07700 900 982', 'Enter the child’s date of birth or their age']),
    );
    expect((await api(SUB_CHAIR, 'PUT', `/cases/${reference}/review/ofsted-form`, form)).status).toBe(403);
    expect((await api(BM, 'PUT', `/cases/${reference}/review/ofsted-form`, form)).status).toBe(200);

    const asSha = await api(SHA, 'GET', `/cases/${reference}/statutory-notification`);
    expect(asSha.status).toBe(200);
    expect(asSha.body).toMatchObject({ reference, form: { childFirstNames: 'Sam', parents: 'Parent One (mother)' } });
    // Another Board's chair has an account but is not a recipient: the record does not exist for them.
    expect((await api(NEIGHBOUR, 'GET', `/cases/${reference}/statutory-notification`)).status).toBe(404);
    expect((await api(NEIGHBOUR, 'GET', `/cases/${reference}`)).status).toBe(404);
  });
});

describe('who may record what on a review (deny by default)', () => {
  it('each write endpoint answers each role: permitted roles reach validation (400), others 403, and people not on the case 404', async () => {
    const reference = await sharedReview();
    const endpoints: [string, 'POST' | 'PUT', string][] = [
      ['ofsted-form', 'PUT', 'review/ofsted-form'],
      ['resend', 'POST', 'review/notifications/resend'],
      ['nbu-confirmation', 'POST', 'review/nbu-confirmation'],
      ['panel', 'POST', 'review/panel'],
      ['mandate', 'POST', 'review/panel/nobody/mandate'],
      ['start', 'POST', 'review/start'],
      ['records', 'POST', 'review/records'],
      ['joint', 'POST', 'review/joint'],
      ['extension-requests', 'POST', 'review/extension-requests'],
      ['extensions', 'POST', 'review/extensions'],
      ['proceedings', 'POST', 'review/proceedings'],
      ['publication-hold', 'PUT', 'review/publication-hold'],
      ['early-lessons', 'POST', 'review/early-lessons'],
    ];
    const who = { bm: BM, subChair: SUB_CHAIR, boardChair: BOARD_CHAIR, auditor: 'auditor@example.org', otherBoardChair: NEIGHBOUR, sha: SHA };
    const got: Record<string, Record<string, number>> = {};
    for (const [name, method, path] of endpoints) {
      got[name] = {};
      for (const [label, email] of Object.entries(who)) got[name][label] = (await api(email, method, `/cases/${reference}/${path}`, {})).status;
    }
    const row = (bm: number, subChair: number) => ({ bm, subChair, boardChair: 403, auditor: 403, otherBoardChair: 404, sha: 404 });
    expect(got).toEqual({
      'ofsted-form': row(400, 403),
      resend: row(400, 403),
      'nbu-confirmation': row(403, 400),
      panel: row(400, 400),
      mandate: row(404, 403),
      start: row(400, 403),
      records: row(400, 403),
      joint: row(400, 403),
      'extension-requests': row(400, 403),
      extensions: row(400, 403),
      proceedings: row(400, 403),
      'publication-hold': row(400, 403),
      'early-lessons': row(400, 403),
    });
    // Board-wide offices read the notification record; so do its recipients; nobody else outside the Board.
    const reads: Record<string, number> = {};
    for (const [label, email] of Object.entries(who)) reads[label] = (await api(email, 'GET', `/cases/${reference}/statutory-notification`)).status;
    expect(reads).toEqual({ bm: 200, subChair: 200, boardChair: 200, auditor: 200, otherBoardChair: 404, sha: 200 });
  });
});

describe('the 6.2 confirmation, the panel and records secured', () => {
  let reference = '';
  beforeAll(async () => {
    setClock('2026-11-30T10:00:00Z'); // Monday
    reference = await decidedReview('panel.referrer@example.org');
  });

  it('every duty is a task with an owner, a due date and a status', async () => {
    const r = await review(reference);
    expect(r.completion.dueDate).toBe('2027-03-30'); // four calendar months (8.4)
    const byId = Object.fromEntries(r.tasks.map((t) => [t.id, t]));
    // Due in 5 working days, so inside the 5-day reminder window from the start.
    expect(byId['nbu-confirmation']).toMatchObject({ dueDate: '2026-12-07', status: 'due-soon', owner: expect.stringMatching(/sub-committee/i) });
    expect(byId.panel).toMatchObject({ dueDate: '2026-12-14', owner: expect.stringMatching(/business manager/i) });
    expect(byId.completion).toMatchObject({ dueDate: '2027-03-30', status: 'on-track' });
    expect(byId['ofsted-form']).toBeDefined();
    // Each owner has their duty on "My tasks".
    const subChairTasks = (await api(SUB_CHAIR, 'GET', '/tasks')).body.tasks as { reference: string; label: string; dueDate: string }[];
    expect(subChairTasks.filter((t) => t.reference === reference)).toEqual([
      expect.objectContaining({ label: 'Confirm to the Board that the National Business Unit was notified (paragraph 6.2)', dueDate: '2026-12-07' }),
    ]);
    const bmTasks = (await api(BM, 'GET', '/tasks')).body.tasks as { reference: string; label: string }[];
    expect(bmTasks.filter((t) => t.reference === reference).map((t) => t.label)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Complete Ofsted’s form/), expect.stringMatching(/^Convene the review panel/), expect.stringMatching(/^Complete the serious case review/)]),
    );
  });

  it('a panel without Police blocks the review with a clear message, until it is complete and each mandate confirmed', async () => {
    const empty = await api(BM, 'POST', `/cases/${reference}/review/start`, {});
    expect(empty.status).toBe(400);
    const add = (agency: string, name: string) =>
      api(BM, 'POST', `/cases/${reference}/review/panel`, {
        name,
        jobTitle: 'Head of service',
        organisation: `${agency} organisation`,
        agency,
        email: `${name.toLowerCase().replace(/ /g, '.')}@example.org`,
        coOpted: false,
      });
    const ids: string[] = [];
    for (const [agency, name] of [['social-care', 'Sol Care'], ['education', 'Ed Ucation'], ['health', 'Hel Th']] as const) {
      const res = await add(agency, name);
      expect(res.status).toBe(201);
      ids.push(res.body.id as string);
    }
    const noPolice = await api(BM, 'POST', `/cases/${reference}/review/start`, {});
    expect(noPolice.status).toBe(400);
    const texts = (noPolice.body.errors as { text: string }[]).map((e) => e.text);
    expect(texts[0]).toBe('The review panel must include Police before the review can start (paragraph 4.3)');
    expect((await review(reference)).panel.missing.map((m) => m.label)).toEqual(['Police']);

    ids.push((await add('police', 'Pol Ice')).body.id as string);
    const unconfirmed = await api(BM, 'POST', `/cases/${reference}/review/start`, {});
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.body.errors as { text: string }[])[0]!.text).toMatch(/mandate, experience and seniority for Sol Care, Ed Ucation, Hel Th and Pol Ice .*paragraph 4\.6/);
    for (const id of ids) {
      const res = await api(BM, 'POST', `/cases/${reference}/review/panel/${id}/mandate`, {
        confirmedBy: 'Agency director',
        confirmedOn: '2026-11-30',
        mandate: true,
        experience: 'Ten years in child protection',
        seniority: 'Head of service',
      });
      expect(res.status).toBe(200);
    }
    expect((await api(BM, 'POST', `/cases/${reference}/review/start`, {})).status).toBe(200);
    const r = await review(reference);
    expect(r.panel.blockers).toEqual([]);
    expect(r.tasks.find((t) => t.id === 'panel')?.status).toBe('done');
  });

  it('records secured late escalates to the business manager, and stops once recorded', async () => {
    const bad = await api(BM, 'POST', `/cases/${reference}/review/records`, { agency: '', contactName: 'A', contactEmail: 'not-an-email' });
    expect(bad.status).toBe(400);
    const ask = { agency: 'Example Police', contactName: 'Senior Manager', contactEmail: 'records@police.example.org' };
    // Nobody can confirm from a link they cannot sign in to: an address without an account is refused, saying how to invite it.
    const refused = await api(BM, 'POST', `/cases/${reference}/review/records`, ask);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { name: 'contactEmail', href: '#contactEmail', text: 'Invite records@police.example.org as an agency contributor on the Users page first, then ask again' },
    ]);
    expect((await review(reference)).records).toEqual([]);
    expect(await mailFor(reference, to('records@police.example.org'))).toEqual([]);
    expect((await api(BM, 'POST', '/users', { name: 'Police Senior Manager', email: ask.contactEmail, role: 'agency-contributor' })).status).toBe(201);
    const req = await api(BM, 'POST', `/cases/${reference}/review/records`, ask);
    expect(req.status).toBe(201);
    const asked = await eventually(() => mailFor(reference, to('records@police.example.org')), (m) => m.length === 1, 'the records request');
    expect(asked[0]!.subject).toBe(`Action needed by Wednesday 2 December 2026: secure your records for ${reference}`);
    expect(asked[0]!.text).not.toMatch(/Sam|Fictional/);

    setClock('2026-12-03T00:00:01Z'); // due by the end of Wednesday 2 December
    const overdue = await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Overdue: the securing of Example Police’s records')),
      (m) => m.length === 2,
      'the records escalation',
    );
    // The agency's senior manager, whose duty it is, hears alongside the business manager.
    expect(overdue.flatMap((m) => m.to).sort()).toEqual([BM, 'records@police.example.org'].sort());
    const id = req.body.id as string;
    expect((await review(reference)).records[0]).toMatchObject({ id, status: 'overdue', emailStatus: 'delivered' });
    expect((await api(BM, 'POST', `/cases/${reference}/review/records/${id}/secured`, { securedBy: 'Senior Manager', securedOn: '2026-12-03' })).status).toBe(200);
    expect((await review(reference)).records[0]).toMatchObject({ status: 'done', securedOn: '2026-12-03' });
  });

  it("an agency's senior manager confirms from their emailed link, signed in as the person it was sent to", async () => {
    const contact = 'records@health.example.org';
    const invite = await api(BM, 'POST', '/users', { name: 'Health Records Manager', email: contact, role: 'agency-contributor' });
    expect(invite.status).toBe(201);
    await firstSignIn(platform, contact);
    passwords.set(contact, 'A-new-Passw0rd-for-tests!');
    const req = await api(BM, 'POST', `/cases/${reference}/review/records`, { agency: 'Example Health Trust', contactName: 'Health Records Manager', contactEmail: contact });
    expect(req.status).toBe(201);
    const mail = await eventually(() => mailFor(reference, to(contact)), (m) => m.length === 1, 'the records request with its link');
    const secret = secretIn(mail[0]);
    expect(secret).not.toBe('');
    expect((await api(contact, 'GET', '/actions', undefined, { 'x-action-token': secret })).body).toMatchObject({
      action: 'records-secured',
      state: 'open',
      agency: 'Example Health Trust',
    });
    // Secured today, whatever day the other tests have moved the clock to.
    const today = clock.now().toISOString().slice(0, 10);
    const body = { securedBy: 'Head of Health Records', securedOn: today };
    expect((await api(BM, 'POST', '/actions', body, { 'x-action-token': secret })).status).toBe(403);
    expect((await api(contact, 'POST', '/actions', { ...body, securedOn: '2099-12-03' }, { 'x-action-token': secret })).status).toBe(400);
    expect((await api(contact, 'POST', '/actions', body, { 'x-action-token': secret })).status).toBe(200);
    expect((await api(contact, 'POST', '/actions', body, { 'x-action-token': secret })).status).toBe(409);
    const rec = (await review(reference)).records.find((r) => r.agency === 'Example Health Trust');
    expect(rec).toMatchObject({ status: 'done', securedBy: 'Head of Health Records', securedOn: today });
  });

  it('confirmation that the NBU was notified, when overdue, escalates; the sub-committee chair confirms it', async () => {
    setClock('2026-12-08T00:00:01Z'); // due by the end of Monday 7 December
    const overdue = await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Overdue: the confirmation that Ofsted’s National Business Unit was notified')),
      (m) => m.length === 2,
      'the 6.2 escalation',
    );
    // The sub-committee chair, whose duty it is, hears alongside the business manager.
    expect(overdue.flatMap((m) => m.to).sort()).toEqual([BM, SUB_CHAIR].sort());
    expect((await api(BM, 'POST', `/cases/${reference}/review/nbu-confirmation`, { notifiedOn: '2026-12-01' })).status).toBe(403);
    expect((await api(SUB_CHAIR, 'POST', `/cases/${reference}/review/nbu-confirmation`, { notifiedOn: '2099-01-01' })).status).toBe(400);
    expect((await api(SUB_CHAIR, 'POST', `/cases/${reference}/review/nbu-confirmation`, { notifiedOn: '2026-12-01' })).status).toBe(200);
    const r = await review(reference);
    expect(r.nbuConfirmation).toMatchObject({ status: 'done', notifiedOn: '2026-12-01', confirmedBy: SUB_CHAIR });
    expect((await api(SUB_CHAIR, 'POST', `/cases/${reference}/review/nbu-confirmation`, { notifiedOn: '2026-12-01' })).status).toBe(409);
  });
});

describe('joint reviews with other Boards (3.4, 3.5)', () => {
  let reference = '';
  beforeAll(async () => {
    setClock('2026-12-09T10:00:00Z'); // Wednesday
    reference = await decidedReview('joint.referrer@example.org');
  });

  it('one Board agreeing and one silent leads to referral for a final decision, which is recorded', async () => {
    const ask = await api(BM, 'POST', `/cases/${reference}/review/joint`, { boards: ['Neighbouring LSCB', 'County LSCB'], proposal: 'single-board' });
    expect(ask.status).toBe(201);
    const asked = await eventually(() => mailFor(reference, (m) => m.subject.includes('joint review question')), (m) => m.length === 2, 'both chairs asked');
    const neighbourSecret = secretIn(asked.find(to(NEIGHBOUR)));
    const countySecret = secretIn(asked.find(to(COUNTY)));
    expect(neighbourSecret).not.toBe('');

    // Reading changes nothing; the wrong person is refused; the intended chair answers once.
    expect((await api(NEIGHBOUR, 'GET', '/actions', undefined, { 'x-action-token': neighbourSecret })).body).toMatchObject({ action: 'joint-answer', state: 'open', board: 'Neighbouring LSCB' });
    expect((await api(COUNTY, 'POST', '/actions', { answer: 'agree' }, { 'x-action-token': neighbourSecret })).status).toBe(403);
    expect((await api(NEIGHBOUR, 'POST', '/actions', { answer: 'agree' }, { 'x-action-token': neighbourSecret })).status).toBe(200);
    expect((await api(NEIGHBOUR, 'POST', '/actions', { answer: 'agree' }, { 'x-action-token': neighbourSecret })).status).toBe(409);
    expect((await review(reference)).jointReview).toMatchObject({ state: 'asking' });
    expect((await api(BM, 'POST', `/cases/${reference}/review/joint/final-decision`, { outcome: 'joint-review', decidedBy: 'ofsted', decidedOn: '2026-12-09' })).status).toBe(409);

    // County says nothing by the deadline (10 working days: Wednesday 23 December).
    setClock('2026-12-24T00:00:01Z');
    const referred = await eventually(
      () => mailFor(reference, (m) => m.subject.startsWith('Joint review question referred')),
      (m) => m.length === 2,
      'the referral for a final decision',
    );
    expect(referred.flatMap((m) => m.to).sort()).toEqual([BM, BOARD_CHAIR].sort());
    const r = await review(reference);
    expect(r.jointReview).toMatchObject({ state: 'referred', referral: { reason: 'no-answer' } });
    expect(r.tasks.find((t) => t.id === 'joint-final-decision')).toMatchObject({ status: 'on-track', owner: expect.stringMatching(/business manager/i) });
    // County's link has expired with the question.
    expect((await api(COUNTY, 'POST', '/actions', { answer: 'disagree' }, { 'x-action-token': countySecret })).status).toBe(409);

    const final = await api(BM, 'POST', `/cases/${reference}/review/joint/final-decision`, { outcome: 'joint-review', decidedBy: 'both', decidedOn: '2026-12-24', notes: 'Expanded panel.' });
    expect(final.status).toBe(200);
    const decided = await review(reference);
    expect(decided.jointReview).toMatchObject({ state: 'decided', finalDecision: { outcome: 'joint-review', decidedBy: 'both' } });
    expect(decided.tasks.find((t) => t.id === 'joint-final-decision')?.status).toBe('done');
    await new Promise((r2) => setTimeout(r2, 500));
    expect(await mailFor(reference, (m) => m.subject.startsWith('Joint review question referred'))).toHaveLength(2);
  });
});

describe('the review clock (8.4, 8.5, 8.7, 8.8)', () => {
  let reference = '';
  beforeAll(async () => {
    setClock('2027-01-04T10:00:00Z'); // Monday: completion due 4 May 2027
    reference = await decidedReview('clock.referrer@example.org');
  });

  it('an agreed extension moves the completion deadline and the reminders follow it', async () => {
    const r = await review(reference);
    expect(r.completion.dueDate).toBe('2027-05-04');
    expect((await api(BM, 'POST', `/cases/${reference}/review/extension-requests`, { approachedRole: 'childrens-services-adviser', reason: 'Criminal trial listed for June.' })).status).toBe(201);
    const notLater = await api(BM, 'POST', `/cases/${reference}/review/extensions`, {
      agreedByRole: 'ofsted',
      agreedByName: 'A Inspector',
      agreedOn: '2027-01-04',
      newDueDate: '2027-05-04',
      reason: 'Trial',
    });
    expect(notLater.status).toBe(400);
    expect((notLater.body.errors as { text: string }[])[0]!.text).toBe('New completion date must be after the current completion date, 4 May 2027');
    const ok = await api(BM, 'POST', `/cases/${reference}/review/extensions`, {
      agreedByRole: 'childrens-services-adviser',
      agreedByName: 'Chris Adviser',
      agreedOn: '2027-01-04',
      newDueDate: '2027-07-30',
      reason: 'Criminal trial listed for June (paragraph 8.6).',
    });
    expect(ok.status).toBe(201);
    const extended = await review(reference);
    expect(extended.completion).toMatchObject({ dueDate: '2027-07-30' });
    expect(extended.completion.extensions).toEqual([
      expect.objectContaining({ agreedByName: 'Chris Adviser', agreedOn: '2027-01-04', previousDueDate: '2027-05-04', newDueDate: '2027-07-30', recordedBy: BM }),
    ]);
    expect(extended.completion.rule).toMatch(/agreed on 2027-01-04/);

    // The old date's reminder (5 working days before 4 May: 09:00 on 26 April) is not sent...
    const completionReminders = () => mailFor(reference, (m) => m.subject.startsWith('Reminder: the completion of the serious case review'));
    setClock('2027-04-26T09:00:01Z');
    await new Promise((r2) => setTimeout(r2, 1500));
    expect(await completionReminders()).toEqual([]);
    // ...the new date's is: 5 working days before Friday 30 July is Friday 23 July.
    setClock('2027-07-23T09:00:01Z');
    const reminders = await eventually(completionReminders, (m) => m.length === 1, 'the reminder for the new date');
    expect(reminders[0]!.subject).toContain('Friday 30 July 2027');
    expect(reminders[0]!.to).toEqual([BM]);
  });

  it('records parallel proceedings without moving the date, and a publication hold', async () => {
    expect((await api(BM, 'POST', `/cases/${reference}/review/proceedings`, { kind: 'criminal', details: 'CPS reference 123' })).status).toBe(201);
    expect((await api(BM, 'PUT', `/cases/${reference}/review/publication-hold`, { hold: true, reason: 'Until the criminal trial ends (8.8).' })).status).toBe(200);
    const r = await review(reference);
    expect(r.completion.dueDate).toBe('2027-07-30');
    expect(r.proceedings).toEqual([expect.objectContaining({ kind: 'criminal', kindLabel: 'Criminal investigation or proceedings' })]);
    expect(r.publicationHold).toMatchObject({ reason: 'Until the criminal trial ends (8.8).', setBy: BM });
    expect((await api(BM, 'PUT', `/cases/${reference}/review/publication-hold`, { hold: true, reason: 'again' })).status).toBe(409);
    // The hold does not stop early lessons being recorded (8.8).
    expect((await api(BM, 'POST', `/cases/${reference}/review/early-lessons`, { lesson: '' })).status).toBe(400);
    expect((await api(SUB_CHAIR, 'POST', `/cases/${reference}/review/early-lessons`, { lesson: 'x' })).status).toBe(403);
    expect((await api(BM, 'POST', `/cases/${reference}/review/early-lessons`, { lesson: 'Share discharge summaries with the GP the same day.', actionBy: 'Example Health Trust' })).status).toBe(201);
    expect((await review(reference)).earlyLessons).toEqual([expect.objectContaining({ lesson: 'Share discharge summaries with the GP the same day.', actionBy: 'Example Health Trust', recordedBy: BM })]);
    const timeline = (await api(BM, 'GET', `/cases/${reference}/timeline`)).body.entries as { action: string }[];
    expect(timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['review.extension-requested', 'review.extension-agreed', 'review.proceedings-recorded', 'review.publication-hold-set', 'review.early-lesson-recorded']),
    );
  });
});
