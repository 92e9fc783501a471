import type { BoardConfig } from '../../config/board.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ContributionStore } from '../../ports/contribution-store.js';
import type { Ids } from '../../ports/ids.js';
import type { Caller } from '../../ports/identity.js';
import type { PdfRenderer } from '../../ports/pdf-renderer.js';
import type { ReportExport, ReportExportObjects, ReportStore } from '../../ports/report-store.js';
import type { TermsOfReferenceStore } from '../../ports/terms-of-reference-store.js';
import { toFieldErrors } from '../../schemas/errors.js';
import type { ImrSectionContent } from '../../schemas/imr.js';
import {
  exportRequestSchema,
  feedbackSessionSchema,
  finaliseReportSchema,
  newReportVersionSchema,
  pseudonymsSchema,
  publicationSchema,
  reportCommentSchema,
  reportSectionIds,
  saveReportSectionSchema,
  type ReportSectionId,
} from '../../schemas/report.js';
import type { Role } from '../access/roles.js';
import { auditEvent } from '../audit/audit.js';
import type { AuditEvent, CaseRecord } from '../case/case.js';
import { requireRole, type RequestMeta } from '../case/case-views.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { ReviewRecord } from '../review/record.js';
import { latestVersion as latestTor } from '../review/terms-of-reference.js';
import { deriveReportParts } from './derived.js';
import { renderDocx } from './export-docx.js';
import { exportDocument, type ExportChronologyRow } from './export-document.js';
import { pdfChrome, renderHtml } from './export-html.js';
import {
  acceptanceStep,
  acceptanceStepLabels,
  comment,
  contentOf,
  finalise,
  latestVersion,
  mayOnReport,
  publishBlocker,
  ReportRuleError,
  revisionOf,
  saveSection,
  startVersion,
  versionOf,
  type ReportAction,
  type ReportDerived,
  type ReportPerson,
  type ReportState,
} from './report.js';
import { completionOutcome, describeCompletion } from './timeliness.js';

/**
 * Use cases of the overview report (11.1-11.4, Appendix B; 8.8; 10.8). Each:
 * the caller's role on the case (not on it: 404 and a security event; a role
 * that may not: 403), the shared schema, the pure rule (report.ts), then one
 * conditional write with its audit event. Reads are audited too.
 */
export interface ReportDeps {
  store: CaseStore;
  reports: ReportStore;
  terms: Pick<TermsOfReferenceStore, 'getTermsOfReference'>;
  contributions: Pick<ContributionStore, 'listContributions' | 'listImrSections'>;
  clock: Clock;
  ids: Ids;
  board: BoardConfig;
  /** Sends what the report now owes (the chairs' acceptance emails), each once. */
  notify: (reference: string) => Promise<void>;
  /** For exports: where the files go, and what prints the PDF. */
  objects?: ReportExportObjects;
  pdf?: PdfRenderer;
  /**
   * The overview pages' integrated chronology and genogram, when the case has
   * them (functions/domain/report/integrated-chronology.ts, genogram.ts).
   */
  overview?: (reference: string) => Promise<{ chronology?: ExportChronologyRow[]; genogramSvg?: string; genogramText?: string[] }>;
}

const NOT_A_REVIEW = 'This case is not a serious case review, so it has no overview report.';
const STALE = 'Someone else changed the report since you opened this page. Nothing was saved: reload the page to see their changes.';

type Loaded = { caseRecord: CaseRecord & { review: ReviewRecord }; role: Role; onPanel: boolean };

async function load(deps: ReportDeps, reference: string, caller: Caller, meta: RequestMeta, action: ReportAction): Promise<Loaded> {
  const { caseRecord, role } = await requireRole(deps, reference, caller, 'case.read', meta);
  if (!caseRecord.review) throw new ConflictError(NOT_A_REVIEW);
  const onPanel = caseRecord.review.panel.some((m) => m.email.toLowerCase() === caller.email.toLowerCase());
  if (!mayOnReport(role, action, onPanel)) {
    const why: Record<ReportAction, string> = {
      read: 'Your role on this case does not include the overview report.',
      edit: 'Only the overview author or the business manager can write the report.',
      comment: 'Only the review panel and the Board’s offices can comment on the report.',
      manage: 'Only the business manager can do this.',
    };
    throw new ForbiddenError(why[action]);
  }
  return { caseRecord: caseRecord as Loaded['caseRecord'], role, onPanel };
}

function audit(deps: ReportDeps, reference: string, action: AuditEvent['action'], caller: Caller, role: Role, meta: RequestMeta, detail?: Record<string, string | number | boolean | undefined>): AuditEvent {
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

const person = (caller: Caller, role: Role): ReportPerson => ({ email: caller.email, role });

function rule<T>(f: () => T, message: string): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof ReportRuleError) {
      if (error.field) throw new ValidationError([{ name: error.field, href: `#${error.field}`, text: error.message }], message);
      throw new ConflictError(error.message);
    }
    throw error;
  }
}

const VERSION = /^[1-9][0-9]{0,3}$/;
function versionParam(state: ReportState, v: string) {
  const found = VERSION.test(v) ? versionOf(state, Number(v)) : undefined;
  if (!found) throw new NotFoundError('There is no such version of the report.');
  return found;
}

/** What the report takes from the case now (drafts), or what was frozen into it when offered as final. */
async function derivedNow(deps: ReportDeps, reference: string, review: ReviewRecord): Promise<ReportDerived> {
  const [tor, contributions] = await Promise.all([deps.terms.getTermsOfReference(reference), deps.contributions.listContributions(reference)]);
  const recommendations = new Map<string, ImrSectionContent<'recommendations'>>();
  for (const c of contributions.filter((x) => x.kind === 'imr' && x.status === 'accepted')) {
    const section = (await deps.contributions.listImrSections(reference, c.id)).find((s) => s.section === 'recommendations');
    if (section) recommendations.set(c.id, section.content as ImrSectionContent<'recommendations'>);
  }
  return deriveReportParts({ review, tor: latestTor(tor), contributions, recommendations });
}

/** How the review finished, in words, once the Board chair accepted the report. */
export function completionOf(caseRecord: CaseRecord, board: BoardConfig) {
  const r = caseRecord.review;
  if (!r?.completedAt) return undefined;
  const outcome = completionOutcome(r, r.completedAt, board.procedureProfile.reviewCompletionCalendarMonths);
  return { ...outcome, text: describeCompletion(outcome) };
}

/** The report page: every version with where it stands, the latest's text and comments, and what the caller may do. */
export async function viewReport(deps: ReportDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role, onPanel } = await load(deps, reference, caller, meta, 'read');
  const state = await deps.reports.getReport(reference);
  await deps.store.appendAudit(audit(deps, reference, 'report.viewed', caller, role, meta, { versions: state.versions.length }));
  const latest = latestVersion(state);
  const completion = completionOf(caseRecord, deps.board);
  const manage = mayOnReport(role, 'manage', onPanel);
  return {
    reference,
    canEdit: mayOnReport(role, 'edit', onPanel) && caseRecord.status === 'review-decided' && !caseRecord.review.completedAt,
    canComment: mayOnReport(role, 'comment', onPanel),
    canManage: manage,
    latest: latest?.version ?? 0,
    versions: state.versions.map((v) => ({
      version: v.version,
      status: v.status,
      step: acceptanceStep(state, v.version),
      stepLabel: acceptanceStepLabels[acceptanceStep(state, v.version)],
      createdAt: v.createdAt,
      createdBy: v.createdBy.email,
      ...(v.finalisedAt ? { finalisedAt: v.finalisedAt } : {}),
      ...(v.subCommitteeChairAcceptance ? { subCommitteeChairAcceptance: { by: v.subCommitteeChairAcceptance.by.email, at: v.subCommitteeChairAcceptance.at } } : {}),
      ...(v.boardChairAcceptance ? { boardChairAcceptance: { by: v.boardChairAcceptance.by.email, at: v.boardChairAcceptance.at } } : {}),
      comments: state.comments.filter((c) => c.version === v.version).length,
    })),
    feedbackSessions: state.feedbackSessions,
    ...(state.pseudonyms && manage ? { pseudonyms: state.pseudonyms.entries } : {}),
    ...(state.publication ? { publication: state.publication } : {}),
    ...(caseRecord.review.publicationHold ? { publicationHold: { reason: caseRecord.review.publicationHold.reason } } : {}),
    ...(completion ? { completion } : {}),
    completionDueDate: caseRecord.review.completion.dueDate,
    exports: state.exports.map(({ objectKey: _k, ...e }) => e),
  };
}

/** One version: its text section by section (with each section's revision), what it draws from the case, and the panel's comments. */
export async function viewReportVersion(deps: ReportDeps, reference: string, v: string, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await load(deps, reference, caller, meta, 'read');
  const state = await deps.reports.getReport(reference);
  const version = versionParam(state, v);
  await deps.store.appendAudit(audit(deps, reference, 'report.viewed', caller, role, meta, { version: version.version }));
  const step = acceptanceStep(state, version.version);
  return {
    reference,
    version: version.version,
    status: version.status,
    step,
    stepLabel: acceptanceStepLabels[step],
    editable: step === 'draft',
    content: contentOf(state, version.version),
    revisions: Object.fromEntries(reportSectionIds.map((s) => [s, revisionOf(state, version.version, s)])) as Record<ReportSectionId, number>,
    derived: version.derived ?? (await derivedNow(deps, reference, caseRecord.review)),
    comments: state.comments
      .filter((c) => c.version === version.version)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((c) => ({ id: c.id, section: c.section, text: c.text, at: c.at, by: c.by.email })),
  };
}

async function loadForEdit(deps: ReportDeps, reference: string, caller: Caller, meta: RequestMeta) {
  const loaded = await load(deps, reference, caller, meta, 'edit');
  if (loaded.caseRecord.status !== 'review-decided' || loaded.caseRecord.review.completedAt) {
    throw new ConflictError('This review is no longer in progress, so its report cannot be changed.');
  }
  return loaded;
}

/** Starts the next version (the first, or a copy of the latest to change). */
export async function startReportVersion(deps: ReportDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await loadForEdit(deps, reference, caller, meta);
  const parsed = newReportVersionSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the report');
  const state = await deps.reports.getReport(reference);
  if ((latestVersion(state)?.version ?? 0) !== parsed.data.expectedLatest) throw new ConflictError(STALE);
  const { version, sections } = rule(() => startVersion(state, person(caller, role), deps.clock.now().toISOString()), 'There is a problem with the report');
  const a = audit(deps, reference, 'report.version-started', caller, role, meta, { version: version.version, basedOn: version.basedOn });
  if (!(await deps.reports.startVersion(reference, version, sections, parsed.data.expectedLatest, a))) throw new ConflictError(STALE);
  return { version: version.version, createdAt: version.createdAt };
}

/** Saves one section of the latest draft, over the revision the page read. */
export async function saveReportSection(deps: ReportDeps, reference: string, v: string, section: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await loadForEdit(deps, reference, caller, meta);
  if (!(reportSectionIds as readonly string[]).includes(section)) throw new NotFoundError('There is no such section of the report.');
  const id = section as ReportSectionId;
  const parsed = saveReportSectionSchema(id).safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the report');
  const state = await deps.reports.getReport(reference);
  const version = versionParam(state, v);
  if (revisionOf(state, version.version, id) !== parsed.data.expectedRevision) throw new ConflictError(STALE);
  const saved = rule(() => saveSection(state, version.version, id, parsed.data.content as never, person(caller, role), deps.clock.now().toISOString()), 'There is a problem with the report');
  const a = audit(deps, reference, 'report.section-saved', caller, role, meta, { version: version.version, section: id, revision: saved.revision });
  if (!(await deps.reports.saveSection(reference, saved, parsed.data.expectedRevision, a))) throw new ConflictError(STALE);
  return { revision: saved.revision, updatedAt: saved.updatedAt };
}

/** A panel member's comment on one section of a version. */
export async function commentOnReport(deps: ReportDeps, reference: string, v: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await load(deps, reference, caller, meta, 'comment');
  const parsed = reportCommentSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with your comment');
  const state = await deps.reports.getReport(reference);
  const version = versionParam(state, v);
  const c = rule(() => comment(state, version.version, parsed.data.section, parsed.data.text, deps.ids.uuid(), person(caller, role), deps.clock.now().toISOString()), 'There is a problem with your comment');
  const a = audit(deps, reference, 'report.commented', caller, role, meta, { version: version.version, section: c.section });
  if (!(await deps.reports.addComment(reference, c, a))) throw new ConflictError('That version of the report no longer exists. Reload the page.');
  return { id: c.id, at: c.at };
}

/** Offers the latest draft as final: what it draws from the case is frozen into it, and the sub-committee chair is asked to accept it. */
export async function finaliseReport(deps: ReportDeps, reference: string, v: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await loadForEdit(deps, reference, caller, meta);
  const parsed = finaliseReportSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the report');
  const state = await deps.reports.getReport(reference);
  const version = versionParam(state, v);
  const derived = await derivedNow(deps, reference, caseRecord.review);
  const final = rule(() => finalise(state, version.version, derived, person(caller, role), deps.clock.now().toISOString()), 'The report is not ready to be offered as final');
  const a = audit(deps, reference, 'report.finalised', caller, role, meta, { version: final.version });
  if (!(await deps.reports.finalise(reference, final, a))) throw new ConflictError(STALE);
  // Sent from here; the review's check step sweeps what the report owes too, in case this request dies now.
  await deps.notify(reference);
  return { version: final.version, finalisedAt: final.finalisedAt! };
}

/** 10.8: a feedback session for the organisations, when the report raises new issues. */
export async function recordFeedbackSession(deps: ReportDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await load(deps, reference, caller, meta, 'manage');
  const parsed = feedbackSessionSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the feedback session');
  const session = { ...parsed.data, id: deps.ids.uuid(), recordedAt: deps.clock.now().toISOString(), recordedBy: caller.email };
  await deps.reports.putFeedbackSession(reference, session, audit(deps, reference, 'report.feedback-session-recorded', caller, role, meta, { heldOn: session.heldOn }));
  return { id: session.id };
}

/** The agreed pseudonyms for the anonymised report (the names are case content: never in the audit). */
export async function agreePseudonyms(deps: ReportDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { role } = await load(deps, reference, caller, meta, 'manage');
  const parsed = pseudonymsSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the pseudonyms');
  const at = deps.clock.now().toISOString();
  await deps.reports.putPseudonyms(reference, { ...parsed.data, updatedAt: at, updatedBy: caller.email }, audit(deps, reference, 'report.pseudonyms-agreed', caller, role, meta, { entries: parsed.data.entries.length }));
  return { entries: parsed.data.entries.length, updatedAt: at };
}

/** 8.8: marks the anonymised report published, with when and where: never while a publication hold is on. */
export async function markPublished(deps: ReportDeps, reference: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await load(deps, reference, caller, meta, 'manage');
  const parsed = publicationSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the publication');
  const state = await deps.reports.getReport(reference);
  const blocker = publishBlocker(state, caseRecord.review.publicationHold);
  if (blocker) throw new ConflictError(blocker);
  const publication = { ...parsed.data, recordedAt: deps.clock.now().toISOString(), recordedBy: caller.email };
  const a = audit(deps, reference, 'report.published', caller, role, meta, { publishedOn: publication.publishedOn });
  if (!(await deps.reports.putPublication(reference, publication, caseRecord.version, a))) {
    throw new ConflictError('The case changed while you recorded this (a publication hold may have been set). Nothing was recorded: reload the page.');
  }
  return { publishedOn: publication.publishedOn };
}

const CONTENT_TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;
export const EXPORT_URL_SECONDS = 60;

/**
 * Exports a version as Word or PDF (the full report, its executive summary,
 * or the anonymised report), stores the file in the case's space and
 * records it with its audit event.
 */
export async function exportReport(deps: ReportDeps, reference: string, v: string, body: unknown, caller: Caller, meta: RequestMeta) {
  const { caseRecord, role } = await load(deps, reference, caller, meta, 'read');
  const parsed = exportRequestSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error), 'There is a problem with the export');
  if (!deps.objects) throw new Error('Report exports need the files bucket');
  if (parsed.data.format === 'pdf' && !deps.pdf) throw new ConflictError('PDF export is not available in this environment. Export as Word instead.');
  if (parsed.data.kind === 'anonymised' && !mayOnReport(role, 'manage', false) && role !== 'overview-author') {
    throw new ForbiddenError('Only the business manager or the overview author can export the anonymised report.');
  }
  const state = await deps.reports.getReport(reference);
  const version = versionParam(state, v);
  if (parsed.data.kind === 'anonymised' && !state.pseudonyms?.entries.length) {
    throw new ValidationError([{ name: 'kind', href: '#kind', text: 'Agree the pseudonyms before exporting the anonymised report' }], 'There is a problem with the export');
  }
  const overview = deps.overview ? await deps.overview(reference) : {};
  const completion = completionOf(caseRecord, deps.board);
  const doc = exportDocument({
    kind: parsed.data.kind,
    reference,
    boardName: deps.board.board.name,
    version,
    content: contentOf(state, version.version),
    derived: version.derived ?? (await derivedNow(deps, reference, caseRecord.review)),
    ...overview,
    ...(state.pseudonyms ? { pseudonyms: state.pseudonyms.entries } : {}),
    ...(completion ? { completion: completion.text } : {}),
  });
  const bytes = parsed.data.format === 'docx' ? await renderDocx(doc) : await deps.pdf!.render(renderHtml(doc), pdfChrome(doc));
  const exportId = deps.ids.uuid();
  const record: ReportExport = {
    exportId,
    version: version.version,
    kind: parsed.data.kind,
    format: parsed.data.format,
    fileName: `${doc.fileStem}.${parsed.data.format}`,
    contentType: CONTENT_TYPES[parsed.data.format],
    size: bytes.byteLength,
    objectKey: `cases/${reference}/report/v${version.version}/${exportId}.${parsed.data.format}`,
    createdAt: deps.clock.now().toISOString(),
    createdBy: caller.email,
  };
  await deps.objects.put(record.objectKey, bytes, record.contentType);
  await deps.reports.putExport(reference, record, audit(deps, reference, 'report.exported', caller, role, meta, { version: record.version, kind: record.kind, format: record.format, size: record.size }));
  const { objectKey: _k, ...view } = record;
  return view;
}

/** A one-minute download link for a stored export; every download is audited. */
export async function downloadReportExport(deps: ReportDeps, reference: string, exportId: string, caller: Caller, meta: RequestMeta) {
  const { role } = await load(deps, reference, caller, meta, 'read');
  if (!deps.objects) throw new Error('Report exports need the files bucket');
  const state = await deps.reports.getReport(reference);
  const record = state.exports.find((e) => e.exportId === exportId);
  if (!record) throw new NotFoundError('There is no such export of the report.');
  if (record.kind === 'anonymised' && !mayOnReport(role, 'manage', false) && role !== 'overview-author') throw new NotFoundError('There is no such export of the report.');
  const url = await deps.objects.presignDownload({ key: record.objectKey, fileName: record.fileName, contentType: record.contentType, expiresInSeconds: EXPORT_URL_SECONDS });
  await deps.store.appendAudit(audit(deps, reference, 'report.export-downloaded', caller, role, meta, { exportId, version: record.version, kind: record.kind, format: record.format }));
  return { url, fileName: record.fileName, expiresInSeconds: EXPORT_URL_SECONDS };
}
