import type * as z from 'zod';
import type { BoardConfig } from '../../config/board.js';
import type { ActionStore } from '../../ports/action-store.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, StaffUser } from '../../ports/identity.js';
import { actionProgressSchema, addActionSchema, changeActionSchema, type ActionPlanView, type ActionView, type MyActionsView, type ProgressReportView, type TimelinessReportView } from '../../schemas/actions.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { boardWideRoleOf, mayOnCase, roleOnCase } from '../access/access.js';
import type { Role } from '../access/roles.js';
import { auditEvent } from '../audit/audit.js';
import { requireRole, type RequestMeta } from '../case/case-views.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { withSchedule } from '../case/outbox.js';
import type { ImrSection } from '../contributions/imr.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { REFERENCE_PATTERN } from '../intake/reference.js';
import { contributorAccountProblem } from '../review/review-actions.js';
import { ActionRuleError, actionPlanSummary, changeAction, mayChangeAction, mayUpdateAction, newAction, recordProgress, standingOf, type PlanAction } from './actions.js';
import { progressReport, timelinessReport, type TimelinessInput } from './reports.js';

/**
 * The use cases of the action plan (paras 2.1, 8.1) and the Board's reports:
 * load the case and its actions, decide what the caller may see and do,
 * apply one rule, and write the action with its audit event (and, when the
 * count of open actions changes, the case header's count, which restarts
 * the review workflow that watches them) in one transaction.
 */
export interface ActionPlanDeps {
  store: CaseStore;
  actions: ActionStore;
  contributions: Pick<ContributionStore, 'listContributions' | 'listImrSections'>;
  users: { list(): Promise<Pick<StaffUser, 'email' | 'enabled'>[]> };
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
}

const NO_SUCH = 'No such case or action, or you may not see it';

interface Loaded {
  caseRecord: CaseRecord;
  role?: Role;
  all: PlanAction[];
  email: string;
}

/** The case and its actions, for someone on the case or the owner of one of its actions; else the case's 404. */
async function load(deps: ActionPlanDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<Loaded> {
  const caseRecord = REFERENCE_PATTERN.test(reference) ? await deps.store.getCase(reference) : undefined;
  const member = caseRecord && caller.pool === 'staff' ? await deps.store.getMember(reference, caller.userId) : undefined;
  const role = caseRecord ? roleOnCase(caller, member?.role) : undefined;
  const email = caller.email.trim().toLowerCase();
  const all = caseRecord && caller.pool === 'staff' ? await deps.actions.listActions(reference) : [];
  const owns = all.some((a) => a.owner.email === email);
  if (!caseRecord || (!mayOnCase(role, 'case.read') && !owns)) await requireRole(deps, reference, caller, 'case.read', meta);
  if (caseRecord!.status !== 'review-decided' || !caseRecord!.review) {
    throw new ConflictError('This case is not a serious case review, so it has no action plan.');
  }
  return { caseRecord: caseRecord!, ...(role ? { role } : {}), all, email };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem');
  return parsed.data;
}

function apply<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof ActionRuleError)) throw error;
    if (error.field) throw new ValidationError([{ name: error.field, href: `#${error.field}`, text: error.message }], 'There is a problem');
    throw new ConflictError(error.message);
  }
}

const actorOf = (caller: Caller, role: string) => ({ kind: 'user' as const, userId: caller.userId, email: caller.email, role });

function event(deps: ActionPlanDeps, reference: string, action: AuditEvent['action'], caller: Caller, role: string, meta: RequestMeta, detail?: Record<string, string | number | boolean | undefined>) {
  return auditEvent({ eventId: deps.ids.uuid(), reference, at: deps.clock.now(), action, actor: actorOf(caller, role), ...(detail ? { detail } : {}), requestId: meta.requestId, ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}) });
}

const roleForAudit = (l: Loaded) => l.role ?? 'action-owner';

function view(a: PlanAction, l: Loaded, now: Date): ActionView {
  return {
    id: a.id,
    reference: a.reference,
    number: a.number,
    source: a.source,
    recommendation: a.recommendation,
    organisation: a.organisation,
    owner: a.owner,
    due: { dueAt: a.due.dueAt, dueDate: a.due.dueDate, rule: a.due.rule },
    outcome: a.outcome,
    evaluation: a.evaluation,
    status: a.status,
    standing: standingOf(a, now),
    progress: a.progress,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    ...(a.doneAt ? { doneAt: a.doneAt } : {}),
    version: a.version,
    mayUpdate: mayUpdateAction(a, l.email, l.role === 'business-manager'),
    mayChange: mayChangeAction(a, l.role === 'business-manager'),
  };
}

/** The accepted IMRs' recommendations, each with the action made from it if any (the business manager's choice list). */
async function imrRecommendations(deps: ActionPlanDeps, reference: string, actions: readonly PlanAction[]) {
  const accepted = (await deps.contributions.listContributions(reference)).filter((c) => c.status === 'accepted' && c.kind === 'imr');
  const out: ActionPlanView['imrRecommendations'] = [];
  for (const c of accepted) {
    const sections = await deps.contributions.listImrSections(reference, c.id);
    const recs = sections.find((s): s is ImrSection<'recommendations'> => s.section === 'recommendations');
    (recs?.content.items ?? []).forEach((r, item) => {
      const made = actions.find((a) => a.source.kind === 'imr' && a.source.contributionId === c.id && a.source.item === item);
      out.push({ contributionId: c.id, organisation: c.organisation, item, ...r, ...(made ? { actionId: made.id } : {}) });
    });
  }
  return out;
}

/**
 * A review's action plan: everyone who reads the case sees every action; an
 * owner who is not on the case sees their own. The business manager also
 * gets the accepted IMRs' recommendations to make actions of.
 */
export async function viewActionPlan(deps: ActionPlanDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<ActionPlanView> {
  const l = await load(deps, reference, caller, meta);
  const now = deps.clock.now();
  const readsAll = mayOnCase(l.role, 'case.read');
  const actions = readsAll ? l.all : l.all.filter((a) => a.owner.email === l.email);
  const isManager = l.role === 'business-manager';
  const recs = isManager ? await imrRecommendations(deps, reference, l.all) : [];
  await deps.store.appendAudit(event(deps, reference, 'actions.viewed', caller, roleForAudit(l), meta, { actions: actions.length }));
  return { reference, actions: actions.map((a) => view(a, l, now)), imrRecommendations: recs, mayAdd: isManager };
}

/**
 * The case header's change when the plan becomes `actions`: its open count
 * and the digest of the open actions' dates and owners, with the next
 * version and schedule; undefined when the summary is as it was (nothing the
 * workflow watches changed). A header written before the digest existed gets
 * it on its plan's next change.
 */
function headerChange(c: CaseRecord, actions: readonly PlanAction[]) {
  const actionPlan = actionPlanSummary(actions);
  if (c.actionPlan && c.actionPlan.open === actionPlan.open && c.actionPlan.schedule === actionPlan.schedule) return undefined;
  const next = withSchedule(c, { ...c, actionPlan, version: c.version + 1 });
  return {
    expectedVersion: c.version,
    next: { version: next.version, actionPlan, scheduleFingerprint: next.scheduleFingerprint, scheduleVersion: next.scheduleVersion },
  };
}

/**
 * Adds an action (business manager): from an accepted IMR's recommendation
 * or the Board's own. 1. validate 2. the owner has an enabled staff account
 * (they sign in to update it) 3. an IMR source exists and is accepted
 * 4. write the action, the header's open count and the audit event together.
 */
export async function addAction(deps: ActionPlanDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<ActionView> {
  const l = await load(deps, reference, caller, meta);
  if (l.role !== 'business-manager') throw new ForbiddenError('Only the business manager adds actions to the plan');
  const input = parse(addActionSchema, body);
  const noAccount = contributorAccountProblem(input.ownerEmail, await deps.users.list(), 'ownerEmail');
  if (noAccount) {
    throw new ValidationError([{ ...noAccount, text: noAccount.text.replace('as an agency contributor', '').replace(/\s+/g, ' ').replace(', then ask again', ', then add the action again') }], 'There is a problem');
  }
  if (input.source.kind === 'imr') {
    const { contributionId, item } = input.source;
    const recs = await imrRecommendations(deps, reference, l.all);
    if (!recs.some((r) => r.contributionId === contributionId && r.item === item)) {
      throw new ValidationError([{ name: 'source', href: '#source', text: 'Select a recommendation of an accepted IMR' }], 'There is a problem');
    }
  }
  const now = deps.clock.now();
  const action = apply(() => newAction(input, { id: deps.ids.uuid().replace(/-/g, '').slice(0, 12), reference, existing: l.all, now, by: caller.email }));
  const audit = event(deps, reference, 'action.added', caller, l.role, meta, { actionId: action.id, number: action.number, source: action.source.kind, dueDate: action.due.dueDate });
  const written = await deps.actions.putAction(action, undefined, audit, headerChange(l.caseRecord, [...l.all, action]));
  if (!written) throw new ConflictError('The case changed while the action was being added. Nothing was saved: try again');
  return view(action, l, now);
}

/** The owner (or the business manager) records progress: status and what was done. */
export async function updateActionProgress(deps: ActionPlanDeps, reference: string, actionId: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<ActionView> {
  const l = await load(deps, reference, caller, meta);
  const current = l.all.find((a) => a.id === actionId);
  if (!current || (!mayOnCase(l.role, 'case.read') && current.owner.email !== l.email)) throw new NotFoundError(NO_SUCH);
  if (!mayUpdateAction(current, l.email, l.role === 'business-manager')) throw new ForbiddenError('Only the action’s owner or the business manager updates its progress');
  const input = parse(actionProgressSchema, body);
  const now = deps.clock.now();
  const next = apply(() => recordProgress(current, input, now, caller.email));
  const others = l.all.filter((a) => a.id !== actionId);
  const audit = event(deps, reference, 'action.progress-recorded', caller, roleForAudit(l), meta, { actionId: next.id, number: next.number, status: next.status });
  const written = await deps.actions.putAction(next, current.version, audit, headerChange(l.caseRecord, [...others, next]));
  if (!written) throw new ConflictError('Someone else updated this action or the case since you opened it. Nothing was saved: look at its progress and try again');
  return view(next, l, now);
}

/**
 * The business manager changes an open action's due date or owner. 1. validate
 * 2. a new owner has an enabled staff account 3. write the action, its audit
 * event and the header's plan summary (whose digest of dates and owners
 * changed, so the review workflow restarts with the new timetable: the old
 * date's reminders are not sent, the new owner is escalated to) together,
 * each conditional on the version read.
 */
export async function changeActionDetails(deps: ActionPlanDeps, reference: string, actionId: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<ActionView> {
  const l = await load(deps, reference, caller, meta);
  const current = l.all.find((a) => a.id === actionId);
  if (!current || (!mayOnCase(l.role, 'case.read') && current.owner.email !== l.email)) throw new NotFoundError(NO_SUCH);
  if (l.role !== 'business-manager') throw new ForbiddenError('Only the business manager changes an action’s due date or owner');
  const input = parse(changeActionSchema, body);
  if (input.ownerEmail.toLowerCase() !== current.owner.email) {
    const noAccount = contributorAccountProblem(input.ownerEmail, await deps.users.list(), 'ownerEmail');
    if (noAccount) {
      throw new ValidationError([{ ...noAccount, text: noAccount.text.replace('as an agency contributor', '').replace(/\s+/g, ' ').replace(', then ask again', ', then change the action again') }], 'There is a problem');
    }
  }
  const now = deps.clock.now();
  const next = apply(() => changeAction(current, input, now));
  const others = l.all.filter((a) => a.id !== actionId);
  const emailChanged = next.owner.email !== current.owner.email;
  const audit = event(deps, reference, 'action.changed', caller, l.role, meta, {
    actionId: next.id,
    number: next.number,
    ...(next.due.dueDate !== current.due.dueDate ? { dueDateFrom: current.due.dueDate, dueDateTo: next.due.dueDate } : {}),
    // A new name for the same person counts as a change of owner on the timeline; the addresses only when they differ.
    ...(emailChanged || next.owner.name !== current.owner.name ? { ownerChanged: true } : {}),
    ...(emailChanged ? { ownerFrom: current.owner.email, ownerTo: next.owner.email } : {}),
  });
  const written = await deps.actions.putAction(next, current.version, audit, headerChange(l.caseRecord, [...others, next]));
  if (!written) throw new ConflictError('Someone else updated this action or the case since you opened it. Nothing was saved: look at it again and try again');
  return view(next, l, now);
}

/** The open actions the caller owns, on any review (for "My tasks"). Audited on the Board's trail. */
export async function listMyActions(deps: Pick<ActionPlanDeps, 'store' | 'actions' | 'clock' | 'ids'>, caller: Caller, meta: RequestMeta): Promise<MyActionsView> {
  const mine = await deps.actions.listOpenActionsOf(caller.email);
  const rows = progressReport(mine, deps.clock.now()).rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference) || a.number - b.number);
  await deps.store.appendAudit(event(deps as ActionPlanDeps, 'BOARD', 'actions.listed', caller, boardWideRoleOf(caller) ?? 'staff', meta, { actions: rows.length }));
  return { actions: rows };
}

/** The Board-wide reports are for the business manager, the Board chair and the auditor. */
const reportReaders: readonly Role[] = ['business-manager', 'board-chair', 'auditor'];

function reportReader(caller: Caller): Role {
  const office = boardWideRoleOf(caller);
  if (!office || !reportReaders.includes(office)) throw new ForbiddenError('Only the business manager, the Board chair and the auditor read the Board’s reports');
  return office;
}

/** The progress of every action of every review (open, due soon, overdue, done). Audited. */
export async function viewProgressReport(
  deps: Pick<ActionPlanDeps, 'store' | 'actions' | 'clock' | 'ids'>,
  caller: Caller,
  meta: RequestMeta,
  format: 'json' | 'csv',
): Promise<ProgressReportView> {
  const role = reportReader(caller);
  const report = progressReport(await deps.actions.listBoardActions(), deps.clock.now());
  await deps.store.appendAudit(
    event(deps as ActionPlanDeps, 'BOARD', format === 'csv' ? 'action-report.exported' : 'action-report.viewed', caller, role, meta, { actions: report.rows.length }),
  );
  return report;
}

/** Every case's timeliness (8.2, 8.4, 8.5). Reads each case (a Board has tens a year). Audited. */
export async function viewTimelinessReport(deps: Pick<ActionPlanDeps, 'store' | 'clock' | 'ids'>, caller: Caller, meta: RequestMeta): Promise<TimelinessReportView> {
  const role = reportReader(caller);
  const inputs: TimelinessInput[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listCasePage(100, cursor);
    for (const row of page.items) {
      const c = await deps.store.getCase(row.reference);
      if (c) inputs.push(timelinessInput(c));
    }
    cursor = page.cursor;
  } while (cursor);
  const report = timelinessReport(inputs, deps.clock.now());
  await deps.store.appendAudit(event(deps as ActionPlanDeps, 'BOARD', 'timeliness-report.viewed', caller, role, meta, { cases: report.rows.length }));
  return report;
}

/** What the timeliness report needs of a case. */
export function timelinessInput(c: CaseRecord): TimelinessInput {
  return {
    reference: c.reference,
    status: c.status,
    receivedAt: c.receivedAt,
    decisionDueAt: c.deadlines.decision.dueAt,
    ...(c.decision ? { decidedAt: c.decision.at } : {}),
    ...(c.review ? { completionDueAt: c.review.completion.dueAt } : {}),
    ...(c.review?.completedAt ? { completedAt: c.review.completedAt } : {}),
  };
}
