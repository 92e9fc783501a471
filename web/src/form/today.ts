/**
 * Today's date in Europe/London as YYYY-MM-DD: the `today` the shared
 * schemas need for "must be today or in the past". The server uses its
 * Clock; the browser uses the device's clock in the same time zone.
 */
export function londonToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
