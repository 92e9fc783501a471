import type * as z from 'zod';
import type { BoardConfig } from '../../config/board.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, StaffUser, UserDirectory } from '../../ports/identity.js';
import type { FieldError } from '../../schemas/errors.js';
import { toFieldErrors } from '../../schemas/errors.js';
import {
  extensionRequestSchema,
  extensionSchema,
  extensionApprovers,
  jointFinalDecisionSchema,
  jointReviewStartSchema,
  mandateSchema,
  nbuConfirmationSchema,
  ofstedFormSchema,
  panelMemberSchema,
  proceedingSchema,
  publicationHoldSchema,
  earlyLessonSchema,
  recordsRequestSchema,
  recordsSecuredSchema,
  resendSchema,
  statutoryRecipients,
} from '../../schemas/review.js';
import { mayOnCase, type CaseAction } from '../access/access.js';
import { requireRole } from '../case/case-views.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { formatLondonDay, londonDate } from '../calendar/london.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { workingDaysDeadline } from '../calendar/deadlines.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { agreedDateDeadline, jointState, panelBlockers, statutoryAddress, type ReviewRecord } from './review.js';
import type { Role } from '../access/roles.js';
import type { RequestMeta } from '../decision/stage-actions.js';

/**
 * What people record during a review. Each use case: check the caller may
 * (a case you are not on is 404, a role that may not is 403), validate with
 * the shared schema, work out the next version of the case, and write it
 * with its audit event only if nobody changed the case meanwhile. What must
 * follow (emails, the workflow's new timetable) follows from the table's
 * stream, so a request that dies after writing still leads to it.
 */
export interface ReviewDeps {
  store: CaseStore;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
}

interface Loaded {
  caseRecord: CaseRecord & { review: ReviewRecord };
  role: Role;
}

const actorOf = (caller: Caller, role: Role): AuditEvent['actor'] => ({ kind: 'user', userId: caller.userId, email: caller.email, role });

async function load(deps: ReviewDeps, reference: string, caller: Caller, action: CaseAction, meta: RequestMeta): Promise<Loaded> {
  // Not on the case: 404 and a security event, as for every case read.
  const { caseRecord, role } = await requireRole(deps, reference, caller, 'case.read', meta);
  if (!mayOnCase(role, action)) {
    throw new ForbiddenError(
      action === 'review.confirmNbu'
        ? 'Only the chair of the Strategic and Serious Case Review sub-committee confirms that the National Business Unit was notified (paragraph 6.2).'
        : 'Only the business manager can record this. Ask them to do it.',
    );
  }
  if (caseRecord.status !== 'review-decided' || !caseRecord.review) {
    throw new ConflictError('This case is not a serious case review in progress, so there is nothing to record here.');
  }
  return { caseRecord: caseRecord as Loaded['caseRecord'], role };
}

function parse<S extends z.ZodType>(schema: S, body: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), message);
  return parsed.data;
}

function notInFuture(deps: ReviewDeps, iso: string, name: string, label: string): void {
  if (iso > londonDate(deps.clock.now())) {
    throw new ValidationError([{ name, href: `#${name}`, text: `${label} must be today or in the past` }], 'There is a problem');
  }
}

/** Writes the next version of the case with its audit event; a concurrent change is a clear 409. */
async function save(
  deps: ReviewDeps,
  loaded: Loaded,
  review: ReviewRecord,
  caller: Caller,
  meta: RequestMeta,
  action: AuditEvent['action'],
  detail?: AuditEvent['detail'],
  spansItems = false,
): Promise<CaseRecord> {
  const { caseRecord, role } = loaded;
  const next: CaseRecord = { ...caseRecord, review };
  const audit: AuditEvent = {
    eventId: deps.ids.uuid(),
    reference: caseRecord.reference,
    at: deps.clock.now().toISOString(),
    action,
    actor: actorOf(caller, role),
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  };
  const ok = await deps.store.updateCase({ previous: caseRecord, next, audit, spansItems });
  if (!ok) throw new ConflictError('Someone else changed this case at the same moment. Nothing was changed: check the case and try again.');
  return next;
}

/** "4 May 2027", as the pages show dates. */
const dayMonthYear = (isoDate: string) => formatLondonDay(isoDate).replace(/^[A-Za-z]+ /, '');

/**
 * How many of each list a review holds: far above any real review. Each entry
 * is its own item, so no limit here is about DynamoDB's item size (each
 * entry's size is bounded by its schema's text limits, and the full-limits
 * test measures the largest item); they bound what one case read loads, and
 * stop a runaway script. An append checks the count it read without locking
 * the case, so two appends at the same moment can pass the limit by one.
 */
export const REVIEW_LIMITS = { panel: 40, records: 60, extensionRequests: 20, extensions: 20, proceedings: 30, earlyLessons: 50 } as const;

function withinLimit(count: number, limit: number, name: string, what: string): void {
  if (count >= limit) {
    throw new ValidationError([{ name, href: `#${name}`, text: `A review can hold up to ${limit} ${what}. Contact the service team if you need more` }], 'There is a problem');
  }
}

const shortId = (ids: Ids) => ids.uuid().replace(/-/g, '').slice(0, 12);

// ------------------------------------------------------------------ 6.1-6.4

export async function recordOfstedForm(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const form = parse(ofstedFormSchema, body, 'There is a problem with the notification form');
  notInFuture(deps, form.notifiedOn, 'notifiedOn', 'Date of notification');
  if (form.childDateOfBirth) notInFuture(deps, form.childDateOfBirth, 'childDateOfBirth', 'Date of birth');
  const at = deps.clock.now().toISOString();
  await save(deps, loaded, { ...loaded.caseRecord.review, ofstedForm: form, ofstedFormUpdatedAt: at, ofstedFormUpdatedBy: caller.email }, caller, meta, 'review.ofsted-form-recorded');
  return { updatedAt: at };
}

export async function confirmNbuNotified(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.confirmNbu', meta);
  const input = parse(nbuConfirmationSchema, body, 'There is a problem with the confirmation');
  notInFuture(deps, input.notifiedOn, 'notifiedOn', 'Date the National Business Unit was notified');
  const review = loaded.caseRecord.review;
  if (review.nbuConfirmation.confirmedAt) throw new ConflictError('It has already been confirmed that the National Business Unit was notified. Nothing was changed.');
  const at = deps.clock.now().toISOString();
  await save(
    deps,
    loaded,
    { ...review, nbuConfirmation: { ...review.nbuConfirmation, notifiedOn: input.notifiedOn, confirmedAt: at, confirmedBy: caller.email } },
    caller,
    meta,
    'review.nbu-confirmed',
    { notifiedOn: input.notifiedOn, onTime: at <= review.nbuConfirmation.deadline.dueAt },
  );
  return { confirmedAt: at };
}

/**
 * Sends a statutory notification again (the business manager, after a
 * failure). The next attempt is a new email with its own delivery record;
 * the earlier ones stay on the case.
 */
export async function resendStatutory(
  deps: ReviewDeps,
  reference: string,
  body: unknown,
  caller: Caller,
  meta: RequestMeta,
  latestState: (recipientRole: string) => Promise<'pending' | 'delivered' | 'failed' | 'not-sent'>,
) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const { recipient } = parse(resendSchema, body, 'There is a problem');
  const review = loaded.caseRecord.review;
  const attempt = review.statutoryAttempts[recipient];
  const state = await latestState(`${recipient}#${attempt}`);
  if (state === 'delivered' || state === 'pending') {
    const label = statutoryRecipients.find((s) => s.value === recipient)?.label ?? recipient;
    throw new ConflictError(
      state === 'delivered'
        ? `The notification to ${label} was delivered, so it was not sent again.`
        : `The notification to ${label} is still on its way. Wait for it to be delivered or to fail before sending it again.`,
    );
  }
  await save(
    deps,
    loaded,
    { ...review, statutoryAttempts: { ...review.statutoryAttempts, [recipient]: attempt + 1 } },
    caller,
    meta,
    'review.notification-resend',
    { recipient, attempt: attempt + 1, to: statutoryAddress(deps.board, recipient).email },
  );
  return { recipient, attempt: attempt + 1 };
}

// ------------------------------------------------------------------ panel (4.3-4.6)

export async function addPanelMember(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.panel', meta);
  const input = parse(panelMemberSchema, body, 'There is a problem with the panel member');
  const review = loaded.caseRecord.review;
  withinLimit(review.panel.length, REVIEW_LIMITS.panel, 'name', 'panel members');
  if (review.panel.some((m) => m.email.toLowerCase() === input.email.toLowerCase())) {
    throw new ValidationError([{ name: 'email', href: '#email', text: 'This person is already on the review panel' }], 'There is a problem with the panel member');
  }
  const id = shortId(deps.ids);
  const at = deps.clock.now().toISOString();
  // Spans items: the address must be new on the panel, and the panel must not change under a start.
  await save(
    deps,
    loaded,
    { ...review, panel: [...review.panel, { ...input, id, addedAt: at, addedBy: caller.email }] },
    caller,
    meta,
    'review.panel-member-added',
    { memberId: id, agency: input.agency, coOpted: input.coOpted },
    true,
  );
  return { id };
}

export async function confirmMandate(deps: ReviewDeps, reference: string, memberId: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const review = loaded.caseRecord.review;
  const member = review.panel.find((m) => m.id === memberId);
  if (!member) throw new NotFoundError('There is no such member of the review panel.');
  const input = parse(mandateSchema, body, 'There is a problem with the confirmation');
  notInFuture(deps, input.confirmedOn, 'confirmedOn', 'Date confirmed');
  const at = deps.clock.now().toISOString();
  await save(
    deps,
    loaded,
    { ...review, panel: review.panel.map((m) => (m.id === memberId ? { ...m, mandate: { ...input, recordedBy: caller.email, recordedAt: at } } : m)) },
    caller,
    meta,
    'review.mandate-confirmed',
    // Only this member's item: confirming one mandate never conflicts with another.
    { memberId },
  );
  return { id: memberId };
}

/** Starts the review: only with the panel 4.3 requires and each mandate confirmed (4.6). */
export async function startReview(deps: ReviewDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const review = loaded.caseRecord.review;
  if (review.startedAt) throw new ConflictError('The review has already started. Nothing was changed.');
  const blockers = panelBlockers(review);
  if (blockers.length) {
    await deps.store.appendAudit({
      eventId: deps.ids.uuid(),
      reference,
      at: deps.clock.now().toISOString(),
      action: 'review.start-refused',
      actor: actorOf(caller, loaded.role),
      requestId: meta.requestId,
      ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      detail: { blockers: blockers.length },
    });
    throw new ValidationError(
      blockers.map((text) => ({ name: 'panel', href: '#panel', text })),
      'The review cannot start yet',
    );
  }
  const at = deps.clock.now().toISOString();
  await save(deps, loaded, { ...review, startedAt: at, startedBy: caller.email }, caller, meta, 'review.started', { panelMembers: review.panel.length });
  return { startedAt: at };
}

// ------------------------------------------------------------------ records (8.3, 10.3)

/** Where the business manager invites staff accounts (the web app's Users page). */
export const USERS_PAGE_PATH = '/admin/users';

/**
 * Why a request cannot go to `email` (issue 13: anyone the service asks to
 * act must be able to sign in and do it), or undefined when it can: the
 * address has an enabled staff account. Pure: the accounts are passed in.
 * The request is refused rather than the person invited on the spot, so the
 * review's function never holds the user pool's admin rights.
 */
export function contributorAccountProblem(email: string, accounts: readonly Pick<StaffUser, 'email' | 'enabled'>[], field = 'contactEmail'): FieldError | undefined {
  const wanted = email.trim().toLowerCase();
  const account = accounts.find((u) => u.email.trim().toLowerCase() === wanted);
  const at = { name: field, href: `#${field}` };
  if (!account) return { ...at, text: `Invite ${email.trim()} as an agency contributor on the Users page first, then ask again` };
  if (!account.enabled) return { ...at, text: `The account for ${email.trim()} is disabled. Enable it on the Users page first, then ask again` };
  return undefined;
}

export async function requestRecords(
  deps: ReviewDeps & { users: Pick<UserDirectory, 'list'> },
  reference: string,
  body: unknown,
  caller: Caller,
  meta: RequestMeta,
) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(recordsRequestSchema, body, 'There is a problem with the request');
  const review = loaded.caseRecord.review;
  withinLimit(review.records.length, REVIEW_LIMITS.records, 'agency', 'records requests');
  if (review.records.some((r) => r.agency.toLowerCase() === input.agency.toLowerCase() && !r.recordedAt)) {
    throw new ValidationError([{ name: 'agency', href: '#agency', text: 'This agency has already been asked to secure its records' }], 'There is a problem with the request');
  }
  // The senior manager confirms from a link that asks them to sign in: they need an account to do it.
  const noAccount = contributorAccountProblem(input.contactEmail, await deps.users.list());
  if (noAccount) throw new ValidationError([noAccount], 'There is a problem with the request');
  const now = deps.clock.now();
  const id = shortId(deps.ids);
  const p = deps.board.procedureProfile;
  await save(
    deps,
    loaded,
    {
      ...review,
      records: [
        ...review.records,
        {
          id,
          ...input,
          requestedAt: now.toISOString(),
          requestedBy: caller.email,
          deadline: workingDaysDeadline(now, p.recordsSecuredWorkingDays, deps.calendar, `Procedure profile ${p.id}: secure records (paras 8.3, 10.3)`),
        },
      ],
    },
    caller,
    meta,
    'review.records-requested',
    { recordsId: id },
    // Spans items: one open request per agency.
    true,
  );
  return { id };
}

export async function recordRecordsSecured(deps: ReviewDeps, reference: string, recordsId: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const review = loaded.caseRecord.review;
  const rec = review.records.find((r) => r.id === recordsId);
  if (!rec) throw new NotFoundError('There is no such records request.');
  if (rec.recordedAt) throw new ConflictError(`${rec.agency}'s records are already recorded as secured. Nothing was changed.`);
  const input = parse(recordsSecuredSchema, body, 'There is a problem');
  notInFuture(deps, input.securedOn, 'securedOn', 'Date secured');
  const at = deps.clock.now().toISOString();
  await save(
    deps,
    loaded,
    { ...review, records: review.records.map((r) => (r.id === recordsId ? { ...r, ...input, recordedAt: at, recordedBy: caller.email } : r)) },
    caller,
    meta,
    'review.records-secured',
    { recordsId, securedOn: input.securedOn, onTime: at <= rec.deadline.dueAt },
  );
  return { id: recordsId };
}

// ------------------------------------------------------------------ joint review (3.4, 3.5)

export async function askOtherBoards(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(jointReviewStartSchema, body, 'There is a problem with the joint review');
  const review = loaded.caseRecord.review;
  if (review.joint) throw new ConflictError('The other Boards have already been asked. Nothing was changed.');
  const unknown = input.boards.filter((b) => !deps.board.otherBoardChairs.some((o) => o.board === b));
  if (unknown.length) {
    throw new ValidationError(
      [{ name: 'boards', href: '#boards', text: `Select Boards from the list. Ask the business manager to add ${unknown.join(', ')} to the Board configuration first` }],
      'There is a problem with the joint review',
    );
  }
  const now = deps.clock.now();
  const p = deps.board.procedureProfile;
  await save(
    deps,
    loaded,
    {
      ...review,
      joint: {
        proposal: input.proposal,
        askedAt: now.toISOString(),
        askedBy: caller.email,
        deadline: workingDaysDeadline(now, p.jointReviewAnswerWorkingDays, deps.calendar, `Procedure profile ${p.id}: other Boards answer on a joint review (para 3.4)`),
        boards: input.boards.map((b) => {
          const chair = deps.board.otherBoardChairs.find((o) => o.board === b)!;
          return { board: b, chairName: chair.name, chairEmail: chair.email };
        }),
      },
    },
    caller,
    meta,
    'review.joint-asked',
    { boards: input.boards.length, proposal: input.proposal },
  );
  return { boards: input.boards.length };
}

export async function recordJointFinalDecision(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const review = loaded.caseRecord.review;
  if (!review.joint) throw new ConflictError('No other Board has been asked about a joint review, so there is no final decision to record.');
  const { state } = jointState(review.joint, deps.clock.now());
  if (state === 'decided') throw new ConflictError('The final decision on the joint review is already recorded. Nothing was changed.');
  if (state !== 'referred') {
    throw new ConflictError(
      state === 'agreed'
        ? 'The Board chairs agreed, so there is no final decision to record (paragraph 3.5).'
        : 'The other Boards can still answer. A final decision is recorded only when the chairs disagree or the deadline passes (paragraph 3.5).',
    );
  }
  const input = parse(jointFinalDecisionSchema, body, 'There is a problem with the final decision');
  notInFuture(deps, input.decidedOn, 'decidedOn', 'Date decided');
  const at = deps.clock.now().toISOString();
  await save(deps, loaded, { ...review, joint: { ...review.joint, finalDecision: { ...input, recordedBy: caller.email, recordedAt: at } } }, caller, meta, 'review.joint-final-decision', {
    outcome: input.outcome,
    decidedBy: input.decidedBy,
  });
  return { recordedAt: at };
}

// ------------------------------------------------------------------ timescale (8.4, 8.5)

export async function requestExtension(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(extensionRequestSchema, body, 'There is a problem with the request');
  const review = loaded.caseRecord.review;
  withinLimit(review.extensionRequests.length, REVIEW_LIMITS.extensionRequests, 'approachedRole', 'requests for a new timescale');
  if (input.proposedDate && input.proposedDate <= review.completion.dueDate) {
    throw new ValidationError(
      [{ name: 'proposedDate', href: '#proposedDate', text: `Proposed completion date must be after the current completion date, ${dayMonthYear(review.completion.dueDate)}` }],
      'There is a problem with the request',
    );
  }
  const at = deps.clock.now().toISOString();
  await save(deps, loaded, { ...review, extensionRequests: [...review.extensionRequests, { ...input, requestedAt: at, requestedBy: caller.email }] }, caller, meta, 'review.extension-requested', {
    approachedRole: input.approachedRole,
  });
  return { requestedAt: at };
}

/** 8.5: an agreed extension moves the completion deadline; its reminders and escalations follow the new date. */
export async function recordExtension(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(extensionSchema, body, 'There is a problem with the extension');
  const review = loaded.caseRecord.review;
  notInFuture(deps, input.agreedOn, 'agreedOn', 'Date agreed');
  withinLimit(review.extensions.length, REVIEW_LIMITS.extensions, 'agreedByRole', 'extensions');
  if (input.newDueDate <= review.completion.dueDate) {
    throw new ValidationError(
      [{ name: 'newDueDate', href: '#newDueDate', text: `New completion date must be after the current completion date, ${dayMonthYear(review.completion.dueDate)}` }],
      'There is a problem with the extension',
    );
  }
  const now = deps.clock.now();
  const who = extensionApprovers.find((a) => a.value === input.agreedByRole)?.label ?? input.agreedByRole;
  const completion = agreedDateDeadline(
    input.newDueDate,
    now,
    `New completion date agreed on ${input.agreedOn} by ${who.replace(/ \(paragraph [0-9.]+\)$/, '')} (extension ${review.extensions.length + 1})`,
    'Procedure paras 8.4, 8.5: a timescale agreed with Ofsted or the Children’s Services Adviser',
  );
  await save(
    deps,
    loaded,
    {
      ...review,
      completion,
      completionSetAt: now.toISOString(),
      extensions: [...review.extensions, { ...input, previousDueDate: review.completion.dueDate, recordedBy: caller.email, recordedAt: now.toISOString() }],
    },
    caller,
    meta,
    'review.extension-agreed',
    { agreedByRole: input.agreedByRole, agreedOn: input.agreedOn, previousDueDate: review.completion.dueDate, newDueDate: input.newDueDate },
  );
  return { dueDate: completion.dueDate };
}

// ------------------------------------------------------------------ proceedings and publication (7.1, 8.6-8.8)

export async function recordProceedings(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(proceedingSchema, body, 'There is a problem with the proceedings');
  if (input.startedOn) notInFuture(deps, input.startedOn, 'startedOn', 'Date they started');
  const review = loaded.caseRecord.review;
  withinLimit(review.proceedings.length, REVIEW_LIMITS.proceedings, 'kind', 'parallel proceedings');
  const id = shortId(deps.ids);
  const at = deps.clock.now().toISOString();
  // 8.7: proceedings do not move the completion date; only an agreed extension does.
  await save(deps, loaded, { ...review, proceedings: [...review.proceedings, { ...input, id, recordedBy: caller.email, recordedAt: at }] }, caller, meta, 'review.proceedings-recorded', {
    kind: input.kind,
  });
  return { id };
}

export async function setPublicationHold(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(publicationHoldSchema, body, 'There is a problem with the publication hold');
  const review = loaded.caseRecord.review;
  const at = deps.clock.now().toISOString();
  if (input.hold) {
    if (review.publicationHold) throw new ConflictError('Publication is already on hold. Nothing was changed.');
    await save(deps, loaded, { ...review, publicationHold: { reason: input.reason, setBy: caller.email, setAt: at } }, caller, meta, 'review.publication-hold-set');
  } else {
    if (!review.publicationHold) throw new ConflictError('Publication is not on hold. Nothing was changed.');
    const { publicationHold: _lifted, ...rest } = review;
    await save(deps, loaded, rest, caller, meta, 'review.publication-hold-lifted');
  }
  return { hold: input.hold };
}

/** 8.1, 8.8: early lessons are recorded and acted on, publication hold or not. */
export async function recordEarlyLesson(deps: ReviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, 'review.manage', meta);
  const input = parse(earlyLessonSchema, body, 'There is a problem with the lesson');
  const review = loaded.caseRecord.review;
  const lessons = review.earlyLessons ?? [];
  withinLimit(lessons.length, REVIEW_LIMITS.earlyLessons, 'lesson', 'early lessons');
  const id = shortId(deps.ids);
  const at = deps.clock.now().toISOString();
  await save(deps, loaded, { ...review, earlyLessons: [...lessons, { ...input, id, recordedBy: caller.email, recordedAt: at }] }, caller, meta, 'review.early-lesson-recorded', {
    lessonId: id,
    duringPublicationHold: review.publicationHold !== undefined,
  });
  return { id };
}
