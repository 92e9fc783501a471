import type { Referral } from '../schemas/referral.js';
import type { CriteriaResult } from './criteria.js';
import type { Deadline } from './deadlines.js';

/** Where a case is in the procedure. Grows with each stage. */
export type CaseStatus = 'awaiting-recommendation';

/** A Serious Case Review referral and everything decided about it. */
export interface CaseRecord {
  reference: string;
  status: CaseStatus;
  /** When the referral reached the Board: the case comes to the Board chair's attention (8.2). */
  receivedAt: string;
  referral: Referral;
  criteria: CriteriaResult;
  deadlines: {
    /** Local practice: the sub-committee recommends in time for the chair to decide (4.1, 4.2). */
    recommendation: Deadline;
    /** 8.2: the Board chair decides within one month. */
    decision: Deadline;
  };
  procedureProfileId: string;
  /** The referrer's user id (their verified sign-in), so they can follow their own referral. */
  referrerUserId?: string;
  /** Optimistic-locking counter; every change increments it. */
  version: number;
}

/** Who did something. Referrers have no account yet; their verified email identifies them. */
export type Actor =
  | { kind: 'referrer'; email: string }
  | { kind: 'system'; component: string }
  | { kind: 'user'; userId: string; email: string; role: string };

/**
 * One append-only entry of a case's audit trail. Holds no case content:
 * the what is an action name and non-sensitive detail (kinds, roles, ids).
 */
export interface AuditEvent {
  eventId: string;
  /** The case it concerns; Board-level events (users, configuration, lists) use `BOARD`. */
  reference: string;
  at: string;
  action:
    | 'referral.submitted'
    | 'notification.sent'
    | 'case.viewed'
    | 'case.summary-viewed'
    | 'timeline.viewed'
    | 'timeline.exported'
    | 'member.added'
    | 'referral.status-viewed'
    | 'cases.listed'
    | 'tasks.listed'
    | 'access.denied'
    | 'user.invited'
    | 'user.role-changed'
    | 'user.disabled'
    | 'user.enabled'
    | 'users.listed'
    | 'board-config.viewed'
    | 'board-config.changed'
    | 'session.signed-out';
  actor: Actor;
  requestId?: string;
  sourceIp?: string;
  detail?: Record<string, string | number | boolean>;
}

/** Someone with a role on a case. */
export interface CaseMember {
  reference: string;
  userId: string;
  email: string;
  role: import('./roles.js').Role;
  addedAt: string;
  addedBy: string;
}

export type NotificationKind = 'referral-received';
export type RecipientRole = 'referrer' | 'sub-committee-chair' | 'board-chair';

/**
 * What a notification record is keyed by: a notification kind and recipient
 * role, or (for reminders and escalations) the alert key and the recipient's
 * address, so each alert reaches each recipient once.
 */
export type NotificationKey = NotificationKind | `alert:${string}`;

/** The right to send one email of one notification to one recipient, claimed once. */
export interface NotificationRecord {
  reference: string;
  kind: NotificationKey;
  recipientRole: RecipientRole | `to:${string}`;
  email: string;
  /** When this attempt claimed it. */
  claimedAt: string;
  /** A claim left in "sending" before this instant is stale (its sender died) and may be retaken. */
  staleBefore: string;
}
