import type { CaseRecord, AuditEvent, NotificationRecord } from '../domain/case.js';

export interface CreateCaseRequest {
  /** The case without its reference; the store allocates the next one. */
  build(reference: string): { caseRecord: CaseRecord; audit: AuditEvent };
  /** Year the reference counter belongs to (Europe/London). */
  year: number;
  idempotencyKey: string;
  /** SHA-256 of the canonical submission, to tell a retry from a different body with a reused key. */
  payloadHash: string;
}

export type CreateCaseResult =
  | { kind: 'created'; caseRecord: CaseRecord }
  | { kind: 'replayed'; reference: string; receivedAt: string }
  | { kind: 'key-reused'; reference: string };

export interface CaseStore {
  /** Allocates a unique reference and writes the case, its audit event and the idempotency record in one transaction. */
  createCase(request: CreateCaseRequest): Promise<CreateCaseResult>;
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /**
   * Claims the right to send one notification (reference + kind + recipient).
   * Returns false if it was already claimed, so a retried task sends nothing twice.
   */
  claimNotification(record: NotificationRecord): Promise<boolean>;
  /** Records the provider's message id against a claimed notification, with its audit event. */
  recordNotificationSent(record: NotificationRecord, messageId: string, audit: AuditEvent): Promise<void>;
  /** Releases a claim whose send failed, so a retry may try again. */
  releaseNotification(record: NotificationRecord): Promise<void>;
}
