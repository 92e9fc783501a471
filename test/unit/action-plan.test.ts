import { describe, expect, it } from 'vitest';
import {
  ActionRuleError,
  actionDeadline,
  daysOverdue,
  newAction,
  openActionCount,
  PROGRESS_LIMIT,
  recordProgress,
  standingOf,
  watchedAction,
  type PlanAction,
} from '../../functions/domain/actions/actions.js';
import { bandOf, csvCell, progressReport, progressReportCsv, timelinessReport } from '../../functions/domain/actions/reports.js';
import { checkAlerts } from '../../functions/domain/alerts/alerts.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { PROCEDURE_2008 } from '../../functions/config/board.js';
import { addActionSchema } from '../../functions/schemas/actions.js';
import { readFileSync } from 'node:fs';
import { parseBoardConfig } from '../../functions/config/board.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { openReview } from '../../functions/domain/review/review.js';
import { checkDeadlines, type DeadlineCheckDeps } from '../../functions/domain/alerts/deadline-check.js';
import { scheduleBasis, scheduleFingerprint } from '../../functions/domain/case/outbox.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { MemoryMailer, MemoryStore } from '../fakes/memory.js';
import { makeReferral } from '../factories/referral.js';

const calendar = englandAndWalesCalendar();
const board = {
  businessManager: { name: 'Business Manager', email: 'bm@lscb.example.gov.uk' },
  subCommitteeChair: { name: 'Sub Chair', email: 'sub@lscb.example.gov.uk' },
  boardChair: { name: 'Board Chair', email: 'chair@lscb.example.gov.uk' },
};
const OWNER = 'owner@health.example.nhs.uk';

const input = {
  source: { kind: 'board' as const },
  recommendation: 'Train health visitors in recognising neglect',
  organisation: 'Community health',
  ownerName: 'Olive Owner',
  ownerEmail: 'Owner@Health.example.nhs.uk',
  dueDate: '2027-03-31',
  outcome: 'Every health visitor trained',
  evaluation: 'Audit of ten case files',
};

function action(overrides: Partial<PlanAction> = {}, now = new Date('2027-01-11T10:00:00Z')): PlanAction {
  return { ...newAction(input, { id: 'a1', reference: 'SCR-2026-0001', existing: [], now, by: 'bm@lscb.example.gov.uk' }), ...overrides };
}

describe('actions', () => {
  it('makes a recommendation an action, numbered after the last, due at the end of the London day with its rule', () => {
    // Prepare: two actions already in the plan
    const existing = [action({ number: 1 }), action({ id: 'a2', number: 4 })];
    // Act
    const a = newAction(input, { id: 'a3', reference: 'SCR-2026-0001', existing, now: new Date('2027-01-11T10:00:00Z'), by: 'bm@x' });
    // Assess: 31 March 2027 is GMT (clocks change on 28 March: BST), so the end of the day is 22:59:59.999Z
    expect(a.number).toBe(5);
    expect(a.owner.email).toBe(OWNER);
    expect(a.status).toBe('not-started');
    expect(a.due.dueAt).toBe('2027-03-31T22:59:59.999Z');
    expect(a.due.rule).toContain('2027-03-31 end of day (Europe/London)');
    expect(a.due.kind).toBe('agreed-date');
  });

  it('refuses a due date in the past or more than 3 years ahead, and the same IMR recommendation twice', () => {
    const now = new Date('2027-01-11T10:00:00Z');
    expect(() => newAction({ ...input, dueDate: '2027-01-10' }, { id: 'x', reference: 'SCR-2026-0001', existing: [], now, by: 'bm' })).toThrow(ActionRuleError);
    // Alerts need the bank holiday calendar: a date years away would stop the review's check loop.
    expect(() => newAction({ ...input, dueDate: '2030-01-12' }, { id: 'x', reference: 'SCR-2026-0001', existing: [], now, by: 'bm' })).toThrow('within 3 years');
    expect(newAction({ ...input, dueDate: '2030-01-11' }, { id: 'x', reference: 'SCR-2026-0001', existing: [], now, by: 'bm' }).due.dueDate).toBe('2030-01-11');
    const imr = { ...input, source: { kind: 'imr' as const, contributionId: 'c1', item: 0 } };
    const first = newAction(imr, { id: 'x', reference: 'SCR-2026-0001', existing: [], now, by: 'bm' });
    expect(() => newAction(imr, { id: 'y', reference: 'SCR-2026-0001', existing: [first], now, by: 'bm' })).toThrow('already an action');
  });

  it('the form schema names each missing field in GOV.UK words', () => {
    const parsed = addActionSchema.safeParse({ source: { kind: 'board' }, recommendation: '', organisation: 'x', ownerName: 'x', ownerEmail: 'not-an-email', dueDate: '2027-02-30', outcome: 'x', evaluation: 'x' });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message);
    expect(messages).toContain('Enter the recommendation');
    expect(messages).toContain('Enter an email address in the correct format, like name@example.gov.uk');
    expect(messages).toContain('Date it is due by must be a real date');
  });

  it('an action filled to every limit, progress included, stays well inside one DynamoDB item (400 KB)', () => {
    // Every text at its longest in 3-byte characters, and the most progress updates an action keeps.
    const long = (n: number) => '€'.repeat(n);
    let a: PlanAction = { ...action(), recommendation: long(2000), outcome: long(2000), evaluation: long(2000), organisation: long(200) };
    for (let i = 0; i < PROGRESS_LIMIT; i++) a = recordProgress(a, { status: 'in-progress', note: long(2000), expectedVersion: a.version }, new Date('2027-02-01T09:00:00Z'), OWNER);
    expect(() => recordProgress(a, { status: 'in-progress', note: 'x', expectedVersion: a.version }, new Date('2027-02-01T09:00:00Z'), OWNER)).toThrow(ActionRuleError);
    // JSON's UTF-8 length is above DynamoDB's own measure of the item (names and values): a safe bound.
    expect(Buffer.byteLength(JSON.stringify(a), 'utf8')).toBeLessThan(350 * 1024);
  });

  it('records progress with a note; done sets doneAt, reopening clears it; a stale version is refused', () => {
    const a = action();
    const started = recordProgress(a, { status: 'in-progress', note: 'Sessions booked', expectedVersion: 1 }, new Date('2027-02-01T09:00:00Z'), OWNER);
    expect(started).toMatchObject({ status: 'in-progress', version: 2 });
    expect(started.doneAt).toBeUndefined();
    const done = recordProgress(started, { status: 'done', note: 'All trained', expectedVersion: 2 }, new Date('2027-03-01T09:00:00Z'), OWNER);
    expect(done.doneAt).toBe('2027-03-01T09:00:00.000Z');
    expect(done.progress.map((p) => p.note)).toEqual(['Sessions booked', 'All trained']);
    const reopened = recordProgress(done, { status: 'in-progress', note: 'Two more joined', expectedVersion: 3 }, new Date('2027-03-02T09:00:00Z'), OWNER);
    expect(reopened.doneAt).toBeUndefined();
    expect(() => recordProgress(done, { status: 'done', note: 'x', expectedVersion: 1 }, new Date(), OWNER)).toThrow('Someone else updated');
    expect(openActionCount([a, done, reopened])).toBe(2);
  });

  it.each([
    // due 31 March 2027 (end of day BST, 22:59:59.999Z)
    ['2027-01-11T10:00:00Z', 'open', 0],
    ['2027-03-03T23:59:59Z', 'due-soon', 0], // London 3 March + 28 days = 31 March
    ['2027-03-02T23:59:59Z', 'open', 0],
    ['2027-03-31T22:59:59Z', 'due-soon', 0], // the last second of the due day in London
    ['2027-03-31T23:00:00Z', 'overdue', 1], // already 1 April in London
    ['2027-04-10T12:00:00Z', 'overdue', 10],
  ] as const)('on %s an action due 31 March 2027 is %s (%i days overdue)', (now, standing, days) => {
    const a = action();
    expect(standingOf(a, new Date(now))).toBe(standing);
    expect(daysOverdue(a, new Date(now))).toBe(days);
    expect(standingOf({ ...a, status: 'done' }, new Date(now))).toBe('done');
  });
});

describe('an overdue action escalates: owner, then the business manager, the sub-committee chair and the Board chair', () => {
  const a = action({ due: actionDeadline('2027-03-31', new Date('2027-01-11T10:00:00Z')) });
  const w = watchedAction(a, board);
  const sent = new Set<string>();
  const at = (iso: string) => checkAlerts(w.task, PROCEDURE_2008, calendar, new Date(iso), sent);

  it('says only the action number, never its text', () => {
    expect(w.what).toBe('action 1 of the action plan');
    expect(w.task.id).toBe('action:a1');
  });

  it.each([
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March are bank holidays; BST from 28 March.
    // Reminders at 09:00 London 5 and 1 working days before: Monday 22 March (GMT) and Tuesday 30 March (BST).
    ['2027-03-22T08:59:00Z', undefined],
    ['2027-03-22T09:00:00Z', { kind: 'reminder', workingDaysBefore: 5 }],
    ['2027-03-30T07:59:00Z', { kind: 'reminder', workingDaysBefore: 5 }],
    ['2027-03-30T08:00:00Z', { kind: 'reminder', workingDaysBefore: 1 }],
    // escalation 1 just after the due day ends (00:00 London on 1 April = 23:00Z), to the owner alone
    ['2027-03-31T22:59:59Z', { kind: 'reminder', workingDaysBefore: 1 }],
    ['2027-03-31T23:00:00Z', { kind: 'escalation', escalationNumber: 1, recipients: [OWNER] }],
    // then every 5 working days from 1 April (2, 5, 6, 7, 8 April), at 09:00 BST
    ['2027-04-08T07:59:00Z', { kind: 'escalation', escalationNumber: 1 }],
    ['2027-04-08T08:00:00Z', { kind: 'escalation', escalationNumber: 2, recipients: [OWNER, board.businessManager.email] }],
    ['2027-04-15T08:00:00Z', { kind: 'escalation', escalationNumber: 3, recipients: [OWNER, board.businessManager.email, board.subCommitteeChair.email] }],
    ['2027-04-22T08:00:00Z', { kind: 'escalation', escalationNumber: 4, recipients: [OWNER, board.businessManager.email, board.subCommitteeChair.email, board.boardChair.email] }],
  ] as const)('at %s the alert due is %j', (now, expected) => {
    const due = at(now).due[0];
    if (expected === undefined) expect(due).toBeUndefined();
    else expect(due).toMatchObject(expected);
  });

  it('a done action sends nothing', () => {
    const done = watchedAction({ ...a, status: 'done', doneAt: '2027-03-20T10:00:00Z' }, board);
    expect(checkAlerts(done.task, PROCEDURE_2008, calendar, new Date('2027-04-23T08:00:00Z'), sent).due).toEqual([]);
  });
});

describe('progress report', () => {
  it('counts open, due soon, overdue and done, overdue first', () => {
    const now = new Date('2027-04-05T12:00:00Z');
    const mk = (id: string, number: number, dueDate: string, status: PlanAction['status'] = 'not-started') =>
      action({ id, number, status, due: actionDeadline(dueDate, new Date('2027-01-01T12:00:00Z')), ...(status === 'done' ? { doneAt: '2027-03-01T12:00:00Z' } : {}) });
    const report = progressReport([mk('a', 1, '2027-12-01'), mk('b', 2, '2027-04-20'), mk('c', 3, '2027-03-31'), mk('d', 4, '2027-03-01', 'done')], now);
    expect(report.totals).toEqual({ open: 1, 'due-soon': 1, overdue: 1, done: 1 });
    expect(report.rows.map((r) => [r.number, r.standing, r.daysOverdue])).toEqual([
      [3, 'overdue', 5],
      [2, 'due-soon', 0],
      [1, 'open', 0],
      [4, 'done', 0],
    ]);
  });

  it('CSV is RFC 4180 and neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+44 1234')).toBe("'+44 1234");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Health, community')).toBe('"Health, community"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(3)).toBe('3');
    const now = new Date('2027-04-05T12:00:00Z');
    const csv = progressReportCsv(progressReport([action({ organisation: '=cmd|calc', owner: { name: 'O, Owner', email: OWNER } })], now));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('reference,action,organisation,owner,due_date,status,standing,days_overdue,done_at');
    expect(lines[1]).toBe(`SCR-2026-0001,1,'=cmd|calc,"O, Owner",2027-03-31,Not started,Overdue,5,`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('timeliness', () => {
  it.each([
    // decision target: end of 26 April 2027 London (BST) = 22:59:59.999Z
    ['2027-04-26T22:59:59.999Z', 'on-time'],
    ['2027-04-26T23:00:00Z', 'up-to-6-months'],
    // 6 months from 26 March 2027 (GMT day) = end of 26 September 2027 (BST)
    ['2027-09-26T22:59:59.999Z', 'up-to-6-months'],
    ['2027-09-26T23:00:00Z', '6-to-12-months'],
    // 12 months = end of 26 March 2028 (the clocks go forward that day: BST)
    ['2028-03-26T22:59:59.999Z', '6-to-12-months'],
    ['2028-03-26T23:00:00Z', 'over-12-months'],
    [undefined, 'not-yet'],
  ] as const)('a referral on 26 March 2027 decided at %s is %s', (to, band) => {
    expect(bandOf('2027-03-26T10:00:00Z', to, '2027-04-26T22:59:59.999Z')).toBe(band);
  });

  it('a GMT target: the end of 30 November is midnight UTC', () => {
    expect(bandOf('2026-10-30T10:00:00Z', '2026-11-30T23:59:59.999Z', '2026-11-30T23:59:59.999Z')).toBe('on-time');
    expect(bandOf('2026-10-30T10:00:00Z', '2026-12-01T00:00:00Z', '2026-11-30T23:59:59.999Z')).toBe('up-to-6-months');
  });

  it('reports both stages, an open review as not complete yet, and counts each band', () => {
    const report = timelinessReport(
      [
        // decided late, completed within the agreed (extended) date
        { reference: 'SCR-2026-0002', status: 'review-decided', receivedAt: '2026-02-01T10:00:00Z', decisionDueAt: '2026-03-01T23:59:59.999Z', decidedAt: '2026-03-10T10:00:00Z', completionDueAt: '2026-09-30T22:59:59.999Z', completedAt: '2026-09-15T10:00:00Z' },
        // decided on time, still open
        { reference: 'SCR-2026-0001', status: 'review-decided', receivedAt: '2026-01-05T10:00:00Z', decisionDueAt: '2026-02-05T23:59:59.999Z', decidedAt: '2026-01-20T10:00:00Z', completionDueAt: '2026-05-20T22:59:59.999Z' },
        // no review decided: one stage only
        { reference: 'SCR-2026-0003', status: 'no-review', receivedAt: '2026-03-01T10:00:00Z', decisionDueAt: '2026-04-01T22:59:59.999Z', decidedAt: '2026-03-15T10:00:00Z' },
        // not decided yet
        { reference: 'SCR-2026-0004', status: 'awaiting-decision', receivedAt: '2026-04-01T10:00:00Z', decisionDueAt: '2026-05-01T22:59:59.999Z' },
      ],
      new Date('2026-10-01T10:00:00Z'),
    );
    expect(report.rows.map((r) => r.reference)).toEqual(['SCR-2026-0001', 'SCR-2026-0002', 'SCR-2026-0003', 'SCR-2026-0004']);
    expect(report.rows[0]!.completion).toMatchObject({ band: 'not-yet', targetDate: '2026-05-20' });
    expect(report.rows[1]!.decision).toMatchObject({ band: 'up-to-6-months', days: 37 });
    expect(report.rows[1]!.completion).toMatchObject({ band: 'on-time', targetDate: '2026-09-30', days: 189 });
    expect(report.rows[2]!.completion).toBeUndefined();
    expect(report.rows[3]!.decision.band).toBe('not-yet');
    expect(report.counts.decision).toEqual({ 'on-time': 2, 'up-to-6-months': 1, '6-to-12-months': 0, 'over-12-months': 0, 'not-yet': 1 });
    expect(report.counts.completion).toEqual({ 'on-time': 1, 'up-to-6-months': 0, '6-to-12-months': 0, 'over-12-months': 0, 'not-yet': 1 });
  });
});

describe('the review workflow watches open actions, after completion too', () => {
  const fullBoard = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
  const decidedAt = new Date('2026-11-30T10:00:00Z');
  const base = buildCase(makeReferral(), 'SCR-2026-0042', new Date('2026-11-02T10:00:00Z'), { board: fullBoard, calendar, ids: { uuid: () => 'u', secret: () => 's' } }, { requestId: 'r' }).caseRecord;
  const completed = { ...base, status: 'review-decided' as const, version: 3, review: { ...openReview(decidedAt, fullBoard, calendar), completedAt: '2027-03-01T10:00:00.000Z' } };
  const owned = action({ reference: 'SCR-2026-0042', owner: { name: 'Olive', email: OWNER }, due: actionDeadline('2027-03-31', new Date('2027-03-01T10:00:00Z')), createdAt: '2027-03-01T10:00:00.000Z' });

  function depsWith(actions: PlanAction[], now: string) {
    const store = new MemoryStore();
    store.cases.set(completed.reference, completed);
    const mailer = new MemoryMailer();
    const deps: DeadlineCheckDeps = {
      store: store as never,
      mailer,
      clock: new FakeClock(now),
      ids: cryptoIds,
      board: fullBoard,
      calendar,
      appBaseUrl: 'https://scr.example.org',
      actions: { listActions: async () => actions },
    };
    return { deps, mailer };
  }

  it('a completed review with an open action keeps looping, and escalates it to its owner once overdue', async () => {
    const { deps, mailer } = depsWith([owned], '2027-04-01T09:00:00Z');
    const result = await checkDeadlines(deps, 'SCR-2026-0042');
    expect(result.done).toBe(false);
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [[OWNER], 'Overdue: action 1 of the action plan for referral SCR-2026-0042 was due by Wednesday 31 March 2027'],
    ]);
    expect(mailer.sent[0]!.text).toContain('https://scr.example.org/cases/SCR-2026-0042/action-plan');
    expect(mailer.sent[0]!.text).not.toContain(owned.recommendation);
  });

  it('ends when every action is done (and a completed review without actions ends at once)', async () => {
    const done = { ...owned, status: 'done' as const, doneAt: '2027-03-20T10:00:00.000Z' };
    expect((await checkDeadlines(depsWith([done], '2027-04-01T09:00:00Z').deps, 'SCR-2026-0042')).done).toBe(true);
    expect((await checkDeadlines(depsWith([], '2027-04-01T09:00:00Z').deps, 'SCR-2026-0042')).done).toBe(true);
  });

  it("the open count is part of the review's schedule: adding or finishing an action restarts the workflow; no plan leaves old fingerprints alone", () => {
    const open = { ...base, status: 'review-decided' as const, version: 3, review: openReview(decidedAt, fullBoard, calendar) };
    const none = scheduleFingerprint(open);
    expect(scheduleFingerprint({ ...open, actionPlan: { open: 1 } })).not.toBe(none);
    expect(scheduleFingerprint({ ...open, actionPlan: { open: 2 } })).not.toBe(scheduleFingerprint({ ...open, actionPlan: { open: 1 } }));
    expect(scheduleBasis(open)).not.toHaveProperty('actions');
  });
});
