import * as z from 'zod';
import type { CriteriaOutcome } from '../../../../functions/domain/criteria.js';
import { reviewOptions, type ReviewOption } from '../../../../functions/domain/decision.js';
import { apiRequest, type ApiResult } from '../../api/client.js';

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

/** What a link asks, as `describeAction` (functions/domain/stage-actions.ts) answers. */
export const actionSchema = z.object({
  reference: z.string(),
  action: z.enum(['recommend', 'decide']),
  state: z.enum(['open', 'used', 'expired']),
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
export type ActionDescription = z.infer<typeof actionSchema>;

const recordedSchema = z.object({ reference: z.string(), status: z.string() });

/** Reads what the link asks (changes nothing). */
export const describeAction = (secret: string): Promise<ApiResult<ActionDescription>> =>
  apiRequest('staff', ACTIONS_PATH, { schema: actionSchema, headers: { 'X-Action-Token': secret } });

/** Records the recommendation or decision the link asks for. */
export const recordAction = (secret: string, body: unknown): Promise<ApiResult<z.infer<typeof recordedSchema>>> =>
  apiRequest('staff', ACTIONS_PATH, { method: 'POST', body, schema: recordedSchema, headers: { 'X-Action-Token': secret } });
