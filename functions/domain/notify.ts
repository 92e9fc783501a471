import type { BoardConfig } from '../config/board.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Mailer } from '../ports/mailer.js';
import type { ActionLink, CaseRecord, NotificationKind, NotificationRecord } from './case.js';
import { actionLinksFor, planNotification, type EmailContent } from './emails.js';
import { reviewEmail } from './review-emails.js';
import { owedEmails } from './review.js';
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
  const result: NotifyResult = { sent: 0, alreadySent: 0 };
  // Plan once without links to learn the recipients; each email that asks someone to act gets its own link.
  for (const planned of planNotification(kind, caseRecord, deps.board, deps.appBaseUrl)) {
    const action = linkFor[planned.recipientRole];
    const outcome = await deliverOnce(deps, caseRecord, {
      kind,
      recipientRole: planned.recipientRole,
      to: planned.to,
      ...(action ? { link: { action } } : {}),
      content: (url) =>
        url
          ? (planNotification(kind, caseRecord, deps.board, deps.appBaseUrl, { [planned.recipientRole]: url }).find((e) => e.recipientRole === planned.recipientRole)?.content ??
            planned.content)
          : planned.content,
    });
    result[outcome === 'sent' ? 'sent' : 'alreadySent']++;
  }
  return result;
}

/**
 * Sends what the review stage owes (statutory notifications, records
 * requests, joint-review questions and referrals), each once. What is owed
 * is derived from the case, so a restarted or retried workflow owes, and
 * sends, nothing twice.
 */
export async function sendOwedReviewEmails(deps: NotifyDeps, reference: string): Promise<NotifyResult> {
  const caseRecord = await deps.store.getCase(reference);
  if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
  const result: NotifyResult = { sent: 0, alreadySent: 0 };
  const owed = owedEmails(caseRecord, deps.board, deps.clock.now());
  if (owed.length === 0) return result;
  // The check loop asks on every wake-up: one query finds what was sent, so only
  // what is new (or a claim left by a sender that died) is claimed again.
  const sentAlready = new Set(
    (await deps.store.listNotifications(reference)).filter((n) => n.messageId).map((n) => `${n.kind} ${n.recipientRole}`),
  );
  for (const email of owed) {
    if (sentAlready.has(`${email.kind} ${email.recipientRole}`)) {
      result.alreadySent++;
      continue;
    }
    const outcome = await deliverOnce(deps, caseRecord, {
      kind: email.kind,
      recipientRole: email.recipientRole,
      to: email.to,
      ...(email.link ? { link: email.link } : {}),
      content: (url) => reviewEmail(email, caseRecord, deps.board, deps.appBaseUrl, url),
    });
    result[outcome === 'sent' ? 'sent' : 'alreadySent']++;
  }
  return result;
}

interface OneEmail {
  kind: NotificationKind;
  recipientRole: NotificationRecord['recipientRole'];
  to: string;
  /** The email asks its recipient to act: it carries a single-use link made for them. */
  link?: { action: ActionLink['action']; board?: string; recordsId?: string };
  content: (actionUrl?: string) => EmailContent;
}

/**
 * One email, once: claim it, make its action link if it has one, send it,
 * record it with an audit event. A retry skips what was recorded; a failed
 * send releases its claim and fails the task so it is retried.
 */
async function deliverOnce(deps: NotifyDeps, caseRecord: CaseRecord, email: OneEmail): Promise<'sent' | 'already'> {
  const reference = caseRecord.reference;
  const now = deps.clock.now();
  const record: NotificationRecord = {
    reference,
    kind: email.kind,
    recipientRole: email.recipientRole,
    email: email.to,
    claimedAt: now.toISOString(),
    staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  };
  if (!(await deps.store.claimNotification(record))) return 'already';
  let actionUrl: string | undefined;
  if (email.link) {
    // The secret lives only in this email; the table keeps its hash.
    const secret = deps.ids.secret();
    await deps.store.putLink({
      tokenHash: await hashSecret(secret),
      reference,
      action: email.link.action,
      ...('board' in email.link && email.link.board ? { board: email.link.board } : {}),
      ...('recordsId' in email.link && email.link.recordsId ? { recordsId: email.link.recordsId } : {}),
      intendedEmail: email.to.toLowerCase(),
      forStatus: caseRecord.status,
      createdAt: now.toISOString(),
    });
    // After `#`: browsers never send the fragment, so the secret reaches no server log.
    actionUrl = `${deps.appBaseUrl}/act#${secret}`;
  }
  const content = email.content(actionUrl);
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: [email.to],
      ...content,
      tags: { reference, notification: email.kind, recipientRole: email.recipientRole },
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
    detail: { notification: email.kind, recipientRole: email.recipientRole, messageId },
  });
  return 'sent';
}
