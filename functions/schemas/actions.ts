import * as z from 'zod';
import { isoDate } from './review.js';

/**
 * The action plan (paras 2.1, 8.1): every recommendation (an accepted IMR's,
 * the Board's own, later the overview report's) becomes an action with an
 * owner, a due date, the outcome expected and how it will be evaluated.
 * One schema per form: the browser validates with it before posting, the
 * server again on arrival. Dates are ISO (YYYY-MM-DD) on the wire.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${label.charAt(0).toUpperCase()}${label.slice(1).replace(/^(the|a|an|their) /, '')} must be ${max} characters or fewer` });

/**
 * Where an action came from. `report` is for the overview report's own
 * recommendations (issue 11), which that work adds; the form offers `imr` and `board`.
 */
export const actionSourceKinds = [
  { value: 'imr', label: 'A recommendation of an accepted IMR' },
  { value: 'board', label: 'A recommendation of the Board' },
  { value: 'report', label: 'A recommendation of the overview report' },
] as const;
export type ActionSourceKind = (typeof actionSourceKinds)[number]['value'];

export const actionSourceSchema = z.discriminatedUnion('kind', [
  /** `item`: the recommendation's position (0-based) in the IMR's "Recommendations for action". */
  z.strictObject({ kind: z.literal('imr'), contributionId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), item: z.number().int().min(0).max(49) }),
  z.strictObject({ kind: z.literal('board') }),
  z.strictObject({ kind: z.literal('report'), recommendationId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
]);
export type ActionSource = z.infer<typeof actionSourceSchema>;

/** Adding an action to a review's plan (the business manager). */
export const addActionSchema = z.strictObject({
  source: z.discriminatedUnion('kind', [actionSourceSchema.options[0], actionSourceSchema.options[1]], { error: 'Select which recommendation it is' }),
  recommendation: text('the recommendation', 2000),
  organisation: text('the organisation responsible'),
  ownerName: text('the name of the person responsible', 100),
  ownerEmail: z
    .string({ error: 'Enter the email address of the person responsible' })
    .trim()
    .min(1, { error: 'Enter the email address of the person responsible' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .regex(EMAIL, { error: 'Enter an email address in the correct format, like name@example.gov.uk' }),
  dueDate: isoDate('Date it is due by'),
  outcome: text('the outcome expected', 2000),
  evaluation: text('how it will be evaluated', 2000),
});
export type AddActionInput = z.infer<typeof addActionSchema>;

export const actionStatuses = [
  { value: 'not-started', label: 'Not started' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
] as const;
export type ActionStatus = (typeof actionStatuses)[number]['value'];
const actionStatusValues = actionStatuses.map((s) => s.value) as [ActionStatus, ...ActionStatus[]];

/** An owner's progress update: the status now and what was done. */
export const actionProgressSchema = z.strictObject({
  status: z.enum(actionStatusValues, { error: 'Select the status of the action' }),
  note: text('what has been done', 2000),
  /** The version the page was read at, so two updates never overwrite each other silently. */
  expectedVersion: z.number().int().min(1),
});
export type ActionProgressInput = z.infer<typeof actionProgressSchema>;

/**
 * The business manager changes an action's due date or its owner (agreed
 * with the organisation): both fields come prefilled with what they are now.
 */
export const changeActionSchema = z.strictObject({
  ownerName: addActionSchema.shape.ownerName,
  ownerEmail: addActionSchema.shape.ownerEmail,
  dueDate: isoDate('Date it is due by'),
  /** The version the page was read at. */
  expectedVersion: z.number().int().min(1),
});
export type ChangeActionInput = z.infer<typeof changeActionSchema>;

const deadlineView = z.object({ dueAt: z.string(), dueDate: z.string(), rule: z.string() });

/** Where an action stands on a given day: the progress report's categories. */
export const actionStandings = ['open', 'due-soon', 'overdue', 'done'] as const;
export type ActionStanding = (typeof actionStandings)[number];

export const actionViewSchema = z.object({
  id: z.string(),
  reference: z.string(),
  number: z.number(),
  source: actionSourceSchema,
  recommendation: z.string(),
  organisation: z.string(),
  owner: z.object({ name: z.string(), email: z.string() }),
  due: deadlineView,
  outcome: z.string(),
  evaluation: z.string(),
  status: z.enum(actionStatusValues),
  standing: z.enum(actionStandings),
  progress: z.array(z.object({ at: z.string(), by: z.string(), status: z.enum(actionStatusValues), note: z.string() })),
  createdAt: z.string(),
  createdBy: z.string(),
  doneAt: z.string().optional(),
  version: z.number(),
  /** What the caller may do with it now. */
  mayUpdate: z.boolean(),
  /** Change its due date and owner (the business manager, while it is open). */
  mayChange: z.boolean(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

/** An accepted IMR's recommendation that can be made an action. */
export const imrRecommendationSchema = z.object({
  contributionId: z.string(),
  organisation: z.string(),
  item: z.number(),
  action: z.string(),
  byWhom: z.string(),
  byWhen: z.string(),
  outcome: z.string(),
  evaluation: z.string(),
  /** The action already made from it, if any. */
  actionId: z.string().optional(),
});

export const actionPlanSchema = z.object({
  reference: z.string(),
  actions: z.array(actionViewSchema),
  /** Only for the business manager: the accepted IMRs' recommendations to choose from. */
  imrRecommendations: z.array(imrRecommendationSchema),
  mayAdd: z.boolean(),
});
export type ActionPlanView = z.infer<typeof actionPlanSchema>;

export const progressRowSchema = z.object({
  reference: z.string(),
  actionId: z.string(),
  number: z.number(),
  organisation: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: z.enum(actionStatusValues),
  standing: z.enum(actionStandings),
  daysOverdue: z.number(),
  doneAt: z.string().optional(),
});
export const progressReportSchema = z.object({
  asOf: z.string(),
  totals: z.object({ open: z.number(), 'due-soon': z.number(), overdue: z.number(), done: z.number() }),
  rows: z.array(progressRowSchema),
});
export type ProgressReportView = z.infer<typeof progressReportSchema>;

export const timelinessBands = ['on-time', 'up-to-6-months', '6-to-12-months', 'over-12-months', 'not-yet'] as const;
export type TimelinessBand = (typeof timelinessBands)[number];

const stageSchema = z.object({
  band: z.enum(timelinessBands),
  from: z.string(),
  to: z.string().optional(),
  targetDate: z.string().optional(),
  days: z.number().optional(),
});
export const timelinessReportSchema = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      reference: z.string(),
      status: z.string(),
      decision: stageSchema,
      completion: stageSchema.optional(),
    }),
  ),
  counts: z.object({ decision: z.record(z.string(), z.number()), completion: z.record(z.string(), z.number()) }),
});
export type TimelinessReportView = z.infer<typeof timelinessReportSchema>;

/** "Your actions" on My tasks: the caller's open actions, soonest due first. */
export const myActionsSchema = z.object({ actions: z.array(progressRowSchema) });
export type MyActionsView = z.infer<typeof myActionsSchema>;
