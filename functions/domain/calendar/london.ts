import { TZDate } from '@date-fns/tz';

/** Every legally meaningful date is a day in England: Europe/London. */
export const TIME_ZONE = 'Europe/London';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) an instant falls on in London. */
export function londonDate(instant: Date): string {
  return dayFormat.format(instant);
}

/** The year an instant falls in, in London. */
export function londonYear(instant: Date): number {
  return Number(londonDate(instant).slice(0, 4));
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** The last millisecond of a London calendar day, as an absolute instant (handles BST and GMT). */
export function endOfLondonDay(day: string): Date {
  const [y, m, d] = parts(day);
  const nextMidnight = new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, TIME_ZONE);
  return new Date(nextMidnight.getTime() - 1);
}

/** The first millisecond of a London calendar day. */
export function startOfLondonDay(day: string): Date {
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, TIME_ZONE).getTime());
}

/** Adds whole days to a calendar day (no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Adds calendar months to a day, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonthsToDay(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** Day of week of a calendar day: 0 Sunday ... 6 Saturday. */
export function dayOfWeek(day: string): number {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Friday 27 November 2026", as GOV.UK style writes dates (no comma, whatever the ICU data says). */
export function formatLondonDay(day: string): string {
  const [y, m, d] = parts(day);
  return `${WEEKDAYS[dayOfWeek(day)]} ${d} ${MONTHS[m - 1]} ${y}`;
}
