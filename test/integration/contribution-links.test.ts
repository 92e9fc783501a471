import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox, type CapturedEmail } from '../../infra/local/mailbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';

/**
 * A contribution's emailed single-use links (issue 10, paras 10.1, 10.2,
 * 10.6) on the local runtime with a fake clock and the real local SES
 * mailbox: each link is read from the captured email and followed by the
 * signed-in person it was made for (GET reads, POST acts); someone else is
 * refused; a used link is refused and says what happened. The senior officer
 * and the author open the case's contributions without being added to the
 * case by hand; an address with no staff account cannot be asked.
 */
const clock = new FakeClock('2026-11-26T10:00:00Z'); // a Thursday
const BM = 'lscb-business-manager@example.org';
const SUB_CHAIR = 'scr-subcommittee-chair@example.org';
const BOARD_CHAIR = 'lscb-chair@example.org';
const SO = 'so@council.example.org';
const AUTHOR = 'author@council.example.org';
const NOT_INDEPENDENT = 'manager@council.example.org';
const STRANGER = 'stranger@council.example.org';
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

async function api(as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(as)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** GET or POST /actions with a link's secret, as `as`. */
const link = (as: string, secret: string, body?: unknown) => api(as, body === undefined ? 'GET' : 'POST', '/actions', body, { 'x-action-token': secret });

/** The secret of the newest email to `who` whose subject starts `subject`, once it has come. */
async function newestLink(reference: string, who: string, subject: string, count = 1): Promise<string> {
  const mails = await eventually(() => mailFor(reference, (m) => to(who)(m) && m.subject.startsWith(subject)), (m) => m.length >= count, `email "${subject}" to ${who}`);
  const secret = secretIn(mails.at(-1));
  expect(secret).not.toBe('');
  return secret;
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
  const recommend = await newestLink(reference, SUB_CHAIR, '');
  expect((await link(SUB_CHAIR, recommend, { recommendation: 'serious-case-review', rationale: 'Criteria met.', criteriaApplied: ['3.1'] })).status).toBe(200);
  const decide = await newestLink(reference, BOARD_CHAIR, 'Action needed');
  expect((await link(BOARD_CHAIR, decide, { decision: 'serious-case-review', reasons: 'A review is required.' })).status).toBe(200);
  return reference;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-contrib-links-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock, sesEventPollMs: 50 });
  for (const [email, role] of [
    [SO, 'senior-officer'],
    [AUTHOR, 'agency-contributor'],
    [NOT_INDEPENDENT, 'agency-contributor'],
    [STRANGER, 'senior-officer'],
  ] as const) {
    await invite(email, role);
  }
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a contribution from its emailed links', () => {
  let reference = '';
  let id = '';
  const base = () => `/cases/${reference}/contributions`;

  it('an address with no staff account cannot be asked: refused on the field, saying to invite them', async () => {
    reference = await decidedReview('referrer@school.example.org');
    const refused = await api(BM, 'POST', base(), { kind: 'imr', organisation: 'Northshire Council', seniorOfficerName: 'Nobody', seniorOfficerEmail: 'nobody@council.example.org' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { name: 'seniorOfficerEmail', href: '#seniorOfficerEmail', text: 'Invite nobody@council.example.org as an agency senior officer on the Users page first, then ask again' },
    ]);
    const asked = await api(BM, 'POST', base(), { kind: 'imr', organisation: 'Northshire Council', seniorOfficerName: 'Council Senior Officer', seniorOfficerEmail: SO });
    expect(asked.status).toBe(201);
    id = asked.body.id as string;
  });

  it('the senior officer, on the case only through the contribution, opens the case and its contributions', async () => {
    expect((await api(SO, 'GET', `/cases/${reference}`)).body).toMatchObject({ reference, myRole: 'Agency senior officer' });
    expect(((await api(SO, 'GET', base())).body.contributions as { id: string }[]).map((c) => c.id)).toEqual([id]);
    // The case's files too, as for anyone added to the case.
    expect((await api(SO, 'GET', `/cases/${reference}/files/case/${reference}`)).status).toBe(200);
    expect((await api(STRANGER, 'GET', `/cases/${reference}/files/case/${reference}`)).status).toBe(404);
    // Not yet named: the author is not on the case.
    expect((await api(AUTHOR, 'GET', `/cases/${reference}`)).status).toBe(404);
    expect((await api(STRANGER, 'GET', base())).status).toBe(404);
  });

  it('the senior officer names an author from the link: someone else is refused, the link is single use', async () => {
    const secret = await newestLink(reference, SO, 'Contribution asked for');
    const mail = (await mailFor(reference, to(SO))).find((m) => m.subject.startsWith('Contribution asked for'))!;
    expect(mail.text).not.toMatch(/Northshire|Council Senior Officer/);
    // Another signed-in person: refused, reading or acting.
    expect((await link(STRANGER, secret)).status).toBe(403);
    expect((await link(STRANGER, secret, { authorName: 'X', authorJobTitle: 'Y', authorEmail: AUTHOR })).status).toBe(403);
    // Opening it reads only.
    expect((await link(SO, secret)).body).toMatchObject({ action: 'name-author', state: 'open', contributionId: id, organisation: 'Northshire Council' });
    expect(((await api(SO, 'GET', `${base()}/${id}`)).body as { status: string }).status).toBe('awaiting-author');
    // An author with no account is refused on the field; the link is not spent.
    const noAccount = await link(SO, secret, { authorName: 'N', authorJobTitle: 'DI', authorEmail: 'new@council.example.org' });
    expect(noAccount.status).toBe(400);
    expect(JSON.stringify(noAccount.body)).toContain('Ask the Board’s business manager to invite new@council.example.org');
    expect((await link(SO, secret, { authorName: 'Team Manager', authorJobTitle: 'Team manager', authorEmail: NOT_INDEPENDENT })).body).toMatchObject({ status: 'awaiting-declaration' });
    const again = await link(SO, secret, { authorName: 'A', authorJobTitle: 'B', authorEmail: AUTHOR });
    expect(again.status).toBe(409);
    expect((await link(SO, secret)).body).toMatchObject({ state: 'used', done: expect.stringContaining('Team Manager (Team manager) was named as the author') });
  });

  it('an author who is not independent says so from their link: the senior officer is asked again by a new email and link', async () => {
    const secret = await newestLink(reference, NOT_INDEPENDENT, 'You are named as an author');
    expect((await link(SO, secret)).status).toBe(403);
    expect((await link(NOT_INDEPENDENT, secret, { notDirectlyConcerned: true, notLineManager: false })).status).toBe(200);
    expect((await link(NOT_INDEPENDENT, secret, { notDirectlyConcerned: true, notLineManager: true })).status).toBe(409);
    const secondAsk = await newestLink(reference, SO, 'Name another author');
    expect((await link(SO, secondAsk)).body).toMatchObject({ action: 'name-author', state: 'open', declinedAuthors: 1 });
    expect((await link(SO, secondAsk, { authorName: 'Independent Author', authorJobTitle: 'Service manager', authorEmail: AUTHOR })).status).toBe(200);
    // Written through the links too: the author named finds it on "Your contributions"; the one who declined does not.
    const mine = async (as: string) => (((await api(as, 'GET', '/my-contributions')).body.contributions ?? []) as { contributionId: string; next: string }[]).filter((c) => c.contributionId === id);
    await eventually(() => mine(AUTHOR), (rows) => rows[0]?.next === 'Declare your independence', 'the author named by link to find it');
    expect(await mine(NOT_INDEPENDENT)).toEqual([]);
  });

  it('the named author opens the case and their contribution, and declares independence from their link', async () => {
    const secret = await newestLink(reference, AUTHOR, 'You are named as an author');
    expect((await api(AUTHOR, 'GET', `/cases/${reference}`)).body).toMatchObject({ myRole: 'Agency contributor (management review author)' });
    // The terms of reference too (7.1: what the review asks of them), as for anyone added to the case.
    expect((await api(AUTHOR, 'GET', `/cases/${reference}/terms-of-reference`)).status).toBe(200);
    expect((await api(STRANGER, 'GET', `/cases/${reference}/terms-of-reference`)).status).toBe(404);
    expect((await link(AUTHOR, secret, { notDirectlyConcerned: true, notLineManager: true })).body).toMatchObject({ status: 'in-progress' });
    // The one who declined is no longer on the case.
    expect((await api(NOT_INDEPENDENT, 'GET', `/cases/${reference}`)).status).toBe(404);
  });

  it('submitted, the senior officer returns it once from the link, then accepts the resubmission from the new link; each step is audited', async () => {
    const answers = Array.from({ length: 9 }, (_, i) => `Answer to question ${i + 1}`);
    expect((await api(AUTHOR, 'PUT', `${base()}/${id}/imr/analysis`, { content: { answers, caseSpecific: [] } })).status).toBe(200);
    expect((await api(AUTHOR, 'POST', `${base()}/${id}/submit`)).body).toMatchObject({ status: 'submitted' });
    const first = await newestLink(reference, SO, 'Contribution submitted');
    const refused = await link(SO, first, { answer: 'return' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ name: 'reasons', href: '#reasons', text: 'Enter why it is returned' }]);
    expect((await link(SO, first, { answer: 'return', reasons: 'Question 4 needs more.' })).body).toMatchObject({ status: 'returned' });
    expect((await link(SO, first, { answer: 'accept' })).status).toBe(409);

    clock.set('2026-11-30T10:00:00Z');
    tokens.clear();
    expect((await api(AUTHOR, 'POST', `${base()}/${id}/submit`)).body).toMatchObject({ status: 'submitted' });
    const second = await newestLink(reference, SO, 'Contribution submitted', 2);
    expect(second).not.toBe(first);
    expect((await link(SO, first)).body).toMatchObject({ state: 'used', done: expect.stringContaining('submitted again') });
    expect((await link(SO, second, { answer: 'accept' })).body).toMatchObject({ status: 'accepted' });
    expect((await api(SO, 'GET', `${base()}/${id}`)).body).toMatchObject({ status: 'accepted', acceptedBy: SO, acceptedAt: '2026-11-30T10:00:00.000Z' });

    const timeline = await eventually(
      async () => ((await api(BM, 'GET', `/cases/${reference}/timeline`)).body.entries ?? []) as { action: string; description: string }[],
      (entries) => entries.some((e) => e.action === 'contribution.accepted'),
      'the acceptance on the timeline',
    );
    const viaLinks = timeline.filter((e) => e.description.includes('viaEmailedLink: true')).map((e) => e.action);
    expect(viaLinks.sort()).toEqual(
      ['contribution.author-named', 'contribution.author-declined', 'contribution.author-named', 'contribution.independence-declared', 'contribution.returned', 'contribution.accepted'].sort(),
    );
    expect(timeline.filter((e) => e.action === 'action-link.refused').length).toBeGreaterThanOrEqual(3);
  });
});
