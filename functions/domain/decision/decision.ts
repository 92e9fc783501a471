import * as z from 'zod';
import type { CriteriaOutcome } from '../intake/criteria.js';

/**
 * The decision stage (paras 4.1, 4.2, 8.2, 1.3, 5.1, 5.2): the sub-committee
 * recommends, the Board chair decides. The engine's criteria outcome informs
 * both; departing from the recommendation, or not reviewing a case the
 * criteria make mandatory, needs a stated reason (1.3).
 */
export const reviewOptions = [
  { value: 'serious-case-review', label: 'Conduct a serious case review', paragraph: '3.1-3.3' },
  { value: 'individual-management-review', label: 'An individual management review only', paragraph: '5.1' },
  { value: 'partnership-review', label: 'A partnership review', paragraph: '5.2' },
  { value: 'no-review', label: 'No review', paragraph: '4.2' },
] as const;
export type ReviewOption = (typeof reviewOptions)[number]['value'];
const reviewValues = reviewOptions.map((o) => o.value) as [ReviewOption, ...ReviewOption[]];

export const criteriaParagraphs = ['3.1', '3.2', '3.3', '3.4', '5.1', '5.2'] as const;

export const recommendationSchema = z.strictObject({
  recommendation: z.enum(reviewValues, { error: 'Select what the sub-committee recommends' }),
  rationale: z
    .string({ error: 'Enter the reasons for the recommendation' })
    .trim()
    .min(1, { error: 'Enter the reasons for the recommendation' })
    .max(5000, { error: 'Reasons must be 5000 characters or fewer' }),
  criteriaApplied: z
    .array(z.enum(criteriaParagraphs, { error: 'Select the criteria applied' }), { error: 'Select the criteria applied' })
    .min(1, { error: 'Select the criteria applied' }),
  /** Recommending against a review the criteria make mandatory needs a stated reason, as the Board chair's decision does (1.3). */
  departureReason: z.string().trim().max(5000, { error: 'The reason must be 5000 characters or fewer' }).optional(),
});
export type RecommendationInput = z.infer<typeof recommendationSchema>;

export const decisionSchema = z.strictObject({
  decision: z.enum(reviewValues, { error: 'Select your decision' }),
  reasons: z
    .string({ error: 'Enter the reasons for your decision' })
    .trim()
    .min(1, { error: 'Enter the reasons for your decision' })
    .max(5000, { error: 'Reasons must be 5000 characters or fewer' }),
  departureReason: z.string().trim().max(5000, { error: 'The reason must be 5000 characters or fewer' }).optional(),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export interface Departure {
  fromRecommendation: boolean;
  fromMandatoryCriteria: boolean;
}

/** Does this decision depart from the recommendation or from the guidance (1.3)? */
export function departureOf(decision: ReviewOption, recommendation: ReviewOption, criteria: CriteriaOutcome): Departure {
  return {
    fromRecommendation: decision !== recommendation,
    fromMandatoryCriteria: criteria === 'mandatory' && decision !== 'serious-case-review',
  };
}

/**
 * Does the sub-committee's recommendation depart from the guidance (1.3)?
 * It cannot depart from itself; against a mandatory review it departs from
 * the guidance, and needs the same stated reason as the Board chair's decision.
 */
export function recommendationDeparture(recommendation: ReviewOption, criteria: CriteriaOutcome): Departure {
  return { fromRecommendation: false, fromMandatoryCriteria: criteria === 'mandatory' && recommendation !== 'serious-case-review' };
}

/** The GOV.UK field error when a departure has no stated reason, or undefined. */
export function missingDepartureReason(input: Partial<DecisionInput>, departure: Departure): string | undefined {
  if ((departure.fromRecommendation || departure.fromMandatoryCriteria) && !input.departureReason) {
    return departure.fromMandatoryCriteria
      ? 'Enter why you are departing from the guidance: the criteria say this case must be reviewed (paragraphs 1.3 and 3.2)'
      : 'Enter why your decision differs from the sub-committee’s recommendation (paragraph 1.3)';
  }
  return undefined;
}

export const reviewLabel = (v: ReviewOption): string => reviewOptions.find((o) => o.value === v)?.label ?? v;
