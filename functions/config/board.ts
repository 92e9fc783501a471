import * as z from 'zod';

/**
 * Board configuration: who the Board's people are and the procedure
 * profile whose timescales the workflows follow. Validated once at
 * start-up (locally) and at synth (for AWS); a bad value stops the process
 * with a message naming the field.
 */

const email = z.email({ error: 'must be an email address' });
const person = z.strictObject({
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
  email,
});

/** The 2008 procedure's timescales. A later procedure is a new profile, not new code. */
export const procedureProfileSchema = z.strictObject({
  id: z.string().min(1),
  /** 8.2: the Board chair decides within this many calendar months of the case coming to their attention. */
  decisionDueCalendarMonths: z.number().int().min(1).max(12),
  /** Local practice: the sub-committee recommends this many working days after receipt. */
  recommendationDueWorkingDays: z.number().int().min(1).max(60),
  /** Reminders this many working days before a due date. */
  reminderWorkingDaysBefore: z.array(z.number().int().min(1).max(30)).max(5),
  /** After a deadline is missed, escalate again every this many working days. */
  escalationRepeatWorkingDays: z.number().int().min(1).max(30),
  /** 8.4: the review completes within this many calendar months of the decision. */
  reviewCompletionCalendarMonths: z.number().int().min(1).max(24),
  /** 8.3, 10.3: agencies secure their records within this many working days. */
  recordsSecuredWorkingDays: z.number().int().min(1).max(30),
  /** 5.1, 5.2: findings of an individual management or partnership review are shared with the sub-committee within this many calendar months. */
  shareFindingsCalendarMonths: z.number().int().min(1).max(24).default(3),
  /**
   * 3.3 (second list): how many of the "several of the following" criteria
   * make a review appropriate. "Several" is the Board's call; 2 by default.
   */
  severalCriteriaThreshold: z.number().int().min(2).max(9),
  /** 6.2: the sub-committee chair confirms the National Business Unit was notified within this many working days of the decision. */
  nbuConfirmationWorkingDays: z.number().int().min(1).max(30).default(5),
  /** 3.4: other Boards' chairs answer how a joint review is conducted within this many working days; 3.5 after it, a final decision is recorded within as many again. */
  jointReviewAnswerWorkingDays: z.number().int().min(1).max(30).default(10),
  /** 4.3-4.6: the panel is convened, mandates confirmed and the review started within this many working days of the decision. */
  panelConvenedWorkingDays: z.number().int().min(1).max(60).default(10),
  /** 9.1: a contribution (IMR or other report) is due this many working days after it is asked for (editable per contribution, never after the review's completion date). */
  contributionDueWorkingDays: z.number().int().min(1).max(120).default(30),
  /** An emailed action link expires this many calendar days after it was made (or last renewed by a reminder). */
  actionLinkExpiryDays: z.number().int().min(1).max(365).default(28),
});
export type ProcedureProfile = z.infer<typeof procedureProfileSchema>;

export const PROCEDURE_2008: ProcedureProfile = {
  id: 'scr-2008',
  decisionDueCalendarMonths: 1,
  recommendationDueWorkingDays: 10,
  reminderWorkingDaysBefore: [5, 1],
  escalationRepeatWorkingDays: 5,
  reviewCompletionCalendarMonths: 4,
  recordsSecuredWorkingDays: 2,
  shareFindingsCalendarMonths: 3,
  severalCriteriaThreshold: 2,
  nbuConfirmationWorkingDays: 5,
  jointReviewAnswerWorkingDays: 10,
  panelConvenedWorkingDays: 10,
  contributionDueWorkingDays: 30,
  actionLinkExpiryDays: 28,
};

/** Default retention of the audit archive (see auditRetentionYears). */
export const DEFAULT_AUDIT_RETENTION_YEARS = 15;

export const boardConfigSchema = z.strictObject({
  board: z.strictObject({
    name: z.string().trim().min(1).max(200),
    /** Used in references: SCR-2026-0001. */
    referencePrefix: z.string().regex(/^[A-Z]{2,6}$/, { error: 'must be 2 to 6 capital letters' }).default('SCR'),
    /** The address emails come from (an SES verified identity in AWS). */
    emailFrom: email,
    /** Optional reply-to for the Board's business support team. */
    replyTo: email.optional(),
  }),
  subCommitteeChair: person,
  subCommitteeMembers: z.array(person).max(50).default([]),
  boardChair: person,
  boardViceChair: person,
  businessManager: person,
  ofstedNationalBusinessUnit: person,
  strategicHealthAuthority: person,
  childrensServicesAdviser: person,
  otherBoardChairs: z
    .array(person.extend({ board: z.string().trim().min(1).max(200) }))
    .max(50)
    .default([]),
  escalation: z.strictObject({
    /** Who hears when the recommendation is overdue (issue: decision stage). */
    recommendationOverdue: z.array(email).min(1),
    /** Tiers for an overdue decision, escalating in order. */
    decisionOverdue: z.array(z.array(email).min(1)).min(1),
    /**
     * Tiers for the review's own deadlines (completion, panel, records, 6.2
     * confirmation). Without it: the business manager and sub-committee
     * chair, then the Board chair, then the Children's Services Adviser.
     */
    reviewOverdue: z.array(z.array(email).min(1)).min(1).optional(),
  }),
  /** 3.5: who a joint-review question goes to when the Board chairs cannot agree. */
  chiefExecutives: z.array(person).max(20).default([]),
  /** Email domains a referrer may use (checked when sign-in arrives). */
  allowedReferrerDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
  procedureProfile: procedureProfileSchema.default(PROCEDURE_2008),
  /**
   * Years each audit event is kept, unalterable, in the AWS audit archive (S3
   * Object Lock in compliance mode: nobody, not even the account's root user,
   * can shorten the retention or delete an event before it ends). Read when
   * the stack is deployed; choose it deliberately, it cannot be undone for
   * what is already archived.
   */
  auditRetentionYears: z.number().int().min(1).max(100).default(DEFAULT_AUDIT_RETENTION_YEARS),
});
export type BoardConfig = z.infer<typeof boardConfigSchema>;

export class BoardConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BoardConfigError';
  }
}

/** Parses Board configuration; throws a message naming every bad field. */
export function parseBoardConfig(raw: unknown, source = 'Board configuration'): BoardConfig {
  const result = boardConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new BoardConfigError(`${source} is not valid:\n${lines.join('\n')}`);
}
