import type { deadlineStatusSchema } from '../../../functions/schemas/api.js';
import type * as z from 'zod';

type DeadlineStatus = z.infer<typeof deadlineStatusSchema>;

/** Words first, colour second: the label says the status, the colour only repeats it. */
const DEADLINE_TAGS: Record<DeadlineStatus, { label: string; colour: string }> = {
  'on-track': { label: 'On track', colour: 'govuk-tag--blue' },
  'due-soon': { label: 'Due soon', colour: 'govuk-tag--yellow' },
  overdue: { label: 'Overdue', colour: 'govuk-tag--red' },
  done: { label: 'Done', colour: 'govuk-tag--green' },
};

export const deadlineLabel = (status: DeadlineStatus): string => DEADLINE_TAGS[status].label;

/** GOV.UK tag for how a deadline stands. */
export function DeadlineTag({ status }: { status: DeadlineStatus }) {
  const tag = DEADLINE_TAGS[status];
  return <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

const DELIVERY_TAGS: Record<DeliveryStatus, { label: string; colour: string }> = {
  delivered: { label: 'Delivered', colour: 'govuk-tag--green' },
  pending: { label: 'Pending', colour: 'govuk-tag--grey' },
  failed: { label: 'Failed', colour: 'govuk-tag--red' },
};

/** GOV.UK tag for what SES last said about an email. */
export function DeliveryTag({ status }: { status: DeliveryStatus }) {
  const tag = DELIVERY_TAGS[status];
  return <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>;
}
