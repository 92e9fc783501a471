import type { BoardConfig } from '../../config/board.js';
import type { StatutoryRecipient } from '../../schemas/review.js';
import { panelAgencies, statutoryRecipients } from '../../schemas/review.js';
import { TIME_ZONE, endOfLondonDay } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CaseRecord } from '../case/case.js';
import { calendarMonthsDeadline, workingDaysDeadline, type Deadline } from '../calendar/deadlines.js';
import { otherChildrenDuty } from '../intake/other-children.js';

/**
 * The serious case review once the Board chair has decided to conduct it:
 * what the procedure then requires, each as a duty with an owner and a
 * deadline (paras 3.4-3.5, 4.3-4.6, 6, 7.1, 8.3-8.8, 10.3). Pure: changes
 * are made by the use cases in review-actions.ts, which pass in the time.
 */

import type { Extension, JointBoard, JointReview, PanelMember, RecordsRequest, ReviewDuty, ReviewRecord } from './record.js';
export type { Extension, JointBoard, JointReview, PanelMember, RecordsRequest, ReviewDuty, ReviewRecord };

/** The review as it starts, at the Board chair's decision. */
export function openReview(decidedAt: Date, board: BoardConfig, calendar: WorkingDayCalendar): ReviewRecord {
  const p = board.procedureProfile;
  const at = decidedAt.toISOString();
  return {
    decidedAt: at,
    completion: calendarMonthsDeadline(decidedAt, p.reviewCompletionCalendarMonths, `Procedure profile ${p.id}: complete the review (para 8.4)`),
    completionSetAt: at,
    extensionRequests: [],
    extensions: [],
    nbuConfirmation: {
      deadline: workingDaysDeadline(decidedAt, p.nbuConfirmationWorkingDays, calendar, `Procedure profile ${p.id}: confirm the National Business Unit was notified (para 6.2)`),
    },
    statutoryAttempts: { 'ofsted-nbu': 1, 'strategic-health-authority': 1, 'childrens-services-adviser': 1 },
    panel: [],
    panelDeadline: workingDaysDeadline(decidedAt, p.panelConvenedWorkingDays, calendar, `Procedure profile ${p.id}: convene the review panel (paras 4.3-4.6)`),
    records: [],
    proceedings: [],
  };
}

/** A date agreed by someone (8.5), as a deadline with its rule. */
export function agreedDateDeadline(dueDate: string, agreedAt: Date, rule: string, authority: string): Deadline {
  return {
    dueAt: endOfLondonDay(dueDate).toISOString(),
    dueDate,
    rule: `${rule} = ${dueDate} end of day (${TIME_ZONE})`,
    kind: 'agreed-date',
    amount: 0,
    from: agreedAt.toISOString(),
    authority,
    timeZone: TIME_ZONE,
  };
}

// ------------------------------------------------------------------ panel (4.3-4.6)

export const agencyLabel = (agency: string): string => panelAgencies.find((a) => a.value === agency)?.label ?? agency;

/** Required agencies (4.3) with nobody on the panel. */
export function missingAgencies(review: ReviewRecord) {
  return panelAgencies.filter((a) => a.required && !review.panel.some((m) => m.agency === a.value)).map((a) => ({ agency: a.value, label: a.label }));
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What stops the review from starting, in words; empty when it may start. */
export function panelBlockers(review: ReviewRecord): string[] {
  const blockers: string[] = [];
  const missing = missingAgencies(review);
  if (missing.length) {
    blockers.push(`The review panel must include ${listInWords(missing.map((m) => m.label))} before the review can start (paragraph 4.3)`);
  }
  const unconfirmed = review.panel.filter((m) => !m.mandate).map((m) => m.name);
  if (unconfirmed.length) {
    blockers.push(
      `Record each agency’s confirmation of mandate, experience and seniority for ${listInWords(unconfirmed)} before the review can start (paragraph 4.6)`,
    );
  }
  return blockers;
}

// ------------------------------------------------------------------ joint review (3.4, 3.5)

export type JointState = 'asking' | 'agreed' | 'referred' | 'decided';

/**
 * Where the joint-review question stands at `now`. Disagreement, or no
 * answer from every Board by the deadline, refers it for a final decision
 * (3.5) from the moment that happened.
 */
export function jointState(joint: JointReview, now: Date): { state: JointState; referral?: { reason: 'disagreement' | 'no-answer'; at: string } } {
  const disagreed = joint.boards
    .filter((b) => b.answer === 'disagree' && b.answeredAt)
    .map((b) => b.answeredAt as string)
    .sort()[0];
  const allAnswered = joint.boards.every((b) => b.answer);
  let referral: { reason: 'disagreement' | 'no-answer'; at: string } | undefined;
  if (disagreed) referral = { reason: 'disagreement', at: disagreed };
  else if (!allAnswered && now.getTime() > Date.parse(joint.deadline.dueAt)) referral = { reason: 'no-answer', at: joint.deadline.dueAt };
  if (joint.finalDecision) return { state: 'decided', ...(referral ? { referral } : {}) };
  if (referral) return { state: 'referred', referral };
  return { state: allAnswered ? 'agreed' : 'asking' };
}

// ------------------------------------------------------------------ duties as tasks


const reviewTiers = (board: BoardConfig): string[][] =>
  board.escalation.reviewOverdue ?? [
    [board.businessManager.email, board.subCommitteeChair.email],
    [board.boardChair.email],
    [board.childrensServicesAdviser.email],
  ];

/**
 * Every duty of a review, open or done, at `now`. The deadline check sends
 * reminders and escalations for these; the case page and "My tasks" list
 * them. Done duties stay, with `doneAt`, so the case shows what was met.
 */
export function reviewDuties(c: CaseRecord, board: BoardConfig, calendar: WorkingDayCalendar, now: Date): ReviewDuty[] {
  const r = c.review;
  if (!r || c.status !== 'review-decided') return [];
  const tiers = reviewTiers(board);
  const duties: ReviewDuty[] = [
    {
      id: 'completion',
      label: 'Complete the serious case review (paragraphs 8.4 and 8.5)',
      what: 'the completion of the serious case review',
      ownerRole: 'business-manager',
      owner: board.businessManager,
      task: {
        id: 'completion',
        deadline: r.completion,
        openedAt: r.decidedAt,
        ...(r.completionSetAt !== r.decidedAt ? { deadlineSetAt: r.completionSetAt } : {}),
        ...(r.completedAt ? { doneAt: r.completedAt } : {}),
        escalationTiers: tiers,
      },
    },
    {
      id: 'ofsted-form',
      label: 'Complete Ofsted’s form for the National Business Unit (paragraph 6.1)',
      what: 'Ofsted’s form',
      ownerRole: 'business-manager',
      owner: board.businessManager,
      task: {
        id: 'ofsted-form',
        deadline: r.nbuConfirmation.deadline,
        openedAt: r.decidedAt,
        ...(r.ofstedFormUpdatedAt ? { doneAt: r.ofstedFormUpdatedAt } : {}),
        escalationTiers: tiers,
      },
    },
    {
      id: 'nbu-confirmation',
      label: 'Confirm to the Board that the National Business Unit was notified (paragraph 6.2)',
      what: 'the confirmation that Ofsted’s National Business Unit was notified',
      ownerRole: 'sub-committee-chair',
      owner: board.subCommitteeChair,
      task: {
        id: 'nbu-confirmation',
        deadline: r.nbuConfirmation.deadline,
        openedAt: r.decidedAt,
        ...(r.nbuConfirmation.confirmedAt ? { doneAt: r.nbuConfirmation.confirmedAt } : {}),
        escalationTiers: [[board.businessManager.email], [board.boardChair.email]],
      },
    },
    {
      id: 'panel',
      label: 'Convene the review panel, confirm each mandate and start the review (paragraphs 4.3 to 4.6)',
      what: 'the review panel',
      ownerRole: 'business-manager',
      owner: board.businessManager,
      task: {
        id: 'panel',
        deadline: r.panelDeadline,
        openedAt: r.decidedAt,
        ...(r.startedAt ? { doneAt: r.startedAt } : {}),
        escalationTiers: tiers,
      },
    },
  ];
  for (const rec of r.records) {
    duties.push({
      id: `records:${rec.id}`,
      label: `${rec.agency}: secure the records (paragraphs 8.3 and 10.3)`,
      what: `the securing of ${rec.agency}’s records`,
      owner: { name: rec.contactName, email: rec.contactEmail },
      task: {
        id: `records:${rec.id}`,
        deadline: rec.deadline,
        openedAt: rec.requestedAt,
        ...(rec.recordedAt ? { doneAt: rec.recordedAt } : {}),
        escalationTiers: [[board.businessManager.email], [board.subCommitteeChair.email]],
      },
    });
  }
  if (r.joint) {
    const { state, referral } = jointState(r.joint, now);
    for (const b of r.joint.boards) {
      const doneAt = b.answeredAt ?? referral?.at;
      duties.push({
        id: `joint:${b.board}`,
        label: `${b.board}: answer whether the review is a single Board or joint review (paragraph 3.4)`,
        what: `${b.board}’s answer on a joint review`,
        owner: { name: b.chairName, email: b.chairEmail },
        task: {
          id: `joint:${b.board}`,
          deadline: r.joint.deadline,
          openedAt: r.joint.askedAt,
          ...(doneAt ? { doneAt } : {}),
          escalationTiers: [[board.businessManager.email]],
        },
      });
    }
    if (referral) {
      duties.push({
        id: 'joint-final-decision',
        label: 'Record the final decision of the Chief Executives or Ofsted on a joint review (paragraph 3.5)',
        what: 'the final decision on a joint review',
        ownerRole: 'business-manager',
        owner: board.businessManager,
        task: {
          id: 'joint-final-decision',
          deadline: workingDaysDeadline(
            new Date(referral.at),
            board.procedureProfile.jointReviewAnswerWorkingDays,
            calendar,
            `Procedure profile ${board.procedureProfile.id}: final decision on a joint review (para 3.5)`,
          ),
          openedAt: referral.at,
          ...(state === 'decided' && r.joint.finalDecision ? { doneAt: r.joint.finalDecision.recordedAt } : {}),
          escalationTiers: [[board.businessManager.email], [board.boardChair.email]],
        },
      });
    }
  }
  const otherBoards = otherBoardsDuty(c, r, board, calendar, now, tiers);
  if (otherBoards) duties.push(otherBoards);
  // 3.1: the case's duty to confirm the other children were considered, if still open or met, is watched with the review's.
  const otherChildren = otherChildrenDuty(c, board, calendar);
  if (otherChildren) duties.push(otherChildren);
  return duties;
}

/** When the joint-review question was settled: every Board agreed (the last answer), or the final decision (3.5) was recorded. */
export function jointSettledAt(joint: JointReview, now: Date): string | undefined {
  const { state } = jointState(joint, now);
  if (state === 'decided') return joint.finalDecision?.recordedAt;
  if (state === 'agreed') return joint.boards.map((b) => b.answeredAt ?? '').sort().at(-1) || undefined;
  return undefined;
}

/**
 * 3.4: when the referral says other local authorities or Boards are involved,
 * the review opens at once a duty for the business manager to decide with
 * them how the review is conducted. It is met when the joint-review question
 * has been asked and decided (agreed by every Board, or a final decision
 * recorded under 3.5); it is due as the Boards' answers would be, counted
 * from the decision to review.
 */
export function otherBoardsDuty(
  c: CaseRecord,
  r: ReviewRecord,
  board: BoardConfig,
  calendar: WorkingDayCalendar,
  now: Date,
  tiers: string[][] = reviewTiers(board),
): ReviewDuty | undefined {
  if (c.referral.involvement.otherAuthoritiesInvolved !== 'yes') return undefined;
  const doneAt = r.joint ? jointSettledAt(r.joint, now) : undefined;
  const p = board.procedureProfile;
  return {
    id: 'other-boards',
    label: 'Decide with the other Boards involved how the review is conducted (paragraph 3.4)',
    what: 'the decision with the other Boards on how the review is conducted',
    ownerRole: 'business-manager',
    owner: board.businessManager,
    task: {
      id: 'other-boards',
      deadline: workingDaysDeadline(new Date(r.decidedAt), p.jointReviewAnswerWorkingDays, calendar, `Procedure profile ${p.id}: decide with the other Boards how the review is conducted (para 3.4)`),
      openedAt: r.decidedAt,
      ...(doneAt ? { doneAt } : {}),
      escalationTiers: tiers,
    },
  };
}

// ------------------------------------------------------------------ emails the review owes

/** One email the review owes someone: sent once per (kind, recipientRole), whatever retries happen. */
export interface OwedEmail {
  kind: 'statutory-notification' | 'joint-review-asked' | 'joint-review-referred' | 'records-requested';
  recipientRole: import('../case/case.js').RecipientRole;
  to: string;
  /** A single-use link for the recipient to act: a joint-review answer, or confirming records are secured. */
  link?: { action: 'joint-answer'; board: string } | { action: 'records-secured'; recordsId: string };
}

export const statutoryAddress = (board: BoardConfig, recipient: StatutoryRecipient) =>
  recipient === 'ofsted-nbu' ? board.ofstedNationalBusinessUnit : recipient === 'strategic-health-authority' ? board.strategicHealthAuthority : board.childrensServicesAdviser;

/** What the review owes at `now`: derived from the case alone, so a restarted workflow owes the same. */
export function owedEmails(c: CaseRecord, board: BoardConfig, now: Date): OwedEmail[] {
  const r = c.review;
  if (!r || c.status !== 'review-decided') return [];
  const owed: OwedEmail[] = [];
  for (const { value } of statutoryRecipients) {
    owed.push({ kind: 'statutory-notification', recipientRole: `${value}#${r.statutoryAttempts[value]}`, to: statutoryAddress(board, value).email });
  }
  for (const rec of r.records) {
    if (!rec.recordedAt) {
      owed.push({ kind: 'records-requested', recipientRole: `agency:${rec.id}`, to: rec.contactEmail, link: { action: 'records-secured', recordsId: rec.id } });
    }
  }
  if (r.joint) {
    const { state } = jointState(r.joint, now);
    for (const b of r.joint.boards) {
      if (!b.answer && state === 'asking') {
        owed.push({ kind: 'joint-review-asked', recipientRole: `board:${b.board}`, to: b.chairEmail, link: { action: 'joint-answer', board: b.board } });
      }
    }
    if (state === 'referred') {
      owed.push({ kind: 'joint-review-referred', recipientRole: 'business-manager', to: board.businessManager.email });
      owed.push({ kind: 'joint-review-referred', recipientRole: 'board-chair', to: board.boardChair.email });
      for (const ce of board.chiefExecutives) {
        owed.push({ kind: 'joint-review-referred', recipientRole: `chief-executive:${ce.email.toLowerCase()}`, to: ce.email });
      }
    }
  }
  return owed;
}

