import * as z from 'zod';

/** Day, month and year as typed into a GOV.UK date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `iso` (YYYY-MM-DD) names a day that exists in the calendar. */
export function isRealDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Turns a GOV.UK date input into an ISO date, or the GOV.UK error message
 * for what is wrong ("Date of birth must include a month").
 * `label` is the sentence-case name of the date, e.g. "Date of birth".
 */
export function datePartsToIso(parts: DateParts, label: string): { iso: string } | { error: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { error: `Enter the ${label.toLowerCase()}` };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length) return { error: `${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${label} must be a real date` };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isRealDate(iso)) return { error: `${label} must be a real date` };
  return { iso };
}

/** Splits an ISO date back into parts for redisplay in a date input. */
export function isoToDateParts(iso: string | undefined): DateParts {
  const m = iso ? ISO_DATE.exec(iso) : null;
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' };
}

/**
 * A past-or-today ISO date. `today` is the caller's current date in
 * Europe/London (from the Clock on the server, the device in the browser).
 */
export function pastIsoDate(label: string, today: string) {
  return z
    .string({ error: `Enter the ${label.toLowerCase()}` })
    .regex(ISO_DATE, { error: `${label} must be a real date` })
    .refine(isRealDate, { error: `${label} must be a real date` })
    .refine((d) => d <= today, { error: `${label} must be today or in the past` })
    .refine((d) => d >= '1900-01-01', { error: `${label} must be after 1900` });
}
