import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller } from '../../ports/identity.js';
import type { ReportStore } from '../../ports/report-store.js';
import type { BoardConfig } from '../../config/board.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { acceptReportSchema, reportSectionIds, reportSectionTitles } from '../../schemas/report.js';
import { auditEvent } from '../audit/audit.js';
import { describeDue } from '../calendar/deadlines.js';
import type { ActionLink, CaseRecord } from '../case/case.js';
import { ConflictError, ValidationError } from '../errors.js';
import { accept, acceptanceStep, acceptanceStepLabels, contentOf, ReportRuleError, type Chair } from './report.js';
import { completionOutcome } from './timeliness.js';

/**
 * A chair accepts the overview report from their emailed link (11.3): the
 * decision stage's rules (stage-actions.ts): nothing happens on GET; a POST
 * by the signed-in person the link was made for; once. The sub-committee
 * chair accepts first, then the Board chair, whose acceptance completes the
 * review (8.4): `review.completedAt` is set in the same transaction, so the
 * completion duty is met, the review workflow's check loop finds nothing
 * left to watch and ends, and reconcile owes it no execution.
 */
export interface AcceptanceDeps {
  reports: ReportStore;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  /** Sends what the report owes next (the Board chair's email), each once. */
  notifyReport?: (reference: string) => Promise<void>;
}

const chairOf = (link: ActionLink, board: BoardConfig): Chair | undefined => {
  const to = link.intendedEmail.toLowerCase();
  if (to === board.subCommitteeChair.email.toLowerCase()) return 'sub-committee-chair';
  if (to === board.boardChair.email.toLowerCase()) return 'board-chair';
  return undefined;
};

/** What the link asks, for the /act page (reads only). */
export async function describeReportAcceptance(deps: AcceptanceDeps, link: ActionLink, caseRecord: CaseRecord) {
  const state = await deps.reports.getReport(caseRecord.reference);
  const version = link.reportVersion ?? 0;
  const chair = chairOf(link, deps.board) ?? 'sub-committee-chair';
  const known = state.versions.some((v) => v.version === version);
  const step = known ? acceptanceStep(state, version) : 'superseded';
  const awaitingMe = step === (chair === 'sub-committee-chair' ? 'awaiting-sub-committee-chair' : 'awaiting-board-chair');
  const v = state.versions.find((x) => x.version === version);
  const acceptedByMe = chair === 'sub-committee-chair' ? v?.subCommitteeChairAcceptance : v?.boardChairAcceptance;
  const content = contentOf(state, version);
  const written: Record<string, boolean> = {
    introduction: content.introduction.circumstances.trim() !== '',
    facts: content.facts.whatWasKnown.trim() !== '',
    analysis: content.analysis.howAndWhy.trim() !== '',
    conclusions: content.conclusions.conclusions.trim() !== '',
  };
  return {
    reference: caseRecord.reference,
    action: 'report-accept' as const,
    state: (link.usedAt || acceptedByMe ? 'used' : awaitingMe && caseRecord.status === 'review-decided' ? 'open' : 'expired') as 'open' | 'used' | 'expired',
    dueBy: caseRecord.review ? describeDue(caseRecord.review.completion) : '',
    chair,
    version,
    stepLabel: acceptanceStepLabels[step],
    summary: {
      sections: reportSectionIds.map((s) => ({ title: reportSectionTitles[s], written: written[s] ?? false })),
      comments: state.comments.filter((c) => c.version === version).length,
      recommendations: content.conclusions.recommendations.length + (v?.derived?.imrRecommendations.length ?? 0),
    },
  };
}

/** The chair's acceptance: the version, the link used, the audit event and (the Board chair) the review completed, in one transaction. */
export async function acceptReportFromLink(deps: AcceptanceDeps, link: ActionLink, caseRecord: CaseRecord, body: unknown, caller: Caller, meta: { requestId: string; sourceIp?: string }) {
  const chair = chairOf(link, deps.board);
  const parsed = acceptReportSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with your acceptance');
  if (link.usedAt) throw new ConflictError('Your acceptance of this report has already been recorded. Nothing was changed.');
  if (!chair || !caseRecord.review || caseRecord.status !== 'review-decided' || caseRecord.review.completedAt) {
    throw new ConflictError('This review is no longer in progress, so there is nothing to accept. Contact the business manager.');
  }
  const state = await deps.reports.getReport(caseRecord.reference);
  const now = deps.clock.now();
  const at = now.toISOString();
  let accepted;
  try {
    accepted = accept(state, link.reportVersion ?? 0, chair, { email: caller.email, role: chair }, at);
  } catch (error) {
    if (error instanceof ReportRuleError) throw new ConflictError(`${error.message}. Nothing was changed.`);
    throw error;
  }
  const actor = { kind: 'user' as const, userId: caller.userId, email: caller.email, role: chair };
  const base = { reference: caseRecord.reference, at, actor, requestId: meta.requestId, ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}) };
  const audit = auditEvent({ ...base, eventId: deps.ids.uuid(), action: 'report.accepted', detail: { version: accepted.version, chair, viaEmailedLink: true } });
  let completes;
  if (chair === 'board-chair') {
    const review = { ...caseRecord.review, completedAt: at };
    const outcome = completionOutcome(review, at, deps.board.procedureProfile.reviewCompletionCalendarMonths);
    completes = {
      previous: caseRecord,
      next: { ...caseRecord, version: caseRecord.version + 1, review },
      audit: auditEvent({
        ...base,
        eventId: deps.ids.uuid(),
        action: 'review.completed',
        detail: { reportVersion: accepted.version, outcome: outcome.kind, ...(outcome.kind === 'late' ? { daysLate: outcome.daysLate } : {}) },
      }),
    };
  }
  const recorded = await deps.reports.accept({ reference: caseRecord.reference, version: accepted, awaiting: chair, tokenHash: link.tokenHash, audit, ...(completes ? { completes } : {}) });
  if (!recorded) throw new ConflictError('The report or the case changed while you accepted, or your acceptance was already recorded. Open the link again to check.');
  if (chair === 'sub-committee-chair' && deps.notifyReport) {
    // The Board chair's email; the review's check step sends it if this fails now.
    try {
      await deps.notifyReport(caseRecord.reference);
    } catch {
      /* retried by the check step's sweep */
    }
  }
  return { reference: caseRecord.reference, status: chair === 'board-chair' ? 'review-complete' : caseRecord.status };
}
