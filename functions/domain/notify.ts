import type { BoardConfig } from '../config/board.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Mailer } from '../ports/mailer.js';
import type { NotificationKind, NotificationRecord } from './case.js';
import { actionLinksFor, planNotification, type ActionUrls } from './emails.js';
import { hashSecret } from '../ports/ids.js';
import type { ActionLinks } from '../ports/case-store.js';
import { NotFoundError } from './errors.js';

export interface NotifyDeps {
  store: CaseStore & ActionLinks;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  appBaseUrl: string;
}

export interface NotifyResult {
  sent: number;
  alreadySent: number;
}

/** A claim older than this whose send was never recorded is treated as abandoned. */
const STALE_CLAIM_MS = 2 * 60 * 1000;

/**
 * Sends each email of a notification once.
 * 1. load the case  2. plan the emails  3. for each recipient, claim it, send it, record it with an audit event.
 * A retried task skips what was recorded; a failed send releases its claim and fails the task so it is retried.
 */
export async function sendNotification(deps: NotifyDeps, reference: string, kind: NotificationKind): Promise<NotifyResult> {
  const caseRecord = await deps.store.getCase(reference);
  if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
  const linkFor = actionLinksFor[kind] ?? {};
  // Plan once without links to learn the recipients; each email that asks someone to act gets its own link.
  const planned = planNotification(kind, caseRecord, deps.board, deps.appBaseUrl);
  let sent = 0;
  let alreadySent = 0;
  for (const plannedEmail of planned) {
    let email = plannedEmail;
    const now = deps.clock.now();
    const record: NotificationRecord = {
      reference,
      kind,
      recipientRole: email.recipientRole,
      email: email.to,
      claimedAt: now.toISOString(),
      staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
    };
    if (!(await deps.store.claimNotification(record))) {
      alreadySent++;
      continue;
    }
    const action = linkFor[email.recipientRole];
    if (action) {
      // The secret lives only in this email; the table keeps its hash.
      const secret = deps.ids.secret();
      await deps.store.putLink({
        tokenHash: await hashSecret(secret),
        reference,
        action,
        intendedEmail: email.to.toLowerCase(),
        forStatus: caseRecord.status,
        createdAt: now.toISOString(),
      });
      // After `#`: browsers never send the fragment, so the secret reaches no server log.
      const urls: ActionUrls = { [email.recipientRole]: `${deps.appBaseUrl}/act#${secret}` };
      email = planNotification(kind, caseRecord, deps.board, deps.appBaseUrl, urls).find((e) => e.recipientRole === email.recipientRole) ?? email;
    }
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({
        to: [email.to],
        ...email.content,
        tags: { reference, notification: kind, recipientRole: email.recipientRole },
      }));
    } catch (error) {
      await deps.store.releaseNotification(record);
      throw error;
    }
    await deps.store.recordNotificationSent(record, messageId, {
      eventId: deps.ids.uuid(),
      reference,
      at: deps.clock.now().toISOString(),
      action: 'notification.sent',
      actor: { kind: 'system', component: 'workflow-notify' },
      detail: { notification: kind, recipientRole: email.recipientRole, messageId },
    });
    sent++;
  }
  return { sent, alreadySent };
}
