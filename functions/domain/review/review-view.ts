import type { BoardConfig } from '../../config/board.js';
import {
  extensionApprovers,
  finalDeciders,
  jointReviewOptions,
  proceedingKinds,
  statutoryRecipients,
  type EmailState,
  type ReviewView,
} from '../../schemas/review.js';
import { deadlineStatus } from '../alerts/alerts.js';
import { mayOnCase } from '../access/access.js';
import type { CaseRecord, NotificationSummary } from '../case/case.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { deliveryView } from '../email/delivery.js';
import { agencyLabel, jointState, missingAgencies, panelBlockers, reviewDuties, statutoryAddress } from './review.js';
import { roleLabels, type Role } from '../access/roles.js';
import { completionOutcome, describeCompletion } from '../report/timeliness.js';

const labelOf = (list: readonly { value: string; label: string }[], value: string) => list.find((o) => o.value === value)?.label ?? value;

/** What SES last said about the email sent for (kind, recipientRole), or 'not-sent'. */
function emailState(notifications: readonly NotificationSummary[], kind: string, recipientRole: string): { status: EmailState; at?: string } {
  const n = notifications.find((x) => x.kind === kind && x.recipientRole === recipientRole);
  // Parked after repeated send failures: failed, so the business manager can send it again.
  if (n?.status === 'parked') return { status: 'failed', ...(n.claimedAt ? { at: n.claimedAt } : {}) };
  if (!n || !n.messageId) return { status: 'not-sent' };
  const at = n.delivery?.at ?? n.sentAt ?? n.claimedAt;
  return { status: deliveryView(n.delivery), ...(at ? { at } : {}) };
}

/** The review as the case page shows it to `role`. */
export function reviewView(
  c: CaseRecord,
  board: BoardConfig,
  calendar: WorkingDayCalendar,
  now: Date,
  notifications: readonly NotificationSummary[],
  role: Role,
): ReviewView | undefined {
  const r = c.review;
  if (!r) return undefined;
  const profile = board.procedureProfile;
  const duties = reviewDuties(c, board, calendar, now);
  const statusOf = (id: string) => {
    const d = duties.find((x) => x.id === id);
    return d ? deadlineStatus(d.task, profile, calendar, now) : 'done';
  };
  const joint = r.joint ? jointState(r.joint, now) : undefined;
  return {
    decidedAt: r.decidedAt,
    completion: {
      dueAt: r.completion.dueAt,
      dueDate: r.completion.dueDate,
      rule: r.completion.rule,
      status: statusOf('completion'),
      // Once the Board chair accepted the overview report: on time, within an extension, or late by how many days.
      ...(r.completedAt ? { completed: completedView(r, r.completedAt, profile.reviewCompletionCalendarMonths) } : {}),
      extensionRequests: r.extensionRequests.map((e) => ({
        requestedAt: e.requestedAt,
        requestedBy: e.requestedBy,
        approachedRole: e.approachedRole,
        approachedLabel: labelOf(extensionApprovers, e.approachedRole),
        reason: e.reason,
        ...(e.proposedDate ? { proposedDate: e.proposedDate } : {}),
      })),
      extensions: r.extensions.map((e) => ({
        agreedByRole: e.agreedByRole,
        agreedByLabel: labelOf(extensionApprovers, e.agreedByRole),
        agreedByName: e.agreedByName,
        agreedOn: e.agreedOn,
        previousDueDate: e.previousDueDate,
        newDueDate: e.newDueDate,
        reason: e.reason,
        recordedBy: e.recordedBy,
        recordedAt: e.recordedAt,
      })),
    },
    tasks: duties
      .map((d) => ({
        id: d.id,
        label: d.label,
        owner: d.ownerRole ? `${roleLabels[d.ownerRole]} (${d.owner.name})` : `${d.owner.name} (${d.owner.email})`,
        dueAt: d.task.deadline.dueAt,
        dueDate: d.task.deadline.dueDate,
        rule: d.task.deadline.rule,
        status: deadlineStatus(d.task, profile, calendar, now),
        ...(d.task.doneAt && Date.parse(d.task.doneAt) <= now.getTime() ? { doneAt: d.task.doneAt } : {}),
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    statutoryNotifications: statutoryRecipients.map(({ value, label, paragraph }) => {
      const attempts = r.statutoryAttempts[value];
      const latest = emailState(notifications, 'statutory-notification', `${value}#${attempts}`);
      return {
        recipient: value,
        label,
        paragraph,
        email: statutoryAddress(board, value).email,
        status: latest.status,
        ...(latest.at ? { at: latest.at } : {}),
        attempts,
        canResend: latest.status === 'failed',
      };
    }),
    nbuConfirmation: {
      dueDate: r.nbuConfirmation.deadline.dueDate,
      status: statusOf('nbu-confirmation'),
      ...(r.nbuConfirmation.notifiedOn ? { notifiedOn: r.nbuConfirmation.notifiedOn } : {}),
      ...(r.nbuConfirmation.confirmedAt ? { confirmedAt: r.nbuConfirmation.confirmedAt } : {}),
      ...(r.nbuConfirmation.confirmedBy ? { confirmedBy: r.nbuConfirmation.confirmedBy } : {}),
    },
    ...(r.ofstedForm ? { ofstedForm: r.ofstedForm } : {}),
    ...(r.ofstedFormUpdatedAt ? { ofstedFormUpdatedAt: r.ofstedFormUpdatedAt } : {}),
    panel: {
      members: r.panel.map((m) => ({
        id: m.id,
        name: m.name,
        jobTitle: m.jobTitle,
        organisation: m.organisation,
        agency: m.agency,
        agencyLabel: agencyLabel(m.agency),
        email: m.email,
        coOpted: m.coOpted,
        addedAt: m.addedAt,
        ...(m.mandate ? { mandate: m.mandate } : {}),
      })),
      missing: missingAgencies(r),
      unconfirmed: r.panel.filter((m) => !m.mandate).map((m) => m.name),
      blockers: r.startedAt ? [] : panelBlockers(r),
      ...(r.startedAt ? { startedAt: r.startedAt } : {}),
    },
    records: r.records.map((rec) => ({
      id: rec.id,
      agency: rec.agency,
      contactName: rec.contactName,
      contactEmail: rec.contactEmail,
      requestedAt: rec.requestedAt,
      dueDate: rec.deadline.dueDate,
      status: statusOf(`records:${rec.id}`),
      ...(rec.securedBy ? { securedBy: rec.securedBy } : {}),
      ...(rec.securedOn ? { securedOn: rec.securedOn } : {}),
      emailStatus: emailState(notifications, 'records-requested', `agency:${rec.id}`).status,
    })),
    ...(r.joint && joint
      ? {
          jointReview: {
            proposal: r.joint.proposal,
            proposalLabel: labelOf(jointReviewOptions, r.joint.proposal),
            askedAt: r.joint.askedAt,
            dueDate: r.joint.deadline.dueDate,
            state: joint.state,
            boards: r.joint.boards.map((b) => ({
              board: b.board,
              chairName: b.chairName,
              chairEmail: b.chairEmail,
              ...(b.answer ? { answer: b.answer } : {}),
              ...(b.comment ? { comment: b.comment } : {}),
              ...(b.answeredAt ? { answeredAt: b.answeredAt } : {}),
              emailStatus: emailState(notifications, 'joint-review-asked', `board:${b.board}`).status,
            })),
            ...(joint.referral ? { referral: joint.referral } : {}),
            ...(r.joint.finalDecision
              ? {
                  finalDecision: {
                    ...r.joint.finalDecision,
                    outcomeLabel: labelOf(jointReviewOptions, r.joint.finalDecision.outcome),
                    decidedByLabel: labelOf(finalDeciders, r.joint.finalDecision.decidedBy),
                  },
                }
              : {}),
          },
        }
      : {}),
    proceedings: r.proceedings.map((p) => ({ ...p, kindLabel: labelOf(proceedingKinds, p.kind) })),
    ...(r.publicationHold ? { publicationHold: r.publicationHold } : {}),
    earlyLessons: r.earlyLessons ?? [],
    permissions: {
      manage: mayOnCase(role, 'review.manage'),
      confirmNbu: mayOnCase(role, 'review.confirmNbu') && !r.nbuConfirmation.confirmedAt,
      addPanelMembers: mayOnCase(role, 'review.panel'),
    },
  };
}

function completedView(r: Parameters<typeof completionOutcome>[0], at: string, months: number) {
  const o = completionOutcome(r, at, months);
  return { at, kind: o.kind, text: describeCompletion(o), ...(o.kind === 'late' ? { daysLate: o.daysLate } : {}) };
}
