import type { NotificationKind } from './case.js';

/** A DynamoDB stream image: attribute values as the stream gives them. */
type Image = Record<string, { S?: string; N?: string } | undefined> | undefined;

export interface OutboxEffects {
  reference: string;
  startDecisionWorkflow: boolean;
  notifications: NotificationKind[];
  stopDecisionWorkflow: boolean;
}

const decided = new Set(['review-decided', 'imr-only', 'partnership-review', 'no-review']);

/**
 * What must follow a change to a case item, from its old and new stream
 * images: pure, so the rules are tested without a stream.
 */
export function outboxEffects(eventName: string | undefined, oldImage: Image, newImage: Image): OutboxEffects | undefined {
  if (newImage?.type?.S !== 'case' || newImage.sk?.S !== 'CASE') return undefined;
  const reference = newImage.reference?.S;
  if (!reference) return undefined;
  if (eventName === 'INSERT') {
    return { reference, startDecisionWorkflow: true, notifications: [], stopDecisionWorkflow: false };
  }
  if (eventName !== 'MODIFY') return undefined;
  const before = oldImage?.status?.S;
  const after = newImage.status?.S;
  if (before === after) return undefined;
  if (before === 'awaiting-recommendation' && after === 'awaiting-decision') {
    return { reference, startDecisionWorkflow: false, notifications: ['recommendation-recorded'], stopDecisionWorkflow: false };
  }
  if (before === 'awaiting-decision' && after && decided.has(after)) {
    return { reference, startDecisionWorkflow: false, notifications: ['decision-recorded'], stopDecisionWorkflow: true };
  }
  return undefined;
}
