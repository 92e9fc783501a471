import type { BoardConfig } from '../config/board.js';
import type { CaseStore, SentAlerts } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Mailer } from '../ports/mailer.js';
import type { CaseRecord, NotificationRecord } from './case.js';
import type { WorkingDayCalendar } from './calendar/working-days.js';
import { checkAlerts, nextCheckAt, type PlannedAlert, type TrackedTask } from './alerts.js';
import { alertEmail } from './emails.js';
import { NotFoundError } from './errors.js';
import { reviewDuties } from './review.js';

export interface DeadlineCheckDeps {
  store: CaseStore & SentAlerts;
  mailer: Mailer;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
  appBaseUrl: string;
}

export interface DeadlineCheckResult {
  /** True when the stage's work is done and the workflow can end. */
  done: boolean;
  /** The next instant worth checking again (ISO), while not done. */
  nextAt?: string;
  sent: number;
}

/** A deadline being watched: who owns it and who hears when it is missed. */
export interface WatchedDeadline {
  task: TrackedTask;
  what: string;
  owner: { name: string; email: string };
}

/**
 * The deadlines being watched for a case: the decision stage's (4.1, 4.2,
 * 8.2) and, once a review is decided, each duty of the review (3.4-8.5).
 */
export function watchedDeadlines(c: CaseRecord, board: BoardConfig, calendar?: WorkingDayCalendar, now?: Date): WatchedDeadline[] {
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
  }
  return watched;
}

/** If the schedule ever had nothing to say while work is open, look again in a day rather than never. */
const FALLBACK_RECHECK_MS = 24 * 3600 * 1000;
const STALE_CLAIM_MS = 2 * 60 * 1000;

/**
 * The workflow's check step: read the case (the source of truth), send each
 * reminder or escalation that is now due (once, whatever retries or restarts
 * happen), and say when to look again.
 */
export async function checkDeadlines(deps: DeadlineCheckDeps, reference: string): Promise<DeadlineCheckResult> {
  const caseRecord = await deps.store.getCase(reference);
  if (!caseRecord) throw new NotFoundError(`No case ${reference}`);
  const now = deps.clock.now();
  const watched = watchedDeadlines(caseRecord, deps.board, deps.calendar, now);
  if (watched.length === 0) return { done: true, sent: 0 };

  const alreadySent = await deps.store.sentAlertKeys(reference);
  const checks = watched.map((w) => ({ w, check: checkAlerts(w.task, deps.board.procedureProfile, deps.calendar, now, alreadySent) }));
  let sent = 0;
  for (const { w, check } of checks) {
    for (const alert of check.due) sent += await sendAlert(deps, caseRecord, w, alert);
  }
  const next = nextCheckAt(checks.map((c) => c.check));
  return { done: false, nextAt: next ?? new Date(now.getTime() + FALLBACK_RECHECK_MS).toISOString(), sent };
}

async function sendAlert(deps: DeadlineCheckDeps, c: CaseRecord, w: WatchedDeadline, alert: PlannedAlert): Promise<number> {
  const recipients = alert.kind === 'reminder' ? [w.owner.email] : (alert.recipients ?? []);
  const content = alertEmail(alert, c, w, deps.board, deps.appBaseUrl);
  let sent = 0;
  for (const to of recipients) {
    const now = deps.clock.now();
    const record: NotificationRecord = {
      reference: c.reference,
      kind: `alert:${alert.key}`,
      recipientRole: `to:${to.toLowerCase()}`,
      email: to,
      claimedAt: now.toISOString(),
      staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
    };
    if (!(await deps.store.claimNotification(record))) continue;
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({
        to: [to],
        ...content,
        tags: { reference: c.reference, notification: alert.kind, deadline: w.task.id },
      }));
    } catch (error) {
      await deps.store.releaseNotification(record);
      throw error;
    }
    await deps.store.recordNotificationSent(record, messageId, {
      eventId: deps.ids.uuid(),
      reference: c.reference,
      at: deps.clock.now().toISOString(),
      action: 'notification.sent',
      actor: { kind: 'system', component: 'workflow-check-deadlines' },
      detail: {
        notification: alert.kind,
        deadline: w.task.id,
        dueDate: w.task.deadline.dueDate,
        alert: alert.key,
        recipient: to,
        messageId,
      },
    });
    sent++;
  }
  await deps.store.markAlertComplete(c.reference, alert.key, deps.clock.now().toISOString());
  return sent;
}
