import { londonDate } from '../calendar/london.js';
import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-days.js';

/**
 * "What needs doing" on a case: each open duty with its owner, its due
 * date and a tag (due soon, overdue by N working days), soonest first.
 * Pure: the status comes from `deadlineStatus` (alerts.ts), the count of
 * working days from the Board's calendar, and `now` is passed in.
 */

export type DutyStatus = 'on-track' | 'due-soon' | 'overdue' | 'done';

export interface OpenDutyInput {
  id: string;
  label: string;
  /** Who owns it, by role with the article ("the Board chair") and their name if known. */
  owner: string;
  dueAt: string;
  dueDate: string;
  status: DutyStatus;
}

export interface DutyTag {
  kind: 'overdue' | 'due-soon' | 'on-track';
  /** Working days since the due day (overdue only): 0 when the due day was the last working day. */
  workingDaysOverdue?: number;
  text: string;
}

export interface DutyToDo {
  id: string;
  label: string;
  owner: string;
  dueAt: string;
  dueDate: string;
  tag: DutyTag;
}

/**
 * Working days from the day after `dueDate` up to and including today (London):
 * due Friday, today Tuesday is 2 (Monday and Tuesday).
 */
export function workingDaysSince(calendar: WorkingDayCalendar, dueDate: string, now: Date): number {
  const today = londonDate(now);
  let n = 0;
  // Count forward with the calendar's own step, so bank holidays are skipped exactly as deadlines skip them.
  for (let day = addWorkingDays(calendar, dueDate, 1); day <= today; day = addWorkingDays(calendar, day, 1)) n++;
  return n;
}

/** The tag a duty shows. */
export function dutyTag(status: Exclude<DutyStatus, 'done'>, dueDate: string, calendar: WorkingDayCalendar, now: Date): DutyTag {
  if (status === 'overdue') {
    const n = workingDaysSince(calendar, dueDate, now);
    const text = n === 0 ? 'Overdue' : `Overdue by ${n} working day${n === 1 ? '' : 's'}`;
    return { kind: 'overdue', workingDaysOverdue: n, text };
  }
  if (status === 'due-soon') return { kind: 'due-soon', text: 'Due soon' };
  return { kind: 'on-track', text: 'On track' };
}

/** The open duties, soonest first (ties keep their order); done ones are left out. */
export function whatNeedsDoing(duties: readonly OpenDutyInput[], calendar: WorkingDayCalendar, now: Date): DutyToDo[] {
  return duties
    .filter((d): d is OpenDutyInput & { status: Exclude<DutyStatus, 'done'> } => d.status !== 'done')
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.dueAt.localeCompare(b.d.dueAt) || a.i - b.i)
    .map(({ d }) => ({
      id: d.id,
      label: d.label,
      owner: d.owner,
      dueAt: d.dueAt,
      dueDate: d.dueDate,
      tag: dutyTag(d.status, d.dueDate, calendar, now),
    }));
}
