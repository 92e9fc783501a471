import type { Referral } from '../../functions/schemas/referral.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A complete, valid referral (fictional people, example.org addresses), with overrides per section. */
export function makeReferral(overrides: DeepPartial<Referral> = {}): Referral {
  const base: Referral = {
    referrer: {
      fullName: 'Alex Referrer',
      role: 'Designated safeguarding lead',
      organisation: 'Example Primary School',
      agencyType: 'education',
      email: 'alex.referrer@example.org',
      phone: '01632 960 001',
    },
    child: {
      firstNames: 'Sam',
      lastName: 'Fictional',
      dateOfBirthKnown: 'yes',
      dateOfBirth: '2018-04-12',
      gender: 'not-known',
      ethnicity: 'Not recorded',
      homeLocalAuthority: 'Example Borough Council',
      lookedAfter: 'no',
      childProtectionStatus: 'never',
    },
    incident: { type: 'death', date: '2026-11-20', summary: 'A short fictional account for tests.' },
    concerns: { abuseOrNeglect: 'suspected', interAgencyConcerns: 'no' },
    furtherCriteria: { met: [] },
    otherChildren: { atRisk: 'yes', actionTaken: 'Siblings seen by social care the same day.' },
    involvement: { otherAuthoritiesInvolved: 'no', agenciesKnown: ['education', 'health'] },
  };
  const out = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  for (const [section, values] of Object.entries(overrides)) {
    out[section] = { ...out[section], ...(values as Record<string, unknown>) };
  }
  return out as unknown as Referral;
}
