/** Dates the GOV.UK way, in Europe/London: "Thursday 5 March 2026", "Thursday 5 March 2026 at 2:30pm". */

const LONDON = 'Europe/London';
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday 15 December 2026": the one style for dates, with the day of the week and no comma. */
function dayMonthYear(y: number, m: number, d: number): string {
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${weekday} ${d} ${MONTHS[m - 1] ?? ''} ${y}`;
}

/** "Tuesday 15 December 2026" for a YYYY-MM-DD date (a calendar date, no time zone) or an instant (its London day). */
export function formatDate(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return dayMonthYear(Number(plain[1]), Number(plain[2]), Number(plain[3]));
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return dayMonthYear(get('year'), get('month'), get('day'));
}

/** "2:30pm" in Europe/London. */
export function formatTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  // GOV.UK style: 12am is midnight, 12pm is midday.
  if (hour === 0 && minute === '00') return 'midnight';
  if (hour === 12 && minute === '00') return 'midday';
  return `${h12}:${minute}${hour < 12 ? 'am' : 'pm'}`;
}

/** "Thursday 5 March 2026 at 2:30pm". */
export function formatDateTime(value: string): string {
  const time = formatTime(value);
  return time ? `${formatDate(value)} at ${time}` : formatDate(value);
}
