import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Mailer } from '../../ports/mailer.js';
import { auditEvent } from '../audit/audit.js';
import type { NotificationKey, NotificationRecord } from '../case/case.js';
import type { EmailContent } from './emails.js';
import { TransientError } from '../errors.js';

/**
 * The one way an email is sent once (issue 9 item 7, issue 12 High):
 *
 * 1. claim it (`sending`, with the attempt number);
 * 2. build its content now (so relative wording is true when it goes, and an
 *    action link is made only by the attempt that sends it);
 * 3. send it;
 * 4. record it (`sent`, the message id, the audit event) in one transaction.
 *
 * What can go wrong, and what happens:
 * - the send fails: the claim is released (`failed`) and an error the
 *   workflow retries (`TransientError`) is thrown; at the
 *   {@link MAX_SEND_ATTEMPTS}th failure the email is parked instead (the
 *   business manager's task, an audit event, an alarm) and the caller goes on;
 * - the sender dies after the claim (before or after SES accepted, before the
 *   record): the claim stays `sending`. Its fate is unknown, so once it is
 *   stale (or the local runtime's start-up sweep marks it `unknown`) the next
 *   attempt sends it again and the notification says `resent after unknown
 *   outcome`: a rare duplicate, never a loss;
 * - another attempt holds a fresh claim: `in-flight`. That is not "sent": the
 *   caller must look again after {@link staleAt} (an alert is not complete,
 *   the check loop wakes then).
 */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

/** After this many failed sends an email is parked rather than retried again. */
export const MAX_SEND_ATTEMPTS = 5;

export interface SendOnceDeps {
  store: Pick<CaseStore, 'claimNotification' | 'recordNotificationSent' | 'releaseNotification' | 'parkNotification'>;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
}

export interface EmailToSend {
  reference: string;
  kind: NotificationKey;
  recipientRole: NotificationRecord['recipientRole'];
  to: string;
  /** SES tags: reference and kind, never case content. */
  tags: Record<string, string>;
  /** The audit actor's component, e.g. `workflow-notify`. */
  component: string;
  /** Extra, non-sensitive audit detail (kinds, roles, dates). */
  detail?: Record<string, string | number | boolean | undefined>;
  /** The email as it reads at `now`, the moment it is sent. May make an action link (and says its hash). */
  content: (now: Date) => (EmailContent & { linkHash?: string }) | Promise<EmailContent & { linkHash?: string }>;
}

/**
 * sent / resent (after an unknown outcome): this call sent it.
 * already-sent: recorded as sent before. parked: failed for good (now or before).
 * in-flight: another attempt holds a fresh claim; look again after it goes stale.
 */
export type SendOutcome = 'sent' | 'resent' | 'already-sent' | 'parked' | 'in-flight';

export interface SendResult {
  outcome: SendOutcome;
  /** For `in-flight`: when the claim in the way goes stale and may be retaken. */
  staleAt?: string;
  /** For `parked`: true when this call parked it (the caller logs the alarm's metric). */
  parkedNow?: boolean;
}

/**
 * `<kind> <recipientRole>` of each of a case's emails whose fate is settled
 * (sent, or parked): the senders of owed emails pass these over without a
 * claim, so a check that finds nothing new writes nothing.
 */
export function settledEmailKeys(notifications: readonly { kind: string; recipientRole: string; status: string }[]): Set<string> {
  return new Set(notifications.filter((n) => n.status === 'sent' || n.status === 'parked').map((n) => `${n.kind} ${n.recipientRole}`));
}

/** The email's fate is settled: nothing more will be tried automatically. */
export const settled = (o: SendOutcome): boolean => o !== 'in-flight';

/** Claims, sends and records one email; see the module comment for every failure path. */
export async function sendOnce(deps: SendOnceDeps, email: EmailToSend): Promise<SendResult> {
  const now = deps.clock.now();
  const record: NotificationRecord = {
    reference: email.reference,
    kind: email.kind,
    recipientRole: email.recipientRole,
    email: email.to,
    claimedAt: now.toISOString(),
    staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  };
  const claim = await deps.store.claimNotification(record);
  if (!claim.claimed) {
    if (claim.status === 'sent') return { outcome: 'already-sent' };
    if (claim.status === 'parked') return { outcome: 'parked' };
    const claimedAt = Date.parse(claim.claimedAt ?? now.toISOString());
    return { outcome: 'in-flight', staleAt: new Date(claimedAt + STALE_CLAIM_MS + 1).toISOString() };
  }
  if (claim.outcomeUnknown) record.outcomeUnknown = true;
  const { linkHash, ...content } = await email.content(now);
  if (linkHash) record.linkHash = linkHash;
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({ to: [email.to], ...content, tags: email.tags }));
  } catch (error) {
    if (claim.attempt >= MAX_SEND_ATTEMPTS) {
      await deps.store.parkNotification(
        record,
        auditEvent({
          eventId: deps.ids.uuid(),
          reference: email.reference,
          at: deps.clock.now(),
          action: 'notification.parked',
          actor: { kind: 'system', component: email.component },
          detail: { notification: email.kind, recipientRole: email.recipientRole, ...email.detail, attempts: claim.attempt, errorName: errorName(error) },
        }),
      );
      return { outcome: 'parked', parkedNow: true };
    }
    await deps.store.releaseNotification(record);
    throw new TransientError(`Email not sent (attempt ${claim.attempt} of ${MAX_SEND_ATTEMPTS}): ${errorName(error)}`, { cause: error });
  }
  await deps.store.recordNotificationSent(
    record,
    messageId,
    auditEvent({
      eventId: deps.ids.uuid(),
      reference: email.reference,
      at: deps.clock.now(),
      action: 'notification.sent',
      actor: { kind: 'system', component: email.component },
      detail: {
        notification: email.kind,
        recipientRole: email.recipientRole,
        ...email.detail,
        messageId,
        ...(claim.outcomeUnknown ? { resent: 'after unknown outcome' } : {}),
      },
    }),
  );
  return { outcome: claim.outcomeUnknown ? 'resent' : 'sent' };
}

/** A name for logs and audit: never the message, which might echo an address. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}
