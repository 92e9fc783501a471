import type { CaseRecord, NotificationKind } from './case.js';

/** A DynamoDB stream image: attribute values as the stream gives them. */
/** A stream image, as far as the outbox reads it (a map attribute's own fields are read for the criteria). */
interface AttributeValue {
  S?: string;
  N?: string;
  BOOL?: boolean;
  M?: Record<string, AttributeValue | undefined>;
}
type Image = Record<string, AttributeValue | undefined> | undefined;

export interface OutboxEffects {
  reference: string;
  startDecisionWorkflow: boolean;
  notifications: NotificationKind[];
  stopDecisionWorkflow: boolean;
  /**
   * The review workflow's execution for the new schedule starts, and the
   * previous one stops: a change to what the schedule depends on (an
   * extension, a new records request, a resend, a duty done) gets a fresh
   * timetable and its owed emails at once, rather than when the old
   * execution next wakes. Any other edit leaves the execution running.
   */
  reviewWorkflow?: { start: string; stop?: string };
}

/** The review workflow execution for a version of a case (the version at which its schedule last changed). */
export const reviewExecutionName = (reference: string, version: string | number) => `${reference}-review-v${version}`;

/**
 * What the review workflow's schedule (its reminders, escalations and owed
 * emails) depends on, from the case alone: every duty's deadline, when it
 * opened and whether it is done, and every email owed. Texts, proceedings,
 * lessons and who did what are not in it, so editing them restarts nothing.
 */
export function scheduleBasis(c: CaseRecord): unknown {
  const r = c.review;
  if (!r || c.status !== 'review-decided') return undefined;
  return {
    completion: [r.completion.dueAt, r.completionSetAt, r.completedAt ?? null],
    nbu: [r.nbuConfirmation.deadline.dueAt, r.nbuConfirmation.confirmedAt !== undefined],
    ofstedForm: r.ofstedFormUpdatedAt !== undefined,
    panel: [r.panelDeadline.dueAt, r.startedAt !== undefined],
    statutory: Object.entries(r.statutoryAttempts).sort(([a], [b]) => a.localeCompare(b)),
    records: r.records.map((x) => [x.id, x.deadline.dueAt, x.requestedAt, x.contactEmail, x.recordedAt !== undefined]),
    joint: r.joint
      ? [r.joint.deadline.dueAt, r.joint.askedAt, r.joint.finalDecision !== undefined, r.joint.boards.map((b) => [b.board, b.chairEmail, b.answer ?? null, b.answeredAt ?? null])]
      : null,
    // Only once a plan exists, so the fingerprints of reviews without one stay as they were.
    ...(c.actionPlan ? { actions: c.actionPlan.open } : {}),
    // Each open action's due instant and owner (a digest): only on headers written since it existed, so older ones keep their fingerprint.
    ...(c.actionPlan?.schedule ? { actionSchedule: c.actionPlan.schedule } : {}),
  };
}

/** FNV-1a, 64 bits: a short, stable digest with no platform dependency. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The fingerprint of a case's review schedule; undefined while there is no review in progress. */
export function scheduleFingerprint(c: CaseRecord): string | undefined {
  const basis = scheduleBasis(c);
  return basis === undefined ? undefined : fnv1a64(JSON.stringify(basis));
}

/**
 * The next version of a case with its schedule fields set: the fingerprint of
 * `next`, and the version that names its execution (the new one when the
 * fingerprint changed, the previous one when it did not).
 */
export function withSchedule(previous: CaseRecord | undefined, next: CaseRecord): CaseRecord {
  const fingerprint = scheduleFingerprint(next);
  const { scheduleFingerprint: _f, scheduleVersion: _v, ...rest } = next;
  if (fingerprint === undefined) return rest;
  const unchanged = previous?.scheduleFingerprint === fingerprint && previous.scheduleVersion !== undefined;
  return { ...rest, scheduleFingerprint: fingerprint, scheduleVersion: unchanged ? previous.scheduleVersion! : next.version };
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
  if (after === 'review-decided') {
    // Cases written before schedule fingerprints existed: every version is a new schedule.
    const version = newImage.scheduleVersion?.N ?? newImage.version?.N;
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
    const previous = oldImage?.scheduleVersion?.N ?? oldImage?.version?.N;
    if (before !== 'review-decided' || previous === version) return undefined;
    const fingerprint = newImage.scheduleFingerprint?.S;
    if (fingerprint !== undefined && fingerprint === oldImage?.scheduleFingerprint?.S) return undefined;
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
    // Decided against a full review while the 3.1 duty is still open: the decision workflow goes on watching that duty
    // (and ends by itself once it is met); otherwise it has nothing left to watch.
    const otherChildrenOpen = newImage.criteria?.M?.considerOtherChildrenNow?.BOOL === true && newImage.otherChildrenCheck === undefined;
    return { reference, startDecisionWorkflow: false, notifications: ['decision-recorded'], stopDecisionWorkflow: !otherChildrenOpen };
  }
  return undefined;
}
