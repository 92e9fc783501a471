import type { DateParts } from '../../../functions/schemas/dates.js';

/**
 * The answers as typed, before validation: strings for text, date parts for
 * date inputs, strings for numbers. The shared schemas turn them into a
 * Referral (see sections.ts); keeping the raw text lets a page redisplay
 * exactly what was entered, including what was wrong.
 */
export interface Answers {
  referrer: {
    fullName: string;
    role: string;
    organisation: string;
    agencyType: string;
    email: string;
    phone: string;
  };
  child: {
    firstNames: string;
    lastName: string;
    otherNames: string;
    dateOfBirthKnown: string;
    dateOfBirth: DateParts;
    approximateAge: string;
    gender: string;
    ethnicity: string;
    homeLocalAuthority: string;
    lookedAfter: string;
    childProtectionStatus: string;
  };
  incident: {
    type: string;
    date: DateParts;
    summary: string;
    /** "The dates are right": asked only when the child would have been 18 or older on the date. */
    ageConfirmed: boolean;
  };
  concerns: {
    abuseOrNeglect: string;
    interAgencyConcerns: string;
    interAgencyConcernsDetail: string;
  };
  furtherCriteria: {
    met: string[];
    /** The exclusive "None of these" box: a form answer only, sent as `met: []`. */
    none: boolean;
  };
  otherChildren: {
    atRisk: string;
    actionTaken: string;
  };
  involvement: {
    otherAuthoritiesInvolved: string;
    otherAuthorities: string;
    agenciesKnown: string[];
    agenciesKnownOther: string;
  };
}

export type SectionName = keyof Answers;

const noDate = (): DateParts => ({ day: '', month: '', year: '' });

export function emptyAnswers(): Answers {
  return {
    referrer: { fullName: '', role: '', organisation: '', agencyType: '', email: '', phone: '' },
    child: {
      firstNames: '',
      lastName: '',
      otherNames: '',
      dateOfBirthKnown: '',
      dateOfBirth: noDate(),
      approximateAge: '',
      gender: '',
      ethnicity: '',
      homeLocalAuthority: '',
      lookedAfter: '',
      childProtectionStatus: '',
    },
    incident: { type: '', date: noDate(), summary: '', ageConfirmed: false },
    concerns: { abuseOrNeglect: '', interAgencyConcerns: '', interAgencyConcernsDetail: '' },
    furtherCriteria: { met: [], none: false },
    otherChildren: { atRisk: '', actionTaken: '' },
    involvement: { otherAuthoritiesInvolved: '', otherAuthorities: '', agenciesKnown: [], agenciesKnownOther: '' },
  };
}

/**
 * Copies whatever in `raw` has the same shape as `template` (strings,
 * string arrays, booleans, nested objects); anything else keeps the
 * template's value. Protects the form from a stale or tampered draft.
 */
export function mergeShape<T>(template: T, raw: unknown): T {
  if (typeof template === 'string') return (typeof raw === 'string' ? raw : template) as T;
  if (typeof template === 'boolean') return (typeof raw === 'boolean' ? raw : template) as T;
  if (Array.isArray(template)) {
    return (Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? [...raw] : template) as T;
  }
  if (template && typeof template === 'object') {
    const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) out[key] = mergeShape(value, source[key]);
    return out as T;
  }
  return template;
}
