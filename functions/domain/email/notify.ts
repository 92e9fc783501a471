import type { BoardConfig } from '../../config/board.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Mailer } from '../../ports/mailer.js';
import type { ActionLink, CaseRecord, NotificationKind, NotificationRecord } from '../case/case.js';
import { sendOnce, settledEmailKeys, type SendResult } from './send-once.js';
import { actionLinkExpiry } from '../access/action-links.js';
import { actionLinksFor, planNotification, type EmailContent } from './emails.js';
import { reviewEmail } from '../review/review-emails.js';
import { owedEmails } from '../review/review.js';
import { hashSecret } from '../../ports/ids.js';
import type { ActionLinks } from '../../ports/case-store.js';
import { NotFoundError } from '../errors.js';

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
  /** Sent again because an earlier attempt's fate was unknown (counted in `sent` too). */
  resent?: number;
  /** Failed for good: set aside for the business manager (now or before). */
  parked?: number;
  /** Parked by this call: the alarm's metric counts these. */
  parkedNow?: number;
  /** Claimed by another attempt that has not finished: not sent yet, looked at again later. */
  inFlight?: number;
  /** The earliest instant an in-flight claim goes stale and may be retaken. */
  retryAt?: string;
}

/** Adds one email's fate to a notification's result. */
export function tally(result: NotifyResult, r: SendResult): NotifyResult {
  switch (r.outcome) {
    case 'sent':
      result.sent++;
      break;
    case 'resent':
      result.sent++;
      result.resent = (result.resent ?? 0) + 1;
      break;
    case 'already-sent':
      result.alreadySent++;
      break;
    case 'parked':
      result.parked = (result.parked ?? 0) + 1;
      if (r.parkedNow) result.parkedNow = (result.parkedNow ?? 0) + 1;
      break;
    case 'in-flight':
      result.inFlight = (result.inFlight ?? 0) + 1;
      if (r.staleAt && (!result.retryAt || r.staleAt < result.retryAt)) result.retryAt = r.staleAt;
      break;
  }
  return result;
}

/**
 * Sends each email of a notification once.
 * 1. load the case  2. plan the emails  3. for each recipient, send it once (send-once.ts).
 * A retried task skips what was recorded; a failed send fails the task so it
 * is retried (each email is parked after MAX_SEND_ATTEMPTS); an email another
 * attempt holds is reported `inFlight`, not sent.
 */
export async function sendNotification(deps: NotifyDeps, reference: string, kind: NotificationKind): Promise<NotifyResult> {
  const caseRecord = await deps.store.getCase(reference);
  if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
  const linkFor = actionLinksFor[kind] ?? {};
  const result: NotifyResult = { sent: 0, alreadySent: 0 };
  let firstError: unknown;
  // Plan once without links to learn the recipients; each email that asks someone to act gets its own link.
  for (const planned of planNotification(kind, caseRecord, deps.board, deps.appBaseUrl)) {
    const action = linkFor[planned.recipientRole];
    try {
      const outcome = await deliverOnce(deps, caseRecord, {
        kind,
        recipientRole: planned.recipientRole,
        to: planned.to,
        ...(action ? { link: { action } } : {}),
        content: (url) =>
          url
            ? (planNotification(kind, caseRecord, deps.board, deps.appBaseUrl, { [planned.recipientRole]: url }).find(
                (e) => e.recipientRole === planned.recipientRole,
              )?.content ?? planned.content)
            : planned.content,
      });
      tally(result, outcome);
    } catch (error) {
      // One failing address must not hold up the others: try each, then fail the task so it is retried.
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
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
  // The check loop asks on every wake-up: one query finds what was settled (sent or
  // parked), so only what is new, failed or unknown (a sender that died) is claimed again.
  const settledAlready = settledEmailKeys(await deps.store.listNotifications(reference));
  let firstError: unknown;
  for (const email of owed) {
    if (settledAlready.has(`${email.kind} ${email.recipientRole}`)) {
      result.alreadySent++;
      continue;
    }
    try {
      const outcome = await deliverOnce(deps, caseRecord, {
        kind: email.kind,
        recipientRole: email.recipientRole,
        to: email.to,
        ...(email.link ? { link: email.link } : {}),
        content: (url) => reviewEmail(email, caseRecord, deps.board, deps.appBaseUrl, url),
      });
      tally(result, outcome);
    } catch (error) {
      // One failing address must not hold up the others: try each, then fail the task so it is retried.
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
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
 * One email, once (send-once.ts), with its action link made by the attempt
 * that sends it: the secret lives only in that email, the table keeps its
 * hash, and it expires `actionLinkExpiryDays` after it was made.
 */
async function deliverOnce(deps: NotifyDeps, caseRecord: CaseRecord, email: OneEmail): Promise<SendResult> {
  const reference = caseRecord.reference;
  return sendOnce(deps, {
    reference,
    kind: email.kind,
    recipientRole: email.recipientRole,
    to: email.to,
    tags: { reference, notification: email.kind, recipientRole: email.recipientRole },
    component: 'workflow-notify',
    content: async (now) => {
      if (!email.link) return email.content();
      const secret = deps.ids.secret();
      const tokenHash = await hashSecret(secret);
      await deps.store.putLink({
        tokenHash,
        reference,
        action: email.link.action,
        ...(email.link.board ? { board: email.link.board } : {}),
        ...(email.link.recordsId ? { recordsId: email.link.recordsId } : {}),
        intendedEmail: email.to.toLowerCase(),
        forStatus: caseRecord.status,
        createdAt: now.toISOString(),
        expiresAt: actionLinkExpiry(now, deps.board.procedureProfile),
      });
      // After `#`: browsers never send the fragment, so the secret reaches no server log.
      return { ...email.content(`${deps.appBaseUrl}/act#${secret}`), linkHash: tokenHash };
    },
  });
}
