import type { BoardConfig } from '../../config/board.js';
import type { ActionLinks, CaseStore, SentAlerts } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Mailer } from '../../ports/mailer.js';
import type { ActionLink, CaseRecord, NotificationKind, NotificationSummary } from '../case/case.js';
import { hashSecret } from '../../ports/ids.js';
import { actionLinkExpiry } from '../access/action-links.js';
import { sendNotification, type NotifyResult } from '../email/notify.js';
import { sendOnce, settled, settledEmailKeys, type SendResult } from '../email/send-once.js';
import { alertDeliveryFailed, deliveryFailedKind, DELIVERY_FAILED_PREFIX } from '../email/track-delivery.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { alertRecipients, checkAlerts, nextCheckAt, withOwnerFirst, type PlannedAlert, type WatchedDeadline } from './alerts.js';
import { alertEmail } from '../email/emails.js';
import { NotFoundError } from '../errors.js';
import { reviewDuties } from '../review/review.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import { contributionDeadline } from '../contributions/contribution-deadlines.js';
import { sendOwedContributionEmails } from '../contributions/contribution-emails.js';
import { sendOwedReportEmails } from '../report/report-emails.js';
import type { ReportStore } from '../../ports/report-store.js';
import type { Contribution } from '../contributions/contributions.js';
import { lateContributionLinkFor } from '../contributions/contribution-links.js';
import type { OverviewStore } from '../../ports/overview-store.js';
import { owedOverviewEmails, sendOwedOverviewEmails } from '../report/overview-emails.js';
import { otherChildrenDuty } from '../intake/other-children.js';
import type { ActionStore } from '../../ports/action-store.js';
import { watchedAction } from '../actions/actions.js';

export interface DeadlineCheckDeps {
  store: CaseStore & SentAlerts & ActionLinks;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
  appBaseUrl: string;
  /** A review's contributions (9.1): each one's due date is watched too, when given. */
  contributions?: Pick<ContributionStore, 'listContributions'>;
  /** The overview report (11.3): the chairs' acceptance emails it owes are swept too, when given. */
  reports?: Pick<ReportStore, 'getReport'>;
  /**
   * A review's action plan (functions/domain/actions): each open action's due
   * date is watched, when given, and keeps the workflow looping after the
   * review is complete until every action is done.
   */
  actions?: Pick<ActionStore, 'listActions'>;
  /** The overview report (11.2): the email its author is owed is swept too, when given. */
  overview?: Pick<OverviewStore, 'getOverview'>;
}

export interface DeadlineCheckResult {
  /** True when the stage's work is done and the workflow can end. */
  done: boolean;
  /** The next instant worth checking again (ISO), while not done. */
  nextAt?: string;
  sent: number;
  /** Emails parked by this check (failed for good): the alarm counts them. */
  parkedNow?: number;
}

/** A deadline being watched: who owns it and who hears when it is missed. */
export type { WatchedDeadline } from './alerts.js';

/**
 * The deadlines being watched for a case: the decision stage's (4.1, 4.2,
 * 8.2) and, once a review is decided, each duty of the review (3.4-8.5).
 */
export function watchedDeadlines(c: CaseRecord, board: BoardConfig, calendar?: WorkingDayCalendar, now?: Date): WatchedDeadline[] {
  // Every duty's owner is reminded before it is due and told when it is overdue, alongside those it escalates to.
  return deadlinesOf(c, board, calendar, now).map((w) => ({ ...w, task: { ...w.task, escalationTiers: withOwnerFirst(w.owner.email, w.task.escalationTiers) } }));
}

function deadlinesOf(c: CaseRecord, board: BoardConfig, calendar?: WorkingDayCalendar, now?: Date): WatchedDeadline[] {
  const watched: WatchedDeadline[] = [];
  if (c.status === 'review-decided' && calendar && now) {
    // Every duty, done ones included: a done task sends nothing, and the stage
    // stays open until the review is complete.
    if (c.review?.completedAt) return [];
    return reviewDuties(c, board, calendar, now).map((d) => ({ task: d.task, what: d.what, owner: d.owner }));
  }
  if (c.status === 'awaiting-recommendation') {
    watched.push({
      what: 'the Strategic and Serious Case Review sub-committee’s recommendation',
      owner: board.subCommitteeChair,
      task: {
        id: 'recommendation',
        deadline: c.deadlines.recommendation,
        openedAt: c.receivedAt,
        escalationTiers: [board.escalation.recommendationOverdue],
      },
    });
  }
  if (c.status === 'awaiting-recommendation' || c.status === 'awaiting-decision') {
    watched.push({
      what: 'the Board chair’s decision',
      owner: board.boardChair,
      task: { id: 'decision', deadline: c.deadlines.decision, openedAt: c.receivedAt, escalationTiers: board.escalation.decisionOverdue },
    });
    // 3.1: opened at once when the criteria call for it; the review stage watches it from then on (reviewDuties).
    const otherChildren = calendar ? otherChildrenDuty(c, board, calendar) : undefined;
    if (otherChildren) watched.push({ task: otherChildren.task, what: otherChildren.what, owner: otherChildren.owner });
  }
  if (c.status === 'imr-only' || c.status === 'partnership-review' || c.status === 'no-review') {
    // Decided against a full review: the 3.1 duty is still owed until it is met, and then the stage is done.
    const otherChildren = calendar ? otherChildrenDuty(c, board, calendar) : undefined;
    if (otherChildren && otherChildren.task.doneAt === undefined) watched.push({ task: otherChildren.task, what: otherChildren.what, owner: otherChildren.owner });
  }
  return watched;
}

/** If the schedule ever had nothing to say while work is open, look again in a day rather than never. */
const FALLBACK_RECHECK_MS = 24 * 3600 * 1000;
/** While a review is open, how long the loop may sleep at most, so contributions asked for meanwhile are watched. */
export const CONTRIBUTIONS_RECHECK_MS = 24 * 3600 * 1000;
/** An email that failed is tried again this soon (until it is sent or parked after MAX_SEND_ATTEMPTS). */
export const FAILED_EMAIL_RETRY_MS = 10 * 60 * 1000;

/** The decision stage's notifications, sent from the workflow or the stream, which the check loop makes sure of. */
const SWEPT_KINDS = new Set<string>(['referral-received', 'recommendation-recorded', 'decision-recorded']);

/**
 * The workflow's check step: read the case (the source of truth), send each
 * reminder or escalation that is now due (once, whatever retries or restarts
 * happen), make sure of every email the case is owed so far (sweep), and say
 * when to look again.
 *
 * Crash safety: an alert is complete only when every recipient's email is
 * settled (sent, or parked for the business manager); an email claimed by an
 * attempt that never recorded it is looked at again when the claim goes
 * stale, and sent again (its fate is unknown). A failing email does not stop
 * the check: it is retried on a later wake-up ({@link FAILED_EMAIL_RETRY_MS})
 * and parked after MAX_SEND_ATTEMPTS, and the loop goes on.
 */
export async function checkDeadlines(deps: DeadlineCheckDeps, reference: string): Promise<DeadlineCheckResult> {
  const caseRecord = await deps.store.getCase(reference);
  if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
  const now = deps.clock.now();
  const watched = watchedDeadlines(caseRecord, deps.board, deps.calendar, now);
  const watchesContributions = deps.contributions !== undefined && caseRecord.status === 'review-decided' && !caseRecord.review?.completedAt;
  const contributions: Contribution[] = watchesContributions ? await deps.contributions!.listContributions(reference) : [];
  for (const c of contributions) watched.push(contributionDeadline(c, deps.board));
  if (deps.actions && caseRecord.status === 'review-decided') {
    // Open actions only: a done one sends nothing, and the loop ends when none is open.
    for (const a of await deps.actions.listActions(reference)) if (a.status !== 'done') watched.push(watchedAction(a, deps.board));
  }

  const alreadySent = await deps.store.sentAlertKeys(reference);
  const checks = watched.map((w) => ({ w, check: checkAlerts(w.task, deps.board.procedureProfile, deps.calendar, now, alreadySent) }));
  const result = new Outcomes(now);
  for (const { w, check } of checks) {
    for (const alert of check.due) await sendAlert(deps, caseRecord, w, alert, result, contributions);
  }
  // The sweep's read of the case's emails also says which are settled for the owed emails below: those are other
  // kinds than the sweep sends, so one read serves them all.
  const settledAlready = settledEmailKeys(await sweep(deps, caseRecord, result));
  if (contributions.length > 0) {
    // What the contributions owe (asked for, author named, submitted), in case the request that changed one could not send it.
    try {
      for (const r of await sendOwedContributionEmails(deps, reference, contributions, settledAlready)) result.add(r);
    } catch {
      result.failed();
    }
  }

  if (deps.reports && watchesContributions) {
    // What the overview report owes (a chair asked to accept it), in case the request that offered or accepted it could not send it.
    try {
      for (const r of await sendOwedReportEmails(deps, caseRecord, await deps.reports.getReport(reference), settledAlready)) result.add(r);
    } catch {
      result.failed();
    }
  }
  if (watchesContributions && deps.overview) {
    // The overview author asked to declare, in case the request that commissioned them could not send it.
    try {
      const record = await deps.overview.getOverview(reference);
      if (owedOverviewEmails(record).length > 0) {
        for (const r of await sendOwedOverviewEmails(deps, reference, record, settledAlready)) result.add(r);
      }
    } catch {
      result.failed();
    }
  }

  const next = nextCheckAt(checks.map((c) => c.check));
  const parked = result.parkedNow ? { parkedNow: result.parkedNow } : {};
  if (watched.length === 0 && !result.retryAt) return { done: true, sent: result.sent, ...parked };
  const candidates = [
    next ?? new Date(now.getTime() + FALLBACK_RECHECK_MS).toISOString(),
    ...(result.retryAt ? [result.retryAt] : []),
    // A contribution is written beside the case, not in it, so asking for one does not restart the
    // workflow: while a review is open, look again at least daily to pick up new or changed ones.
    ...(watchesContributions ? [new Date(now.getTime() + CONTRIBUTIONS_RECHECK_MS).toISOString()] : []),
  ];
  return { done: false, nextAt: candidates.sort()[0] as string, sent: result.sent, ...parked };
}

/** What the sends of one check came to: how many went, and the earliest moment to try again. */
class Outcomes {
  sent = 0;
  parkedNow = 0;
  resent = 0;
  retryAt: string | undefined;
  constructor(private readonly now: Date) {}
  add(r: SendResult): void {
    if (r.outcome === 'sent' || r.outcome === 'resent') this.sent++;
    if (r.outcome === 'resent') this.resent++;
    if (r.parkedNow) this.parkedNow++;
    if (r.outcome === 'in-flight') this.retryBy(r.staleAt ?? new Date(this.now.getTime() + FAILED_EMAIL_RETRY_MS).toISOString());
  }
  failed(): void {
    this.retryBy(new Date(this.now.getTime() + FAILED_EMAIL_RETRY_MS).toISOString());
  }
  merge(r: NotifyResult): void {
    this.sent += r.sent;
    this.resent += r.resent ?? 0;
    this.parkedNow += r.parkedNow ?? 0;
    if (r.retryAt) this.retryBy(r.retryAt);
  }
  private retryBy(at: string): void {
    if (!this.retryAt || at < this.retryAt) this.retryAt = at;
  }
}

/**
 * Makes sure of what the case is owed beyond this check's alerts: the decision
 * stage's notifications (sent again if failed or of unknown fate), and the
 * business manager's alert about each email SES could not deliver (its
 * sender may have died before it went).
 */
async function sweep(deps: DeadlineCheckDeps, c: CaseRecord, result: Outcomes): Promise<NotificationSummary[]> {
  const notifications = await deps.store.listNotifications(c.reference);
  const settledStates = new Set(['sent', 'parked', 'complete']);
  const unsettledKinds = new Set(notifications.filter((n) => SWEPT_KINDS.has(n.kind) && !settledStates.has(n.status)).map((n) => n.kind as NotificationKind));
  for (const kind of unsettledKinds) {
    try {
      result.merge(await sendNotification(deps, c.reference, kind));
    } catch {
      result.failed();
    }
  }
  const alerted = new Set(notifications.filter((n) => n.kind.startsWith(DELIVERY_FAILED_PREFIX) && settledStates.has(n.status)).map((n) => n.kind));
  for (const n of notifications) {
    if (n.delivery?.status !== 'failed' || !n.messageId || n.kind.startsWith(DELIVERY_FAILED_PREFIX)) continue;
    if (alerted.has(deliveryFailedKind(n))) continue;
    try {
      result.add(await alertDeliveryFailed(deps, { messageId: n.messageId, reference: c.reference, kind: n.kind, recipientRole: n.recipientRole }));
    } catch {
      result.failed();
    }
  }
  return notifications;
}

/** The single-use link a reminder carries for its owner, when the duty is one they act on from a link. */
function reminderLink(c: CaseRecord, taskId: string): Omit<ActionLink, 'tokenHash' | 'reference' | 'intendedEmail' | 'forStatus' | 'createdAt'> | undefined {
  if (taskId === 'recommendation' && c.status === 'awaiting-recommendation') return { action: 'recommend' };
  if (taskId === 'decision' && c.status === 'awaiting-decision') return { action: 'decide' };
  if (taskId.startsWith('records:')) return { action: 'records-secured', recordsId: taskId.slice('records:'.length) };
  if (taskId.startsWith('joint:')) return { action: 'joint-answer', board: taskId.slice('joint:'.length) };
  return undefined;
}

/** Pushes back the expiry of every unused action link this case emailed to `to`. */
async function renewHoldersLinks(deps: DeadlineCheckDeps, reference: string, to: string): Promise<void> {
  const hashes = (await deps.store.listNotifications(reference))
    .filter((n) => n.linkHash && n.email?.toLowerCase() === to.toLowerCase())
    .map((n) => n.linkHash as string);
  if (hashes.length > 0) await deps.store.renewLinks(hashes, actionLinkExpiry(deps.clock.now(), deps.board.procedureProfile));
}

async function sendAlert(deps: DeadlineCheckDeps, c: CaseRecord, w: WatchedDeadline, alert: PlannedAlert, result: Outcomes, contributions: readonly Contribution[] = []): Promise<void> {
  const recipients = alertRecipients(alert, w.owner.email);
  // A reminder renews its holder's way to act: a fresh single-use link with a fresh expiry.
  const caseLink = alert.kind === 'reminder' ? reminderLink(c, w.task.id) : undefined;
  // A late contribution: its reminders and escalations carry a fresh link to whoever acts on it now (10.1, 10.2).
  const contribution = w.task.id.startsWith('contribution:') ? contributions.find((x) => `contribution:${x.id}` === w.task.id) : undefined;
  let complete = true;
  for (const to of recipients) {
    const link = contribution ? lateContributionLinkFor(contribution, to) : caseLink;
    try {
      const r = await sendOnce(deps, {
        reference: c.reference,
        kind: `alert:${alert.key}`,
        recipientRole: `to:${to.toLowerCase()}`,
        to,
        tags: { reference: c.reference, notification: alert.kind, deadline: w.task.id },
        component: 'workflow-check-deadlines',
        detail: { notification: alert.kind, deadline: w.task.id, dueDate: w.task.deadline.dueDate, alert: alert.key, recipient: to },
        // Worded when it goes, not when it was planned: a late reminder says the deadline has passed.
        content: async (now) => {
          if (!link) return alertEmail(alert, c, w, deps.board, deps.appBaseUrl, { now, calendar: deps.calendar });
          const secret = deps.ids.secret();
          const tokenHash = await hashSecret(secret);
          await deps.store.putLink({
            tokenHash,
            reference: c.reference,
            ...link,
            intendedEmail: to.toLowerCase(),
            forStatus: c.status,
            createdAt: now.toISOString(),
            expiresAt: actionLinkExpiry(now, deps.board.procedureProfile),
          });
          return {
            ...alertEmail(alert, c, w, deps.board, deps.appBaseUrl, { now, calendar: deps.calendar, actionUrl: `${deps.appBaseUrl}/act#${secret}` }),
            linkHash: tokenHash,
          };
        },
      });
      result.add(r);
      // A reminder renews its holder's earlier links on this case: their expiry runs from now.
      if (link && (r.outcome === 'sent' || r.outcome === 'resent')) await renewHoldersLinks(deps, c.reference, to);
      if (!settled(r.outcome)) complete = false;
    } catch {
      // Released and counted as an attempt: tried again on a later wake-up, parked after MAX_SEND_ATTEMPTS.
      complete = false;
      result.failed();
    }
  }
  // Complete only when every recipient's email is settled (sent, or parked with the business manager).
  if (complete) await deps.store.markAlertComplete(c.reference, alert.key, deps.clock.now().toISOString());
}
