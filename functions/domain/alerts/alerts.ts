import { TZDate } from '@date-fns/tz';
import type { ProcedureProfile } from '../../config/board.js';
import { TIME_ZONE, addDays } from '../calendar/london.js';
import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-days.js';
import type { Deadline } from '../calendar/deadlines.js';

/**
 * Reminders and escalations for a task with a deadline (issue "Decision
 * stage"). Pure: every instant is passed in, nothing is read from a clock,
 * nothing is sent. The caller (a scheduler) sends what `checkAlerts` says is
 * due, records the keys it sent, and wakes again at `nextAt`.
 *
 * Schedule for one deadline:
 * - Reminder N (for each N in the profile's `reminderWorkingDaysBefore`):
 *   09:00 Europe/London on the working day N working days before the due day.
 * - Escalation 1: the instant just after `dueAt` (00:00 London the next day).
 * - Escalation k > 1: 09:00 London, `escalationRepeatWorkingDays` working
 *   days after the previous escalation's London day. Escalations never end
 *   while the task is open, so they are generated lazily around `now`.
 *
 * Catch-up (after downtime, or on a task opened late) sends at most one
 * alert, the most recent one that still makes sense:
 * - a reminder is skipped if its moment had passed when the task opened
 *   (or, after an extension, when the new deadline was set);
 * - a reminder is superseded once the next (nearer) reminder's moment comes,
 *   and every reminder is stale once the deadline is overdue;
 * - escalations that were missed collapse into the latest due one, whose
 *   number still counts every interval elapsed, so the tiers widen as if
 *   nothing had been missed;
 * - once the task is done, nothing is due, even alerts missed before it was
 *   done: an alert prompts someone to act, and there is nothing left to do.
 */

/** A task the Board is waiting on, with the deadline it is tracked against. */
export interface TrackedTask {
  /** Stable per case, e.g. `'recommendation'` or `'decision'`; the prefix of every alert key. */
  id: string;
  /** The current deadline. An extension replaces it; the task id stays the same. */
  deadline: Deadline;
  /** When the task was opened (ISO). Reminders whose moment was already past by then are skipped. */
  openedAt: string;
  /**
   * When the current deadline took effect (ISO), if later than `openedAt`:
   * set it on an extension, so the new date's reminders that were already
   * past when it was granted are skipped rather than sent late.
   */
  deadlineSetAt?: string;
  /** When the task was done (ISO). From then on nothing is due. */
  doneAt?: string;
  /** Escalation tiers of email addresses, in order: escalation k goes to tiers 1..k together. */
  escalationTiers: string[][];
}

/** A deadline being watched for reminders and escalations: its task, what it is in words, and its owner. */
export interface WatchedDeadline {
  task: TrackedTask;
  what: string;
  owner: { name: string; email: string };
  /** The app's page the alert links to (a path), when not the case's summary: e.g. an action plan its owner reads without being on the case. */
  path?: string;
}

export type AlertKind = 'reminder' | 'escalation';

/** One alert in a task's schedule. */
export interface PlannedAlert {
  /**
   * Stable and unique per task and due date, built by {@link alertKeys}:
   * `recommendation:2026-12-10:reminder:5wd`, `recommendation:2026-12-10:escalation:3`.
   * The due date is part of the key, so an extension earns fresh reminders
   * (and a fresh escalation sequence), while re-checking the same deadline
   * never repeats an alert already sent.
   */
  key: string;
  taskId: string;
  kind: AlertKind;
  /** The instant the alert falls due, ISO 8601 UTC. */
  at: string;
  /** Reminders only: how many working days before the due day. */
  workingDaysBefore?: number;
  /** Escalations only: 1-based, counting every interval since the deadline was missed. */
  escalationNumber?: number;
  /** Escalations only: the cumulative tiers, deduplicated (case-insensitively), first spelling and order kept. */
  recipients?: string[];
}

/** What to send now, and when to look again. */
export interface AlertCheck {
  /** Alerts due at or before `now` that have not been sent, oldest first (at most one; see the catch-up rules). */
  due: PlannedAlert[];
  /** The next instant, strictly after `now`, at which an alert becomes due; undefined if none ever will (task done). */
  nextAt?: string;
}

type AlertProfile = Pick<ProcedureProfile, 'reminderWorkingDaysBefore' | 'escalationRepeatWorkingDays'>;

/** The only place alert keys are built. */
export const alertKeys = {
  reminder: (taskId: string, dueDate: string, workingDaysBefore: number): string =>
    `${taskId}:${dueDate}:reminder:${workingDaysBefore}wd`,
  escalation: (taskId: string, dueDate: string, escalationNumber: number): string =>
    `${taskId}:${dueDate}:escalation:${escalationNumber}`,
};

/** Alerts go out at the start of the office day in England. */
const SEND_HOUR = 9;

function atNineLondon(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // TZDate rather than "start of day + 9 h", which is an hour out on the days the clocks change.
  return new TZDate(y, m - 1, d, SEND_HOUR, 0, 0, 0, TIME_ZONE).getTime();
}

const iso = (ms: number): string => new Date(ms).toISOString();

function parseInstant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${field} is not an ISO instant: ${value}`);
  return ms;
}

function uniqueDescending(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

interface Reminder {
  workingDaysBefore: number;
  at: number;
}

/** Reminders for the deadline, earliest (largest N) first. */
function reminderSchedule(task: TrackedTask, reminderWorkingDaysBefore: readonly number[], calendar: WorkingDayCalendar): Reminder[] {
  return uniqueDescending(reminderWorkingDaysBefore).map((n) => ({
    workingDaysBefore: n,
    at: atNineLondon(addWorkingDays(calendar, task.deadline.dueDate, -n)),
  }));
}

function cumulativeRecipients(tiers: readonly string[][], escalationNumber: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of tiers.slice(0, escalationNumber).flat()) {
    const normal = address.trim().toLowerCase();
    if (seen.has(normal)) continue;
    seen.add(normal);
    out.push(address);
  }
  return out;
}

function reminderAlert(task: TrackedTask, r: Reminder): PlannedAlert {
  return {
    key: alertKeys.reminder(task.id, task.deadline.dueDate, r.workingDaysBefore),
    taskId: task.id,
    kind: 'reminder',
    at: iso(r.at),
    workingDaysBefore: r.workingDaysBefore,
  };
}

function escalationAlert(task: TrackedTask, escalationNumber: number, at: number): PlannedAlert {
  return {
    key: alertKeys.escalation(task.id, task.deadline.dueDate, escalationNumber),
    taskId: task.id,
    kind: 'escalation',
    at: iso(at),
    escalationNumber,
    recipients: cumulativeRecipients(task.escalationTiers, escalationNumber),
  };
}

/**
 * Walks the escalation sequence only as far as `now` needs: returns the
 * latest escalation due at or before `now` (if any) and the first one after.
 */
function escalationsAround(
  dueAt: number,
  dueDate: string,
  repeatWorkingDays: number,
  calendar: WorkingDayCalendar,
  now: number,
): { latest?: { number: number; at: number }; next: { number: number; at: number } } {
  const first = { number: 1, at: dueAt + 1 };
  if (first.at > now) return { next: first };
  // Repeats count from the London day of the first escalation (the day after the due day).
  let day = addDays(dueDate, 1);
  let latest = first;
  for (;;) {
    day = addWorkingDays(calendar, day, repeatWorkingDays);
    const candidate = { number: latest.number + 1, at: atNineLondon(day) };
    if (candidate.at > now) return { latest, next: candidate };
    latest = candidate;
  }
}

/**
 * What to send for one task at `now`, and when to check again.
 *
 * Returns the alerts due at or before `now` that are not in `alreadySent`,
 * under the catch-up rules in this module's header: at most one reminder
 * (the nearest one whose moment has come, not skipped because the task opened
 * after it, not stale because the deadline has passed) or one escalation (the
 * latest due, numbered as if none had been missed). Nothing is due once the
 * task is done (`doneAt` at or before `now`).
 *
 * `nextAt` is always strictly after `now`, so a scheduler that sleeps until it
 * can never spin; it is undefined when the task is done. After a restart, the
 * caller records the keys it sends: calling again with them in `alreadySent`
 * returns nothing more until `nextAt`.
 *
 * @throws RangeError if an instant is not ISO 8601 or the repeat interval is not positive.
 * @throws CalendarRangeError if a date falls outside the bank holiday data.
 */
export function checkAlerts(
  task: TrackedTask,
  profile: AlertProfile,
  calendar: WorkingDayCalendar,
  now: Date,
  alreadySent: ReadonlySet<string>,
): AlertCheck {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid date');
  if (!Number.isInteger(profile.escalationRepeatWorkingDays) || profile.escalationRepeatWorkingDays < 1) {
    throw new RangeError(`escalationRepeatWorkingDays must be a positive whole number: ${profile.escalationRepeatWorkingDays}`);
  }
  const dueAt = parseInstant(task.deadline.dueAt, 'deadline.dueAt');
  const startedAt = Math.max(
    parseInstant(task.openedAt, 'openedAt'),
    task.deadlineSetAt === undefined ? -Infinity : parseInstant(task.deadlineSetAt, 'deadlineSetAt'),
  );
  const doneAt = task.doneAt === undefined ? undefined : parseInstant(task.doneAt, 'doneAt');

  if (doneAt !== undefined && doneAt <= nowMs) return { due: [] };
  // Only reachable when replaying history with `doneAt` after `now`: nothing falls due after it.
  const beforeDone = (at: number) => doneAt === undefined || at <= doneAt;

  const due: PlannedAlert[] = [];
  let nextAt: number | undefined;

  const reminders = reminderSchedule(task, profile.reminderWorkingDaysBefore, calendar).filter((r) => r.at >= startedAt);
  if (nowMs <= dueAt) {
    // The nearest reminder whose moment has come supersedes the earlier ones.
    const current = reminders.filter((r) => r.at <= nowMs).at(-1);
    if (current !== undefined) {
      const alert = reminderAlert(task, current);
      if (!alreadySent.has(alert.key)) due.push(alert);
    }
    nextAt = reminders.find((r) => r.at > nowMs)?.at;
  }

  const escalations = escalationsAround(dueAt, task.deadline.dueDate, profile.escalationRepeatWorkingDays, calendar, nowMs);
  if (escalations.latest !== undefined) {
    const alert = escalationAlert(task, escalations.latest.number, escalations.latest.at);
    if (!alreadySent.has(alert.key)) due.push(alert);
  }
  // Reminders all fall before dueAt and escalations after it, so a pending reminder always comes first.
  nextAt ??= escalations.next.at;

  due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return nextAt !== undefined && beforeDone(nextAt) ? { due, nextAt: iso(nextAt) } : { due };
}

/**
 * How a task's deadline looks at `now`, for display: `'done'` once `doneAt`
 * is at or before `now`; `'overdue'` after `dueAt`; `'due-soon'` from the
 * earliest reminder moment (09:00 London, the largest number of working days
 * before the due day), whether or not that reminder was sent; otherwise
 * `'on-track'`.
 */
export function deadlineStatus(
  task: TrackedTask,
  profile: Pick<ProcedureProfile, 'reminderWorkingDaysBefore'>,
  calendar: WorkingDayCalendar,
  now: Date,
): 'done' | 'overdue' | 'due-soon' | 'on-track' {
  const nowMs = now.getTime();
  if (task.doneAt !== undefined && parseInstant(task.doneAt, 'doneAt') <= nowMs) return 'done';
  if (nowMs > parseInstant(task.deadline.dueAt, 'deadline.dueAt')) return 'overdue';
  const earliest = reminderSchedule(task, profile.reminderWorkingDaysBefore, calendar)[0];
  if (earliest !== undefined && nowMs >= earliest.at) return 'due-soon';
  return 'on-track';
}

/**
 * The escalation tiers with the duty's owner in the first tier, ahead of the
 * people it escalates to: the owner is told at once that their own duty is
 * overdue, alongside the first tier, and every later escalation (tiers 1..k)
 * reaches them too. An owner already in the tiers is not added twice.
 */
export function withOwnerFirst(ownerEmail: string, tiers: readonly string[][]): string[][] {
  const owner = ownerEmail.trim().toLowerCase();
  const rest = tiers.map((tier) => tier.filter((a) => a.trim().toLowerCase() !== owner));
  return [[ownerEmail, ...(rest[0] ?? [])], ...rest.slice(1)];
}

/** Who an alert goes to: a reminder to the owner alone; an escalation to the cumulative tiers (the owner first). */
export function alertRecipients(alert: PlannedAlert, ownerEmail: string): string[] {
  return alert.kind === 'reminder' ? [ownerEmail] : (alert.recipients ?? []);
}

/** The earliest `nextAt` across several tasks' checks: when the scheduler should wake. Undefined if none. */
export function nextCheckAt(checks: readonly AlertCheck[]): string | undefined {
  let earliest: string | undefined;
  for (const { nextAt } of checks) {
    if (nextAt !== undefined && (earliest === undefined || Date.parse(nextAt) < Date.parse(earliest))) earliest = nextAt;
  }
  return earliest;
}
