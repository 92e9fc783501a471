import type { BoardConfig } from '../../config/board.js';
import type { CaseStore, SessionCheck } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import { referralSchema, type Referral, type ReferralCreated } from '../../schemas/referral.js';
import { toFieldErrors } from '../../schemas/errors.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { evaluateCriteria } from './criteria.js';
import { calendarMonthsDeadline, workingDaysDeadline } from '../calendar/deadlines.js';
import { londonDate, londonYear } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { BadRequestError, ConflictError, SessionEndedError, ValidationError } from '../errors.js';

export interface IntakeDeps {
  store: CaseStore;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
}

export interface IntakeRequest {
  body: unknown;
  /** The referrer, signed in with the work email address they verified. */
  referrer: { userId: string; email: string };
  idempotencyKey: string | undefined;
  requestId: string;
  sourceIp?: string;
  /** The caller's session, checked in the same transaction as the case is written (no read before). */
  session?: SessionCheck;
}

export interface IntakeResult extends ReferralCreated {
  /** True when a new case was created (201), false for a replay of an earlier submission (200). */
  created: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{16,64}$/;

/** SHA-256 of a canonical JSON rendering, so the same answers in another key order hash the same. */
export async function hashPayload(value: unknown): Promise<string> {
  const canonical = JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Buffer.from(digest).toString('hex');
}

/** Builds the case record and the case's first audit event for a validated referral. */
export function buildCase(
  referral: Referral,
  reference: string,
  receivedAt: Date,
  deps: Pick<IntakeDeps, 'board' | 'calendar' | 'ids'>,
  request: Pick<IntakeRequest, 'requestId' | 'sourceIp'> & { referrer?: IntakeRequest['referrer'] },
): { caseRecord: CaseRecord; audit: AuditEvent } {
  const profile = deps.board.procedureProfile;
  const criteria = evaluateCriteria(referral, profile.severalCriteriaThreshold);
  const caseRecord: CaseRecord = {
    reference,
    status: 'awaiting-recommendation',
    receivedAt: receivedAt.toISOString(),
    referral,
    criteria,
    deadlines: {
      recommendation: workingDaysDeadline(
        receivedAt,
        profile.recommendationDueWorkingDays,
        deps.calendar,
        `Procedure profile ${profile.id}: recommendation due (paras 4.1, 4.2)`,
      ),
      decision: calendarMonthsDeadline(
        receivedAt,
        profile.decisionDueCalendarMonths,
        `Procedure profile ${profile.id}: Board chair's decision (para 8.2)`,
      ),
    },
    procedureProfileId: profile.id,
    ...(request.referrer ? { referrerUserId: request.referrer.userId } : {}),
    version: 1,
  };
  const audit: AuditEvent = {
    eventId: deps.ids.uuid(),
    reference,
    at: caseRecord.receivedAt,
    action: 'referral.submitted',
    actor: { kind: 'referrer', email: referral.referrer.email },
    requestId: request.requestId,
    ...(request.sourceIp ? { sourceIp: request.sourceIp } : {}),
    detail: { criteriaOutcome: criteria.outcome, procedureProfile: profile.id },
  };
  return { caseRecord, audit };
}

/**
 * Takes a referral to the Chair of the sub-committee (para 4.1).
 * 1. check the idempotency key  2. validate against the shared schema
 * 3. evaluate criteria and deadlines  4. store case + audit + key in one transaction.
 * The decision workflow starts from the table's stream (outbox), so a case
 * can never exist without its workflow and a retry never starts two.
 */
export async function submitReferral(deps: IntakeDeps, request: IntakeRequest): Promise<IntakeResult> {
  if (!request.idempotencyKey || !IDEMPOTENCY_KEY.test(request.idempotencyKey)) {
    throw new BadRequestError('Send an Idempotency-Key header of 16 to 64 letters, digits or hyphens (a UUID is ideal)');
  }
  const now = deps.clock.now();
  const parsed = referralSchema(londonDate(now)).safeParse(request.body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const referral = parsed.data;
  // The acknowledgement goes to the address on the referral: it must be the one the referrer proved they own.
  if (referral.referrer.email.toLowerCase() !== request.referrer.email.toLowerCase()) {
    throw new ValidationError([
      {
        name: 'referrer.email',
        href: '#referrer-email',
        text: 'Enter the work email address you confirmed with a code, or confirm this one',
      },
    ]);
  }

  const result = await deps.store.createCase({
    year: londonYear(now),
    idempotencyKey: request.idempotencyKey,
    payloadHash: await hashPayload(referral),
    ...(request.session ? { session: request.session } : {}),
    build: (reference) => buildCase(referral, reference, now, deps, request),
    members: (reference) => [
      {
        reference,
        userId: request.referrer.userId,
        email: request.referrer.email.toLowerCase(),
        role: 'referrer',
        addedAt: now.toISOString(),
        addedBy: request.referrer.userId,
      },
    ],
  });

  switch (result.kind) {
    case 'created':
      return { reference: result.caseRecord.reference, receivedAt: result.caseRecord.receivedAt, replayed: false, created: true };
    case 'replayed':
      return { reference: result.reference, receivedAt: result.receivedAt, replayed: true, created: false };
    case 'session-ended':
      throw new SessionEndedError();
    case 'key-reused':
      throw new ConflictError(
        'This submission reuses the key of an earlier, different referral. Start a new referral to send different answers.',
      );
  }
}
