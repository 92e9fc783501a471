import type * as z from 'zod';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ChronologySnapshots } from '../../ports/chronology-snapshots.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller, UserDirectory } from '../../ports/identity.js';
import type { OverviewStore } from '../../ports/overview-store.js';
import { toFieldErrors } from '../../schemas/errors.js';
import {
  chronologyGroupSchema,
  commissionOverviewAuthorSchema,
  overviewAuthorStatuses,
  overviewDeclarationSchema,
  saveGenogramSchema,
  saveWhatWasKnownSchema,
  type GenogramContent,
  type IntegratedChronologyView,
  type OverviewView,
  type WhatWasKnown,
} from '../../schemas/overview.js';
import { mayOnOverview, readableForOverview, type OverviewAction } from '../access/overview-access.js';
import type { Role } from '../access/roles.js';
import { auditEvent } from '../audit/audit.js';
import { requireRole, type RequestMeta } from '../case/case-views.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { formatChronologyDate, type ChronologyRow } from '../contributions/chronology.js';
import { kindLabel, type Contribution } from '../contributions/contributions.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { ReviewRecord } from '../review/record.js';
import { applyGroups, groupRows, mergeChronologies, type IntegratedRow } from './integrated-chronology.js';
import {
  authorAccountProblem,
  bodiesInvolved,
  commissionAuthor,
  declareAuthorIndependence,
  emptyOverview,
  OverviewRuleError,
  type OverviewRecord,
} from './overview-author.js';

/**
 * Use cases of the overview report's facts (issue 11; 11.2, Appendix B):
 * the author commissioned and declaring independence, the accepted
 * contributions read, the integrated chronology and its groups, the
 * genogram and what was known. Each: the caller's role on the case (not on
 * it: 404 and a security event), then what the overview rules allow them
 * (overview-access.ts; 403 otherwise), the shared schema, and one write with
 * its audit event. Reads are audited (counts and ids, never names or text).
 */
export interface OverviewDeps {
  store: CaseStore;
  overview: OverviewStore;
  contributions: ContributionStore;
  /** Read copies of accepted contributions' rows: with it, the integrated chronology reads a few items per contribution, not one per row. */
  snapshots?: ChronologySnapshots;
  clock: Clock;
  ids: Ids;
  /** Only to look an address up when commissioning (never to change an account). */
  users: Pick<UserDirectory, 'list'>;
  /**
   * Sends what the overview now owes (overview-emails.ts: the author asked to
   * declare), after a change is written. Best effort: the review's check step
   * sends anything still owed at its next wake-up (at least daily).
   */
  notify?: (reference: string, record: OverviewRecord) => Promise<void>;
}

interface Loaded {
  caseRecord: CaseRecord & { review: ReviewRecord };
  role: Role;
  record: OverviewRecord;
}

const NOT_A_REVIEW = 'This case is not a serious case review, so it has no overview report.';
const FORBIDDEN: Record<OverviewAction, string> = {
  commission: 'Only the business manager commissions the overview report.',
  declare: 'Only the commissioned overview author declares their independence, once.',
  readFacts: 'Your role on this case does not include the overview report’s facts. An overview author reads them once they have declared their independence.',
  editFacts: 'Only the overview author, once independent, or the business manager works on the overview report’s facts.',
};

async function load(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta, action?: OverviewAction): Promise<Loaded> {
  // The overview item is read alongside the access check (it decides nothing until the check has passed).
  const [{ caseRecord, role }, stored] = await Promise.all([requireRole(deps, reference, caller, 'case.read', meta), deps.overview.getOverview(reference)]);
  const record = stored ?? emptyOverview(reference);
  if (action && !mayOnOverview(role, caller.email, record.author, action)) throw new ForbiddenError(FORBIDDEN[action]);
  if (!caseRecord.review) throw new ConflictError(NOT_A_REVIEW);
  return { caseRecord: caseRecord as Loaded['caseRecord'], role, record };
}

function audit(deps: OverviewDeps, reference: string, action: AuditEvent['action'], caller: Caller, role: Role, meta: RequestMeta, detail?: Record<string, string | number | boolean | undefined>): AuditEvent {
  return auditEvent({
    eventId: deps.ids.uuid(),
    reference,
    at: deps.clock.now(),
    action,
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  });
}

function parse<S extends z.ZodType>(schema: S, body: unknown, title = 'There is a problem'): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), title);
  return parsed.data;
}

function apply<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof OverviewRuleError)) throw error;
    if (error.field) throw new ValidationError([{ name: error.field, href: `#${error.field}`, text: error.message }], 'There is a problem');
    throw new ConflictError(error.message);
  }
}

const inProgress = (l: Loaded) => {
  if (l.caseRecord.status !== 'review-decided') throw new ConflictError('This review is no longer in progress, so its overview report cannot be changed.');
};

async function bodiesOf(deps: OverviewDeps, l: Loaded): Promise<string[]> {
  const contributions = await deps.contributions.listContributions(l.caseRecord.reference);
  return bodiesInvolved([
    ...contributions.map((c) => c.organisation),
    ...l.caseRecord.review.panel.map((p) => p.organisation),
    ...l.caseRecord.review.records.map((r) => r.agency),
  ]);
}

function view(l: Loaded, caller: Caller, bodies: string[]): OverviewView {
  const a = l.record.author;
  return {
    reference: l.caseRecord.reference,
    ...(a
      ? {
          author: {
            name: a.name,
            email: a.email,
            status: a.status,
            statusLabel: overviewAuthorStatuses.find((s) => s.value === a.status)!.label,
            commissionedAt: a.commissionedAt,
            commissionedBy: a.commissionedBy,
            ...(a.declaredAt ? { declaredAt: a.declaredAt } : {}),
          },
        }
      : {}),
    declined: l.record.declined,
    bodies,
    canCommission: mayOnOverview(l.role, caller.email, a, 'commission') && !a && l.caseRecord.status === 'review-decided',
    canDeclare: mayOnOverview(l.role, caller.email, a, 'declare'),
    canReadFacts: mayOnOverview(l.role, caller.email, a, 'readFacts'),
    canEditFacts: mayOnOverview(l.role, caller.email, a, 'editFacts') && l.caseRecord.status === 'review-decided',
    version: l.record.version,
  };
}

/** The overview author and what the caller may do. Staff on the case who read the facts, and the author (to declare). */
export async function viewOverview(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<OverviewView> {
  const l = await load(deps, reference, caller, meta);
  const a = l.record.author;
  if (!mayOnOverview(l.role, caller.email, a, 'readFacts') && !mayOnOverview(l.role, caller.email, a, 'declare')) throw new ForbiddenError(FORBIDDEN.readFacts);
  const bodies = await bodiesOf(deps, l);
  await deps.store.appendAudit(audit(deps, reference, 'overview.viewed', caller, l.role, meta));
  return view(l, caller, bodies);
}

/**
 * 11.2: the business manager commissions the report from a named person.
 * The address must have an enabled staff account that holds none of the
 * Board's offices (refused, not invited on the spot, as records requests
 * are); the author is added to the case as its overview author in the same
 * transaction.
 */
export async function commissionOverviewAuthor(deps: OverviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<OverviewView> {
  const l = await load(deps, reference, caller, meta, 'commission');
  inProgress(l);
  const input = parse(commissionOverviewAuthorSchema, body, 'There is a problem with the commission');
  const accounts = await deps.users.list();
  const problem = authorAccountProblem(input.authorEmail, accounts);
  if (problem) throw new ValidationError([problem], 'There is a problem with the commission');
  const account = accounts.find((u) => u.email.trim().toLowerCase() === input.authorEmail)!;
  const now = deps.clock.now();
  const record = apply(() => commissionAuthor(l.record, input, account.userId, now, caller.email));
  const written = await deps.overview.putOverview(record, l.record.version, audit(deps, reference, 'overview.author-commissioned', caller, l.role, meta, { authorUserId: account.userId }), {
    member: { reference, userId: account.userId, email: input.authorEmail, role: 'overview-author', addedAt: now.toISOString(), addedBy: caller.email, receivedAt: l.caseRecord.receivedAt },
  });
  if (!written) throw new ConflictError('Someone else changed the overview author at the same moment. Nothing was changed: reload the page.');
  try {
    await deps.notify?.(reference, record);
  } catch {
    // Recorded; the email goes from the review's next check instead.
  }
  return view({ ...l, record }, caller, await bodiesOf(deps, l));
}

/**
 * 11.2: the author declares independence of every body, agency and
 * professional involved. A "no" to any ends the commission: they are
 * recorded as declined and taken off the case, and the business manager
 * commissions someone else.
 */
export async function declareOverviewIndependence(deps: OverviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<OverviewView> {
  const l = await load(deps, reference, caller, meta, 'declare');
  inProgress(l);
  const input = parse(overviewDeclarationSchema, body, 'There is a problem with the declaration');
  const bodies = await bodiesOf(deps, l);
  const outcome = apply(() => declareAuthorIndependence(l.record, caller.email, input, bodies, deps.clock.now()));
  const action = outcome.independent ? 'overview.author-declared' : 'overview.author-declined';
  const written = await deps.overview.putOverview(
    outcome.record,
    l.record.version,
    audit(deps, reference, action, caller, l.role, meta, { bodies: bodies.length }),
    outcome.independent ? {} : { removeMember: { userId: l.record.author!.userId } },
  );
  if (!written) throw new ConflictError('The overview author changed at the same moment. Nothing was recorded: reload the page.');
  return view({ ...l, record: outcome.record }, caller, bodies);
}

async function accepted(deps: OverviewDeps, reference: string): Promise<Contribution[]> {
  return readableForOverview(await deps.contributions.listContributions(reference));
}

/** Every accepted contribution with its IMR sections: what the author reads (never a draft, a submitted or a returned one). */
export async function readAcceptedContributions(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta, 'readFacts');
  const list = await accepted(deps, reference);
  const out = await Promise.all(
    list.map(async (c) => {
      const [sections, rows] = await Promise.all([deps.contributions.listImrSections(reference, c.id), deps.contributions.listChronology(reference, c.id)]);
      return {
        id: c.id,
        organisation: c.organisation,
        kind: c.kind,
        kindLabel: kindLabel(c.kind),
        ...(c.acceptedAt ? { acceptedAt: c.acceptedAt } : {}),
        sections: sections.map((s) => ({ section: s.section, content: s.content as Record<string, unknown>, savedAt: s.updatedAt })),
        chronologyRows: rows.length,
      };
    }),
  );
  await deps.store.appendAudit(audit(deps, reference, 'overview.contributions-read', caller, l.role, meta, { contributions: out.length }));
  return { contributions: out };
}

/**
 * An accepted contribution's chronology rows: from its read copy when there
 * is one for this acceptance, else read row by row and the copy made (rows
 * never change once accepted, so the copy is never stale).
 */
async function acceptedRows(deps: OverviewDeps, reference: string, c: Contribution): Promise<ChronologyRow[]> {
  if (!deps.snapshots || c.status !== 'accepted' || !c.acceptedAt) return deps.contributions.listChronology(reference, c.id);
  const copy = await deps.snapshots.get(reference, c.id, c.acceptedAt);
  if (copy) return copy;
  const rows = await deps.contributions.listChronology(reference, c.id);
  await deps.snapshots.put(reference, c.id, c.acceptedAt, rows);
  return rows;
}

/** The merged rows of every accepted contribution (integrated-chronology.ts). */
async function integratedRows(deps: OverviewDeps, reference: string): Promise<{ rows: IntegratedRow[]; organisations: string[] }> {
  const list = await accepted(deps, reference);
  const inputs = await Promise.all(list.map(async (c) => ({ organisation: c.organisation, contributionId: c.id, rows: await acceptedRows(deps, reference, c) })));
  return { rows: mergeChronologies(inputs), organisations: list.map((c) => c.organisation) };
}

/** The integrated chronology, groups applied, as the page and the report read it. */
export async function viewIntegratedChronology(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<IntegratedChronologyView> {
  const l = await load(deps, reference, caller, meta, 'readFacts');
  const [{ rows, organisations }, groups] = await Promise.all([integratedRows(deps, reference), deps.overview.listChronologyGroups(reference)]);
  const shown = applyGroups(rows, groups);
  await deps.store.appendAudit(audit(deps, reference, 'overview.chronology-viewed', caller, l.role, meta, { rows: rows.length, organisations: organisations.length }));
  return {
    rows: shown.map((r) => ({
      key: r.key,
      contributionId: r.contributionId,
      organisation: r.organisation,
      date: r.row.date,
      dateText: formatChronologyDate(r.row.date, r.row.dateUncertain),
      ...(r.row.time ? { time: r.row.time } : {}),
      role: r.row.role,
      practitionerOrganisation: r.row.organisation,
      whatHappened: r.row.whatHappened,
      ...(r.row.decisionOrAction ? { decisionOrAction: r.row.decisionOrAction } : {}),
      sourceRecord: r.row.sourceRecord,
      childSeen: r.childSeen,
      wishesAndFeelings: r.wishesAndFeelings,
      ...(r.groupId ? { groupId: r.groupId } : {}),
    })),
    groups,
    organisations,
    canGroup: mayOnOverview(l.role, caller.email, l.record.author, 'editFacts') && l.caseRecord.status === 'review-decided',
  };
}

/** Groups rows from different organisations about the same event (the author's choice). */
export async function groupChronologyRows(deps: OverviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta): Promise<{ id: string }> {
  const l = await load(deps, reference, caller, meta, 'editFacts');
  inProgress(l);
  const input = parse(chronologyGroupSchema, body, 'There is a problem with the group');
  const [{ rows }, groups] = await Promise.all([integratedRows(deps, reference), deps.overview.listChronologyGroups(reference)]);
  const result = groupRows(rows, groups, {
    id: deps.ids.uuid(),
    rowKeys: input.rowKeys,
    ...(input.label ? { label: input.label } : {}),
    at: deps.clock.now().toISOString(),
    by: caller.email,
  });
  if (!result.ok) throw new ValidationError([{ name: 'rowKeys', href: '#rowKeys', text: result.error }], 'There is a problem with the group');
  await deps.overview.addChronologyGroup(reference, result.group, audit(deps, reference, 'overview.chronology-grouped', caller, l.role, meta, { groupId: result.group.id, rows: result.group.rowKeys.length }));
  return { id: result.group.id };
}

export async function ungroupChronologyRows(deps: OverviewDeps, reference: string, groupId: string, caller: Caller, meta: RequestMeta): Promise<{ id: string }> {
  const l = await load(deps, reference, caller, meta, 'editFacts');
  inProgress(l);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(groupId)) throw new NotFoundError('There is no such group.');
  const removed = await deps.overview.removeChronologyGroup(reference, groupId, audit(deps, reference, 'overview.chronology-ungrouped', caller, l.role, meta, { groupId }));
  if (!removed) throw new NotFoundError('There is no such group: it may have been ungrouped already.');
  return { id: groupId };
}

const STALE = (what: string) => `Someone else saved the ${what} since you opened this page. Nothing was saved: reload the page to see their changes.`;

export async function viewGenogram(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta, 'readFacts');
  const g = await deps.overview.getGenogram(reference);
  await deps.store.appendAudit(audit(deps, reference, 'overview.viewed', caller, l.role, meta, { genogramVersion: g.version }));
  return {
    genogram: g.content ?? { people: [], relationships: [] },
    version: g.version,
    ...(g.savedAt ? { savedAt: g.savedAt } : {}),
    canEdit: mayOnOverview(l.role, caller.email, l.record.author, 'editFacts') && l.caseRecord.status === 'review-decided',
  };
}

export async function saveGenogram(deps: OverviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta, 'editFacts');
  inProgress(l);
  const input = parse(saveGenogramSchema, body, 'There is a problem with the genogram');
  const at = deps.clock.now().toISOString();
  const content: GenogramContent = input.genogram;
  const ok = await deps.overview.putGenogram(
    reference,
    content,
    input.expectedVersion,
    caller.email,
    at,
    audit(deps, reference, 'overview.genogram-saved', caller, l.role, meta, { people: content.people.length, relationships: content.relationships.length }),
  );
  if (!ok) throw new ConflictError(STALE('genogram'));
  return { version: input.expectedVersion + 1, savedAt: at };
}

const emptyKnown: WhatWasKnown = { parentsAndCarers: '', perpetrator: '', homeCircumstances: '' };

export async function viewWhatWasKnown(deps: OverviewDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta, 'readFacts');
  const k = await deps.overview.getWhatWasKnown(reference);
  await deps.store.appendAudit(audit(deps, reference, 'overview.viewed', caller, l.role, meta, { whatWasKnownVersion: k.version }));
  return {
    content: k.content ?? emptyKnown,
    version: k.version,
    ...(k.savedAt ? { savedAt: k.savedAt } : {}),
    canEdit: mayOnOverview(l.role, caller.email, l.record.author, 'editFacts') && l.caseRecord.status === 'review-decided',
  };
}

export async function saveWhatWasKnown(deps: OverviewDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const l = await load(deps, reference, caller, meta, 'editFacts');
  inProgress(l);
  const input = parse(saveWhatWasKnownSchema, body, 'There is a problem with what was known');
  const at = deps.clock.now().toISOString();
  const ok = await deps.overview.putWhatWasKnown(reference, input.content, input.expectedVersion, caller.email, at, audit(deps, reference, 'overview.what-was-known-saved', caller, l.role, meta));
  if (!ok) throw new ConflictError(STALE('summary of what was known'));
  return { version: input.expectedVersion + 1, savedAt: at };
}
