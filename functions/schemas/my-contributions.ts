import * as z from 'zod';
import { contributionKinds, contributionStatuses, type ContributionKind, type ContributionStatus } from './contributions.js';

/**
 * "Your contributions" on My tasks: the contributions a signed-in person acts
 * on (as senior officer or current author), on any review. Only the case's
 * reference, the kind, the organisation, what is needed from them and by
 * when: never a child's or family's name, nor the contribution's content.
 */
export const myContributionSchema = z.object({
  reference: z.string(),
  contributionId: z.string(),
  kind: z.enum(contributionKinds.map((k) => k.value) as [ContributionKind, ...ContributionKind[]]),
  kindLabel: z.string(),
  organisation: z.string(),
  /** What the person is on it: its senior officer, its author (both when one person is both). */
  as: z.array(z.enum(['senior-officer', 'author'])),
  status: z.enum(contributionStatuses.map((s) => s.value) as [ContributionStatus, ...ContributionStatus[]]),
  /** Whether something is needed from them now; `next` says what (or what they are waiting for). */
  actionNeeded: z.boolean(),
  next: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
});
export type MyContribution = z.infer<typeof myContributionSchema>;

export const myContributionsSchema = z.object({ contributions: z.array(myContributionSchema) });
export type MyContributionsView = z.infer<typeof myContributionsSchema>;
