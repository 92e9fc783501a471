import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ActionRuleError,
  actionDeadline,
  actionPlanSummary,
  actionScheduleDigest,
  changeAction,
  mayChangeAction,
  newAction,
  watchedAction,
  type PlanAction,
} from '../../functions/domain/actions/actions.js';
import { checkAlerts } from '../../functions/domain/alerts/alerts.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { PROCEDURE_2008, parseBoardConfig } from '../../functions/config/board.js';
import { changeActionSchema } from '../../functions/schemas/actions.js';
import { timelineSentence } from '../../functions/domain/case/timeline-words.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import { checkDeadlines, type DeadlineCheckDeps } from '../../functions/domain/alerts/deadline-check.js';
import { scheduleBasis, scheduleFingerprint } from '../../functions/domain/case/outbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

/** Changing an action's due date and owner (issue 11): the rules, and the schedule that follows them. */
const calendar = englandAndWalesCalendar();
const board = {
  businessManager: { name: 'Business Manager', email: 'bm@lscb.example.gov.uk' },
  subCommitteeChair: { name: 'Sub Chair', email: 'sub@lscb.example.gov.uk' },
  boardChair: { name: 'Board Chair', email: 'chair@lscb.example.gov.uk' },
};
const OWNER = 'owner@health.example.nhs.uk';
const NEW_OWNER = 'new.owner@health.example.nhs.uk';
const added = new Date('2027-01-11T10:00:00Z');
const input = {
  source: { kind: 'board' as const },
  recommendation: 'Train health visitors in recognising neglect',
  organisation: 'Community health',
  ownerName: 'Olive Owner',
  ownerEmail: OWNER,
  dueDate: '2027-03-31',
  outcome: 'Every health visitor trained',
  evaluation: 'Audit of ten case files',
};
const action = (overrides: Partial<PlanAction> = {}): PlanAction => ({
  ...newAction(input, { id: 'a1', reference: 'SCR-2026-0042', existing: [], now: added, by: 'bm@x' }),
  ...overrides,
});
const change = { ownerName: 'Olive Owner', ownerEmail: OWNER, dueDate: '2027-03-31', expectedVersion: 1 };

describe('changing an action', () => {
  it('a new due date is set now, with its rule; the version moves on', () => {
    // Prepare
    const now = new Date('2027-02-01T12:00:00Z');
    // Act
    const next = changeAction(action(), { ...change, dueDate: '2027-06-30' }, now);
    // Assess: 30 June 2027 is BST, so the end of the London day is 22:59:59.999Z
    expect(next.due).toMatchObject({ dueDate: '2027-06-30', dueAt: '2027-06-30T22:59:59.999Z', from: now.toISOString() });
    expect(next.due.rule).toContain('set on 2027-02-01');
    expect(next).toMatchObject({ version: 2, updatedAt: now.toISOString(), owner: { email: OWNER } });
  });

  it('a new owner (email in lower case) keeps the due date as it was, even when it is past', () => {
    const overdue = new Date('2027-04-05T10:00:00Z');
    const next = changeAction(action(), { ...change, ownerName: 'Nia New', ownerEmail: 'New.Owner@Health.example.nhs.uk' }, overdue);
    expect(next.owner).toEqual({ name: 'Nia New', email: NEW_OWNER });
    expect(next.due).toEqual(action().due);
  });

  it('refuses a stale version, a done action, no change, and a new date in the past or beyond three years', () => {
    const now = new Date('2027-02-01T12:00:00Z');
    const refused = (a: PlanAction, body: typeof change) => {
      try {
        changeAction(a, body, now);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(ActionRuleError);
        return { message: (error as ActionRuleError).message, field: (error as ActionRuleError).field };
      }
    };
    expect(refused(action(), { ...change, dueDate: '2027-06-30', expectedVersion: 2 })?.message).toMatch(/Someone else updated/);
    expect(refused(action({ status: 'done', doneAt: now.toISOString() }), { ...change, dueDate: '2027-06-30' })?.message).toMatch(/done/);
    expect(refused(action(), change)).toEqual({ message: expect.stringMatching(/^Change the date/), field: 'dueDate' });
    expect(refused(action(), { ...change, dueDate: '2027-01-31' })).toEqual({ message: 'Date it is due by must be today or in the future', field: 'dueDate' });
    expect(refused(action(), { ...change, dueDate: '2030-02-02' })?.field).toBe('dueDate');
    expect(refused(action(), { ...change, dueDate: '2030-02-01' })).toBeUndefined();
  });

  it('the timeline says what changed, never the addresses', () => {
    const sentence = (detail: Record<string, string | number | boolean>) => timelineSentence({ action: 'action.changed', detail });
    expect(sentence({ number: 3, dueDateFrom: '2027-03-31', dueDateTo: '2027-06-30' })).toBe('The due date of action 3 changed');
    expect(sentence({ number: 3, ownerChanged: true, ownerFrom: OWNER, ownerTo: NEW_OWNER })).toBe('The owner of action 3 changed');
    expect(sentence({ number: 3, dueDateTo: '2027-06-30', ownerChanged: true })).toBe('The due date and owner of action 3 changed');
    expect(sentence({ number: 3 })).toBe('Action 3 was changed');
  });

  it('only the business manager changes an action, and only while it is open', () => {
    expect(mayChangeAction(action(), true)).toBe(true);
    expect(mayChangeAction(action(), false)).toBe(false);
    expect(mayChangeAction(action({ status: 'done' }), true)).toBe(false);
  });

  it('the form schema names each field in GOV.UK words', () => {
    const parsed = changeActionSchema.safeParse({ ownerName: '', ownerEmail: 'not-an-email', dueDate: '', expectedVersion: 1 });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages.ownerName).toBe('Enter the name of the person responsible');
    expect(messages.ownerEmail).toMatch(/^Enter an email address in the correct format/);
    expect(messages.dueDate).toBeDefined();
  });
});

describe('the alerts follow the change', () => {
  it("a later date: the old date's reminders are not due, the new date's are; those already past when it was set are skipped", () => {
    // Prepare: due 31 March; on 29 March (reminder time for the old date) the date moves to 30 April.
    const setAt = new Date('2027-03-29T08:00:00Z');
    const moved = changeAction(action(), { ...change, dueDate: '2027-04-30' }, setAt);
    const oldReminder = checkAlerts(watchedAction(action(), board).task, PROCEDURE_2008, calendar, new Date('2027-03-30T08:00:01Z'), new Set());
    // Act
    const atOldMoment = checkAlerts(watchedAction(moved, board).task, PROCEDURE_2008, calendar, new Date('2027-03-30T08:00:01Z'), new Set());
    const beforeNewDate = checkAlerts(watchedAction(moved, board).task, PROCEDURE_2008, calendar, new Date('2027-04-29T08:00:01Z'), new Set());
    // Assess
    expect(oldReminder.due.map((a) => a.kind)).toEqual(['reminder']);
    expect(atOldMoment.due).toEqual([]);
    expect(Date.parse(atOldMoment.nextAt!)).toBeGreaterThan(Date.parse('2027-04-01T00:00:00Z'));
    expect(beforeNewDate.due).toEqual([expect.objectContaining({ kind: 'reminder', key: expect.stringContaining('2027-04-30') })]);
    expect(watchedAction(moved, board).task.deadlineSetAt).toBe(setAt.toISOString());
    expect(watchedAction(action(), board).task).not.toHaveProperty('deadlineSetAt');
  });

  it('a new owner: escalations go to them, not to the old owner', async () => {
    const fullBoard = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
    const base = buildCase(makeReferral(), 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board: fullBoard, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;
    const completed = { ...base, status: 'review-decided' as const, version: 3, review: { ...openReview(new Date('2026-11-30T10:00:00Z'), fullBoard, calendar), completedAt: '2027-03-01T10:00:00.000Z' } };
    const store = new MemoryStore();
    store.cases.set(completed.reference, completed);
    const mailer = new MemoryMailer();
    const moved = changeAction(action(), { ...change, ownerName: 'Nia New', ownerEmail: NEW_OWNER }, new Date('2027-03-20T10:00:00Z'));
    const deps: DeadlineCheckDeps = {
      store: store as never,
      mailer,
      clock: new FakeClock('2027-04-01T09:00:00Z'),
      ids: cryptoIds,
      board: fullBoard,
      calendar,
      appBaseUrl: 'https://scr.example.org',
      actions: { listActions: async () => [moved] },
    };
    await checkDeadlines(deps, 'SCR-2026-0042');
    expect(mailer.sent.map((m) => m.to)).toEqual([[NEW_OWNER]]);
  });
});

describe("the header's plan summary is part of the review's schedule", () => {
  const fullBoard = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
  const base = buildCase(makeReferral(), 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board: fullBoard, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;
  const open = { ...base, status: 'review-decided' as const, version: 3, review: openReview(new Date('2026-11-30T10:00:00Z'), fullBoard, calendar) };

  it('a new date or owner changes the digest and the fingerprint; progress that changes neither does not', () => {
    const a = action();
    const later = changeAction(a, { ...change, dueDate: '2027-06-30' }, new Date('2027-02-01T12:00:00Z'));
    const owner = changeAction(a, { ...change, ownerEmail: NEW_OWNER }, new Date('2027-02-01T12:00:00Z'));
    const progressed = { ...a, status: 'in-progress' as const, version: 2 };
    const digests = [a, later, owner].map((x) => actionScheduleDigest([x]));
    expect(new Set(digests).size).toBe(3);
    expect(actionScheduleDigest([progressed])).toBe(digests[0]);
    // Done actions are not watched: a plan whose only action is done has the empty plan's digest.
    expect(actionScheduleDigest([{ ...a, status: 'done' }])).toBe(actionScheduleDigest([]));
    const fingerprints = [a, later, owner].map((x) => scheduleFingerprint({ ...open, actionPlan: actionPlanSummary([x]) }));
    expect(new Set(fingerprints).size).toBe(3);
  });

  it('a header written before the digest existed keeps its fingerprint', () => {
    expect(scheduleBasis({ ...open, actionPlan: { open: 1 } })).not.toHaveProperty('actionSchedule');
    expect(scheduleBasis({ ...open, actionPlan: actionPlanSummary([action()]) })).toHaveProperty('actionSchedule');
  });

  it('the digest does not depend on the order the actions are read in', () => {
    const second = { ...action(), id: 'a2', due: actionDeadline('2027-05-01', added) };
    expect(actionScheduleDigest([action(), second])).toBe(actionScheduleDigest([second, action()]));
  });
});
