import type * as z from 'zod';
import { datePartsToIso, type DateParts } from '../../../functions/schemas/dates.js';
import { fieldId, toFieldErrors, type FieldError } from '../../../functions/schemas/errors.js';
import {
  referralSchema,
  sectionSchemas,
  type Referral,
  type ReferralSection,
} from '../../../functions/schemas/referral.js';
import type { Answers, SectionName } from './answers.js';

/**
 * Turns the typed answers of each page into the shape of the shared
 * schemas and validates them there. The only checks made here are the ones
 * the schemas cannot see: whether typed day/month/year make a date
 * (`datePartsToIso`, also shared) and whether typed text is a number.
 */

/** The form's pages in order, one per section of the referral. */
export const SECTION_ORDER: readonly ReferralSection[] = [
  'referrer',
  'child',
  'incident',
  'concerns',
  'furtherCriteria',
  'otherChildren',
  'involvement',
];

export const SECTION_PATHS: Record<ReferralSection, string> = {
  referrer: '/your-details',
  child: '/about-the-child',
  incident: '/what-happened',
  concerns: '/concerns',
  furtherCriteria: '/further-criteria',
  otherChildren: '/other-children',
  involvement: '/other-agencies',
};

export const CHECK_ANSWERS_PATH = '/check-your-answers';
export const CONFIRMATION_PATH = '/confirmation';

/** Fields in the order they appear on each page: the error summary follows it. */
const FIELD_ORDER: Record<ReferralSection, readonly string[]> = {
  referrer: ['fullName', 'role', 'organisation', 'agencyType', 'email', 'phone'],
  child: [
    'firstNames',
    'lastName',
    'otherNames',
    'dateOfBirthKnown',
    'dateOfBirth',
    'approximateAge',
    'gender',
    'ethnicity',
    'homeLocalAuthority',
    'lookedAfter',
    'childProtectionStatus',
  ],
  incident: ['type', 'date', 'ageConfirmed', 'summary'],
  concerns: ['abuseOrNeglect', 'interAgencyConcerns', 'interAgencyConcernsDetail'],
  furtherCriteria: ['met'],
  otherChildren: ['atRisk', 'actionTaken'],
  involvement: ['otherAuthoritiesInvolved', 'otherAuthorities', 'agenciesKnown', 'agenciesKnownOther'],
};

/** The page (section) a field error belongs to, from its dotted name. */
export function sectionOf(name: string): ReferralSection | undefined {
  const head = name.split('.')[0];
  return SECTION_ORDER.find((s) => s === head);
}

function fieldError(name: string, text: string): FieldError {
  return { name, href: `#${fieldId(name)}`, text };
}

/** Optional text the schemas accept as absent: send nothing rather than "". */
const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** A date the person was asked for: ISO date, or the GOV.UK message for the parts. */
function dateAnswer(parts: DateParts, label: string): { iso?: string; error?: string } {
  const result = datePartsToIso(parts, label);
  return 'iso' in result ? { iso: result.iso } : { error: result.error };
}

/** Text typed into a number field. Non-numbers get a clear message; ranges are the schema's. */
function numberAnswer(text: string, wholeNumberMessage: string): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { error: wholeNumberMessage };
  return { value: Number(trimmed) };
}

interface Candidate {
  value: Record<string, unknown>;
  /** Errors found before the schema runs, by field name inside the section. */
  local: Record<string, string>;
}

/**
 * The section's value as the schema expects it. Answers hidden behind an
 * unselected conditional reveal are left out, so a changed mind does not
 * send (or fail on) text the person can no longer see.
 */
function candidate(section: ReferralSection, answers: Answers): Candidate {
  const local: Record<string, string> = {};
  switch (section) {
    case 'referrer':
      return { value: { ...answers.referrer }, local };
    case 'child': {
      const c = answers.child;
      const value: Record<string, unknown> = {
        firstNames: c.firstNames,
        lastName: c.lastName,
        otherNames: optional(c.otherNames),
        dateOfBirthKnown: c.dateOfBirthKnown || undefined,
        gender: c.gender || undefined,
        ethnicity: c.ethnicity,
        homeLocalAuthority: c.homeLocalAuthority,
        lookedAfter: c.lookedAfter || undefined,
        childProtectionStatus: c.childProtectionStatus || undefined,
      };
      if (c.dateOfBirthKnown === 'yes') {
        const dob = dateAnswer(c.dateOfBirth, 'Date of birth');
        if (dob.error) local.dateOfBirth = dob.error;
        value.dateOfBirth = dob.iso;
      }
      if (c.dateOfBirthKnown === 'no') {
        const age = numberAnswer(c.approximateAge, 'Approximate age must be a whole number of years');
        if (age.error) local.approximateAge = age.error;
        value.approximateAge = age.value;
      }
      return { value, local };
    }
    case 'incident': {
      const i = answers.incident;
      const date = dateAnswer(i.date, 'Date it happened');
      if (date.error) local.date = date.error;
      return { value: { type: i.type || undefined, date: date.iso, summary: i.summary, ageConfirmed: i.ageConfirmed ? true : undefined }, local };
    }
    case 'concerns': {
      const c = answers.concerns;
      return {
        value: {
          abuseOrNeglect: c.abuseOrNeglect || undefined,
          interAgencyConcerns: c.interAgencyConcerns || undefined,
          interAgencyConcernsDetail: c.interAgencyConcerns === 'yes' ? optional(c.interAgencyConcernsDetail) : undefined,
        },
        local,
      };
    }
    case 'furtherCriteria': {
      const f = answers.furtherCriteria;
      // "None of these" is how the form asks for an explicit answer; the
      // schema accepts an empty list, so the form alone asks for one.
      if (!f.none && f.met.length === 0) {
        local.met = 'Select which of these apply to the case, or select ‘None of these’';
      }
      return { value: { met: f.none ? [] : f.met }, local };
    }
    case 'otherChildren': {
      const o = answers.otherChildren;
      return {
        value: {
          atRisk: o.atRisk || undefined,
          actionTaken: o.atRisk && o.atRisk !== 'no' ? optional(o.actionTaken) : undefined,
        },
        local,
      };
    }
    case 'involvement': {
      const i = answers.involvement;
      return {
        value: {
          otherAuthoritiesInvolved: i.otherAuthoritiesInvolved || undefined,
          otherAuthorities: i.otherAuthoritiesInvolved === 'yes' ? optional(i.otherAuthorities) : undefined,
          agenciesKnown: i.agenciesKnown,
          agenciesKnownOther: i.agenciesKnown.includes('other') ? optional(i.agenciesKnownOther) : undefined,
        },
        local,
      };
    }
  }
}

/** The child's date of birth as typed, when the referrer said they know it and it is a real date. */
export function childDateOfBirth(answers: Answers): string | undefined {
  if (answers.child.dateOfBirthKnown !== 'yes') return undefined;
  const dob = dateAnswer(answers.child.dateOfBirth, 'Date of birth');
  return dob.iso;
}

/** Drops keys whose value is undefined, as JSON.stringify would. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export type SectionResult<S extends ReferralSection> =
  | { ok: true; value: Referral[S] }
  | { ok: false; errors: FieldError[] };

/** Validates one page with the shared section schema. */
export function validateSection<S extends ReferralSection>(
  section: S,
  answers: Answers,
  today: string,
): SectionResult<S> {
  const { value, local } = candidate(section, answers);
  // Indexing by a generic key loses the link between section and schema; restore it.
  const schema = sectionSchemas(today, childDateOfBirth(answers))[section] as unknown as z.ZodType<Referral[S]>;
  const parsed = schema.safeParse(defined(value));
  const fromSchema = parsed.success ? [] : toFieldErrors(parsed.error, [section]);
  if (parsed.success && Object.keys(local).length === 0) return { ok: true, value: parsed.data };

  // A local message (bad date parts, not a number) explains more than the
  // schema's "Enter ..." for the same field, so it wins.
  const byName = new Map<string, FieldError>();
  for (const [field, text] of Object.entries(local)) byName.set(`${section}.${field}`, fieldError(`${section}.${field}`, text));
  for (const error of fromSchema) if (!byName.has(error.name)) byName.set(error.name, error);

  const order = FIELD_ORDER[section];
  const rank = (e: FieldError) => {
    const i = order.indexOf(e.name.slice(section.length + 1));
    return i === -1 ? order.length : i;
  };
  return { ok: false, errors: [...byName.values()].sort((a, b) => rank(a) - rank(b)) };
}

/** Validates every page, then the whole referral with the server's own schema. */
export function validateReferral(
  answers: Answers,
  today: string,
): { ok: true; referral: Referral } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const referral: Record<string, unknown> = {};
  for (const section of SECTION_ORDER) {
    const result = validateSection(section, answers, today);
    if (result.ok) referral[section] = result.value;
    else errors.push(...result.errors);
  }
  if (errors.length) return { ok: false, errors };
  const parsed = referralSchema(today).safeParse(referral);
  return parsed.success ? { ok: true, referral: parsed.data } : { ok: false, errors: toFieldErrors(parsed.error) };
}

/** True when every page has been answered well enough to submit. */
export function isSectionComplete(section: SectionName, answers: Answers, today: string): boolean {
  return validateSection(section, answers, today).ok;
}
