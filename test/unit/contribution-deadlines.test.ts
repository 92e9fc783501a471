import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkDeadlines, type DeadlineCheckDeps } from '../../functions/domain/alerts/deadline-check.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { commissionContribution, declareIndependence, nameAuthor, submitContribution, type Contribution } from '../../functions/domain/contributions/contributions.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

/** A late contribution is reminded and escalated through the review's check step: author, then senior officer, sub-committee chair, Board chair. */
const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
const calendar = englandAndWalesCalendar();
const REF = 'SCR-2026-0001';
const SO = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';

function setUp() {
  const store = new MemoryStore();
  const mailer = new MemoryMailer();
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const base = buildCase(makeReferral(), REF, new Date('2026-11-02T10:00:00Z'), { board, calendar, ids: cryptoIds }, { requestId: 'r' }).caseRecord;
  // The other children (3.1) were considered long ago, so only the review's own duties and the contribution are watched.
  const considered = { otherChildrenCheck: { confirmedWith: 'Duty team manager', confirmedOn: '2026-11-03', whatWasDone: 'Siblings seen', recordedAt: '2026-11-03T10:00:00.000Z', recordedBy: 'lscb-business-manager@example.org' } };
  store.cases.set(REF, { ...base, ...considered, status: 'review-decided', review: openReview(new Date('2026-11-30T10:00:00Z'), board, calendar) });
  const commissioned = commissionContribution(
    { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: SO },
    { id: 'c1', reference: REF, now: clock.now(), by: 'bm', profile: board.procedureProfile, calendar, completionDate: '2027-03-30', existing: 0 },
  );
  const writing = declareIndependence(nameAuthor(commissioned, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: AUTHOR }, clock.now()), { notDirectlyConcerned: true, notLineManager: true }, clock.now());
  const held = { list: [writing] as Contribution[] };
  const deps: DeadlineCheckDeps = {
    store: store as never,
    mailer,
    clock,
    ids: cryptoIds,
    board,
    calendar,
    appBaseUrl: 'https://scr.example.org',
    contributions: { listContributions: async () => held.list },
  };
  const aboutIt = () => mailer.sent.filter((m) => m.subject.includes('a contribution to the review'));
  return { deps, clock, held, mailer, aboutIt, writing };
}

describe('a late contribution', () => {
  it('is due 30 working days after it was asked for: the author is reminded 5 and 1 working days before', async () => {
    const { deps, clock, aboutIt, writing } = setUp();
    expect(writing.due.dueDate).toBe('2027-01-15');
    clock.set('2027-01-08T09:00:00Z'); // 5 working days before Friday 15 January
    await checkDeadlines(deps, REF);
    expect(aboutIt().map((m) => [m.to, m.subject])).toEqual([
      [[AUTHOR], `Reminder: a contribution to the review (individual management review) for referral ${REF} is due by Friday 15 January 2027`],
    ]);
    clock.set('2027-01-14T09:00:00Z');
    await checkDeadlines(deps, REF);
    await checkDeadlines(deps, REF); // a retry sends nothing twice
    expect(aboutIt()).toHaveLength(2);
    // No names or case details in the email.
    expect(JSON.stringify(aboutIt())).not.toMatch(/Northshire|Ann Author|Sam Senior/);
  });

  it('escalates to widening tiers: the author, then the senior officer, the sub-committee chair, the Board chair', async () => {
    const { deps, clock, aboutIt } = setUp();
    clock.set('2027-01-16T00:00:00Z'); // the first instant after Friday 15 January ends
    let result = await checkDeadlines(deps, REF);
    for (let i = 0; i < 100 && aboutIt().filter((m) => m.subject.startsWith('Overdue')).length < 10; i++) {
      clock.set(result.nextAt!);
      result = await checkDeadlines(deps, REF);
    }
    const escalation = (n: number) =>
      aboutIt()
        .filter((m) => m.text.includes(`This is escalation ${n}.`))
        .map((m) => m.to[0])
        .sort();
    expect(escalation(1)).toEqual([AUTHOR]);
    expect(escalation(2)).toEqual([AUTHOR, SO].sort());
    expect(escalation(3)).toEqual([AUTHOR, 'scr-subcommittee-chair@example.org', SO].sort());
    expect(escalation(4)).toEqual([AUTHOR, 'lscb-chair@example.org', 'scr-subcommittee-chair@example.org', SO].sort());
    // Each escalation is marked complete under its key, once.
    const keys = [...(await deps.store.sentAlertKeys(REF))].filter((k) => k.startsWith('contribution:c1:'));
    expect(keys).toEqual(expect.arrayContaining(['contribution:c1:2027-01-15:escalation:1', 'contribution:c1:2027-01-15:escalation:4']));
  });

  it('while the review is open the check looks again within a day, so a contribution asked for meanwhile is watched', async () => {
    const { deps, clock, held } = setUp();
    held.list = [];
    const result = await checkDeadlines(deps, REF);
    expect(Date.parse(result.nextAt!) - clock.now().getTime()).toBeLessThanOrEqual(24 * 3600 * 1000);
    const without = await checkDeadlines({ ...deps, contributions: undefined }, REF);
    expect(Date.parse(without.nextAt!) - clock.now().getTime()).toBeGreaterThan(24 * 3600 * 1000);
  });

  it('before an author is named, the senior officer is the one reminded; once submitted nothing more is sent', async () => {
    const { deps, clock, held, aboutIt, writing } = setUp();
    const { author: _a, ...noAuthor } = writing;
    held.list = [{ ...noAuthor, status: 'awaiting-author' }];
    clock.set('2027-01-08T09:00:00Z');
    await checkDeadlines(deps, REF);
    expect(aboutIt().map((m) => m.to)).toEqual([[SO]]);
    held.list = [submitContribution(writing, new Date('2027-01-10T10:00:00Z'))];
    clock.set('2027-01-20T10:00:00Z');
    await checkDeadlines(deps, REF);
    expect(aboutIt()).toHaveLength(1);
  });
});
