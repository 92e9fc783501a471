import * as z from 'zod';
import {
  chronologyDateParts,
  chronologyDateValue,
  isChronologyTime,
  recordedAnswers,
  type ChronologyEntry,
  type DateCheck,
} from '../domain/contributions/chronology.js';
import type { DateParts } from './dates.js';

/**
 * One chronology row as the author enters it (IMR part 1, Appendix A). The
 * page validates with it before saving, the server again on arrival, and the
 * file import runs every row through it. The review-period check is passed in
 * (`reviewPeriodCheck(period)` from the terms of reference, or `anyDate`
 * while none is agreed): it is required so that leaving it out is a choice.
 * Messages follow GOV.UK error wording.
 */

export const CHRONOLOGY_LIMITS = {
  role: 100,
  organisation: 150,
  whatHappened: 5000,
  decisionOrAction: 5000,
  sourceRecord: 300,
} as const;

const requiredText = (missing: string, label: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });

const answer = (message: string) =>
  z.enum(recordedAnswers.map((a) => a.value) as ['yes', 'no', 'not-recorded'], { error: message });

/** The fields in the order a page shows them (and the error summary lists them). */
export const chronologyFieldOrder = [
  'date',
  'dateUncertain',
  'time',
  'role',
  'organisation',
  'whatHappened',
  'decisionOrAction',
  'childSeen',
  'wishesSought',
  'wishesExpressed',
  'wishesRecorded',
  'sourceRecord',
] as const satisfies readonly (keyof ChronologyEntry)[];

export const DATE_MESSAGES = {
  missing: 'Enter the date of the event',
  notReal: 'Date of the event must be a real date',
  time: 'Time must be a real time in 24-hour format, like 14:30',
  timeNeedsDay: 'Remove the time, or enter the day of the event',
} as const;

/** The schema for one entry, refusing dates the check refuses. */
export function chronologyEntrySchema(checkDate: DateCheck) {
  return z
    .strictObject({
      date: z
        .string({ error: DATE_MESSAGES.missing })
        .trim()
        .min(1, { error: DATE_MESSAGES.missing })
        .refine((d) => chronologyDateParts(d) !== undefined, { error: DATE_MESSAGES.notReal }),
      dateUncertain: z.boolean({ error: 'Select whether the day is uncertain' }).default(false),
      time: z
        .string({ error: DATE_MESSAGES.time })
        .trim()
        .optional()
        .transform((t) => (t ? t : undefined))
        .refine((t) => t === undefined || isChronologyTime(t), { error: DATE_MESSAGES.time }),
      role: requiredText("Enter the practitioner's role", "Practitioner's role", CHRONOLOGY_LIMITS.role),
      organisation: requiredText("Enter the practitioner's organisation", "Practitioner's organisation", CHRONOLOGY_LIMITS.organisation),
      whatHappened: requiredText('Enter what happened', 'What happened', CHRONOLOGY_LIMITS.whatHappened),
      decisionOrAction: z
        .string({ error: 'Decision or action taken must be text' })
        .trim()
        .max(CHRONOLOGY_LIMITS.decisionOrAction, {
          error: `Decision or action taken must be ${CHRONOLOGY_LIMITS.decisionOrAction.toLocaleString('en-GB')} characters or fewer`,
        })
        .optional()
        .transform((t) => (t ? t : undefined)),
      childSeen: answer('Select whether the child was seen'),
      wishesSought: answer("Select whether the child's wishes and feelings were sought"),
      wishesExpressed: answer("Select whether the child's wishes and feelings were expressed"),
      wishesRecorded: answer("Select whether the child's wishes and feelings were recorded"),
      sourceRecord: requiredText('Enter the source record', 'Source record', CHRONOLOGY_LIMITS.sourceRecord),
    })
    .superRefine(
      (entry, ctx) => {
        const parts = typeof entry.date === 'string' ? chronologyDateParts(entry.date) : undefined;
        if (!parts) return;
        if (typeof entry.time === 'string' && entry.time && parts.precision !== 'day') {
          ctx.addIssue({ code: 'custom', path: ['time'], message: DATE_MESSAGES.timeNeedsDay });
        }
        const outside = checkDate({ date: entry.date, dateUncertain: entry.dateUncertain === true });
        if (outside) ctx.addIssue({ code: 'custom', path: ['date'], message: outside });
      },
      // Run with other fields wrong too, so that every problem is shown at once (the entry may be partial here).
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform((entry): ChronologyEntry => {
      // Only a day can be uncertain; a month or a year is approximate anyway.
      const day = chronologyDateParts(entry.date)?.precision === 'day';
      return { ...entry, dateUncertain: day && entry.dateUncertain };
    });
}

/**
 * The page's date fields to a stored date: a day, month and year; or a month
 * and year (the day left blank); or a year alone. Returns the GOV.UK message
 * when something is missing or wrong.
 */
export function chronologyDateFromParts(parts: DateParts): { date: string } | { error: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { error: DATE_MESSAGES.missing };
  if (!year) return { error: 'Date of the event must include a year' };
  if (day && !month) return { error: 'Date of the event must include a month' };
  if (!/^\d{4}$/.test(year) || (month && !/^\d{1,2}$/.test(month)) || (day && !/^\d{1,2}$/.test(day))) {
    return { error: DATE_MESSAGES.notReal };
  }
  const precision = day ? 'day' : month ? 'month' : 'year';
  const value = chronologyDateValue({ precision, year: Number(year), month: month ? Number(month) : undefined, day: day ? Number(day) : undefined });
  return chronologyDateParts(value) ? { date: value } : { error: DATE_MESSAGES.notReal };
}
