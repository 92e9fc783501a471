import type { NotificationKind } from './case.js';

/** A DynamoDB stream image: attribute values as the stream gives them. */
type Image = Record<string, { S?: string; N?: string } | undefined> | undefined;

export interface OutboxEffects {
  reference: string;
  startDecisionWorkflow: boolean;
  notifications: NotificationKind[];
  stopDecisionWorkflow: boolean;
  /**
   * The review workflow's execution for this version of the case starts, and
   * the previous version's stops: every change to a review (an extension, a
   * new records request, a resend) gets a fresh timetable and its owed emails
   * at once, rather than when the old execution next wakes.
   */
  reviewWorkflow?: { start: string; stop?: string };
}

/** The review workflow execution for a version of a case. */
export const reviewExecutionName = (reference: string, version: string | number) => `${reference}-review-v${version}`;

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
  if (after === 'review-decided') {
    const version = newImage.version?.N;
    if (!version) return undefined;
    if (before === 'awaiting-decision') {
      return {
        reference,
        startDecisionWorkflow: false,
        notifications: ['decision-recorded'],
        stopDecisionWorkflow: true,
        reviewWorkflow: { start: reviewExecutionName(reference, version) },
      };
    }
    const previous = oldImage?.version?.N;
    if (before !== 'review-decided' || previous === version) return undefined;
    return {
      reference,
      startDecisionWorkflow: false,
      notifications: [],
      stopDecisionWorkflow: false,
      reviewWorkflow: { start: reviewExecutionName(reference, version), ...(previous ? { stop: reviewExecutionName(reference, previous) } : {}) },
    };
  }
  if (before === after) return undefined;
  if (before === 'awaiting-recommendation' && after === 'awaiting-decision') {
    return { reference, startDecisionWorkflow: false, notifications: ['recommendation-recorded'], stopDecisionWorkflow: false };
  }
  if (before === 'awaiting-decision' && after && decided.has(after)) {
    return { reference, startDecisionWorkflow: false, notifications: ['decision-recorded'], stopDecisionWorkflow: true };
  }
  return undefined;
}
