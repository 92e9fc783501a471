import type { BoardConfig } from '../config/board.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Mailer } from '../ports/mailer.js';
import type { AuditEvent, MessagePointer, NotificationRecord } from './case.js';
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

const STALE_CLAIM_MS = 2 * 60 * 1000;

/**
 * Records what SES said about one email.
 * 1. find the notification by message id  2. set its state if this event is
 * the latest (with an audit event)  3. if it failed, alert the business manager once.
 */
export async function trackDelivery(deps: TrackDeliveryDeps, messageId: string, event: DeliveryEvent): Promise<TrackDeliveryResult> {
  const pointer = await deps.store.findMessage(messageId);
  if (!pointer) return { outcome: 'unknown-message', alerted: false };
  const state = stateOf(event);
  const recorded = await deps.store.recordDelivery(pointer, state, {
    eventId: deps.ids.uuid(),
    reference: pointer.reference,
    at: deps.clock.now().toISOString(),
    action: auditActions[state.status],
    actor: { kind: 'system', component: 'ses-events' },
    detail: {
      notification: pointer.kind,
      recipientRole: pointer.recipientRole,
      messageId,
      event: state.event,
      eventAt: state.at,
      ...(state.bounceType ? { bounceType: state.bounceType } : {}),
    },
  });
  // A failed event is alerted even when a retry finds it already recorded (the
  // first attempt may have died before the email went); the claim keeps it to once.
  const alerted = state.status === 'failed' ? await alertBusinessManager(deps, pointer) : false;
  return { outcome: recorded ? 'recorded' : 'superseded', status: state.status, alerted };
}

async function alertBusinessManager(deps: TrackDeliveryDeps, pointer: MessagePointer): Promise<boolean> {
  // An alert about an alert that failed would loop; the failure is on the case page.
  if (pointer.kind.startsWith(DELIVERY_FAILED_PREFIX)) return false;
  const to = deps.board.businessManager.email;
  const now = deps.clock.now();
  const record: NotificationRecord = {
    reference: pointer.reference,
    kind: `${DELIVERY_FAILED_PREFIX}${pointer.kind}:${pointer.recipientRole}`,
    recipientRole: `to:${to.toLowerCase()}`,
    email: to,
    claimedAt: now.toISOString(),
    staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  };
  if (!(await deps.store.claimNotification(record))) return false;
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: [to],
      ...deliveryFailedEmail(pointer, deps.board, deps.appBaseUrl),
      tags: { reference: pointer.reference, notification: 'delivery-failed', recipientRole: 'business-manager' },
    }));
  } catch (error) {
    await deps.store.releaseNotification(record);
    throw error;
  }
  await deps.store.recordNotificationSent(record, messageId, {
    eventId: deps.ids.uuid(),
    reference: pointer.reference,
    at: deps.clock.now().toISOString(),
    action: 'notification.sent',
    actor: { kind: 'system', component: 'ses-events' },
    detail: { notification: 'delivery-failed', failedNotification: pointer.kind, failedRecipientRole: pointer.recipientRole, messageId },
  });
  return true;
}
