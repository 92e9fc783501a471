import {
  TIME_ZONE,
  addCalendarMonthsToDay,
  endOfLondonDay,
  formatLondonDay,
  londonDate,
} from './london.js';
import { addWorkingDays, type WorkingDayCalendar } from './working-days.js';

/**
 * A legally meaningful deadline: an absolute instant, the London day it
 * ends, and the rule that produced it, so an auditor years later can see
 * why it fell when it did.
 */
export interface Deadline {
  /** The last moment the deadline is met, ISO 8601 UTC. */
  dueAt: string;
  /** The London calendar day it is due (end of that day). */
  dueDate: string;
  /** Human-readable rule: "1 calendar month from 2027-01-31 = 2027-02-28 end of day (Europe/London)". */
  rule: string;
  kind: 'calendar-months' | 'working-days' | 'agreed-date';
  amount: number;
  /** The instant the period runs from. */
  from: string;
  /** The procedure paragraph or profile setting behind it. */
  authority: string;
  timeZone: typeof TIME_ZONE;
  /** Bank holiday calendar version, for working-day deadlines. */
  calendarVersion?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Due at the end of the London day `months` calendar months after `from` (clamped to the month's end). */
export function calendarMonthsDeadline(from: Date, months: number, authority: string): Deadline {
  const startDay = londonDate(from);
  const dueDate = addCalendarMonthsToDay(startDay, months);
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `${plural(months, 'calendar month')} from ${startDay} = ${dueDate} end of day (${TIME_ZONE})`,
    kind: 'calendar-months',
    amount: months,
    from: from.toISOString(),
    authority,
    timeZone: TIME_ZONE,
  };
}

/** Due at the end of the London day `days` working days after `from` (the day of `from` not counted). */
export function workingDaysDeadline(
  from: Date,
  days: number,
  calendar: WorkingDayCalendar,
  authority: string,
): Deadline {
  const startDay = londonDate(from);
  const dueDate = addWorkingDays(calendar, startDay, days);
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `${plural(days, 'working day')} from ${startDay} = ${dueDate} end of day (${TIME_ZONE}; ${calendar.version})`,
    kind: 'working-days',
    amount: days,
    from: from.toISOString(),
    authority,
    timeZone: TIME_ZONE,
    calendarVersion: calendar.version,
  };
}

/** "Thursday 10 December 2026" */
export const describeDue = (d: Deadline): string => formatLondonDay(d.dueDate);
