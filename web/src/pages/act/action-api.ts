import * as z from 'zod';
import type { CriteriaOutcome } from '../../../../functions/domain/intake/criteria.js';
import { reviewOptions, type ReviewOption } from '../../../../functions/domain/decision/decision.js';
import { apiRequest, type ApiResult } from '../../api/client.js';
import { contributionActionSchema, type ContributionActionView } from '../../../../functions/schemas/contribution-links.js';
import { reportAcceptActionSchema } from '../../../../functions/schemas/report.js';

/**
 * GET and POST /api/actions (functions/handlers/api-actions.ts). The link's
 * secret goes in the X-Action-Token header, never in a URL. GET only reads,
 * so opening the page (or a mail scanner rendering it) changes nothing; the
 * page POSTs only when the person presses the button.
 */
export const ACTIONS_PATH = '/api/actions';

const reviewValues = reviewOptions.map((o) => o.value) as [ReviewOption, ...ReviewOption[]];
const criteriaOutcomes = ['mandatory', 'consider', 'several-criteria-met', 'not-met'] as const satisfies readonly CriteriaOutcome[];
const reasonSchema = z.object({ paragraph: z.string(), text: z.string() });

/** What a chair's decision-stage link asks, as `describeAction` (functions/domain/decision/stage-actions.ts) answers. */
const decisionActionSchema = z.object({
  reference: z.string(),
  action: z.enum(['recommend', 'decide']),
  state: z.enum(['open', 'used', 'expired']),
  /** Set when the link passed its absolute expiry (actionLinkExpiryDays): the day it expired, in words. */
  expiredOn: z.string().optional(),
  dueBy: z.string(),
  criteria: z.object({
    outcome: z.enum(criteriaOutcomes),
    outcomeLabel: z.string(),
    reasons: z.array(reasonSchema),
    suggestions: z.array(reasonSchema),
  }),
  recommendation: z
    .object({ outcome: z.enum(reviewValues), label: z.string(), rationale: z.string(), criteriaApplied: z.array(z.string()) })
    .optional(),
  options: z.array(z.object({ value: z.enum(reviewValues), label: z.string(), paragraph: z.string() })),
});
export type ActionDescription = z.infer<typeof decisionActionSchema>;

/** Another Board's chair asked to agree how a joint review is conducted (paras 3.4, 3.5). */
const jointAnswerActionSchema = z.object({
  reference: z.string(),
  action: z.literal('joint-answer'),
  state: z.enum(['open', 'used', 'expired']),
  /** Set when the link passed its absolute expiry (actionLinkExpiryDays): the day it expired, in words. */
  expiredOn: z.string().optional(),
  dueBy: z.string(),
  /** The Board whose chair the link was sent to. */
  board: z.string(),
  proposal: z.string(),
  proposalLabel: z.string(),
  /** The ways of conducting the review the chairs choose between (3.4 A and B); `proposal` is one of them. */
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});
export type JointAnswerAction = z.infer<typeof jointAnswerActionSchema>;

/** An agency's senior manager asked to confirm its records are secured (paras 8.3, 10.3). */
const recordsSecuredActionSchema = z.object({
  reference: z.string(),
  action: z.literal('records-secured'),
  state: z.enum(['open', 'used', 'expired']),
  /** Set when the link passed its absolute expiry (actionLinkExpiryDays): the day it expired, in words. */
  expiredOn: z.string().optional(),
  dueBy: z.string(),
  agency: z.string(),
});
export type RecordsSecuredAction = z.infer<typeof recordsSecuredActionSchema>;

/** A contribution's link (paras 10.1, 10.2, 10.6): the server's own schema. */
export type ContributionAction = ContributionActionView;

/** Anything a link may ask. */
export const actionSchema = z.discriminatedUnion('action', [decisionActionSchema, jointAnswerActionSchema, recordsSecuredActionSchema, contributionActionSchema, reportAcceptActionSchema]);
export type AnyAction = z.infer<typeof actionSchema>;

const recordedSchema = z.object({ reference: z.string(), status: z.string() });

/** Reads what the link asks (changes nothing). */
export const describeAction = (secret: string): Promise<ApiResult<AnyAction>> =>
  apiRequest('staff', ACTIONS_PATH, { schema: actionSchema, headers: { 'X-Action-Token': secret } });

/** Records the recommendation, decision or answer the link asks for. */
export const recordAction = (secret: string, body: unknown): Promise<ApiResult<z.infer<typeof recordedSchema>>> =>
  apiRequest('staff', ACTIONS_PATH, { method: 'POST', body, schema: recordedSchema, headers: { 'X-Action-Token': secret } });
