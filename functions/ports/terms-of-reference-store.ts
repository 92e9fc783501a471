import type { AuditEvent } from '../domain/case/case.js';
import type { TermsOfReference, TorDraft, TorVersion } from '../domain/review/terms-of-reference.js';

/**
 * A case's terms of reference (7.1, 7.2): child items under the case's
 * partition, outside the `CASE` prefix, so a case read never loads them.
 * Each write goes with its audit event in one transaction, conditional on
 * the item it changes.
 */
export interface TermsOfReferenceStore {
  /** The open draft (if any) and every agreed version, oldest first: one Query. */
  getTermsOfReference(reference: string): Promise<TermsOfReference>;
  /**
   * Writes the draft only if the stored one is still at `expectedRevision`
   * (0: there is none). Returns false when it is not: nothing is written.
   */
  saveTorDraft(reference: string, draft: TorDraft, expectedRevision: number, audit: AuditEvent): Promise<boolean>;
  /**
   * Writes `version` (only if that number is free) and closes the draft
   * (only if still at `expectedRevision`; 0: there must be none), with the
   * audit event. Returns false when a condition failed: nothing is written.
   */
  agreeTorVersion(reference: string, version: TorVersion, expectedRevision: number, audit: AuditEvent): Promise<boolean>;
}
