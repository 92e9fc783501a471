import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../functions/schemas/errors.js';
import { ADULT_AT_INCIDENT, ageOn, INCIDENT_BEFORE_BIRTH, referralSchema, sectionSchemas } from '../../functions/schemas/referral.js';
import { makeReferral } from '../factories/referral.js';

const TODAY = '2026-12-01';

const errorsOf = (body: unknown) => {
  const parsed = referralSchema(TODAY).safeParse(body);
  return parsed.success ? [] : toFieldErrors(parsed.error);
};

describe('the incident date against the child’s date of birth (one schema, browser and server)', () => {
  it('counts whole years of age, birthdays included', () => {
    expect(ageOn('2008-12-02', '2026-12-01')).toBe(17);
    expect(ageOn('2008-12-01', '2026-12-01')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('refuses an incident before the child was born, on the incident date', () => {
    const errors = errorsOf(makeReferral({ child: { dateOfBirth: '2020-05-01' }, incident: { date: '2019-01-01' } }));
    expect(errors).toEqual([{ name: 'incident.date', href: '#incident-date', text: INCIDENT_BEFORE_BIRTH }]);
  });

  it('asks again when the child would have been 18 or older, and accepts the referrer’s confirmation', () => {
    const adult = makeReferral({ child: { dateOfBirth: '2005-01-01' }, incident: { date: '2026-11-20' } });
    expect(errorsOf(adult)).toEqual([{ name: 'incident.ageConfirmed', href: '#incident-ageConfirmed', text: ADULT_AT_INCIDENT }]);
    expect(errorsOf({ ...adult, incident: { ...adult.incident, ageConfirmed: true } })).toEqual([]);
  });

  it('leaves a 17-year-old and an unknown date of birth alone', () => {
    expect(errorsOf(makeReferral({ child: { dateOfBirth: '2009-11-21' }, incident: { date: '2026-11-20' } }))).toEqual([]);
    const unknown = makeReferral({ incident: { date: '2026-11-20' } });
    const child = { ...unknown.child, dateOfBirthKnown: 'no' as const, approximateAge: 17 };
    delete (child as { dateOfBirth?: string }).dateOfBirth;
    expect(errorsOf({ ...unknown, child })).toEqual([]);
  });

  it('the incident page checks the same rule with the date of birth it was given', () => {
    const incident = { type: 'death', date: '2019-01-01', summary: 'A short fictional account.' };
    const page = sectionSchemas(TODAY, '2020-05-01').incident.safeParse(incident);
    expect(page.success ? [] : toFieldErrors(page.error).map((e) => e.text)).toEqual([INCIDENT_BEFORE_BIRTH]);
    expect(sectionSchemas(TODAY).incident.safeParse(incident).success).toBe(true);
  });
});
