import type { AuditEvent, CaseRecord } from '../domain/case/case.js';
import type { FeedbackSession, Publication, ReportComment, ReportSection, ReportState, ReportVersion } from '../domain/report/report.js';
import type { PseudonymsInput } from '../schemas/report.js';

/** An export made of a version of the report, stored in the case's file space. */
export interface ReportExport {
  exportId: string;
  version: number;
  kind: 'report' | 'executive-summary' | 'anonymised';
  format: 'docx' | 'pdf';
  fileName: string;
  contentType: string;
  size: number;
  objectKey: string;
  createdAt: string;
  createdBy: string;
}

/**
 * A case's overview report: items under the case's partition, outside the
 * `CASE` prefix. Each write goes with its audit event in one transaction,
 * conditional on what it changes; false when a condition failed (nothing is
 * written).
 */
export interface ReportStore {
  /** Versions, sections, comments, feedback sessions, pseudonyms, publication and exports: one Query. */
  getReport(reference: string): Promise<ReportState & { exports: ReportExport[] }>;
  /** A new version with its copied sections, only if `expectedLatest` is still the latest (0: none). */
  startVersion(reference: string, version: ReportVersion, sections: ReportSection[], expectedLatest: number, audit: AuditEvent): Promise<boolean>;
  /** One section, only if its version is still a draft with no later version, and the section still at `expectedRevision`. */
  saveSection(reference: string, section: ReportSection, expectedRevision: number, audit: AuditEvent): Promise<boolean>;
  addComment(reference: string, comment: ReportComment, audit: AuditEvent): Promise<boolean>;
  /** The version offered as final, only if it is still a draft with no later version. */
  finalise(reference: string, version: ReportVersion, audit: AuditEvent): Promise<boolean>;
  /**
   * A chair's acceptance from an emailed link: the version (only if still
   * awaiting that chair, with no later version), the link used (only once),
   * the audit event and, for the Board chair, the case completed: one
   * transaction.
   */
  accept(input: {
    reference: string;
    version: ReportVersion;
    awaiting: 'sub-committee-chair' | 'board-chair';
    tokenHash: string;
    audit: AuditEvent;
    completes?: { previous: CaseRecord; next: CaseRecord; audit: AuditEvent };
  }): Promise<boolean>;
  putFeedbackSession(reference: string, session: FeedbackSession, audit: AuditEvent): Promise<void>;
  putPseudonyms(reference: string, pseudonyms: PseudonymsInput & { updatedAt: string; updatedBy: string }, audit: AuditEvent): Promise<void>;
  /** Publication, only if not recorded before and the case still at `caseVersion` (so a hold set meanwhile is seen). */
  putPublication(reference: string, publication: Publication, caseVersion: number, audit: AuditEvent): Promise<boolean>;
  putExport(reference: string, record: ReportExport, audit: AuditEvent): Promise<void>;
}

/** Where export files are kept: the case's space in the files bucket. */
export interface ReportExportObjects {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  presignDownload(input: { key: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string>;
}
