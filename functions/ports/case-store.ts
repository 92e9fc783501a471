import type { CaseRecord, AuditEvent, NotificationRecord, CaseMember, ActionLink, MessagePointer, NotificationSummary, CaseTask, TaskRow } from '../domain/case/case.js';
import type { DeliveryState } from '../domain/email/delivery.js';

/** What the case list shows of a case: its header's list fields, as the case-list index projects them. */
export interface CaseListRow {
  reference: string;
  status: CaseRecord['status'];
  receivedAt: string;
  /** The criteria engine's outcome (a code, not case content). */
  criteriaOutcome: string;
  /** The open duty due first, if any. */
  nextTask?: CaseTask;
}

/** One page of a list and, when there is more, the opaque cursor of the next. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** A case change: the case as it was read, as it is to become, and the change's audit event. */
export interface CaseChange {
  previous: CaseRecord;
  next: CaseRecord;
  audit: AuditEvent;
  /**
   * The change depends on other items of the case (a panel member's address
   * must be new on the panel, the panel must be complete to start): write it
   * only if the header is still at `previous.version`, and move the header on,
   * so two such changes cannot both pass.
   */
  spansItems?: boolean;
}

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

/** What claiming an email found: the right to send it (this attempt), or why not. */
export type ClaimResult =
  | {
      claimed: true;
      /** 1 for the first attempt. */
      attempt: number;
      /** An earlier attempt claimed it and its fate is unknown (maybe sent): this one is a resend. */
      outcomeUnknown: boolean;
    }
  | {
      claimed: false;
      /** sent: done; parked: failed for good, with the business manager; sending: another attempt holds a fresh claim. */
      status: 'sent' | 'parked' | 'sending';
      /** For `sending`: when that claim was taken. */
      claimedAt?: string;
    };

/** An email set aside after it kept failing: on the business manager's tasks until sent another way. */
export interface ParkedEmail {
  reference: string;
  kind: string;
  recipientRole: string;
  parkedAt: string;
  attempts: number;
}

/** Finding emails whose sender died, and those parked: the crash-safety sweep's view of the store. */
export interface EmailSweep {
  /**
   * Marks every `sending` claim `unknown` (its sender is known to be dead:
   * the local runtime calls this at start-up, before anything sends). Returns
   * how many it marked.
   */
  markAbandonedClaims(): Promise<number>;
  /** Every parked email of the Board, oldest first. */
  listParkedEmails(): Promise<ParkedEmail[]>;
}

export interface CaseStore {
  /** Allocates a unique reference and writes the case, its audit event and the idempotency record in one transaction. */
  createCase(request: CreateCaseRequest): Promise<CreateCaseResult>;
  /** A case: its header and the review's lists (its child items), read with one Query and put back together. */
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /**
   * Writes what changed between `previous` and `next`, with the audit event,
   * in one transaction: each changed child item only if it is still as it was
   * read, and the header (with the next version) only if it changed and is
   * still at `previous.version`. Two people changing different child items do
   * not conflict. Returns false when a condition failed: nothing is written.
   */
  updateCase(change: CaseChange): Promise<boolean>;
  /**
   * Claims the right to send one notification (reference + kind + recipient).
   * Takes it when it was never claimed, failed, or its fate is unknown (a
   * `sending` claim older than `staleBefore`, or one the start-up sweep marked
   * `unknown`); otherwise says why not, so a retried task sends nothing twice
   * and never mistakes a claim in flight for a sent email.
   */
  claimNotification(record: NotificationRecord): Promise<ClaimResult>;
  /**
   * Records the provider's message id against a claimed notification, with its
   * audit event and a pointer from the message id back to it, in one transaction.
   */
  recordNotificationSent(record: NotificationRecord, messageId: string, audit: AuditEvent): Promise<void>;
  /** Releases a claim whose send failed, so a retry may try again. */
  releaseNotification(record: NotificationRecord): Promise<void>;
  /**
   * Sets aside an email that kept failing (status `parked`), with its audit
   * event and an entry in the Board's list of parked emails (the business
   * manager's tasks), in one transaction.
   */
  parkNotification(record: NotificationRecord, audit: AuditEvent): Promise<void>;
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
  /**
   * Counts a refused access into its user's item for the minute (created
   * with this event's details on the first, then only the count and the
   * last time change). Returns the count in that window so far.
   */
  recordSecurityEvent(event: AuditEvent): Promise<number>;
  /** As recordSecurityEvent, for a view on a case's own audit trail (an action link opened). */
  countCaseView(event: AuditEvent): Promise<number>;
  /** A case's audit trail, oldest first. */
  listAudit(reference: string): Promise<AuditEvent[]>;
  /** Adds (or changes the role of) a member of a case, with its audit event, in one transaction. */
  putMember(member: CaseMember, audit: AuditEvent): Promise<void>;
  getMember(reference: string, userId: string): Promise<CaseMember | undefined>;
  listMembers(reference: string): Promise<CaseMember[]>;
  /** A page of every case, newest first (board-wide roles), from the case-list index's projected list fields. */
  listCasePage(limit: number, cursor?: string): Promise<Page<CaseListRow>>;
  /** A page of the cases a user is a member of, newest first. */
  listCasesOf(userId: string, limit: number, cursor?: string): Promise<Page<{ row: CaseListRow; member: CaseMember }>>;
  /** An owner's open tasks (an office, or `email:<address>`), soonest due first, up to `limit`. */
  listTasksOf(owner: string, limit: number): Promise<TaskRow[]>;
  /** Open tasks of any owner due before `before` (overdue), soonest first, up to `limit`. */
  listOverdueTasks(before: string, limit: number): Promise<TaskRow[]>;
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
  /** Pushes back the absolute expiry of those links not used yet (a reminder went to their holder). */
  renewLinks(tokenHashes: string[], expiresAt: string): Promise<void>;
  getLink(tokenHash: string): Promise<ActionLink | undefined>;
  /**
   * Records a stage action in one transaction: the case moves on (only from
   * `expectedStatus` at `expectedVersion`), the link is used (only if unused),
   * and the audit event is written. Returns false if any condition failed:
   * someone already acted, or the link was already used.
   */
  recordStageAction(input: {
    /** The case as it was read, so only the child items that changed are written. */
    previous: CaseRecord;
    caseRecord: CaseRecord;
    expectedStatus: CaseRecord['status'];
    expectedVersion: number;
    tokenHash: string;
    audit: AuditEvent;
  }): Promise<boolean>;
}
