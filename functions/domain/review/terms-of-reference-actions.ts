import type { BoardConfig } from '../../config/board.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller } from '../../ports/identity.js';
import type { TermsOfReferenceStore } from '../../ports/terms-of-reference-store.js';
import { toFieldErrors } from '../../schemas/errors.js';
import { torAgreeSchema, torDraftSchema, type TorComparison, type TorView } from '../../schemas/terms-of-reference.js';
import { mayOnCase } from '../access/access.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { requireRole, type RequestMeta } from '../case/case-views.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { ReviewRecord } from './review.js';
import type { Role } from '../access/roles.js';
import { agreedVersion, compareVersions, knownOnCase, nextDraft, type TorPerson } from './terms-of-reference.js';

/**
 * Use cases of the terms of reference (7.1, 7.2). Each: the caller's role on
 * the case (not on it: 404 and a security event; a role that may not: 403),
 * the shared schema, then one conditional write with its audit event. Reads
 * are audited too.
 */
export interface TorDeps {
  store: CaseStore;
  terms: TermsOfReferenceStore;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  /** A review's contributions: whoever one names reads the agreed terms of reference, as if added to the case. */
  contributions?: Pick<ContributionStore, 'listContributions'>;
}

const NOT_A_REVIEW = 'This case is not a serious case review, so it has no terms of reference.';

async function loadReview(deps: TorDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await requireRole(deps, reference, caller, 'case.read', meta);
  if (!mayOnCase(role, 'tor.read')) throw new ForbiddenError('Your role on this case does not include the terms of reference.');
  if (!caseRecord.review) throw new ConflictError(NOT_A_REVIEW);
  return { caseRecord: caseRecord as CaseRecord & { review: ReviewRecord }, role };
}

function auditEvent(deps: TorDeps, reference: string, action: AuditEvent['action'], caller: Caller, role: Role, meta: RequestMeta, detail?: AuditEvent['detail']): AuditEvent {
  return {
    eventId: deps.ids.uuid(),
    reference,
    at: deps.clock.now().toISOString(),
    action,
    actor: { kind: 'user', userId: caller.userId, email: caller.email, role },
    requestId: meta.requestId,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(detail ? { detail } : {}),
  };
}

const STALE = 'Someone else changed the terms of reference since you opened this page. Nothing was saved: reload the page to see their changes.';

/**
 * The terms of reference as the caller may see them: the agreed versions
 * for everyone on the case who reads it; the draft for those who draw it up
 * and for the panel, the Board chair and the auditor; what the case already
 * knows beside each question.
 */
export async function viewTermsOfReference(deps: TorDeps, reference: string, caller: Caller, meta: RequestMeta): Promise<TorView> {
  const { caseRecord, role } = await loadReview(deps, reference, caller, meta);
  const tor = await deps.terms.getTermsOfReference(reference);
  const canReadDraft = mayOnCase(role, 'tor.readDraft');
  await deps.store.appendAudit(auditEvent(deps, reference, 'terms-of-reference.viewed', caller, role, meta, { versions: tor.versions.length }));
  return {
    reference,
    canEdit: mayOnCase(role, 'tor.edit') && caseRecord.status === 'review-decided',
    canReadDraft,
    ...(canReadDraft && tor.draft ? { draft: tor.draft } : {}),
    versions: tor.versions,
    known: knownOnCase(caseRecord.review, deps.board) as Record<string, string[]>,
  };
}

async function loadForEdit(deps: TorDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const loaded = await loadReview(deps, reference, caller, meta);
  if (!mayOnCase(loaded.role, 'tor.edit')) {
    throw new ForbiddenError('Only the Chair of the Serious Case Review sub-committee or the business manager can draw up the terms of reference.');
  }
  if (loaded.caseRecord.status !== 'review-decided') throw new ConflictError('This review is no longer in progress, so its terms of reference cannot be changed.');
  return loaded;
}

const personOf = (caller: Caller, role: Role): TorPerson => ({ email: caller.email, role });

/** Saves the draft (7.1), over the revision the page showed. */
export async function saveTorDraft(deps: TorDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await loadForEdit(deps, reference, caller, meta);
  const parsed = torDraftSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the terms of reference');
  const { expectedRevision, content } = parsed.data;
  const tor = await deps.terms.getTermsOfReference(reference);
  if ((tor.draft?.revision ?? 0) !== expectedRevision) throw new ConflictError(STALE);
  const at = deps.clock.now().toISOString();
  const draft = nextDraft(tor, content, personOf(caller, role), at);
  const audit = auditEvent(deps, reference, 'terms-of-reference.draft-saved', caller, role, meta, { revision: draft.revision, basedOn: draft.basedOn });
  if (!(await deps.terms.saveTorDraft(reference, draft, expectedRevision, audit))) throw new ConflictError(STALE);
  return { revision: draft.revision, updatedAt: at };
}

/**
 * Agrees what the page shows as the next version (7.2): frozen with who
 * agreed it and when; the draft closes, and the next one starts from it.
 */
export async function agreeTermsOfReference(deps: TorDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await loadForEdit(deps, reference, caller, meta);
  const parsed = torAgreeSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the terms of reference');
  const { expectedRevision, content } = parsed.data;
  const tor = await deps.terms.getTermsOfReference(reference);
  if ((tor.draft?.revision ?? 0) !== expectedRevision) throw new ConflictError(STALE);
  const at = deps.clock.now().toISOString();
  const version = agreedVersion(tor, content, personOf(caller, role), at);
  const previous = tor.versions.at(-1);
  const audit = auditEvent(deps, reference, 'terms-of-reference.agreed', caller, role, meta, {
    version: version.version,
    ...(previous ? { partsChanged: compareVersions(previous, version).entries.filter((e) => e.changed).length } : {}),
  });
  if (!(await deps.terms.agreeTorVersion(reference, version, expectedRevision, audit))) {
    throw new ConflictError('Someone else agreed or changed the terms of reference at the same moment. Nothing was agreed: reload the page and check.');
  }
  return { version: version.version, agreedAt: at };
}

const VERSION = /^[1-9][0-9]{0,5}$/;

/** What changed between two agreed versions, part by part. */
export async function compareTermsOfReference(deps: TorDeps, reference: string, from: string, to: string, caller: Caller, meta: RequestMeta): Promise<TorComparison> {
  const { role } = await loadReview(deps, reference, caller, meta);
  if (!VERSION.test(from) || !VERSION.test(to)) throw new NotFoundError('There is no such version of the terms of reference.');
  const tor = await deps.terms.getTermsOfReference(reference);
  const a = tor.versions.find((v) => v.version === Number(from));
  const b = tor.versions.find((v) => v.version === Number(to));
  if (!a || !b) throw new NotFoundError('There is no such version of the terms of reference.');
  await deps.store.appendAudit(auditEvent(deps, reference, 'terms-of-reference.viewed', caller, role, meta, { compared: `${a.version}-${b.version}` }));
  return compareVersions(a, b);
}
