import { describe, expect, it } from 'vitest';
import { evaluateCriteria, type CriteriaOutcome } from '../../functions/domain/intake/criteria.js';
import { makeReferral } from '../factories/referral.js';
import type { Referral } from '../../functions/schemas/referral.js';

type Row = [string, Parameters<typeof makeReferral>[0], CriteriaOutcome, string[]];

const notMetBase = {
  concerns: { abuseOrNeglect: 'no', interAgencyConcerns: 'no' },
  incident: { type: 'other' },
} as const;

// Prepare: one row per rule of paras 3.1-3.3, with the paragraphs each outcome must cite.
const table: Row[] = [
  ['death with abuse known is mandatory', { concerns: { abuseOrNeglect: 'known', interAgencyConcerns: 'no' } }, 'mandatory', ['3.1', '3.2']],
  ['death with abuse suspected is mandatory', { concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'no' } }, 'mandatory', ['3.1', '3.2']],
  [
    'death with abuse suspected is mandatory even with further criteria met',
    { furtherCriteria: { met: ['risk-unrecognised', 'institutional-abuse'] } },
    'mandatory',
    ['3.1', '3.2'],
  ],
  ['death without abuse or neglect, nothing else: not met', { concerns: { abuseOrNeglect: 'no', interAgencyConcerns: 'no' } }, 'not-met', ['3.1', '3.3']],
  ...(['life-threatening-injury', 'serious-sexual-abuse', 'parent-murdered', 'killed-by-parent-mental-illness'] as const).map(
    (type): Row => [
      `${type} with inter-agency concerns: consider`,
      { incident: { type }, concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'yes', interAgencyConcernsDetail: 'x' } },
      'consider',
      ['3.3'],
    ],
  ),
  [
    'first-list circumstance without inter-agency concerns and one further criterion: not met',
    { incident: { type: 'serious-sexual-abuse' }, concerns: { abuseOrNeglect: 'known', interAgencyConcerns: 'no' }, furtherCriteria: { met: ['child-protection-plan'] } },
    'not-met',
    ['3.3'],
  ],
  [
    'two further criteria meet the default threshold',
    { ...notMetBase, furtherCriteria: { met: ['abused-while-looked-after', 'implications-for-agencies'] } },
    'several-criteria-met',
    ['3.3'],
  ],
  [
    'inter-agency concerns with an "other" incident are not a first-list case, but criteria may still be several',
    { incident: { type: 'other' }, concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'yes', interAgencyConcernsDetail: 'x' }, furtherCriteria: { met: ['risk-unrecognised', 'concerns-not-taken-seriously', 'procedural-failings'] } },
    'several-criteria-met',
    ['3.3'],
  ],
  ['one further criterion is not several', { ...notMetBase, furtherCriteria: { met: ['suicide-or-runaway'] } }, 'not-met', ['3.3']],
  ['nothing at all is not met', { ...notMetBase }, 'not-met', ['3.3']],
];

describe('criteria engine (paras 3.1-3.3)', () => {
  it.each(table)('%s', (_name, overrides, outcome, paragraphs) => {
    const referral = makeReferral(overrides);
    const result = evaluateCriteria(referral, 2);
    expect(result.outcome).toBe(outcome);
    for (const p of paragraphs) expect(result.reasons.map((r) => r.paragraph)).toContain(p);
    expect(result.reasons.every((r) => r.text.length > 10)).toBe(true);
  });

  it('asks for other children to be considered at once only when a review is mandatory (3.1)', () => {
    expect(evaluateCriteria(makeReferral(), 2).considerOtherChildrenNow).toBe(true);
    expect(evaluateCriteria(makeReferral({ ...notMetBase }), 2).considerOtherChildrenNow).toBe(false);
  });

  it('applies the Board threshold for "several"', () => {
    const referral = makeReferral({ ...notMetBase, furtherCriteria: { met: ['risk-unrecognised', 'institutional-abuse'] } });
    expect(evaluateCriteria(referral, 2).outcome).toBe('several-criteria-met');
    expect(evaluateCriteria(referral, 3).outcome).toBe('not-met');
    expect(evaluateCriteria(referral, 3).severalThreshold).toBe(3);
  });

  it('suggests an individual management review (5.1) and a partnership review (5.2) when not met', () => {
    const result = evaluateCriteria(makeReferral({ ...notMetBase }), 2);
    expect(result.suggestions.map((s) => s.paragraph).sort()).toEqual(['5.1', '5.2']);
    const protocols = evaluateCriteria(makeReferral({ ...notMetBase, furtherCriteria: { met: ['protocols-need-change'] } }), 2);
    expect(protocols.suggestions[0]?.paragraph).toBe('5.2');
  });

  it('never suggests alternatives when a review is indicated', () => {
    const referral: Referral = makeReferral();
    expect(evaluateCriteria(referral, 2).suggestions).toEqual([]);
  });
});
