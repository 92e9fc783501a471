import type { Referral } from '../../schemas/referral.js';
import { furtherCriteria, labelOf } from '../../schemas/options.js';

/**
 * The criteria engine (paras 3.1-3.3, 5.1, 5.2). It recommends; people decide.
 *
 * - mandatory: a child died and abuse or neglect is known or suspected (3.1-3.2).
 *   The Board should always review, and other children at risk must be
 *   considered at once (3.1).
 * - consider: a 3.3 first-list circumstance together with concerns about
 *   inter-agency working.
 * - several-criteria-met: at least the Board's threshold of the 3.3 second list.
 * - not-met: suggests an individual management review (5.1) or a
 *   partnership review (5.2).
 */
export type CriteriaOutcome = 'mandatory' | 'consider' | 'several-criteria-met' | 'not-met';

export interface CriteriaReason {
  paragraph: string;
  text: string;
}

export interface CriteriaResult {
  outcome: CriteriaOutcome;
  reasons: CriteriaReason[];
  /** Suggested alternatives where the criteria are not met. */
  suggestions: CriteriaReason[];
  /** 3.1: true when other children must be considered at once. */
  considerOtherChildrenNow: boolean;
  /** Which second-list criteria were met, and the threshold applied. */
  furtherCriteriaMet: number;
  severalThreshold: number;
}

/** The facts the engine reads: a subset of a referral. */
export type CriteriaInput = Pick<Referral, 'incident' | 'concerns' | 'furtherCriteria' | 'otherChildren'>;

const FIRST_LIST: Record<string, string> = {
  'life-threatening-injury':
    'The child sustained a potentially life-threatening injury or serious and permanent impairment of health or development',
  'serious-sexual-abuse': 'The child has been subjected to particularly serious sexual abuse',
  'parent-murdered': "The child's parent has been murdered and a homicide review is being initiated",
  'killed-by-parent-mental-illness': 'The child has been killed by a parent with a mental illness',
};

/**
 * Evaluates a referral against the criteria.
 * @param severalThreshold how many second-list criteria count as "several" (Board configuration, default 2).
 */
export function evaluateCriteria(referral: CriteriaInput, severalThreshold: number): CriteriaResult {
  const { incident, concerns } = referral;
  const abuseKnownOrSuspected = concerns.abuseOrNeglect === 'known' || concerns.abuseOrNeglect === 'suspected';
  const interAgency = concerns.interAgencyConcerns === 'yes';
  const met = referral.furtherCriteria.met;
  const base = { furtherCriteriaMet: met.length, severalThreshold };

  const reasons: CriteriaReason[] = [];

  if (incident.type === 'death' && abuseKnownOrSuspected) {
    reasons.push({
      paragraph: '3.1',
      text: `The child died and abuse or neglect is ${concerns.abuseOrNeglect} to be a factor in the death`,
    });
    reasons.push({
      paragraph: '3.2',
      text: "The Board should always conduct a serious case review in these circumstances, whether or not children's social care was involved",
    });
    reasons.push({
      paragraph: '3.1',
      text:
        referral.otherChildren.atRisk === 'no'
          ? 'The referrer reports no other children at risk; organisations should still confirm this at once'
          : 'Other children may be at risk of harm: organisations must consider at once whether they need safeguarding',
    });
    return { outcome: 'mandatory', reasons, suggestions: [], considerOtherChildrenNow: true, ...base };
  }

  const firstList = FIRST_LIST[incident.type];
  if (firstList && interAgency) {
    reasons.push({ paragraph: '3.3', text: firstList });
    reasons.push({ paragraph: '3.3', text: 'The case gives rise to concerns about inter-agency working to protect children' });
    return { outcome: 'consider', reasons, suggestions: [], considerOtherChildrenNow: false, ...base };
  }

  if (met.length >= severalThreshold) {
    for (const value of met) reasons.push({ paragraph: '3.3', text: labelOf(furtherCriteria, value) });
    reasons.push({
      paragraph: '3.3',
      text: `${met.length} of the further criteria are met; the Board treats ${severalThreshold} or more as "several"`,
    });
    return { outcome: 'several-criteria-met', reasons, suggestions: [], considerOtherChildrenNow: false, ...base };
  }

  // Not met: say why, so the recommender can see what was missing.
  if (incident.type === 'death') {
    reasons.push({ paragraph: '3.1', text: 'The child died, but abuse or neglect is not known or suspected to be a factor' });
  } else if (firstList) {
    reasons.push({ paragraph: '3.3', text: firstList });
    reasons.push({ paragraph: '3.3', text: 'No concerns about inter-agency working were reported' });
  } else {
    reasons.push({ paragraph: '3.3', text: 'None of the specific circumstances of paragraph 3.3 was reported' });
  }
  reasons.push({
    paragraph: '3.3',
    text: `${met.length} of the further criteria ${met.length === 1 ? 'is' : 'are'} met; ${severalThreshold} or more are needed`,
  });

  const suggestions: CriteriaReason[] = [
    {
      paragraph: '5.1',
      text: 'An individual management review may still be valuable where a case gives rise to concern; findings are shared with the sub-committee',
    },
  ];
  if (met.includes('protocols-need-change') || met.includes('procedural-failings')) {
    suggestions.unshift({
      paragraph: '5.2',
      text: 'A partnership review may be appropriate: the case suggests local protocols or procedures may need to change or be better understood',
    });
  } else {
    suggestions.push({
      paragraph: '5.2',
      text: 'A partnership review is an option if the case suggests local protocols or procedures need to change',
    });
  }
  return { outcome: 'not-met', reasons, suggestions, considerOtherChildrenNow: false, ...base };
}

export const outcomeLabels: Record<CriteriaOutcome, string> = {
  mandatory: 'Serious case review required (paragraphs 3.1 and 3.2)',
  consider: 'Consider a serious case review (paragraph 3.3)',
  'several-criteria-met': 'Several criteria met: a serious case review is appropriate (paragraph 3.3)',
  'not-met': 'Criteria for a serious case review not met (consider paragraphs 5.1 and 5.2)',
};
