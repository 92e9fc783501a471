import * as z from 'zod';
import { isoDate } from './review.js';

/**
 * Contributions to a serious case review (paras 9.1-9.6, 10.1-10.2, 10.6,
 * 10.11): what the business manager asks each organisation for, who writes
 * it and how it is accepted. One schema per form: the browser validates with
 * it before posting, the server again on arrival (GOV.UK error wording).
 * Dates are ISO (YYYY-MM-DD) on the wire.
 */

const text = (label: string, max = 100) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${cap(label)} must be ${max} characters or fewer` });

function cap(s: string): string {
  const bare = s.replace(/^(the|a|an|your|their|its) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .regex(EMAIL, { error: 'Enter an email address in the correct format, like name@example.gov.uk' })
    .transform((s) => s.toLowerCase());

/** The kinds of contribution the procedure names, with the paragraph behind each. */
export const contributionKinds = [
  { value: 'imr', label: 'Individual management review', paragraph: '9.2' },
  { value: 'independent-professional', label: 'Report from an independent professional (for example a GP)', paragraph: '9.3' },
  { value: 'designated-health', label: 'Designated health professionals’ review of health involvement', paragraph: '9.4' },
  { value: 'childrens-guardian', label: 'Children’s guardian’s contribution (needs the court’s prior agreement)', paragraph: '9.6' },
  { value: 'ppo', label: 'Prisons and Probation Ombudsman report (a child died in custody)', paragraph: '10.11' },
  { value: 'other', label: 'Another report', paragraph: '9.1' },
] as const;
export type ContributionKind = (typeof contributionKinds)[number]['value'];

const kindSchema = z.enum(contributionKinds.map((k) => k.value) as [ContributionKind, ...ContributionKind[]], {
  error: 'Select what kind of contribution is asked for',
});

/** 9.1, 10.1: the business manager asks an organisation for a contribution, naming its senior officer. */
export const commissionContributionSchema = z
  .strictObject({
    kind: kindSchema,
    /** What the report is, in a few words, for "other" (and optionally any kind): "Housing association tenancy report". */
    description: z.string({ error: 'Description must be text' }).trim().max(200, { error: 'Description must be 200 characters or fewer' }).optional(),
    organisation: text('the organisation’s name', 200),
    seniorOfficerName: text('the senior officer’s full name'),
    seniorOfficerEmail: email('the senior officer’s email address'),
    /** Leave out for the profile's `contributionDueWorkingDays`. */
    dueDate: isoDate('Due date').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'other' && !v.description) {
      ctx.addIssue({ code: 'custom', path: ['description'], message: 'Enter what the report is' });
    }
  });
export type CommissionContributionInput = z.infer<typeof commissionContributionSchema>;

/** A contribution's own due date (never after the review's completion date). */
export const contributionDueDateSchema = z.strictObject({
  dueDate: isoDate('Due date'),
  reason: text('why the date changes', 500),
});
export type ContributionDueDateInput = z.infer<typeof contributionDueDateSchema>;

/** 10.1: the senior officer names who writes it. */
export const nameAuthorSchema = z.strictObject({
  authorName: text('the author’s full name'),
  authorJobTitle: text('the author’s job title'),
  authorEmail: email('the author’s email address'),
});
export type NameAuthorInput = z.infer<typeof nameAuthorSchema>;

/**
 * 10.2: the author declares they are independent of the case. Both questions
 * are answered yes or no; a "no" to either means another author is needed.
 */
export const independenceSchema = z.strictObject({
  notDirectlyConcerned: z.boolean({ error: 'Select whether you have been directly concerned with the child or family' }),
  notLineManager: z.boolean({ error: 'Select whether you are the immediate line manager of any practitioner involved' }),
});
export type IndependenceInput = z.infer<typeof independenceSchema>;

/** 9.6: the court agreed beforehand that the children's guardian may contribute. */
export const courtAgreementSchema = z.strictObject({
  court: text('the court', 200),
  agreedOn: isoDate('Date the court agreed'),
});
export type CourtAgreementInput = z.infer<typeof courtAgreementSchema>;

/** 10.6: the senior officer returns a submitted contribution, saying why. */
export const returnContributionSchema = z.strictObject({
  reasons: text('why it is returned', 2000),
});
export type ReturnContributionInput = z.infer<typeof returnContributionSchema>;

/** 10.7, 10.8: staff feedback and debrief on the findings, and a later follow-up session, each recorded as held. */
export const sessionHeldSchema = z.strictObject({
  heldOn: isoDate('Date it was held'),
});
export type SessionHeldInput = z.infer<typeof sessionHeldSchema>;

/**
 * 10.9, 10.10: a disciplinary matter that a contribution brought to light (a
 * review is no part of a disciplinary process), or disciplinary action
 * running alongside the review. Recorded apart from the contribution.
 */
export const disciplinaryKinds = [
  { value: 'may-be-indicated', label: 'Information from the review may indicate disciplinary action (paragraph 10.9)' },
  { value: 'concurrent', label: 'Disciplinary action is running alongside the review (paragraph 10.10)' },
] as const;
export type DisciplinaryKind = (typeof disciplinaryKinds)[number]['value'];

export const disciplinaryMatterSchema = z.strictObject({
  kind: z.enum(disciplinaryKinds.map((k) => k.value) as [DisciplinaryKind, ...DisciplinaryKind[]], { error: 'Select what kind of disciplinary matter it is' }),
  /** 10.10: action needed urgently to safeguard other children. */
  urgent: z.boolean({ error: 'Select whether action is needed urgently to safeguard other children' }),
  details: text('the details', 2000),
});
export type DisciplinaryMatterInput = z.infer<typeof disciplinaryMatterSchema>;

export const disciplinaryMatterViewSchema = z.object({
  id: z.string(),
  contributionId: z.string(),
  kind: z.enum(disciplinaryKinds.map((k) => k.value) as [DisciplinaryKind, ...DisciplinaryKind[]]),
  urgent: z.boolean(),
  details: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type DisciplinaryMatterView = z.infer<typeof disciplinaryMatterViewSchema>;
export const disciplinaryMatterListSchema = z.object({ matters: z.array(disciplinaryMatterViewSchema) });

export const contributionStatuses = [
  { value: 'awaiting-author', label: 'Waiting for the senior officer to name an author' },
  { value: 'awaiting-declaration', label: 'Waiting for the author to declare independence' },
  { value: 'in-progress', label: 'Being written' },
  { value: 'submitted', label: 'Submitted: waiting for the senior officer to accept the findings' },
  { value: 'returned', label: 'Returned to the author' },
  { value: 'accepted', label: 'Findings accepted' },
] as const;
export type ContributionStatus = (typeof contributionStatuses)[number]['value'];

const person = z.object({ name: z.string(), email: z.string() });

/** A contribution as the API shows it to someone allowed to see it. */
export const contributionViewSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  kindLabel: z.string(),
  description: z.string().optional(),
  organisation: z.string(),
  seniorOfficer: person,
  author: person.extend({ jobTitle: z.string() }).optional(),
  status: z.enum(contributionStatuses.map((s) => s.value) as [ContributionStatus, ...ContributionStatus[]]),
  statusLabel: z.string(),
  dueDate: z.string(),
  dueRule: z.string(),
  overdue: z.boolean(),
  commissionedAt: z.string(),
  declinedAuthors: z.array(z.object({ email: z.string(), declaredAt: z.string() })),
  independenceDeclaredAt: z.string().optional(),
  courtAgreement: z.object({ court: z.string(), agreedOn: z.string(), recordedAt: z.string(), recordedBy: z.string() }).optional(),
  submittedAt: z.string().optional(),
  returns: z.array(z.object({ at: z.string(), by: z.string(), reasons: z.string() })),
  acceptedAt: z.string().optional(),
  acceptedBy: z.string().optional(),
  debrief: z.object({ heldOn: z.string(), recordedAt: z.string(), recordedBy: z.string() }).optional(),
  followUp: z.object({ heldOn: z.string(), recordedAt: z.string(), recordedBy: z.string() }).optional(),
  version: z.number(),
  /** Whether the caller may read its content (the IMR's sections and chronology, its files), not only track it. */
  readsContent: z.boolean(),
  /** What the caller may do now. */
  mayDo: z.array(z.string()),
});
export type ContributionView = z.infer<typeof contributionViewSchema>;

export const contributionListSchema = z.object({ contributions: z.array(contributionViewSchema) });
