import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';
import { commissionContribution, recordCourtAgreement, submitContribution, type Contribution } from '../../functions/domain/contributions/contributions.js';
import { sendOwedContributionEmails } from '../../functions/domain/contributions/contribution-emails.js';
import { lateContributionLinkFor, stepOf } from '../../functions/domain/contributions/contribution-links.js';
import { act, describeAction, type StageDeps } from '../../functions/domain/decision/stage-actions.js';
import { checkDeadlines } from '../../functions/domain/alerts/deadline-check.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../functions/domain/errors.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds, hashSecret } from '../../functions/ports/ids.js';
import type { Caller, StaffUser } from '../../functions/ports/identity.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

/**
 * A contribution's emailed single-use links (10.1, 10.2, 10.6): made by the
 * email that carries them, acted on only by the signed-in person they were
 * made for, once, the change and its audit event together.
 */
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const REF = 'SCR-2026-0007';
const SO = 'so@police.example.org';
const AUTHOR = 'ann@police.example.org';
const OTHER_AUTHOR = 'bob@police.example.org';
const meta = { requestId: 'r' };
const staff = (email: string): Caller => ({ userId: `u-${email}`, email, pool: 'staff', roles: [], sessionId: 's', authTime: 0 });
const accounts: StaffUser[] = [SO, AUTHOR, OTHER_AUTHOR, 'disabled@police.example.org'].map((email) => ({
  userId: `u-${email}`,
  email,
  name: email,
  role: 'agency-contributor',
  status: 'CONFIRMED',
  createdAt: '2026-01-01T00:00:00Z',
  enabled: !email.startsWith('disabled'),
}));

function setUp(kind: Contribution['kind'] = 'imr') {
  const store = new MemoryStore();
  const mailer = new MemoryMailer();
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: cryptoIds }, meta).caseRecord;
  store.cases.set(REF, { ...base, status: 'review-decided', review: openReview(new Date('2026-11-30T10:00:00Z'), board, calendar) });
  const held = new Map<string, Contribution>();
  const audit: AuditEvent[] = [];
  held.set(
    'c1',
    commissionContribution(
      { kind, organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: SO },
      { id: 'c1', reference: REF, now: clock.now(), by: 'bm', profile: board.procedureProfile, calendar, completionDate: '2027-03-30', existing: 0 },
    ),
  );
  const emailDeps = { store: store as never, mailer, clock, ids: cryptoIds, board, appBaseUrl: 'https://scr.example.org' };
  const contributions: StageDeps['contributions'] = {
    getContribution: async (_r, id) => structuredClone(held.get(id)),
    // As the adapter's transaction: all three or nothing.
    putContributionUsingLink: async (c, expected, tokenHash, event) => {
      const link = store.links.get(tokenHash);
      if (held.get(c.id)?.version !== expected || !link || link.usedAt) return false;
      held.set(c.id, structuredClone(c));
      store.links.set(tokenHash, { ...link, usedAt: event.at });
      audit.push(event);
      return true;
    },
  };
  const deps: StageDeps = {
    store: store as never,
    clock,
    ids: cryptoIds,
    board,
    calendar,
    contributions,
    users: { list: async () => accounts },
    notifyContribution: async (reference, c) => void (await sendOwedContributionEmails(emailDeps, reference, [c])),
  };
  const send = () => sendOwedContributionEmails(emailDeps, REF, [...held.values()]);
  /** The secret of the newest email to `to`, read from its link. */
  const secretFor = (to: string) => {
    const mail = mailer.sent.filter((m) => m.to[0] === to).at(-1);
    const found = /\/act#([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
    if (!found) throw new Error(`No link in the last email to ${to}`);
    return found[1]!;
  };
  return { store, mailer, clock, held, audit, deps, send, secretFor, emailDeps };
}

describe('the emails carry a single-use link made for their recipient', () => {
  it('the "asked for" email: a link for the senior officer alone; only its hash is stored, with its step and expiry', async () => {
    const { store, mailer, send, secretFor } = setUp();
    await send();
    expect(mailer.sent).toHaveLength(1);
    const secret = secretFor(SO);
    expect(mailer.sent[0]!.text).toContain('Name the author: https://scr.example.org/act#');
    expect(mailer.sent[0]!.text).toContain(`https://scr.example.org/cases/${REF}/contributions`);
    expect(`${mailer.sent[0]!.text}${mailer.sent[0]!.subject}`).not.toMatch(/Northshire|Sam Senior/);
    const link = store.links.get(await hashSecret(secret));
    expect(link).toMatchObject({ action: 'name-author', contributionId: 'c1', contributionStep: 'author:0', intendedEmail: SO, expiresAt: '2026-12-29T10:00:00.000Z' });
    expect(JSON.stringify([...store.links.values()])).not.toContain(secret);
    // A second sweep sends nothing and makes no second link.
    await send();
    expect(store.links.size).toBe(1);
  });
});

describe('acting from the links', () => {
  it('the senior officer names the author; the author declares; the senior officer returns it once, then accepts', async () => {
    const { store, mailer, held, audit, deps, send, secretFor, clock } = setUp();
    await send();
    const soLink = secretFor(SO);

    // Opening reads only.
    const asked = await describeAction(deps, soLink, staff(SO), meta);
    expect(asked).toMatchObject({ action: 'name-author', state: 'open', contributionId: 'c1', organisation: 'Northshire Police', awaitingCourtAgreement: false });
    expect(held.get('c1')!.status).toBe('awaiting-author');

    await act(deps, soLink, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: AUTHOR }, staff(SO), meta);
    expect(held.get('c1')).toMatchObject({ status: 'awaiting-declaration', author: { email: AUTHOR } });
    expect(audit.map((a) => [a.action, a.actor, a.detail?.viaEmailedLink])).toEqual([['contribution.author-named', { kind: 'user', userId: `u-${SO}`, email: SO, role: 'senior-officer' }, true]]);
    // Used: reuse is refused and changes nothing; the page says what happened.
    await expect(act(deps, soLink, { authorName: 'X', authorJobTitle: 'Y', authorEmail: OTHER_AUTHOR }, staff(SO), meta)).rejects.toBeInstanceOf(ConflictError);
    expect(await describeAction(deps, soLink, staff(SO), meta)).toMatchObject({ state: 'used', done: expect.stringContaining('Ann Author (DI) was named as the author') });

    // The author's email went at once (notify), with their own link.
    const authorLink = secretFor(AUTHOR);
    expect(mailer.sent.at(-1)!.text).toContain('Declare your independence: https://scr.example.org/act#');
    await expect(act(deps, authorLink, { notDirectlyConcerned: true, notLineManager: true }, staff(SO), meta)).rejects.toBeInstanceOf(ForbiddenError);
    await act(deps, authorLink, { notDirectlyConcerned: true, notLineManager: true }, staff(AUTHOR), meta);
    expect(held.get('c1')!.status).toBe('in-progress');

    // Submitted (on the page): the senior officer's email carries the findings link.
    clock.advance(3600_000);
    held.set('c1', submitContribution(held.get('c1')!, clock.now()));
    await send();
    const firstSubmission = secretFor(SO);
    await expect(act(deps, firstSubmission, { answer: 'return' }, staff(SO), meta)).rejects.toMatchObject({ errors: [{ name: 'reasons', text: 'Enter why it is returned' }] });
    await act(deps, firstSubmission, { answer: 'return', reasons: 'Analysis question 4 is not answered' }, staff(SO), meta);
    expect(held.get('c1')).toMatchObject({ status: 'returned', returns: [{ reasons: 'Analysis question 4 is not answered', by: SO }] });

    clock.advance(3600_000);
    held.set('c1', submitContribution(held.get('c1')!, clock.now()));
    await send();
    const secondSubmission = secretFor(SO);
    expect(secondSubmission).not.toBe(firstSubmission);
    expect(await describeAction(deps, firstSubmission, staff(SO), meta)).toMatchObject({ state: 'used', done: expect.stringContaining('submitted again') });
    await act(deps, secondSubmission, { answer: 'accept' }, staff(SO), meta);
    expect(held.get('c1')).toMatchObject({ status: 'accepted', acceptedBy: SO });
    expect(audit.map((a) => a.action)).toEqual([
      'contribution.author-named',
      'contribution.independence-declared',
      'contribution.returned',
      'contribution.accepted',
    ]);
    // Every link used exactly once.
    expect([...store.links.values()].every((l) => l.usedAt)).toBe(true);
  });

  it('someone else signed in is refused (and it is recorded); nothing changes', async () => {
    const { store, held, deps, send, secretFor } = setUp();
    await send();
    const secret = secretFor(SO);
    await expect(describeAction(deps, secret, staff(AUTHOR), meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(act(deps, secret, { authorName: 'A', authorJobTitle: 'B', authorEmail: AUTHOR }, staff(AUTHOR), meta)).rejects.toBeInstanceOf(ForbiddenError);
    expect(held.get('c1')!.status).toBe('awaiting-author');
    expect(store.audit.filter((a) => a.action === 'action-link.refused')).toHaveLength(2);
  });

  it('an author without an enabled staff account cannot be named: the form says to invite them', async () => {
    const { held, deps, send, secretFor } = setUp();
    await send();
    const secret = secretFor(SO);
    await expect(act(deps, secret, { authorName: 'N', authorJobTitle: 'DI', authorEmail: 'new@police.example.org' }, staff(SO), meta)).rejects.toMatchObject({
      errors: [{ name: 'authorEmail', text: 'Ask the Board’s business manager to invite new@police.example.org, then name them again' }],
    });
    await expect(act(deps, secret, { authorName: 'D', authorJobTitle: 'DI', authorEmail: 'disabled@police.example.org' }, staff(SO), meta)).rejects.toBeInstanceOf(ValidationError);
    expect(held.get('c1')!.status).toBe('awaiting-author');
    // The link was not spent by a refused attempt.
    expect((await describeAction(deps, secret, staff(SO), meta)).state).toBe('open');
  });

  it('a "no" to either question of 10.2 blocks the author: the senior officer is asked again by a new email and link; the old link is done', async () => {
    const { mailer, held, deps, send, secretFor } = setUp();
    await send();
    const first = secretFor(SO);
    await act(deps, first, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: AUTHOR }, staff(SO), meta);
    await act(deps, secretFor(AUTHOR), { notDirectlyConcerned: true, notLineManager: false }, staff(AUTHOR), meta);
    expect(held.get('c1')).toMatchObject({ status: 'awaiting-author', declinedAuthors: [{ email: AUTHOR }] });
    const again = mailer.sent.at(-1)!;
    expect(again.to).toEqual([SO]);
    expect(again.subject).toBe(`Name another author: serious case review ${REF}`);
    const second = secretFor(SO);
    expect(second).not.toBe(first);
    expect(await describeAction(deps, first, staff(SO), meta)).toMatchObject({ state: 'used', done: expect.stringContaining('could not declare') });
    expect(await describeAction(deps, second, staff(SO), meta)).toMatchObject({ state: 'open', declinedAuthors: 1 });
    // The declined author cannot be named again.
    await expect(act(deps, second, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: AUTHOR }, staff(SO), meta)).rejects.toMatchObject({
      errors: [{ name: 'authorEmail' }],
    });
    await act(deps, second, { authorName: 'Bob', authorJobTitle: 'DS', authorEmail: OTHER_AUTHOR }, staff(SO), meta);
    expect(held.get('c1')!.author!.email).toBe(OTHER_AUTHOR);
  });

  it('a step taken on the Contributions page closes the emailed link for it', async () => {
    const { held, deps, send, secretFor, clock } = setUp();
    await send();
    const secret = secretFor(SO);
    const c = held.get('c1')!;
    held.set('c1', { ...c, status: 'awaiting-declaration', author: { name: 'Ann Author', jobTitle: 'DI', email: AUTHOR, namedAt: clock.now().toISOString() }, version: c.version + 1 });
    expect(await describeAction(deps, secret, staff(SO), meta)).toMatchObject({ state: 'used' });
    await expect(act(deps, secret, { authorName: 'Bob', authorJobTitle: 'DS', authorEmail: OTHER_AUTHOR }, staff(SO), meta)).rejects.toBeInstanceOf(ConflictError);
  });

  it('past its absolute expiry a link acts on nothing and says when it expired', async () => {
    const { held, deps, send, secretFor, clock } = setUp();
    await send();
    const secret = secretFor(SO);
    clock.set('2026-12-30T10:00:00Z');
    expect(await describeAction(deps, secret, staff(SO), meta)).toMatchObject({ state: 'expired', expiredOn: 'Tuesday 29 December 2026' });
    await expect(act(deps, secret, { authorName: 'A', authorJobTitle: 'B', authorEmail: AUTHOR }, staff(SO), meta)).rejects.toBeInstanceOf(ConflictError);
    expect(held.get('c1')!.status).toBe('awaiting-author');
  });

  it('a children’s guardian’s contribution cannot be accepted before the court’s prior agreement (9.6): the page says so, accepting is refused', async () => {
    const { held, deps, send, secretFor, clock } = setUp('childrens-guardian');
    const c = held.get('c1')!;
    held.set('c1', submitContribution({ ...c, status: 'in-progress', author: { name: 'G', jobTitle: 'Guardian', email: AUTHOR, namedAt: '' }, independenceDeclaredAt: '' }, clock.now()));
    await send();
    const secret = secretFor(SO);
    expect(await describeAction(deps, secret, staff(SO), meta)).toMatchObject({ action: 'accept-findings', awaitingCourtAgreement: true, state: 'open' });
    await expect(act(deps, secret, { answer: 'accept' }, staff(SO), meta)).rejects.toMatchObject({ errors: [{ name: 'answer', text: expect.stringContaining('court’s prior agreement') }] });
    expect(held.get('c1')!.status).toBe('submitted');
    held.set('c1', recordCourtAgreement(held.get('c1')!, { court: 'Family court', agreedOn: '2026-11-30' }, clock.now(), 'bm'));
    expect(await describeAction(deps, secret, staff(SO), meta)).toMatchObject({ awaitingCourtAgreement: false, state: 'open' });
    await act(deps, secret, { answer: 'accept' }, staff(SO), meta);
    expect(held.get('c1')!.status).toBe('accepted');
  });
});

describe('steps and late contributions', () => {
  it('a named author who has not declared is reminded, with a fresh link to declare that works', async () => {
    const { store, mailer, held, deps, clock, emailDeps } = setUp();
    const c = held.get('c1')!;
    held.set('c1', { ...c, status: 'awaiting-declaration', author: { name: 'Ann Author', jobTitle: 'DI', email: AUTHOR, namedAt: clock.now().toISOString() }, version: c.version + 1 });
    const checkDeps = { ...emailDeps, store: store as never, calendar, contributions: { listContributions: async () => [...held.values()] } };
    clock.set('2027-01-08T09:00:00Z'); // 5 working days before Friday 15 January
    await checkDeadlines(checkDeps, REF);
    const reminder = mailer.sent.filter((m) => m.subject.startsWith('Reminder: a contribution'));
    expect(reminder.map((m) => m.to)).toEqual([[AUTHOR]]);
    const secret = /\/act#([A-Za-z0-9_-]+)/.exec(reminder[0]!.text)![1]!;
    expect(await describeAction(deps, secret, staff(AUTHOR), meta)).toMatchObject({ action: 'declare-independence', state: 'open' });
    await act(deps, secret, { notDirectlyConcerned: true, notLineManager: true }, staff(AUTHOR), meta);
    expect(held.get('c1')!.status).toBe('in-progress');
  });

  it('each link is made for one step', () => {
    const { held } = setUp();
    const c = held.get('c1')!;
    expect(stepOf(c, 'name-author')).toBe('author:0');
    expect(stepOf(c, 'declare-independence')).toBeUndefined();
    expect(stepOf(c, 'accept-findings')).toBeUndefined();
    expect(lateContributionLinkFor(c, SO.toUpperCase())).toMatchObject({ action: 'name-author' });
    expect(lateContributionLinkFor(c, 'scr-subcommittee-chair@example.org')).toBeUndefined();
  });

  it('the escalations of a late contribution carry a fresh link to its senior officer only, each one usable', async () => {
    const { store, mailer, held, deps, clock, emailDeps } = setUp();
    const checkDeps = { ...emailDeps, store: store as never, calendar, contributions: { listContributions: async () => [...held.values()] } };
    clock.set('2027-01-16T00:00:00Z');
    let result = await checkDeadlines(checkDeps, REF);
    for (let i = 0; i < 100 && mailer.sent.filter((m) => m.text.includes('This is escalation 3.')).length === 0; i++) {
      clock.set(result.nextAt!);
      result = await checkDeadlines(checkDeps, REF);
    }
    const overdue = mailer.sent.filter((m) => m.subject.startsWith('Overdue: a contribution'));
    const withLink = overdue.filter((m) => m.text.includes('/act#'));
    expect(withLink.length).toBeGreaterThanOrEqual(3);
    expect(new Set(withLink.map((m) => m.to[0]))).toEqual(new Set([SO]));
    expect(overdue.filter((m) => m.to[0] !== SO).every((m) => !m.text.includes('/act#'))).toBe(true);
    expect(overdue.some((m) => m.to[0] !== SO)).toBe(true);
    const latest = /\/act#([A-Za-z0-9_-]+)/.exec(withLink.at(-1)!.text)![1]!;
    await act(deps, latest, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: AUTHOR }, staff(SO), meta);
    expect(held.get('c1')!.status).toBe('awaiting-declaration');
  });
});
