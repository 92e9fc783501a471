import type { ReviewRecord } from '../review/record.js';
import { addCalendarMonthsToDay, formatLondonDay, londonDate } from '../calendar/london.js';

/**
 * Whether a completed review finished in time (8.4, 8.5): within the four
 * months from the decision, within an agreed extension, or late and by how
 * many calendar days. Days are London days: a review completed at 00:30 on
 * a summer morning (23:30 UTC the evening before) was completed that
 * morning's day.
 */
export type CompletionOutcome =
  | { kind: 'within-four-months'; completedOn: string; dueDate: string }
  | { kind: 'within-extension'; completedOn: string; dueDate: string; originalDueDate: string; extensions: number }
  | { kind: 'late'; completedOn: string; dueDate: string; daysLate: number };

const DAY_MS = 24 * 3600 * 1000;

/** Calendar days from one London day to another (no time zone involved: both are days). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * @param review the review as completed (its completion deadline is the one in force: the last agreed extension, if any)
 * @param completedAt the instant the Board chair accepted the report
 * @param months the procedure profile's review completion period (four months in the 2008 procedure)
 */
export function completionOutcome(review: Pick<ReviewRecord, 'decidedAt' | 'completion' | 'extensions'>, completedAt: string, months: number): CompletionOutcome {
  const completedOn = londonDate(new Date(completedAt));
  const originalDueDate = addCalendarMonthsToDay(londonDate(new Date(review.decidedAt)), months);
  const dueDate = review.completion.dueDate;
  if (completedOn <= originalDueDate) return { kind: 'within-four-months', completedOn, dueDate: originalDueDate };
  if (completedOn <= dueDate && review.extensions.length > 0) return { kind: 'within-extension', completedOn, dueDate, originalDueDate, extensions: review.extensions.length };
  return { kind: 'late', completedOn, dueDate, daysLate: daysBetween(dueDate, completedOn) };
}

/** The outcome in words, for the case page and the report's export. */
export function describeCompletion(o: CompletionOutcome): string {
  const on = formatLondonDay(o.completedOn);
  switch (o.kind) {
    case 'within-four-months':
      return `Completed on ${on}, within four months of the decision (due by ${formatLondonDay(o.dueDate)})`;
    case 'within-extension':
      return `Completed on ${on}, within the agreed extension (due by ${formatLondonDay(o.dueDate)}; four months ended ${formatLondonDay(o.originalDueDate)})`;
    case 'late':
      return `Completed on ${on}, ${o.daysLate} ${o.daysLate === 1 ? 'day' : 'days'} late (due by ${formatLondonDay(o.dueDate)})`;
  }
}
