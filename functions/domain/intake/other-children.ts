import type { BoardConfig } from '../../config/board.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CaseRecord } from '../case/case.js';
export type { OtherChildrenCheck } from '../case/case.js';
import { workingDaysDeadline, type Deadline } from '../calendar/deadlines.js';
import type { ReviewDuty } from '../review/record.js';

/**
 * Paragraph 3.1: when a child has died and abuse or neglect is known or
 * suspected, organisations "must consider at once" whether other children
 * are at risk. The criteria say so (`considerOtherChildrenNow`); the case
 * then opens a duty at once for the business manager, due the next working
 * day: confirm with children's social care that the other children named in
 * the referral have been considered, and record what was done. It is watched
 * like every other duty (reminders to the owner, escalation to the
 * sub-committee chair, then the Board chair), in the decision stage and, if it
 * is still open, the review stage.
 */

export const OTHER_CHILDREN_TASK_ID = 'other-children';

/** What the business manager recorded (3.1). */

/** Working days the business manager has: the next working day after the referral arrived. */
export const OTHER_CHILDREN_WORKING_DAYS = 1;

export function otherChildrenDeadline(c: Pick<CaseRecord, 'receivedAt' | 'procedureProfileId'>, calendar: WorkingDayCalendar): Deadline {
  return workingDaysDeadline(
    new Date(c.receivedAt),
    OTHER_CHILDREN_WORKING_DAYS,
    calendar,
    `Procedure ${c.procedureProfileId}: confirm at once that other children were considered (para 3.1)`,
  );
}

/** The 3.1 duty of a case, open or done; undefined when the criteria do not call for it. */
export function otherChildrenDuty(c: CaseRecord, board: BoardConfig, calendar: WorkingDayCalendar): ReviewDuty | undefined {
  if (!c.criteria.considerOtherChildrenNow) return undefined;
  return {
    id: OTHER_CHILDREN_TASK_ID,
    label: 'Confirm with children’s social care that the other children named in the referral have been considered, and record what was done (paragraph 3.1)',
    what: 'the confirmation that the other children named in the referral have been considered',
    ownerRole: 'business-manager',
    owner: board.businessManager,
    task: {
      id: OTHER_CHILDREN_TASK_ID,
      deadline: otherChildrenDeadline(c, calendar),
      openedAt: c.receivedAt,
      ...(c.otherChildrenCheck ? { doneAt: c.otherChildrenCheck.recordedAt } : {}),
      escalationTiers: [[board.subCommitteeChair.email], [board.boardChair.email]],
    },
  };
}
