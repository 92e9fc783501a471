import { describe, expect, it } from 'vitest';
import { referralSchema, sectionSchemas } from '../../functions/schemas/referral.js';
import { toFieldErrors } from '../../functions/schemas/errors.js';
import { datePartsToIso } from '../../functions/schemas/dates.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { makeReferral } from '../factories/referral.js';
import { readFileSync } from 'node:fs';

const today = '2026-11-26';
const errorsFor = (body: unknown) => {
  const r = referralSchema(today).safeParse(body);
  return r.success ? [] : toFieldErrors(r.error);
};

describe('referral schema', () => {
  it('accepts a complete referral', () => {
    expect(errorsFor(makeReferral())).toEqual([]);
  });

  it('uses GOV.UK wording with a link to each field', () => {
    const errors = errorsFor(makeReferral({ child: { firstNames: '  ' }, referrer: { email: 'not-an-email' } }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { name: 'child.firstNames', href: '#child-firstNames', text: "Enter the child's first name" },
        {
          name: 'referrer.email',
          href: '#referrer-email',
          text: 'Enter an email address in the correct format, like name@example.gov.uk',
        },
      ]),
    );
  });

  it.each([
    [{ child: { dateOfBirthKnown: 'yes', dateOfBirth: undefined } }, 'child.dateOfBirth', "Enter the child's date of birth"],
    [{ child: { dateOfBirthKnown: 'no', dateOfBirth: undefined } }, 'child.approximateAge', "Enter the child's approximate age in years"],
    [{ child: { dateOfBirth: '2027-01-01' } }, 'child.dateOfBirth', 'Date of birth must be today or in the past'],
    [{ child: { dateOfBirth: '2026-02-30' } }, 'child.dateOfBirth', 'Date of birth must be a real date'],
    [{ concerns: { abuseOrNeglect: 'no', interAgencyConcerns: 'yes' } }, 'concerns.interAgencyConcernsDetail', 'Enter the concerns about how agencies worked together'],
    [{ otherChildren: { atRisk: 'not-known', actionTaken: undefined } }, 'otherChildren.actionTaken', 'Enter what has been done to safeguard other children'],
    [{ involvement: { otherAuthoritiesInvolved: 'yes' } }, 'involvement.otherAuthorities', 'Enter the other local authorities or Boards involved'],
    [{ involvement: { agenciesKnown: ['other'] } }, 'involvement.agenciesKnownOther', 'Enter the other agencies known to the child or family'],
    [{ involvement: { agenciesKnown: [] } }, 'involvement.agenciesKnown', 'Select the agencies known to the child or family'],
    [{ incident: { type: 'aliens' } }, 'incident.type', 'Select what happened to the child'],
    [{ incident: { summary: 'x'.repeat(2001) } }, 'incident.summary', 'Short account of what happened must be 2000 characters or fewer'],
  ])('%j -> %s', (overrides, name, text) => {
    expect(errorsFor(makeReferral(overrides as never))).toContainEqual({ name, href: `#${name.replace(/\./g, '-')}`, text });
  });

  it('rejects unknown fields, naming them', () => {
    const body = { ...makeReferral(), surprise: 1 };
    expect(errorsFor(body)).toContainEqual(expect.objectContaining({ name: 'surprise' }));
    const nested = makeReferral();
    (nested.child as Record<string, unknown>).address = '1 Secret Lane';
    expect(errorsFor(nested)).toContainEqual(expect.objectContaining({ name: 'child.address' }));
  });

  it('rejects wrong types with a message, not a crash', () => {
    expect(errorsFor({ ...makeReferral(), furtherCriteria: { met: 'yes' } })).toContainEqual(
      expect.objectContaining({ name: 'furtherCriteria.met', text: 'Select criteria from the list' }),
    );
    expect(errorsFor(null)).toEqual([{ name: 'body', href: '#body', text: 'Enter the referral' }]);
  });

  it('validates one page at a time with the same rules', () => {
    const r = sectionSchemas(today).otherChildren.safeParse({ atRisk: 'yes' });
    expect(r.success).toBe(false);
  });
});

describe('GOV.UK date input', () => {
  it.each([
    [{ day: '', month: '', year: '' }, { error: 'Enter the date of birth' }],
    [{ day: '12', month: '', year: '2020' }, { error: 'Date of birth must include a month' }],
    [{ day: '', month: '', year: '2020' }, { error: 'Date of birth must include a day and month' }],
    [{ day: '31', month: '4', year: '2020' }, { error: 'Date of birth must be a real date' }],
    [{ day: '1', month: '4', year: '20' }, { error: 'Date of birth must be a real date' }],
    [{ day: ' 9', month: '4 ', year: '2020' }, { iso: '2020-04-09' }],
  ])('%j', (parts, expected) => {
    expect(datePartsToIso(parts, 'Date of birth')).toEqual(expected);
  });
});

describe('Board configuration', () => {
  const example = JSON.parse(readFileSync('infra/config/board.example.json', 'utf8'));

  it('accepts the shipped example', () => {
    expect(parseBoardConfig(example).procedureProfile.severalCriteriaThreshold).toBe(2);
  });

  it('names every bad or missing field', () => {
    const bad = structuredClone(example);
    bad.boardChair.email = 'not-an-email';
    delete bad.ofstedNationalBusinessUnit;
    expect(() => parseBoardConfig(bad)).toThrow(/boardChair\.email: must be an email address[\s\S]*ofstedNationalBusinessUnit/);
  });
});

describe('whole-section and cross-field messages', () => {
  it('names a missing section in words', () => {
    const { child: _child, ...rest } = makeReferral();
    expect(errorsFor(rest)).toEqual([{ name: 'child', href: '#child', text: 'Enter details of the child' }]);
  });

  it('shows cross-field errors together with the other errors on the page', () => {
    const r = sectionSchemas(today).involvement.safeParse({ otherAuthoritiesInvolved: 'yes', agenciesKnown: ['other'] });
    const names = r.success ? [] : toFieldErrors(r.error).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['otherAuthorities', 'agenciesKnownOther']));
    const bad = sectionSchemas(today).involvement.safeParse({ otherAuthoritiesInvolved: 'maybe', agenciesKnown: 'x' });
    expect(bad.success).toBe(false);
  });
});
