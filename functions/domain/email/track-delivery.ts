import type { BoardConfig } from '../../config/board.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Mailer } from '../../ports/mailer.js';
import type { AuditEvent, MessagePointer } from '../case/case.js';
import { auditEvent } from '../audit/audit.js';
import { sendOnce, type SendOutcome, type SendResult } from './send-once.js';
import { stateOf, type DeliveryEvent, type DeliveryStatus } from './delivery.js';
import { deliveryFailedEmail } from './emails.js';

export interface TrackDeliveryDeps {
  store: CaseStore;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  appBaseUrl: string;
}

export interface TrackDeliveryResult {
  /**
   * unknown-message: no notification sent this message (a sign-in code, or
   * its send not recorded yet); superseded: an older or repeated event,
   * nothing written; recorded: the notification's state changed.
   */
  outcome: 'unknown-message' | 'superseded' | 'recorded';
  status?: DeliveryStatus;
  /** True when this event made the business manager's alert go out now. */
  alerted: boolean;
}

/** The kind under which the business manager's alert about a failed notification is claimed (once per email). */
export const DELIVERY_FAILED_PREFIX = 'alert:delivery-failed:';

const auditActions: Record<DeliveryStatus, AuditEvent['action']> = {
  sent: 'notification.pending',
  delivered: 'notification.delivered',
  failed: 'notification.failed',
};

/** The kind under which the alert about one failed email is claimed. */
export const deliveryFailedKind = (failed: { kind: string; recipientRole: string }): `alert:${string}` =>
  `${DELIVERY_FAILED_PREFIX}${failed.kind}:${failed.recipientRole}` as `alert:${string}`;

/**
 * Records what SES said about one email.
 * 1. find the notification by message id  2. set its state if this event is
 * the latest (with an audit event)  3. if it failed, alert the business manager once.
 */
export async function trackDelivery(deps: TrackDeliveryDeps, messageId: string, event: DeliveryEvent): Promise<TrackDeliveryResult> {
  const pointer = await deps.store.findMessage(messageId);
  if (!pointer) return { outcome: 'unknown-message', alerted: false };
  const state = stateOf(event);
  const recorded = await deps.store.recordDelivery(
    pointer,
    state,
    auditEvent({
      eventId: deps.ids.uuid(),
      reference: pointer.reference,
      at: deps.clock.now(),
      action: auditActions[state.status],
      actor: { kind: 'system', component: 'ses-events' },
      detail: {
        notification: pointer.kind,
        recipientRole: pointer.recipientRole,
        messageId,
        event: state.event,
        eventAt: state.at,
        bounceType: state.bounceType,
      },
    }),
  );
  // A failed event is alerted even when a retry finds it already recorded (the
  // first attempt may have died before the email went); the claim keeps it to
  // once, and the check loop's sweep sends it if this attempt dies too.
  const alerted = state.status === 'failed' ? isNew((await alertDeliveryFailed(deps, pointer)).outcome) : false;
  return { outcome: recorded ? 'recorded' : 'superseded', status: state.status, alerted };
}

const isNew = (o: SendOutcome) => o === 'sent' || o === 'resent';

/** The business manager's alert that one email could not be delivered, sent once (send-once.ts). */
export async function alertDeliveryFailed(
  deps: Pick<TrackDeliveryDeps, 'store' | 'mailer' | 'clock' | 'ids' | 'board' | 'appBaseUrl'>,
  pointer: MessagePointer,
): Promise<SendResult> {
  // An alert about an alert that failed would loop; the failure is on the case page.
  if (pointer.kind.startsWith(DELIVERY_FAILED_PREFIX)) return { outcome: 'already-sent' };
  const to = deps.board.businessManager.email;
  return sendOnce(deps, {
    reference: pointer.reference,
    kind: deliveryFailedKind(pointer),
    recipientRole: `to:${to.toLowerCase()}`,
    to,
    tags: { reference: pointer.reference, notification: 'delivery-failed', recipientRole: 'business-manager' },
    component: 'ses-events',
    detail: { notification: 'delivery-failed', failedNotification: pointer.kind, failedRecipientRole: pointer.recipientRole },
    content: () => deliveryFailedEmail(pointer, deps.board, deps.appBaseUrl),
  });
}
