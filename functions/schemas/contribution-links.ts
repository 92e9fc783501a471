import * as z from 'zod';
import { independenceSchema, nameAuthorSchema } from './contributions.js';

/**
 * A contribution's emailed single-use links (paras 10.1, 10.2, 10.6): what
 * GET /api/actions answers for one, and the body POST /api/actions takes.
 * The browser's /act page and the server use these same schemas.
 */

export const contributionLinkActions = ['name-author', 'declare-independence', 'accept-findings'] as const;

/** 10.6: the senior officer accepts the findings, or returns the contribution to its author with reasons. */
export const findingsAnswerSchema = z
  .strictObject({
    answer: z.enum(['accept', 'return'], { error: 'Select whether you accept the findings or return it to the author' }),
    reasons: z.string({ error: 'Enter why it is returned' }).trim().max(2000, { error: 'Why it is returned must be 2000 characters or fewer' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.answer === 'return' && !v.reasons) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'Enter why it is returned' });
  });
export type FindingsAnswerInput = z.infer<typeof findingsAnswerSchema>;

/** What a contribution's link asks, for the /act page. Never the child's or family's details. */
export const contributionActionSchema = z.object({
  reference: z.string(),
  action: z.enum(contributionLinkActions),
  state: z
    .enum(['open', 'used', 'expired'])
    .meta({ description: 'open: the action may be taken; used: this link was used, or the step was taken another way (`done` says what happened); expired: past its absolute expiry' }),
  expiredOn: z.string().optional().meta({ description: 'The day the link passed its absolute expiry (actionLinkExpiryDays), in words' }),
  dueBy: z.string().meta({ description: 'The contribution’s due date in words, Europe/London' }),
  contributionId: z.string(),
  kindLabel: z.string(),
  organisation: z.string(),
  /** The author named now (for the declaration and the findings). */
  author: z.object({ name: z.string(), jobTitle: z.string() }).optional(),
  /** Authors who declared they were not independent (10.2): the senior officer names someone else. */
  declinedAuthors: z.number().int(),
  /** How many times it was returned already. */
  returns: z.number().int(),
  /** 9.6: a children's guardian's contribution still waiting for the court's prior agreement: it cannot be accepted yet. */
  awaitingCourtAgreement: z.boolean(),
  /** When the link is no longer open: what happened, in words. */
  done: z.string().optional(),
});
export type ContributionActionView = z.infer<typeof contributionActionSchema>;

/** The bodies a contribution's link takes, one per action. */
export const contributionLinkBodySchemas = {
  'name-author': nameAuthorSchema,
  'declare-independence': independenceSchema,
  'accept-findings': findingsAnswerSchema,
} as const;
