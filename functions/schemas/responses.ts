import * as z from 'zod';
import type { CriteriaOutcome } from '../domain/intake/criteria.js';
import { decisionSchema, recommendationSchema, reviewOptions, type ReviewOption } from '../domain/decision/decision.js';
import { contributionActionSchema, findingsAnswerSchema } from './contribution-links.js';
import { independenceSchema, nameAuthorSchema } from './contributions.js';
import { jointAnswerSchema, ofstedFormSchema, recordsSecuredSchema, statutoryRecipients, type StatutoryNotificationView, type StatutoryRecipient } from './review.js';
import { acceptReportSchema, reportAcceptActionSchema } from './report.js';

/**
 * What the API answers, where ./api.ts does not already say it (that file
 * holds the reading shapes the web app parses). These describe the objects
 * the use cases return today; they change nothing. The route table
 * (./routes.ts) names one of them for every route, the OpenAPI document
 * shows them, and the handlers' dispatch is typed against them, so a use
 * case that starts answering something else no longer compiles.
 */

const reviewValues = reviewOptions.map((o) => o.value) as [ReviewOption, ...ReviewOption[]];
const criteriaOutcomes = ['mandatory', 'consider', 'several-criteria-met', 'not-met'] as const satisfies readonly CriteriaOutcome[];
const recipientValues = statutoryRecipients.map((r) => r.value) as [StatutoryRecipient, ...StatutoryRecipient[]];
const reasonSchema = z.object({ paragraph: z.string(), text: z.string() });
const linkStateSchema = z.enum(['open', 'used', 'expired']).meta({ description: 'open: the action may be taken; used: already recorded; expired: the stage moved on, or the link passed its absolute expiry (then `expiredOn` says when)' });
const expiredOnSchema = z.string().optional().meta({ description: 'The day the link passed its absolute expiry (actionLinkExpiryDays), in words' });

// ---------------------------------------------------------------- emailed action links (GET/POST /api/actions)

/** A chair's decision-stage link (recommend, 4.1-4.2; decide, 8.2). */
const decisionActionSchema = z.object({
  reference: z.string(),
  action: z.enum(['recommend', 'decide']),
  state: linkStateSchema,
  expiredOn: expiredOnSchema,
  dueBy: z.string().meta({ description: 'The due date in words, Europe/London' }),
  criteria: z.object({ outcome: z.enum(criteriaOutcomes), outcomeLabel: z.string(), reasons: z.array(reasonSchema), suggestions: z.array(reasonSchema) }),
  recommendation: z
    .object({ outcome: z.enum(reviewValues), label: z.string(), rationale: z.string(), criteriaApplied: z.array(z.string()) })
    .optional(),
  options: z.array(z.object({ value: z.enum(reviewValues), label: z.string(), paragraph: z.string() })),
});

/** Another Board's chair asked how a joint review is conducted (3.4, 3.5). */
const jointAnswerActionSchema = z.object({
  reference: z.string(),
  action: z.literal('joint-answer'),
  state: linkStateSchema,
  expiredOn: expiredOnSchema,
  dueBy: z.string(),
  board: z.string(),
  proposal: z.string(),
  proposalLabel: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});

/** An agency's senior manager asked to confirm its records are secured (8.3, 10.3). */
const recordsSecuredActionSchema = z.object({
  reference: z.string(),
  action: z.literal('records-secured'),
  state: linkStateSchema,
  expiredOn: expiredOnSchema,
  dueBy: z.string(),
  agency: z.string(),
});

/** GET /api/actions: what the link asks. */
export const actionDescriptionSchema = z.discriminatedUnion('action', [decisionActionSchema, jointAnswerActionSchema, recordsSecuredActionSchema, contributionActionSchema, reportAcceptActionSchema]);

/** POST /api/actions: recorded; the case's status now. */
export const actionRecordedSchema = z.object({ reference: z.string(), status: z.string() });

/** The body of POST /api/actions: whichever the link asks (GET /api/actions `action`), each validated by its own schema. */
export const actionBodySchema = z
  .union([recommendationSchema, decisionSchema, jointAnswerSchema, recordsSecuredSchema, nameAuthorSchema, independenceSchema, findingsAnswerSchema, acceptReportSchema])
  .meta({
    description:
      'recommend: a recommendation; decide: a decision; joint-answer: an answer; records-secured: who secured them and when; name-author: the author; declare-independence: the two answers of 10.2; accept-findings: accept, or return with reasons; report-accept: the acceptance',
  });

// ---------------------------------------------------------------- cases, session, admin

/** POST /api/cases/{reference}/members */
export const memberAddedSchema = z.object({ userId: z.string(), email: z.string(), role: z.string() });

/** GET /api/cases/{reference}/statutory-notification (see `StatutoryNotificationView`). */
export const statutoryNotificationViewSchema = z.object({
  reference: z.string(),
  boardName: z.string(),
  decidedAt: z.string(),
  form: ofstedFormSchema.optional(),
  updatedAt: z.string().optional(),
});

/** Any JSON object: the OpenAPI document itself. */
export const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' });

// ---------------------------------------------------------------- the review stage's writes

const at = (description: string) => z.string().meta({ description });

export const ofstedFormRecordedSchema = z.object({ updatedAt: at('When the form was recorded') });
export const nbuConfirmedSchema = z.object({ confirmedAt: at('When the confirmation was recorded') });
export const otherChildrenRecordedSchema = z.object({ recordedAt: at('When it was recorded') });
export const resendQueuedSchema = z.object({
  recipient: z.enum(recipientValues),
  attempt: z.number().int().meta({ description: 'The attempt now being sent (the first send is 1)' }),
});
export const reviewItemSchema = z.object({ id: z.string().meta({ description: 'The id of the panel member, records request, proceeding or lesson' }) });
export const reviewStartedSchema = z.object({ startedAt: at('When the review started') });
export const otherBoardsAskedSchema = z.object({ boards: z.number().int().meta({ description: 'How many Boards were asked' }) });
export const recordedAtSchema = z.object({ recordedAt: at('When it was recorded') });
export const extensionRequestedSchema = z.object({ requestedAt: at('When the request was recorded') });
export const extensionRecordedSchema = z.object({ dueDate: z.string().meta({ description: 'The completion date now in force (YYYY-MM-DD)' }) });
export const publicationHoldSetSchema = z.object({ hold: z.boolean() });

/** Fails to compile if `statutoryNotificationViewSchema` and `StatutoryNotificationView` ever say different things. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type StatutoryNotificationViewMatches = Assert<Same<z.infer<typeof statutoryNotificationViewSchema>, StatutoryNotificationView>>;
