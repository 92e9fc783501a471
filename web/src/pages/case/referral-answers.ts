import type { DateParts } from '../../../../functions/schemas/dates.js';
import { emptyAnswers, mergeShape, type Answers } from '../../form/answers.js';

/** "2018-04-12" -> { day: '12', month: '4', year: '2018' }, as someone would have typed it. */
function isoToParts(value: unknown): DateParts | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' } : undefined;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * A stored referral (the shared schema's shape) as the form's answers, so
 * the case page can reuse check your answers' summary. Anything that does
 * not fit the shape shows as "Not answered" rather than breaking the page.
 */
export function referralToAnswers(referral: Record<string, unknown>): Answers {
  const child = record(referral.child);
  const incident = record(referral.incident);
  const further = record(referral.furtherCriteria);
  const met = Array.isArray(further.met) ? further.met : [];
  return mergeShape(emptyAnswers(), {
    ...referral,
    child: {
      ...child,
      dateOfBirth: isoToParts(child.dateOfBirth),
      approximateAge: typeof child.approximateAge === 'number' ? String(child.approximateAge) : child.approximateAge,
      // Older referrals may lack the question: infer it from which answer is there.
      dateOfBirthKnown: child.dateOfBirthKnown ?? (child.dateOfBirth ? 'yes' : child.approximateAge !== undefined ? 'no' : ''),
    },
    incident: { ...incident, date: isoToParts(incident.date) },
    furtherCriteria: { met, none: Array.isArray(further.met) && met.length === 0 },
  });
}
