import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import {
  acceptContribution,
  commissionContribution,
  declareIndependence,
  nameAuthor,
  returnContribution,
  submitContribution,
  type Contribution,
} from '../../functions/domain/contributions/contributions.js';
import { listMyContributions, myContributionRow, myContributionRows } from '../../functions/domain/contributions/my-contributions.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';
import type { Caller } from '../../functions/ports/identity.js';
import { myContributionsSchema } from '../../functions/schemas/my-contributions.js';

const now = new Date('2026-12-01T10:00:00Z');
const SO = 'sam@police.example.org';
const AUTHOR = 'ann@police.example.org';
const commissioned = (id = 'c1', reference = 'SCR-2026-0001', dueDate?: string): Contribution =>
  commissionContribution(
    { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: SO, description: 'About the Smith family', ...(dueDate ? { dueDate } : {}) },
    { id, reference, now, by: 'bm@example.org', profile: { id: 'scr-2008', contributionDueWorkingDays: 30 }, calendar: englandAndWalesCalendar(), completionDate: '2027-03-30', existing: 0 },
  );
const named = (c = commissioned()) => nameAuthor(c, { authorName: 'Ann Author', authorJobTitle: 'DI', authorEmail: 'Ann@Police.example.org' }, now);
const yes = { notDirectlyConcerned: true, notLineManager: true };

describe('what each person is asked for next on "Your contributions"', () => {
  it('walks the senior officer and the author through the life of a contribution', () => {
    // Prepare: each state of one contribution.
    const awaitingAuthor = commissioned();
    const awaitingDeclaration = named();
    const inProgress = declareIndependence(awaitingDeclaration, yes, now);
    const submitted = submitContribution(inProgress, now);
    const returned = returnContribution(submitted, { reasons: 'More on the school' }, now, SO);
    const accepted = acceptContribution(submitted, now, SO);
    const next = (c: Contribution, who: string) => myContributionRow(c, who, now);
    // Assess
    expect(next(awaitingAuthor, SO)).toMatchObject({ next: 'Name an author', actionNeeded: true, as: ['senior-officer'] });
    expect(next(awaitingAuthor, AUTHOR)).toBeUndefined();
    expect(next(awaitingDeclaration, AUTHOR)).toMatchObject({ next: 'Declare your independence', actionNeeded: true, as: ['author'] });
    expect(next(awaitingDeclaration, SO)).toMatchObject({ actionNeeded: false, next: 'Nothing now: the author declares independence' });
    expect(next(inProgress, AUTHOR)?.next).toBe('Write it and submit it');
    expect(next(returned, AUTHOR)?.next).toBe('Revise it and submit it again');
    expect(next(submitted, SO)).toMatchObject({ next: 'Accept the findings or return it', actionNeeded: true });
    expect(next(submitted, AUTHOR)?.actionNeeded).toBe(false);
    expect(next(accepted, SO)?.next).toBe('Record the staff feedback and debrief');
    expect(next(accepted, AUTHOR)).toMatchObject({ actionNeeded: false, next: 'Nothing: the findings are accepted' });
  });

  it('a declined author no longer has it; the senior officer is asked for another author', () => {
    const declined = declareIndependence(named(), { notDirectlyConcerned: false, notLineManager: true }, now);
    expect(myContributionRow(declined, AUTHOR, now)).toBeUndefined();
    expect(myContributionRow(declined, SO, now)?.next).toBe('Name an author');
  });

  it('never carries the description or any person’s name: reference, kind, organisation, next step and due date only', () => {
    const row = myContributionRow(named(), AUTHOR, now)!;
    expect(myContributionsSchema.parse({ contributions: [row] }).contributions[0]).toEqual(row);
    expect(JSON.stringify(row)).not.toMatch(/Smith|Ann Author|Sam Senior/);
    expect(row).toMatchObject({ reference: 'SCR-2026-0001', kindLabel: expect.any(String), organisation: 'Northshire Police', dueDate: named().due.dueDate });
  });

  it('lists those needing the person first, then soonest due; overdue only when they owe the step', () => {
    const later = commissioned('c2', 'SCR-2026-0002', '2027-02-01');
    const sooner = declareIndependence(named(commissioned('c3', 'SCR-2026-0003', '2026-12-10')), yes, now);
    const waiting = named(commissioned('c4', 'SCR-2026-0004', '2026-12-05'));
    const rows = myContributionRows([later, sooner, waiting], SO, now);
    expect(rows.map((r) => r.contributionId)).toEqual(['c2', 'c4', 'c3']);
    expect(myContributionRows([later, sooner, waiting], SO, new Date('2027-03-01T10:00:00Z')).map((r) => [r.contributionId, r.overdue])).toEqual([
      ['c2', true],
      ['c4', false],
      ['c3', false],
    ]);
  });
});

describe('GET /api/my-contributions use case', () => {
  const staff: Caller = { pool: 'staff', userId: 'u-ann', email: 'ANN@police.example.org', roles: [] } as unknown as Caller;
  const meta = { requestId: 'r1' };
  const setUp = (found: Contribution[]) => {
    const audits: AuditEvent[] = [];
    const asked: string[] = [];
    const deps = {
      store: { appendAudit: async (e: AuditEvent) => void audits.push(e) },
      mine: {
        listContributionsOf: async (email: string) => {
          asked.push(email);
          return found;
        },
      },
      clock: { now: () => now },
      ids: { uuid: () => 'e1' } as never,
    };
    return { deps, audits, asked };
  };

  it('returns the caller’s own contributions and audits the read on the Board’s trail with counts only', async () => {
    const { deps, audits, asked } = setUp([named(), commissioned('c9')]);
    const out = await listMyContributions(deps, staff, meta);
    expect(asked).toEqual(['ANN@police.example.org']);
    // c9 names the caller on nothing (a stale pointer): left out.
    expect(out.contributions.map((c) => c.contributionId)).toEqual(['c1']);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ reference: 'BOARD', action: 'contributions.listed-mine', detail: { contributions: 1, actionNeeded: 1 } });
  });

  it('refuses a referrer', async () => {
    const { deps, audits } = setUp([]);
    await expect(listMyContributions(deps, { pool: 'referrer', userId: 'r', email: 'r@x.org', roles: [] } as unknown as Caller, meta)).rejects.toThrow(/Only Board staff/);
    expect(audits).toHaveLength(0);
  });
});
