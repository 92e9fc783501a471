import type { ProgressReportView, TimelinessBand, TimelinessReportView } from '../../schemas/actions.js';
import { addCalendarMonthsToDay, endOfLondonDay, londonDate } from '../calendar/london.js';
import { daysBetween, daysOverdue, standingOf, type PlanAction } from './actions.js';

/**
 * The Board's reports across all its reviews: the action plans' progress
 * (open, due soon, overdue, done) and each review's timeliness (8.2, 8.4,
 * 8.5). Pure: the cases and actions are read by the caller, `now` passed in.
 */

/** The progress report: every action's standing on `now`'s London day, overdue first, then soonest due. */
export function progressReport(actions: readonly PlanAction[], now: Date): ProgressReportView {
  const order = { overdue: 0, 'due-soon': 1, open: 2, done: 3 } as const;
  const rows = actions
    .map((a) => ({
      reference: a.reference,
      actionId: a.id,
      number: a.number,
      organisation: a.organisation,
      owner: a.owner.name,
      dueDate: a.due.dueDate,
      status: a.status,
      standing: standingOf(a, now),
      daysOverdue: daysOverdue(a, now),
      ...(a.doneAt ? { doneAt: a.doneAt } : {}),
    }))
    .sort((x, y) => order[x.standing] - order[y.standing] || x.dueDate.localeCompare(y.dueDate) || x.reference.localeCompare(y.reference) || x.number - y.number);
  const totals = { open: 0, 'due-soon': 0, overdue: 0, done: 0 };
  for (const r of rows) totals[r.standing]++;
  return { asOf: now.toISOString(), totals, rows };
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line
 * break; a leading = + - @ (or tab, carriage return) is neutralised with an
 * apostrophe, so a spreadsheet never runs it as a formula.
 */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const standingWords = { open: 'Open', 'due-soon': 'Due soon', overdue: 'Overdue', done: 'Done' } as const;
const statusWords = { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done' } as const;

/** The progress report as CSV (CRLF line ends, a header row). */
export function progressReportCsv(report: ProgressReportView): string {
  const header = ['reference', 'action', 'organisation', 'owner', 'due_date', 'status', 'standing', 'days_overdue', 'done_at'];
  const rows = report.rows.map((r) =>
    [r.reference, r.number, r.organisation, r.owner, r.dueDate, statusWords[r.status], standingWords[r.standing], r.daysOverdue, r.doneAt ? londonDate(new Date(r.doneAt)) : undefined]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** What the timeliness report needs of a case. */
export interface TimelinessInput {
  reference: string;
  status: string;
  /** When the referral reached the Board (8.2's clock starts). */
  receivedAt: string;
  /** 8.2: the decision's deadline (one month). */
  decisionDueAt: string;
  decidedAt?: string;
  /** A review only: 8.4's four months, or the latest agreed date (8.5). */
  completionDueAt?: string;
  completedAt?: string;
}

/**
 * The band a stage falls in: on time (by its target), else by how long it
 * took from its start: up to 6 months, 6 to 12, over 12 (calendar months,
 * ending at the end of the London day); "not yet" while it has not ended.
 */
export function bandOf(from: string, to: string | undefined, targetAt: string): TimelinessBand {
  if (!to) return 'not-yet';
  const end = Date.parse(to);
  if (end <= Date.parse(targetAt)) return 'on-time';
  const startDay = londonDate(new Date(from));
  if (end <= endOfLondonDay(addCalendarMonthsToDay(startDay, 6)).getTime()) return 'up-to-6-months';
  if (end <= endOfLondonDay(addCalendarMonthsToDay(startDay, 12)).getTime()) return '6-to-12-months';
  return 'over-12-months';
}

function stage(from: string, to: string | undefined, targetAt: string) {
  return {
    band: bandOf(from, to, targetAt),
    from,
    ...(to ? { to, days: daysBetween(londonDate(new Date(from)), londonDate(new Date(to))) } : {}),
    targetDate: londonDate(new Date(targetAt)),
  };
}

/**
 * Each case's time from referral to decision (target one month, 8.2) and,
 * for a review, from decision to completion (target four months or the
 * agreed extended date, 8.4-8.5), with how many fall in each band.
 */
export function timelinessReport(cases: readonly TimelinessInput[], now: Date): TimelinessReportView {
  const rows = [...cases]
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference))
    .map((c) => ({
      reference: c.reference,
      status: c.status,
      decision: stage(c.receivedAt, c.decidedAt, c.decisionDueAt),
      ...(c.decidedAt && c.completionDueAt ? { completion: stage(c.decidedAt, c.completedAt, c.completionDueAt) } : {}),
    }));
  const zero = (): Record<TimelinessBand, number> => ({ 'on-time': 0, 'up-to-6-months': 0, '6-to-12-months': 0, 'over-12-months': 0, 'not-yet': 0 });
  const counts = { decision: zero(), completion: zero() };
  for (const r of rows) {
    counts.decision[r.decision.band]++;
    if (r.completion) counts.completion[r.completion.band]++;
  }
  return { asOf: now.toISOString(), rows, counts };
}
