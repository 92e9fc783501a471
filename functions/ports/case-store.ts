import type { CaseRecord, AuditEvent, NotificationRecord, CaseMember, ActionLink, MessagePointer, NotificationSummary } from '../domain/case.js';
import type { DeliveryState } from '../domain/delivery.js';

/**
 * A signed-in caller's session, checked inside the write that creates the
 * case instead of by a separate read first: the session must be the
 * caller's, not signed out, not idle for `idleMs`, and not begun before the
 * user's sessions were revoked. The write also records the activity.
 */
export interface SessionCheck {
  sessionId: string;
  userId: string;
  /** When the person authenticated (seconds since epoch), from the token. */
  authTime: number;
  now: Date;
  idleMs: number;
}

export interface CreateCaseRequest {
  /** The case without its reference; the store allocates the next one. */
  build(reference: string): { caseRecord: CaseRecord; audit: AuditEvent };
  /** Members written with the case (the referrer, on their own referral). */
  members?: (reference: string) => CaseMember[];
  /** Year the reference counter belongs to (Europe/London). */
  year: number;
  idempotencyKey: string;
  /** SHA-256 of the canonical submission, to tell a retry from a different body with a reused key. */
  payloadHash: string;
  /** Check (and touch) the caller's session in the same transaction; nothing is written if it has ended. */
  session?: SessionCheck;
}

export type CreateCaseResult =
  | { kind: 'created'; caseRecord: CaseRecord }
  | { kind: 'replayed'; reference: string; receivedAt: string }
  | { kind: 'key-reused'; reference: string }
  /** The caller's session had ended (signed out, idle or revoked): nothing was written. */
  | { kind: 'session-ended' };

export interface CaseStore {
  /** Allocates a unique reference and writes the case, its audit event and the idempotency record in one transaction. */
  createCase(request: CreateCaseRequest): Promise<CreateCaseResult>;
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /**
   * Replaces a case with its next version and writes the audit event, in one
   * transaction, only if the stored case is still at `expectedVersion`.
   * Returns false when someone changed it first: nothing is written.
   */
  updateCase(next: CaseRecord, expectedVersion: number, audit: AuditEvent): Promise<boolean>;
  /**
   * Claims the right to send one notification (reference + kind + recipient).
   * Returns false if it was already claimed, so a retried task sends nothing twice.
   */
  claimNotification(record: NotificationRecord): Promise<boolean>;
  /**
   * Records the provider's message id against a claimed notification, with its
   * audit event and a pointer from the message id back to it, in one transaction.
   */
  recordNotificationSent(record: NotificationRecord, messageId: string, audit: AuditEvent): Promise<void>;
  /** Releases a claim whose send failed, so a retry may try again. */
  releaseNotification(record: NotificationRecord): Promise<void>;
  /** The notification an SES message id belongs to, if the platform sent it. */
  findMessage(messageId: string): Promise<MessagePointer | undefined>;
  /**
   * Sets a notification's delivery state with its audit event, in one
   * transaction, only if `state` supersedes the one stored (later, or as
   * late and more severe). Returns false when it does not: nothing is written.
   */
  recordDelivery(pointer: MessagePointer, state: DeliveryState, audit: AuditEvent): Promise<boolean>;
  /** Every notification item of a case (each email of each notification, and alert markers). */
  listNotifications(reference: string): Promise<NotificationSummary[]>;

  /** Appends an audit event; events can never be overwritten. */
  appendAudit(event: AuditEvent): Promise<void>;
  /** A case's audit trail, oldest first. */
  listAudit(reference: string): Promise<AuditEvent[]>;
  /** Adds (or changes the role of) a member of a case, with its audit event, in one transaction. */
  putMember(member: CaseMember, audit: AuditEvent): Promise<void>;
  getMember(reference: string, userId: string): Promise<CaseMember | undefined>;
  listMembers(reference: string): Promise<CaseMember[]>;
  /** Every case, newest first (board-wide roles). */
  listCases(): Promise<CaseRecord[]>;
  /** The cases a user is a member of, newest first. */
  listCasesOf(userId: string): Promise<{ caseRecord: CaseRecord; member: CaseMember }[]>;
}

/** Server-side sessions, so sign-out and inactivity end a session whatever the token says. */
export interface SessionStore {
  /**
   * Records activity on a session. Returns 'active', or why it is over:
   * 'revoked' (signed out) or 'idle' (no activity for `idleMs`; it is revoked now).
   */
  touch(sessionId: string, userId: string, authTime: number, now: Date, idleMs: number): Promise<'active' | 'revoked' | 'idle'>;
  revoke(sessionId: string, userId: string, now: Date): Promise<void>;
  /** Ends every session of a user that began before `now` (disabled, or role changed: tokens carry the old groups). */
  revokeUser(userId: string, now: Date): Promise<void>;
}

/** Board configuration, seeded from the file and then edited in the app. */
export interface BoardConfigStore {
  get(): Promise<{ config: import('../config/board.js').BoardConfig; version: number }>;
  /** Replaces the configuration if `expectedVersion` is still current; audited. */
  put(config: import('../config/board.js').BoardConfig, expectedVersion: number, audit: AuditEvent): Promise<number>;
}

/** Which alerts (reminders, escalations) of a case were already sent: their keys. */
export interface SentAlerts {
  /** Keys of alerts whose every email was sent (marked complete). */
  sentAlertKeys(reference: string): Promise<Set<string>>;
  /** Marks an alert complete once each of its recipients has it. */
  markAlertComplete(reference: string, alertKey: string, at: string): Promise<void>;
}

/** Single-use action links, stored by the hash of their secret. */
export interface ActionLinks {
  putLink(link: ActionLink): Promise<void>;
  getLink(tokenHash: string): Promise<ActionLink | undefined>;
  /**
   * Records a stage action in one transaction: the case moves on (only from
   * `expectedStatus` at `expectedVersion`), the link is used (only if unused),
   * and the audit event is written. Returns false if any condition failed:
   * someone already acted, or the link was already used.
   */
  recordStageAction(input: {
    caseRecord: CaseRecord;
    expectedStatus: CaseRecord['status'];
    expectedVersion: number;
    tokenHash: string;
    audit: AuditEvent;
  }): Promise<boolean>;
}
