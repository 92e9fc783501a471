import type { BoardConfig } from '../../config/board.js';
import type { Caller } from '../../ports/identity.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { otherChildrenConsideredSchema } from '../../schemas/review.js';
import { mayOnCase } from '../access/access.js';
import { londonDate } from '../calendar/london.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { requireRole, type RequestMeta, type ViewDeps } from '../case/case-views.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { otherChildrenDeadline } from './other-children.js';

/** 3.1: the business manager records what was done about the other children (the duty itself is in ./other-children.ts). */

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
