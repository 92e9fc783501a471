import type { BoardConfig } from '../config/board.js';
import type { Caller } from '../ports/identity.js';
import { toFieldErrors } from '../schemas/errors.js';
import { otherChildrenConsideredSchema, type OtherChildrenConsideredInput } from '../schemas/review.js';
import { mayOnCase } from './access.js';
import { londonDate } from './calendar/london.js';
import type { WorkingDayCalendar } from './calendar/working-days.js';
import type { AuditEvent, CaseRecord } from './case.js';
import { requireRole, type RequestMeta, type ViewDeps } from './case-views.js';
import { workingDaysDeadline, type Deadline } from './deadlines.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';
import type { ReviewDuty } from './review.js';

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
export interface OtherChildrenCheck extends OtherChildrenConsideredInput {
  recordedAt: string;
  recordedBy: string;
}

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

export interface OtherChildrenDeps extends Pick<ViewDeps, 'store' | 'clock' | 'ids' | 'calendar'> {
  board: BoardConfig;
}

/**
 * Records that children's social care confirmed the other children were
 * considered, and what was done (3.1): the business manager, once, on a case
 * whose criteria call for it. The change and its audit event are one write.
 */
export async function recordOtherChildrenConsidered(deps: OtherChildrenDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await requireRole(deps, reference, caller, 'case.read', meta);
  // The business manager's office runs the case's duties (the same permission as running the review).
  if (!mayOnCase(role, 'review.manage')) throw new ForbiddenError('Only the business manager can record this. Ask them to do it.');
  if (!caseRecord.criteria.considerOtherChildrenNow) {
    throw new ConflictError('The criteria for this referral do not call for this confirmation, so there is nothing to record here.');
  }
  if (caseRecord.otherChildrenCheck) throw new ConflictError('It has already been recorded that the other children were considered. Nothing was changed.');
  const parsed = otherChildrenConsideredSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem');
  const input = parsed.data;
  const now = deps.clock.now();
  if (input.confirmedOn > londonDate(now)) {
    throw new ValidationError([{ name: 'confirmedOn', href: '#confirmedOn', text: 'Date confirmed must be today or in the past' }], 'There is a problem');
  }
  const at = now.toISOString();
  const deadline = otherChildrenDeadline(caseRecord, deps.calendar);
  const next: CaseRecord = { ...caseRecord, otherChildrenCheck: { ...input, recordedAt: at, recordedBy: caller.email } };
  const audit: AuditEvent = {
    eventId: deps.ids.uuid(),
    reference,
    at,
    action: 'case.other-children-considered',
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    // No case content: the date and whether it was on time, never what was done.
    detail: { confirmedOn: input.confirmedOn, onTime: at <= deadline.dueAt },
  };
  const ok = await deps.store.updateCase({ previous: caseRecord, next, audit });
  if (!ok) throw new ConflictError('Someone else changed this case at the same moment. Nothing was changed: check the case and try again.');
  return { recordedAt: at };
}
