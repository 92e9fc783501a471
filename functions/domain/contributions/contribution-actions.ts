import type * as z from 'zod';
import type { BoardConfig } from '../../config/board.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller } from '../../ports/identity.js';
import { toFieldErrors } from '../../schemas/errors.js';
import {
  commissionContributionSchema,
  contributionDueDateSchema,
  courtAgreementSchema,
  independenceSchema,
  nameAuthorSchema,
  returnContributionSchema,
  sessionHeldSchema,
  disciplinaryMatterSchema,
  type ContributionView,
  type DisciplinaryMatterView,
} from '../../schemas/contributions.js';
import { mayOnCase, roleOnCase } from '../access/access.js';
import { auditEvent } from '../audit/audit.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { requireRole } from '../case/case-views.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import {
  acceptContribution,
  accessOf,
  changeDueDate,
  commissionContribution,
  ContributionRuleError,
  declareIndependence,
  isIndependent,
  isOverdue,
  isPartyTo,
  mayHandleDisciplinary,
  DISCIPLINARY_LIMIT,
  type DisciplinaryMatter,
  kindLabel,
  mayDo,
  nameAuthor,
  recordCourtAgreement,
  recordDebrief,
  recordFollowUp,
  returnContribution,
  statusLabel,
  submitContribution,
  type Contribution,
  type ContributionAction,
  type Viewer,
} from './contributions.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { imrSubmitBlockers, type ImrSection } from './imr.js';
import { addChronologySchema, moveChronologySchema, updateChronologySchema, saveImrSectionSchema, type ImrSectionName } from '../../schemas/imr.js';
import { chronologyEntrySchema } from '../../schemas/chronology.js';
import { anyDate, editChronologyRow, mergeChronology, rowVersion, moveRow, reviewPeriodCheck, sortChronology, type ChronologyEntry, type DateCheck } from './chronology.js';
import { reviewPeriodOf, type ReviewPeriod } from '../review/terms-of-reference.js';
import type { TermsOfReferenceStore } from '../../ports/terms-of-reference-store.js';
import type { FieldError } from '../../schemas/errors.js';
import { REFERENCE_PATTERN } from '../intake/reference.js';
import type { ReviewRecord } from '../review/review.js';
import type { Role } from '../access/roles.js';
import type { RequestMeta } from '../decision/stage-actions.js';
import type { UserDirectory } from '../../ports/identity.js';
import { contributorAccountProblem } from '../review/review-actions.js';

/**
 * The use cases of contributions (paras 9.1-9.6, 10.1-10.2, 10.6, 10.11):
 * load the case and its contributions, work out what the caller may see and
 * do (contributions.ts), apply one rule and write the contribution with its
 * audit event in one transaction, conditional on the version read. Anyone
 * neither on the case nor named on one of its contributions gets the case's
 * 404 (and a counted security event), as for every case read.
 */
export interface ContributionDeps {
  store: CaseStore;
  contributions: ContributionStore;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  calendar: WorkingDayCalendar;
  /** The terms of reference: their agreed review period bounds the chronology's dates (7.1). */
  terms: Pick<TermsOfReferenceStore, 'getTermsOfReference'>;
  /**
   * Sends what the case's contributions now owe (contribution-emails.ts),
   * after a change is written. Best effort: the review's check step sends
   * anything still owed at its next wake-up (at least daily).
   */
  notify?: (reference: string, contribution: Contribution) => Promise<void>;
  /**
   * Staff accounts. The senior officer and the author act signed in (from
   * their emailed links, and on the Contributions page), so each must have an
   * enabled staff account before they are asked (as records requests, issue 13).
   */
  users?: Pick<UserDirectory, 'list'>;
}

/** Why `email` cannot be asked to act on a contribution (no enabled staff account), worded for who asks, or undefined. */
export async function contributionAccountProblem(deps: Pick<ContributionDeps, 'users'>, email: string, field: 'seniorOfficerEmail' | 'authorEmail', who: 'business-manager' | 'senior-officer') {
  if (!deps.users) return undefined;
  const problem = contributorAccountProblem(email, await deps.users.list(), field);
  if (!problem) return undefined;
  if (who === 'business-manager') return { ...problem, text: problem.text.replace('as an agency contributor', field === 'seniorOfficerEmail' ? 'as an agency senior officer' : 'as an agency contributor') };
  // A senior officer cannot invite anyone: the business manager does, on the Users page.
  const address = email.trim().toLowerCase();
  return {
    ...problem,
    text: problem.text.startsWith('Invite')
      ? `Ask the Board’s business manager to invite ${address}, then name them again`
      : `Ask the Board’s business manager to enable the account of ${address}, then name them again`,
  };
}

interface Loaded {
  caseRecord: CaseRecord & { review: ReviewRecord };
  role?: Role;
  viewer: Viewer;
  all: Contribution[];
}

async function load(deps: Pick<ContributionDeps, 'store' | 'contributions' | 'clock' | 'ids'>, reference: string, caller: Caller, meta: RequestMeta, onlyBusinessManager?: string): Promise<Loaded> {
  const caseRecord = REFERENCE_PATTERN.test(reference) ? await deps.store.getCase(reference) : undefined;
  const member = caseRecord && caller.pool === 'staff' ? await deps.store.getMember(reference, caller.userId) : undefined;
  const role = caseRecord ? roleOnCase(caller, member?.role) : undefined;
  const all = caseRecord?.review && caller.pool === 'staff' ? await deps.contributions.listContributions(reference) : [];
  const viewer: Viewer = {
    email: caller.email.toLowerCase(),
    ...(role ? { role } : {}),
    onPanel: (caseRecord?.review?.panel ?? []).some((p) => p.email.toLowerCase() === caller.email.toLowerCase()),
  };
  const named = all.some((c) => accessOf(c, viewer, all) !== 'none');
  if (!caseRecord || (!mayOnCase(role, 'case.read') && !named)) {
    // Not on the case and named on none of its contributions: the case's 404 and a security event.
    await requireRole(deps, reference, caller, 'case.read', meta);
  }
  // Who may comes before whether it can be done now (as for the review's writes).
  if (onlyBusinessManager && role !== 'business-manager') throw new ForbiddenError(onlyBusinessManager);
  if (caseRecord!.status !== 'review-decided' || !caseRecord!.review) {
    throw new ConflictError('This case is not a serious case review in progress, so it has no contributions.');
  }
  return { caseRecord: caseRecord as Loaded['caseRecord'], ...(role ? { role } : {}), viewer, all };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem');
  return parsed.data;
}

/** A rule of the procedure refused the change: a 400 on the field it concerns, else a 409. */
function apply<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof ContributionRuleError)) throw error;
    if (error.field) throw new ValidationError([{ name: error.field, href: `#${error.field}`, text: error.message }], 'There is a problem');
    throw new ConflictError(error.message);
  }
}

/** The role the audit trail records: the caller's role on the case, else what they are on this contribution. */
function actorRole(l: Loaded, c?: Contribution): string {
  if (l.role) return l.role;
  if (c && c.seniorOfficer.email === l.viewer.email) return 'senior-officer';
  if (c?.author?.email === l.viewer.email) return 'agency-contributor';
  return l.all.some((x) => x.seniorOfficer.email === l.viewer.email) ? 'senior-officer' : 'agency-contributor';
}

function audit(deps: ContributionDeps, l: Loaded, caller: Caller, meta: RequestMeta, action: AuditEvent['action'], c?: Contribution, detail: AuditEvent['detail'] = {}) {
  return auditEvent({
    eventId: deps.ids.uuid(),
    reference: l.caseRecord.reference,
    at: deps.clock.now(),
    action,
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role: actorRole(l, c) },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    // Ids, kinds and statuses only: never the organisation's, author's or anyone's words.
    detail: { ...(c ? { contributionId: c.id, contributionKind: c.kind, status: c.status } : {}), ...detail },
  });
}

/** What the caller sees of a contribution: all of it, or (tracking) who was asked, its status and due date. */
export function viewOf(c: Contribution, v: Viewer, all: readonly Contribution[], now: Date): ContributionView | undefined {
  const access = accessOf(c, v, all);
  if (access === 'none') return undefined;
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: kindLabel(c.kind),
    ...(c.description ? { description: c.description } : {}),
    organisation: c.organisation,
    seniorOfficer: c.seniorOfficer,
    ...(c.author ? { author: { name: c.author.name, email: c.author.email, jobTitle: c.author.jobTitle } } : {}),
    status: c.status,
    statusLabel: statusLabel(c.status),
    dueDate: c.due.dueDate,
    dueRule: c.due.rule,
    overdue: isOverdue(c, now),
    commissionedAt: c.commissionedAt,
    declinedAuthors: access === 'content' || v.role === 'business-manager' ? c.declinedAuthors : [],
    ...(c.independenceDeclaredAt ? { independenceDeclaredAt: c.independenceDeclaredAt } : {}),
    ...(c.courtAgreement ? { courtAgreement: c.courtAgreement } : {}),
    ...(c.submittedAt ? { submittedAt: c.submittedAt } : {}),
    // Reasons for a return are part of the contribution's content.
    returns: access === 'content' ? c.returns : [],
    ...(c.acceptedAt ? { acceptedAt: c.acceptedAt, acceptedBy: c.acceptedBy ?? '' } : {}),
    ...(c.debrief ? { debrief: c.debrief } : {}),
    ...(c.followUp ? { followUp: c.followUp } : {}),
    version: c.version,
    readsContent: access === 'content',
    mayDo: mayDo(c, v),
  };
}

/** Every contribution of the review the caller may see (nobody sees another organisation's draft). */
export async function listContributions(deps: ContributionDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<{ contributions: ContributionView[] }> {
  const l = await load(deps, reference, caller, meta);
  const now = deps.clock.now();
  const contributions = l.all.map((c) => viewOf(c, l.viewer, l.all, now)).filter((v): v is ContributionView => v !== undefined);
  await deps.store.appendAudit(audit(deps, l, caller, meta, 'contributions.listed', undefined, { count: contributions.length }));
  return { contributions };
}

function find(l: Loaded, id: string): Contribution {
  const c = l.all.find((x) => x.id === id);
  // Another organisation's contribution is as absent as one that does not exist.
  if (!c || accessOf(c, l.viewer, l.all) === 'none') throw new NotFoundError('No such contribution on this case');
  return c;
}

export async function getContribution(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta): Promise<ContributionView> {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  await deps.store.appendAudit(audit(deps, l, caller, meta, 'contribution.viewed', c));
  return viewOf(c, l.viewer, l.all, deps.clock.now())!;
}

async function write(deps: ContributionDeps, l: Loaded, before: Contribution | undefined, after: Contribution, caller: Caller, meta: RequestMeta, action: AuditEvent['action']) {
  const ok = await deps.contributions.putContribution(after, before?.version, audit(deps, l, caller, meta, action, after));
  if (!ok) throw new ConflictError('Someone else changed this contribution at the same moment. Nothing was changed: check it and try again.');
  try {
    await deps.notify?.(l.caseRecord.reference, after);
  } catch {
    // Recorded; the email goes from the review's next check instead.
  }
  const all = before ? l.all.map((x) => (x.id === after.id ? after : x)) : [...l.all, after];
  return viewOf(after, l.viewer, all, deps.clock.now())!;
}

/** 9.1, 10.1: the business manager asks an organisation for a contribution, naming its senior officer. */
export async function commission(deps: ContributionDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<ContributionView> {
  const l = await load(deps, reference, caller, meta, 'Only the business manager asks for contributions. Ask them to do it.');
  const input = parse(commissionContributionSchema, body);
  // The senior officer names the author and accepts the findings signed in: they need an account first.
  const noAccount = await contributionAccountProblem(deps, input.seniorOfficerEmail, 'seniorOfficerEmail', 'business-manager');
  if (noAccount) throw new ValidationError([noAccount], 'There is a problem');
  const c = apply(() =>
    commissionContribution(input, {
      id: deps.ids.uuid(),
      reference,
      now: deps.clock.now(),
      by: caller.email,
      profile: deps.board.procedureProfile,
      calendar: deps.calendar,
      completionDate: l.caseRecord.review.completion.dueDate,
      existing: l.all.length,
    }),
  );
  return write(deps, l, undefined, c, caller, meta, 'contribution.commissioned');
}

/** A change to one contribution by whoever `mayDo` allows. */
async function change(
  deps: ContributionDeps,
  reference: string,
  id: string,
  caller: Caller,
  meta: RequestMeta,
  action: ContributionAction,
  refusal: string,
  f: (c: Contribution, l: Loaded, now: Date) => { next: Contribution; audit: AuditEvent['action'] },
): Promise<ContributionView> {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  // The wrong person hears who may; the right person at the wrong moment hears the rule (409).
  if (!isPartyTo(c, action, l.viewer)) throw new ForbiddenError(refusal);
  const { next, audit: act } = apply(() => f(c, l, deps.clock.now()));
  return write(deps, l, c, next, caller, meta, act);
}

export const changeContributionDueDate = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'changeDueDate', 'Only the business manager changes a contribution’s due date.', (c, l, now) => ({
    next: changeDueDate(c, parse(contributionDueDateSchema, body), now, l.caseRecord.review.completion.dueDate),
    audit: 'contribution.due-date-changed',
  }));

export const recordContributionCourtAgreement = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'recordCourtAgreement', 'Only the business manager records the court’s agreement.', (c, _l, now) => ({
    next: recordCourtAgreement(c, parse(courtAgreementSchema, body), now, caller.email),
    audit: 'contribution.court-agreement-recorded',
  }));

/** 10.1: the senior officer, signed in, names the author. */
export async function nameContributionAuthor(deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) {
  // The author declares and writes signed in: they need an account first (checked before anything is written).
  const parsed = nameAuthorSchema.safeParse(body);
  const noAccount = parsed.success ? await contributionAccountProblem(deps, parsed.data.authorEmail, 'authorEmail', 'senior-officer') : undefined;
  return change(deps, reference, id, caller, meta, 'nameAuthor', 'Only the senior officer named for this contribution names its author.', (c, _l, now) => {
    const next = nameAuthor(c, parse(nameAuthorSchema, body), now);
    if (noAccount) throw new ValidationError([noAccount], 'There is a problem');
    return { next, audit: 'contribution.author-named' };
  });
}

/** 10.2: the named author, signed in, declares independence; a "no" sends it back to the senior officer. */
export const declareContributionIndependence = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'declareIndependence', 'Only the named author declares their independence.', (c, _l, now) => {
    const input = parse(independenceSchema, body);
    return { next: declareIndependence(c, input, now), audit: isIndependent(input) ? 'contribution.independence-declared' : 'contribution.author-declined' };
  });

/** The author submits it; an IMR only with every analysis question answered and every interview record shared (10.14). */
export async function submitContributionForAcceptance(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const sections = REFERENCE_PATTERN.test(reference) ? await deps.contributions.listImrSections(reference, id) : [];
  return change(deps, reference, id, caller, meta, 'submit', 'Only the contribution’s author submits it.', (c, _l, now) => ({
    next: submitContribution(c, now, c.kind === 'imr' ? imrSubmitBlockers(sections) : []),
    audit: 'contribution.submitted',
  }));
}

/** 10.6: the senior officer accepts the findings. */
export const acceptContributionFindings = (deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'accept', 'Only the senior officer named for this contribution accepts its findings (paragraph 10.6).', (c, _l, now) => ({
    next: acceptContribution(c, now, caller.email),
    audit: 'contribution.accepted',
  }));

/** 10.6: the senior officer returns it to the author with reasons. */
export const returnContributionToAuthor = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'return', 'Only the senior officer named for this contribution returns it.', (c, _l, now) => ({
    next: returnContribution(c, parse(returnContributionSchema, body), now, caller.email),
    audit: 'contribution.returned',
  }));

/** 10.7: staff feedback and debrief held (the senior officer or the business manager records it). */
export const recordContributionDebrief = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'recordDebrief', 'Only the senior officer or the business manager records the debrief.', (c, _l, now) => ({
    next: recordDebrief(c, parse(sessionHeldSchema, body), now, caller.email),
    audit: 'contribution.debrief-recorded',
  }));

/** 10.8: a follow-up session held. */
export const recordContributionFollowUp = (deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) =>
  change(deps, reference, id, caller, meta, 'recordFollowUp', 'Only the senior officer or the business manager records the follow-up.', (c, _l, now) => ({
    next: recordFollowUp(c, parse(sessionHeldSchema, body), now, caller.email),
    audit: 'contribution.follow-up-recorded',
  }));

// ---------------------------------------------------------------- files attached to a contribution

/**
 * Who may read and attach the files of one contribution (owner kind
 * `contribution`, files.ts): read by whoever may see its content (its
 * author, its organisation's senior officer, and once submitted the panel
 * and the Board's offices); attached by its author while writing it, and by
 * the business manager once they may read it. Anyone else finds no such
 * contribution (404), as for the contribution itself.
 */
export async function contributionFileAccess(
  deps: Pick<ContributionDeps, 'store' | 'contributions' | 'clock' | 'ids'>,
  reference: string,
  id: string,
  intent: 'read' | 'upload',
  caller: Caller,
  meta: RequestMeta,
): Promise<{ actorRole: string; mayUpload: boolean }> {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (accessOf(c, l.viewer, l.all) !== 'content') throw new NotFoundError('No such contribution on this case');
  const writing = c.status === 'in-progress' || c.status === 'returned';
  const mayUpload = (c.author?.email === l.viewer.email && writing) || l.role === 'business-manager';
  if (intent === 'upload' && !mayUpload) {
    throw new ForbiddenError(c.author?.email === l.viewer.email ? `Files cannot be attached now: it is ${statusLabel(c.status).toLowerCase()}.` : 'Only the author or the business manager attaches files to a contribution.');
  }
  return { actorRole: actorRole(l, c), mayUpload };
}

// ---------------------------------------------------------------- disciplinary matters (10.9, 10.10)

const viewOfMatter = (m: DisciplinaryMatter): DisciplinaryMatterView => ({
  id: m.id,
  contributionId: m.contributionId,
  kind: m.kind,
  urgent: m.urgent,
  details: m.details,
  recordedAt: m.recordedAt,
  recordedBy: m.recordedBy,
});

/** The contribution, if the caller handles its disciplinary matters; anyone else finds nothing there (404). */
async function loadDisciplinary(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (!mayHandleDisciplinary(c, l.viewer, l.all)) throw new NotFoundError('No such contribution on this case');
  return { l, c };
}

/** 10.9, 10.10: kept apart from the contribution; the business manager and its organisation's senior officer only. */
export async function listDisciplinaryMatters(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadDisciplinary(deps, reference, id, caller, meta);
  const matters = await deps.contributions.listDisciplinaryMatters(reference, c.id);
  await deps.store.appendAudit(audit(deps, l, caller, meta, 'contribution.disciplinary-viewed', c, { count: matters.length }));
  return { matters: matters.map(viewOfMatter) };
}

export async function recordDisciplinaryMatter(deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadDisciplinary(deps, reference, id, caller, meta);
  const input = parse(disciplinaryMatterSchema, body);
  const existing = await deps.contributions.listDisciplinaryMatters(reference, c.id);
  if (existing.length >= DISCIPLINARY_LIMIT) throw new ConflictError(`A contribution can have up to ${DISCIPLINARY_LIMIT} disciplinary matters recorded`);
  const matter: DisciplinaryMatter = { ...input, id: deps.ids.uuid(), reference, contributionId: c.id, recordedAt: deps.clock.now().toISOString(), recordedBy: caller.email };
  // The audit event says that one was recorded, and its kind: never its details.
  await deps.contributions.addDisciplinaryMatter(matter, audit(deps, l, caller, meta, 'contribution.disciplinary-recorded', c, { disciplinaryKind: input.kind, urgent: input.urgent }));
  return viewOfMatter(matter);
}

// ---------------------------------------------------------------- the IMR's sections (Appendix A, 10.12-10.14)

const sectionView = (x: ImrSection) => ({ section: x.section, content: x.content as unknown, version: x.version, updatedAt: x.updatedAt, updatedBy: x.updatedBy });

/** The IMR's saved sections, for whoever may see the contribution's content. */
export async function getImr(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (accessOf(c, l.viewer, l.all) !== 'content') throw new NotFoundError('No such contribution on this case');
  const sections = await deps.contributions.listImrSections(reference, c.id);
  await deps.store.appendAudit(audit(deps, l, caller, meta, 'contribution.imr-viewed', c));
  return { sections: sections.map(sectionView) };
}

/**
 * The author saves one section, only if it is still at the version they
 * read (`expectedVersion`; absent for the first save): another author's save
 * of another section never conflicts; of the same section, a clear 409.
 */
export async function saveImrSection(deps: ContributionDeps, reference: string, id: string, section: ImrSectionName, body: unknown, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (c.author?.email !== l.viewer.email) throw new ForbiddenError('Only the contribution’s author writes it.');
  if (c.kind !== 'imr') throw new ConflictError('Only an individual management review has these sections.');
  if (c.status !== 'in-progress' && c.status !== 'returned') throw new ConflictError(`It cannot be changed now: it is ${statusLabel(c.status).toLowerCase()}.`);
  const input = parse(saveImrSectionSchema(section), body);
  const next: ImrSection = {
    reference,
    contributionId: c.id,
    section,
    content: input.content,
    version: (input.expectedVersion ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: caller.email,
  };
  const ok = await deps.contributions.putImrSection(next, input.expectedVersion, audit(deps, l, caller, meta, 'contribution.imr-section-saved', c, { section }));
  if (!ok) throw new ConflictError('Someone else saved this section since you opened it. Nothing was saved: reload it, then make your change again.');
  return sectionView(next);
}

// ---------------------------------------------------------------- the IMR's chronology (Appendix A part 1)

/** Most rows one IMR's chronology holds. */
export const CHRONOLOGY_ROW_LIMIT = 2000;

async function loadForAuthor(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (c.author?.email !== l.viewer.email) throw new ForbiddenError('Only the contribution’s author writes it.');
  if (c.kind !== 'imr') throw new ConflictError('Only an individual management review has a chronology.');
  if (c.status !== 'in-progress' && c.status !== 'returned') throw new ConflictError(`It cannot be changed now: it is ${statusLabel(c.status).toLowerCase()}.`);
  return { l, c };
}

/**
 * The check every chronology date passes: within the review period of the
 * latest agreed terms of reference (7.1), or any date while none is agreed
 * (the page says so). Read at each write, so a newly agreed period applies at once.
 */
async function chronologyDateCheck(deps: ContributionDeps, reference: string): Promise<{ check: DateCheck; period?: ReviewPeriod }> {
  const period = reviewPeriodOf(await deps.terms.getTermsOfReference(reference));
  return period ? { check: reviewPeriodCheck(period), period } : { check: anyDate };
}

/** The review period as the chronology's readers see it: null until terms of reference with a period are agreed. */
const periodView = (period: ReviewPeriod | undefined) => (period ? { from: period.from, to: period.to, version: period.version } : null);

/** The chronology in reading order, for whoever may see the contribution's content, with the review period its dates must fall in. */
export async function getChronology(deps: ContributionDeps, reference: string, id: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta);
  const c = find(l, id);
  if (accessOf(c, l.viewer, l.all) !== 'content') throw new NotFoundError('No such contribution on this case');
  const [stored, { period }] = await Promise.all([deps.contributions.listChronology(reference, c.id), chronologyDateCheck(deps, reference)]);
  // Each row with its version, which an edit sends back (1 for a row stored before rows had versions).
  const rows = sortChronology(stored).map((r) => ({ ...r, version: rowVersion(r) }));
  await deps.store.appendAudit(audit(deps, l, caller, meta, 'contribution.imr-viewed', c, { chronologyRows: rows.length }));
  return { rows: rows as unknown as Record<string, unknown>[], reviewPeriod: periodView(period) };
}

/**
 * Adds rows (typed in, or imported: the browser parses the file with
 * importChronology and sends the rows it accepted). Every entry is checked
 * with the shared schema, its date against the agreed review period; any
 * problem refuses them all, each named by its row.
 */
export async function addChronologyEntries(deps: ContributionDeps, reference: string, id: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadForAuthor(deps, reference, id, caller, meta);
  const { entries: raw } = parse(addChronologySchema, body);
  const { check, period } = await chronologyDateCheck(deps, reference);
  const schema = chronologyEntrySchema(check);
  const errors: FieldError[] = [];
  const entries: ChronologyEntry[] = [];
  raw.forEach((e, i) => {
    const parsed = schema.safeParse(e);
    if (parsed.success) entries.push(parsed.data);
    else for (const fe of toFieldErrors(parsed.error, ['entries', i])) errors.push({ ...fe, text: `Row ${i + 1}: ${fe.text}` });
  });
  if (errors.length > 0) throw new ValidationError(errors, 'There is a problem');
  const existing = await deps.contributions.listChronology(reference, c.id);
  if (existing.length + entries.length > CHRONOLOGY_ROW_LIMIT) throw new ConflictError(`A chronology can have up to ${CHRONOLOGY_ROW_LIMIT.toLocaleString('en-GB')} rows`);
  const { added } = mergeChronology(existing, entries, () => deps.ids.uuid());
  const ok = await deps.contributions.putChronologyRows(
    reference,
    c.id,
    added.map((row) => ({ row })),
    audit(deps, l, caller, meta, 'contribution.imr-section-saved', c, { section: 'chronology', rowsAdded: added.length }),
  );
  if (!ok) throw new ConflictError('The chronology changed at the same moment. Nothing was saved: reload it and try again.');
  return { rows: added as unknown as Record<string, unknown>[], reviewPeriod: periodView(period) };
}

/**
 * Changes one row's entry (the author, while writing it). The row keeps its
 * id and position; the write is conditional on the position read, so a row
 * moved or deleted meanwhile is a clear 409, never a silent overwrite.
 */
export async function updateChronologyEntry(deps: ContributionDeps, reference: string, id: string, rowId: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadForAuthor(deps, reference, id, caller, meta);
  const { entry: raw, expectedVersion } = parse(updateChronologySchema, body);
  const { check } = await chronologyDateCheck(deps, reference);
  const entry = parse(chronologyEntrySchema(check), raw);
  // One read of the one row: a 500-row chronology is not read to change a row.
  const current = await deps.contributions.getChronologyRow(reference, c.id, rowId);
  if (!current) throw new NotFoundError('No such row in this chronology');
  const edited = editChronologyRow(current, entry, expectedVersion);
  if (!edited.ok) throw new ConflictError(ROW_CHANGED);
  const { row } = edited;
  const ok = await deps.contributions.putChronologyRows(
    reference,
    c.id,
    [{ row, previousPosition: current.position, previousVersion: expectedVersion }],
    audit(deps, l, caller, meta, 'contribution.imr-section-saved', c, { section: 'chronology', rowChanged: rowId }),
  );
  if (!ok) throw new ConflictError(ROW_CHANGED);
  return { rows: [row] as unknown as Record<string, unknown>[] };
}

const ROW_CHANGED = 'Someone else changed this row since you opened it. Nothing was saved: reload the row to see their change, then make yours again.';

/** Deletes one row (the author, while writing it), with its audit event. */
export async function deleteChronologyEntry(deps: ContributionDeps, reference: string, id: string, rowId: string, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadForAuthor(deps, reference, id, caller, meta);
  // The delete is conditional on the row existing: no read of the chronology first.
  const ok = await deps.contributions.deleteChronologyRow(
    reference,
    c.id,
    rowId,
    audit(deps, l, caller, meta, 'contribution.imr-section-saved', c, { section: 'chronology', rowDeleted: rowId }),
  );
  if (!ok) throw new NotFoundError('No such row in this chronology');
}

/** Moves a row among those its date and time do not order; only the two rows swapped are written, each if unchanged. */
export async function moveChronologyRow(deps: ContributionDeps, reference: string, id: string, rowId: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { l, c } = await loadForAuthor(deps, reference, id, caller, meta);
  const { direction } = parse(moveChronologySchema, body);
  const rows = await deps.contributions.listChronology(reference, c.id);
  const moved = moveRow(rows, rowId, direction);
  if (!moved.ok) {
    if (moved.reason === 'not-found') throw new NotFoundError('No such row in this chronology');
    throw new ConflictError(`This row is already the ${moved.reason} of the rows on its date and time`);
  }
  const before = new Map(rows.map((r) => [r.id, r.position]));
  const ok = await deps.contributions.putChronologyRows(
    reference,
    c.id,
    moved.changed.map((row) => ({ row, previousPosition: before.get(row.id)! })),
    audit(deps, l, caller, meta, 'contribution.imr-section-saved', c, { section: 'chronology', moved: direction }),
  );
  if (!ok) throw new ConflictError('The chronology changed at the same moment. Nothing was moved: reload it and try again.');
  return { rows: sortChronology(rows.map((r) => moved.changed.find((x) => x.id === r.id) ?? r)) as unknown as Record<string, unknown>[] };
}
