import * as z from 'zod';
import {
  abuseOrNeglectOptions,
  agenciesKnownOptions,
  agencyTypes,
  childProtectionStatuses,
  furtherCriteria,
  genders,
  incidentTypes,
  valuesOf,
  yesNo,
  yesNoNotKnown,
} from './options.js';
import { pastIsoDate } from './dates.js';

/**
 * The referral of a case to the Chair of the Serious Case Review
 * sub-committee (para 4.1), asking what paras 3.1-3.4 need.
 *
 * One schema validates in the browser (page by page) and on the server
 * (the whole submission). Messages follow GOV.UK error wording.
 * Schemas are built for a given `today` (YYYY-MM-DD, Europe/London) so that
 * "must be in the past" reads time from the caller's Clock.
 */

export const LIMITS = {
  shortText: 100,
  mediumText: 500,
  longText: 2000,
  listItems: 20,
} as const;

const text = (label: string, max: number = LIMITS.shortText) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` });

const optionalText = (label: string, max: number = LIMITS.shortText) =>
  z
    .string({ error: `${capitalise(label)} must be text` })
    .trim()
    .max(max, { error: `${capitalise(label)} must be ${max} characters or fewer` })
    .optional();

const choice = <T extends readonly { value: string }[]>(list: T, message: string) =>
  z.enum(valuesOf(list as never) as [string, ...string[]], { error: message }) as unknown as z.ZodEnum<{
    [K in T[number]['value']]: K;
  }>;

/**
 * Cross-field rules run even when other fields on the page have errors, so
 * a person sees every problem at once (zod skips them by default). Their
 * bodies therefore cannot trust the other fields' types.
 */
/** A whole section missing or not an object: say which, in words. */
const section = (what: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? `Enter ${what}` : undefined),
});

const evenWithOtherErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

function capitalise(s: string): string {
  const bare = s.replace(/^(the|a|an|your) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

// Deliberately simple: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{8,20}$/;

export const referrerSchema = z.strictObject({
  fullName: text('your full name'),
  role: text('your job title or role'),
  organisation: text('your organisation'),
  agencyType: choice(agencyTypes, 'Select the type of agency you work for'),
  email: z
    .string({ error: 'Enter your work email address' })
    .trim()
    .min(1, { error: 'Enter your work email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .regex(EMAIL, { error: 'Enter an email address in the correct format, like name@example.gov.uk' }),
  phone: z
    .string({ error: 'Enter your phone number' })
    .trim()
    .min(1, { error: 'Enter your phone number' })
    .regex(PHONE, { error: 'Enter a telephone number, like 01632 960 001 or 07700 900 982' }),
}, section('your details'));

export function childSchema(today: string) {
  return z
    .strictObject({
      firstNames: text("the child's first name"),
      lastName: text("the child's last name"),
      otherNames: optionalText("the child's other names"),
      dateOfBirthKnown: choice(yesNo, "Select yes if you know the child's date of birth"),
      dateOfBirth: pastIsoDate('Date of birth', today).optional(),
      approximateAge: z
        .number({ error: "Enter the child's approximate age in years" })
        .int({ error: 'Approximate age must be a whole number of years' })
        .min(0, { error: 'Approximate age must be 0 or more' })
        .max(17, { error: 'Approximate age must be 17 or less' })
        .optional(),
      gender: choice(genders, "Select the child's gender"),
      ethnicity: text("the child's ethnicity"),
      homeLocalAuthority: text("the child's home local authority"),
      lookedAfter: choice(yesNoNotKnown, 'Select whether the child is or was looked after by a local authority'),
      childProtectionStatus: choice(
        childProtectionStatuses,
        'Select whether the child has been subject to a child protection plan',
      ),
    }, section('details of the child'))
    .superRefine((child, ctx) => {
      if (child.dateOfBirthKnown === 'yes' && !child.dateOfBirth) {
        ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: "Enter the child's date of birth" });
      }
      if (child.dateOfBirthKnown === 'no' && child.approximateAge === undefined) {
        ctx.addIssue({ code: 'custom', path: ['approximateAge'], message: "Enter the child's approximate age in years" });
      }
    }, evenWithOtherErrors);
}

/** Whole years of age on `day` for someone born on `dateOfBirth` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const INCIDENT_BEFORE_BIRTH = 'Date it happened must be the same as or after the child’s date of birth';
export const ADULT_AT_INCIDENT =
  'The child would have been 18 or older on the date it happened. Check the date of birth and the date it happened, or confirm they are right';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The incident against the child's date of birth (when known): an incident
 * before birth is refused; one at 18 or older asks again, and goes through
 * once the referrer confirms the dates (`ageConfirmed`). One rule for the
 * incident page (browser) and the whole referral (server).
 */
function checkAgainstBirth(
  incident: { date?: unknown; ageConfirmed?: unknown },
  dateOfBirth: string | undefined,
  ctx: z.RefinementCtx,
  path: readonly string[],
): void {
  const date = incident.date;
  if (!dateOfBirth || !ISO_DAY.test(dateOfBirth) || typeof date !== 'string' || !ISO_DAY.test(date)) return;
  if (date < dateOfBirth) {
    ctx.addIssue({ code: 'custom', path: [...path, 'date'], message: INCIDENT_BEFORE_BIRTH });
  } else if (ageOn(dateOfBirth, date) >= 18 && incident.ageConfirmed !== true) {
    ctx.addIssue({ code: 'custom', path: [...path, 'ageConfirmed'], message: ADULT_AT_INCIDENT });
  }
}

/**
 * What happened. `dateOfBirth` is the child's, when the referrer gave it:
 * the incident page checks the date against it as the server does.
 */
export function incidentSchema(today: string, dateOfBirth?: string) {
  return z
    .strictObject({
      type: choice(incidentTypes, 'Select what happened to the child'),
      date: pastIsoDate('Date it happened', today),
      summary: text('a short account of what happened', LIMITS.longText),
      /** The referrer confirmed the dates although the child would have been 18 or older. */
      ageConfirmed: z.literal(true, { error: 'Select the box to confirm the dates are right' }).optional(),
    }, section('what happened'))
    .superRefine((incident, ctx) => checkAgainstBirth(incident, dateOfBirth, ctx, []), evenWithOtherErrors);
}

export const concernsSchema = z
  .strictObject({
    abuseOrNeglect: choice(abuseOrNeglectOptions, 'Select whether abuse or neglect is known or suspected'),
    interAgencyConcerns: choice(yesNo, 'Select yes if the case gives rise to concerns about how agencies worked together'),
    interAgencyConcernsDetail: optionalText('the concerns about how agencies worked together', LIMITS.longText),
  }, section('whether abuse or neglect is known or suspected'))
  .superRefine((c, ctx) => {
    if (c.interAgencyConcerns === 'yes' && !c.interAgencyConcernsDetail) {
      ctx.addIssue({
        code: 'custom',
        path: ['interAgencyConcernsDetail'],
        message: 'Enter the concerns about how agencies worked together',
      });
    }
  }, evenWithOtherErrors);

export const furtherCriteriaSchema = z.strictObject({
  met: z
    .array(choice(furtherCriteria, 'Select criteria from the list'), { error: 'Select criteria from the list' })
    .max(furtherCriteria.length, { error: 'Select criteria from the list' })
    .refine((list) => new Set(list).size === list.length, { error: 'Select each criterion only once' }),
}, section('which further criteria are met'));

export const otherChildrenSchema = z
  .strictObject({
    atRisk: choice(yesNoNotKnown, 'Select whether other children may be at risk of harm'),
    actionTaken: optionalText('what has been done to safeguard other children', LIMITS.longText),
  }, section('whether other children may be at risk'))
  .superRefine((o, ctx) => {
    if ((o.atRisk === 'yes' || o.atRisk === 'not-known') && !o.actionTaken) {
      ctx.addIssue({
        code: 'custom',
        path: ['actionTaken'],
        message: 'Enter what has been done to safeguard other children',
      });
    }
  }, evenWithOtherErrors);

export const involvementSchema = z
  .strictObject({
    otherAuthoritiesInvolved: choice(yesNoNotKnown, 'Select whether other local authorities or Boards are involved'),
    otherAuthorities: optionalText('the other local authorities or Boards involved', LIMITS.mediumText),
    agenciesKnown: z
      .array(choice(agenciesKnownOptions, 'Select agencies from the list'), { error: 'Select agencies from the list' })
      .min(1, { error: 'Select the agencies known to the child or family' })
      .max(agenciesKnownOptions.length, { error: 'Select agencies from the list' })
      .refine((list) => new Set(list).size === list.length, { error: 'Select each agency only once' }),
    agenciesKnownOther: optionalText('the other agencies known to the child or family', LIMITS.mediumText),
  }, section('the other areas and agencies involved'))
  .superRefine((i, ctx) => {
    if (i.otherAuthoritiesInvolved === 'yes' && !i.otherAuthorities) {
      ctx.addIssue({
        code: 'custom',
        path: ['otherAuthorities'],
        message: 'Enter the other local authorities or Boards involved',
      });
    }
    if (Array.isArray(i.agenciesKnown) && i.agenciesKnown.includes('other') && !i.agenciesKnownOther) {
      ctx.addIssue({
        code: 'custom',
        path: ['agenciesKnownOther'],
        message: 'Enter the other agencies known to the child or family',
      });
    }
  }, evenWithOtherErrors);

/** The whole referral, as submitted to `POST /api/referrals`. */
export function referralSchema(today: string) {
  return z
    .strictObject(
      {
        referrer: referrerSchema,
        child: childSchema(today),
        incident: incidentSchema(today),
        concerns: concernsSchema,
        furtherCriteria: furtherCriteriaSchema,
        otherChildren: otherChildrenSchema,
        involvement: involvementSchema,
      },
      { error: 'Enter the referral' },
    )
    .superRefine((r, ctx) => {
      const child = r.child as { dateOfBirthKnown?: unknown; dateOfBirth?: unknown } | undefined;
      const incident = r.incident as { date?: unknown; ageConfirmed?: unknown } | undefined;
      if (!child || !incident || child.dateOfBirthKnown !== 'yes' || typeof child.dateOfBirth !== 'string') return;
      checkAgainstBirth(incident, child.dateOfBirth, ctx, ['incident']);
    }, evenWithOtherErrors);
}

export type Referral = z.infer<ReturnType<typeof referralSchema>>;
export type Referrer = z.infer<typeof referrerSchema>;
export type ReferralSection = keyof Referral;

/**
 * The schema of each form section, for page-by-page validation.
 * `childDateOfBirth` (when the referrer gave it) lets the incident page
 * check its date against it, as the whole referral is checked.
 */
export function sectionSchemas(today: string, childDateOfBirth?: string) {
  return {
    referrer: referrerSchema,
    child: childSchema(today),
    incident: incidentSchema(today, childDateOfBirth),
    concerns: concernsSchema,
    furtherCriteria: furtherCriteriaSchema,
    otherChildren: otherChildrenSchema,
    involvement: involvementSchema,
  } satisfies Record<ReferralSection, z.ZodType>;
}

/** The API's answer to a successful submission. */
export const referralCreatedSchema = z.object({
  reference: z.string().regex(/^SCR-\d{4}-\d{4,}$/),
  receivedAt: z.iso.datetime(),
  replayed: z.boolean(),
});
export type ReferralCreated = z.infer<typeof referralCreatedSchema>;
