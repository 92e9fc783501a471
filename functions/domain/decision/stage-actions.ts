import type { BoardConfig } from '../../config/board.js';
import type { ActionLinks, CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import { hashSecret, type Ids } from '../../ports/ids.js';
import type { Caller } from '../../ports/identity.js';
import { toFieldErrors } from '../../schemas/errors.js';
import type { ActionLink, AuditEvent, CaseRecord } from '../case/case.js';
import { linkExpired } from '../access/action-links.js';
import { formatLondonDay } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { calendarMonthsDeadline, describeDue } from '../calendar/deadlines.js';
import {
  decisionSchema,
  departureOf,
  recommendationDeparture,
  missingDepartureReason,
  recommendationSchema,
  reviewLabel,
  reviewOptions,
  type ReviewOption,
} from './decision.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { outcomeLabels } from '../intake/criteria.js';
import { jointAnswerSchema, jointReviewOptions, recordsSecuredSchema } from '../../schemas/review.js';
import { londonDate } from '../calendar/london.js';
import { jointState, openReview } from '../review/review.js';
import { actOnContributionLink, describeContributionLink, type ContributionLinkDeps } from '../contributions/contribution-links.js';
import type { ReportStore } from '../../ports/report-store.js';
import { acceptReportFromLink, describeReportAcceptance } from '../report/report-acceptance.js';

/**
 * Acting from an emailed link (4.1, 4.2, 8.2). Opening the link, a HEAD, or
 * a scanner rendering the page changes nothing: `describeAction` only reads.
 * The action is a POST by the signed-in person the link was made for; the
 * case moves on and the link is used in one transaction, so a double click
 * or two people racing give one outcome and a clear "already done".
 */
export interface StageDeps {
  store: CaseStore & ActionLinks;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
  /** A contribution's links (10.1, 10.2, 10.6): its store, the staff accounts and what it owes after a change. */
  contributions?: ContributionLinkDeps['contributions'];
  users?: ContributionLinkDeps['users'];
  notifyContribution?: ContributionLinkDeps['notify'];
  /** The overview report, for the chairs' acceptance links (11.3): required by those links, which fail loudly without it. */
  reports?: ReportStore;
  /** Sends what the report owes next (the Board chair's email once the sub-committee chair accepted). */
  notifyReport?: (reference: string) => Promise<void>;
}

/** The contribution links' dependencies, or a clear failure when the handler gave none. */
function contributionDeps(deps: StageDeps): ContributionLinkDeps {
  if (!deps.contributions) throw new Error('A contribution link needs the contribution store');
  return {
    contributions: deps.contributions,
    clock: deps.clock,
    ids: deps.ids,
    board: deps.board,
    ...(deps.users ? { users: deps.users } : {}),
    ...(deps.notifyContribution ? { notify: deps.notifyContribution } : {}),
  };
}

/** The report's store, which a report-accept link needs. */
function reportDeps(deps: StageDeps) {
  if (!deps.reports) throw new Error('The report store is not configured for action links');
  return { reports: deps.reports, clock: deps.clock, ids: deps.ids, board: deps.board, ...(deps.notifyReport ? { notifyReport: deps.notifyReport } : {}) };
}

export interface RequestMeta {
  requestId: string;
  sourceIp?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{40,64}$/;
const statusFor: Record<ActionLink['action'], CaseRecord['status']> = {
  recommend: 'awaiting-recommendation',
  decide: 'awaiting-decision',
  'joint-answer': 'review-decided',
  'records-secured': 'review-decided',
  'name-author': 'review-decided',
  'declare-independence': 'review-decided',
  'accept-findings': 'review-decided',
  'report-accept': 'review-decided',
};

async function loadLink(deps: StageDeps, token: string) {
  if (!TOKEN.test(token)) throw new NotFoundError('This link is not valid. Check you copied all of it from the email.');
  const link = await deps.store.getLink(await hashSecret(token));
  if (!link) throw new NotFoundError('This link is not valid. Check you copied all of it from the email.');
  const caseRecord = await deps.store.getCase(link.reference);
  if (!caseRecord) throw new NotFoundError('This link is not valid.');
  return { link, caseRecord };
}

async function refuse(deps: StageDeps, link: ActionLink, caller: Caller, meta: RequestMeta, why: string): Promise<never> {
  await deps.store.appendAudit({
    eventId: deps.ids.uuid(),
    reference: link.reference,
    at: deps.clock.now().toISOString(),
    action: 'action-link.refused',
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: caller.roles.join(',') },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    detail: { linkAction: link.action, why },
  });
  throw new ForbiddenError(
    'This link was sent to someone else. Sign in as the person it was emailed to, or ask the business manager for help.',
  );
}

export type LinkState = 'open' | 'used' | 'expired';

/** What a link asks, for the page it opens. Reads only (audited as a view). */
export async function describeAction(deps: StageDeps, token: string, caller: Caller, meta: RequestMeta) {
  const { link, caseRecord } = await loadLink(deps, token);
  if (caller.email.toLowerCase() !== link.intendedEmail) await refuse(deps, link, caller, meta, 'not the intended person');
  // Counted, not one row per GET: reloading the page (or a HEAD) adds to this minute's item.
  await deps.store.countCaseView({
    eventId: deps.ids.uuid(),
    reference: link.reference,
    at: deps.clock.now().toISOString(),
    action: 'action-link.viewed',
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: caller.roles.join(',') },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    detail: { linkAction: link.action },
  });
  if (link.contributionId) return describeContributionLink(contributionDeps(deps), link, caseRecord);
  // Past its absolute expiry (actionLinkExpiryDays), a link acts on nothing, and the page says when it expired.
  const now = deps.clock.now();
  if (link.action === 'report-accept') {
    const base = await describeReportAcceptance(reportDeps(deps), link, caseRecord);
    if (linkExpired(link, now) && !link.usedAt) return { ...base, state: 'expired' as LinkState, expiredOn: formatLondonDay(londonDate(new Date(link.expiresAt as string))) };
    return base;
  }
  if (linkExpired(link, now) && !link.usedAt) {
    const base =
      link.action === 'joint-answer'
        ? describeJointAnswer(deps, link, caseRecord)
        : link.action === 'records-secured'
          ? describeRecordsSecured(link, caseRecord)
          : describeDecisionAction(link, caseRecord);
    return { ...base, state: 'expired' as LinkState, expiredOn: formatLondonDay(londonDate(new Date(link.expiresAt as string))) };
  }
  if (link.action === 'joint-answer') return describeJointAnswer(deps, link, caseRecord);
  if (link.action === 'records-secured') return describeRecordsSecured(link, caseRecord);
  return describeDecisionAction(link, caseRecord);
}

function describeDecisionAction(link: ActionLink, caseRecord: CaseRecord) {
  const state: LinkState = link.usedAt ? 'used' : caseRecord.status !== link.forStatus ? 'expired' : 'open';
  return {
    reference: caseRecord.reference,
    // Only recommend and decide links reach here (the others are described above).
    action: link.action as 'recommend' | 'decide',
    state,
    dueBy: describeDue(link.action === 'recommend' ? caseRecord.deadlines.recommendation : caseRecord.deadlines.decision),
    criteria: {
      outcome: caseRecord.criteria.outcome,
      outcomeLabel: outcomeLabels[caseRecord.criteria.outcome],
      reasons: caseRecord.criteria.reasons,
      suggestions: caseRecord.criteria.suggestions,
    },
    recommendation: caseRecord.recommendation
      ? { outcome: caseRecord.recommendation.outcome, label: reviewLabel(caseRecord.recommendation.outcome), rationale: caseRecord.recommendation.rationale, criteriaApplied: caseRecord.recommendation.criteriaApplied }
      : undefined,
    options: reviewOptions.map((o) => ({ value: o.value, label: o.label, paragraph: o.paragraph })),
  };
}

const statusOfDecision: Record<ReviewOption, CaseRecord['status']> = {
  'serious-case-review': 'review-decided',
  'individual-management-review': 'imr-only',
  'partnership-review': 'partnership-review',
  'no-review': 'no-review',
};

/** Records the recommendation or decision the link asks for. */
export async function act(deps: StageDeps, token: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { link, caseRecord } = await loadLink(deps, token);
  if (caller.email.toLowerCase() !== link.intendedEmail) await refuse(deps, link, caller, meta, 'not the intended person');
  const alreadyDone = () =>
    new ConflictError(
      link.action === 'recommend'
        ? 'The recommendation for this referral has already been recorded. Nothing was changed.'
        : 'The decision on this referral has already been recorded. Nothing was changed.',
    );
  if (!link.usedAt && linkExpired(link, deps.clock.now())) {
    throw new ConflictError(
      `This link expired on ${formatLondonDay(londonDate(new Date(link.expiresAt as string)))}. Nothing was changed. A reminder email brings a new link, or ask the Board’s business manager.`,
    );
  }
  if (link.contributionId) return actOnContributionLink(contributionDeps(deps), link, caseRecord, body, caller, meta);
  if (link.action === 'joint-answer') return answerJointReview(deps, link, caseRecord, body, caller, meta);
  if (link.action === 'records-secured') return confirmRecordsSecured(deps, link, caseRecord, body, caller, meta);
  if (link.action === 'report-accept') return acceptReportFromLink(reportDeps(deps), link, caseRecord, body, caller, meta);
  if (link.usedAt || caseRecord.status !== statusFor[link.action]) throw alreadyDone();

  const now = deps.clock.now();
  const at = now.toISOString();
  let next: CaseRecord;
  let audit: AuditEvent;
  const actor: AuditEvent['actor'] = {
    kind: 'user',
    userId: caller.userId,
    email: caller.email,
    role: link.action === 'recommend' ? 'sub-committee-chair' : 'board-chair',
  };
  if (link.action === 'recommend') {
    const parsed = recommendationSchema.safeParse(body);
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the recommendation');
    // 1.3: recommending against a review the criteria make mandatory needs a stated reason, as the decision does.
    const departs = recommendationDeparture(parsed.data.recommendation, caseRecord.criteria.outcome);
    const missing = missingDepartureReason(parsed.data, departs);
    if (missing) throw new ValidationError([{ name: 'departureReason', href: '#departureReason', text: missing }], 'There is a problem with the recommendation');
    next = {
      ...caseRecord,
      status: 'awaiting-decision',
      version: caseRecord.version + 1,
      recommendation: {
        outcome: parsed.data.recommendation,
        rationale: parsed.data.rationale,
        criteriaApplied: parsed.data.criteriaApplied,
        ...(departs.fromMandatoryCriteria ? { departsFromGuidance: true, departureReason: parsed.data.departureReason ?? '' } : {}),
        byUserId: caller.userId,
        byEmail: caller.email,
        at,
      },
    };
    audit = {
      eventId: deps.ids.uuid(),
      reference: caseRecord.reference,
      at,
      action: 'recommendation.recorded',
      actor,
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      detail: { recommendation: parsed.data.recommendation, criteriaApplied: parsed.data.criteriaApplied.join(' '), departsFromGuidance: departs.fromMandatoryCriteria },
    };
  } else {
    const parsed = decisionSchema.safeParse(body);
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the decision');
    const recommended = caseRecord.recommendation?.outcome ?? 'serious-case-review';
    const departsFrom = departureOf(parsed.data.decision, recommended, caseRecord.criteria.outcome);
    const missing = missingDepartureReason(parsed.data, departsFrom);
    if (missing) throw new ValidationError([{ name: 'departureReason', href: '#departureReason', text: missing }], 'There is a problem with the decision');
    const findings = parsed.data.decision === 'individual-management-review' || parsed.data.decision === 'partnership-review';
    next = {
      ...caseRecord,
      status: statusOfDecision[parsed.data.decision],
      version: caseRecord.version + 1,
      // 8.4: the review's four months, and each duty it sets off, run from this decision.
      ...(parsed.data.decision === 'serious-case-review' ? { review: openReview(now, deps.board, deps.calendar) } : {}),
      decision: {
        outcome: parsed.data.decision,
        reasons: parsed.data.reasons,
        ...(parsed.data.departureReason ? { departureReason: parsed.data.departureReason } : {}),
        departsFrom,
        byUserId: caller.userId,
        byEmail: caller.email,
        at,
        ...(findings
          ? {
              shareFindingsBy: calendarMonthsDeadline(
                now,
                deps.board.procedureProfile.shareFindingsCalendarMonths,
                `Procedure profile ${deps.board.procedureProfile.id}: share findings with the sub-committee (paras 5.1, 5.2)`,
              ),
            }
          : {}),
      },
    };
    audit = {
      eventId: deps.ids.uuid(),
      reference: caseRecord.reference,
      at,
      action: 'decision.recorded',
      actor,
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      detail: {
        decision: parsed.data.decision,
        departsFromRecommendation: departsFrom.fromRecommendation,
        departsFromGuidance: departsFrom.fromMandatoryCriteria,
        onTime: at <= caseRecord.deadlines.decision.dueAt,
      },
    };
  }
  const recorded = await deps.store.recordStageAction({
    previous: caseRecord,
    caseRecord: next,
    expectedStatus: caseRecord.status,
    expectedVersion: caseRecord.version,
    tokenHash: link.tokenHash,
    audit,
  });
  if (!recorded) throw alreadyDone();
  // Who needs to know is told from the table's stream (the outbox), so a recorded
  // decision always leads to its emails even if this request dies now.
  return { reference: caseRecord.reference, status: next.status };
}

/** 3.4: what another Board's chair is asked, for the page their link opens. */
function describeJointAnswer(deps: StageDeps, link: ActionLink, caseRecord: CaseRecord) {
  const joint = caseRecord.review?.joint;
  const board = joint?.boards.find((b) => b.board === link.board);
  const state: LinkState =
    link.usedAt || board?.answer ? 'used' : caseRecord.status !== 'review-decided' || !joint || jointState(joint, deps.clock.now()).state !== 'asking' ? 'expired' : 'open';
  return {
    reference: caseRecord.reference,
    action: 'joint-answer' as const,
    state,
    dueBy: joint ? describeDue(joint.deadline) : '',
    board: link.board ?? '',
    proposal: joint?.proposal ?? 'single-board',
    proposalLabel: jointReviewOptions.find((o) => o.value === joint?.proposal)?.label ?? '',
    options: jointReviewOptions.map((o) => ({ value: o.value, label: o.label })),
  };
}

/** Records another Board chair's answer: once, while the question is open. */
async function answerJointReview(deps: StageDeps, link: ActionLink, caseRecord: CaseRecord, body: unknown, caller: Caller, meta: RequestMeta) {
  const joint = caseRecord.review?.joint;
  const board = joint?.boards.find((b) => b.board === link.board);
  if (link.usedAt || board?.answer) throw new ConflictError('Your answer on this joint review has already been recorded. Nothing was changed.');
  if (caseRecord.status !== 'review-decided' || !joint || !board || jointState(joint, deps.clock.now()).state !== 'asking') {
    throw new ConflictError('This question has closed: the deadline passed or another Board disagreed, so it was referred for a final decision (paragraph 3.5). Contact the business manager.');
  }
  const parsed = jointAnswerSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with your answer');
  const at = deps.clock.now().toISOString();
  const review = caseRecord.review!;
  const next: CaseRecord = {
    ...caseRecord,
    version: caseRecord.version + 1,
    review: {
      ...review,
      joint: {
        ...joint,
        boards: joint.boards.map((b) =>
          b.board === link.board ? { ...b, answer: parsed.data.answer, ...(parsed.data.comment ? { comment: parsed.data.comment } : {}), answeredAt: at } : b,
        ),
      },
    },
  };
  const recorded = await deps.store.recordStageAction({
    previous: caseRecord,
    caseRecord: next,
    expectedStatus: 'review-decided',
    expectedVersion: caseRecord.version,
    tokenHash: link.tokenHash,
    audit: {
      eventId: deps.ids.uuid(),
      reference: caseRecord.reference,
      at,
      action: 'review.joint-answered',
      actor: { kind: 'user', userId: caller.userId, email: caller.email, role: 'other-board-chair' },
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      detail: { board: link.board ?? '', answer: parsed.data.answer },
    },
  });
  if (!recorded) throw new ConflictError('The case changed while you answered, or your answer was already recorded. Open the link again to check.');
  return { reference: caseRecord.reference, status: next.status };
}

/** 8.3, 10.3: what an agency's senior manager is asked, for the page their link opens. */
function describeRecordsSecured(link: ActionLink, caseRecord: CaseRecord) {
  const rec = caseRecord.review?.records.find((r) => r.id === link.recordsId);
  const state: LinkState = link.usedAt || rec?.recordedAt ? 'used' : caseRecord.status !== 'review-decided' || !rec ? 'expired' : 'open';
  return {
    reference: caseRecord.reference,
    action: 'records-secured' as const,
    state,
    dueBy: rec ? describeDue(rec.deadline) : '',
    agency: rec?.agency ?? '',
  };
}

/** The agency's senior manager confirms their records are secured: once. */
async function confirmRecordsSecured(deps: StageDeps, link: ActionLink, caseRecord: CaseRecord, body: unknown, caller: Caller, meta: RequestMeta) {
  const rec = caseRecord.review?.records.find((r) => r.id === link.recordsId);
  if (link.usedAt || rec?.recordedAt) throw new ConflictError('These records are already recorded as secured. Nothing was changed.');
  if (caseRecord.status !== 'review-decided' || !rec) throw new ConflictError('This review is no longer in progress, so there is nothing to confirm. Contact the business manager.');
  const parsed = recordsSecuredSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with your confirmation');
  if (parsed.data.securedOn > londonDate(deps.clock.now())) {
    throw new ValidationError([{ name: 'securedOn', href: '#securedOn', text: 'Date secured must be today or in the past' }], 'There is a problem with your confirmation');
  }
  const at = deps.clock.now().toISOString();
  const review = caseRecord.review!;
  const next: CaseRecord = {
    ...caseRecord,
    version: caseRecord.version + 1,
    review: { ...review, records: review.records.map((r) => (r.id === rec.id ? { ...r, ...parsed.data, recordedAt: at, recordedBy: caller.email } : r)) },
  };
  const recorded = await deps.store.recordStageAction({
    previous: caseRecord,
    caseRecord: next,
    expectedStatus: 'review-decided',
    expectedVersion: caseRecord.version,
    tokenHash: link.tokenHash,
    audit: {
      eventId: deps.ids.uuid(),
      reference: caseRecord.reference,
      at,
      action: 'review.records-secured',
      actor: { kind: 'user', userId: caller.userId, email: caller.email, role: 'agency-senior-manager' },
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      detail: { recordsId: rec.id, securedOn: parsed.data.securedOn, onTime: at <= rec.deadline.dueAt, viaEmailedLink: true },
    },
  });
  if (!recorded) throw new ConflictError('The case changed while you confirmed, or it was already confirmed. Open the link again to check.');
  return { reference: caseRecord.reference, status: next.status };
}
