import type { Referral } from '../../schemas/referral.js';
import type { CriteriaResult } from '../intake/criteria.js';
import type { Deadline } from '../calendar/deadlines.js';

/** Where a case is in the procedure. Grows with each stage. */
export type CaseStatus =
  | 'awaiting-recommendation'
  | 'awaiting-decision'
  /** The Board chair decided to conduct a serious case review: the next stage starts from here. */
  | 'review-decided'
  | 'imr-only'
  | 'partnership-review'
  | 'no-review';

export interface RecordedRecommendation {
  outcome: import('../decision/decision.js').ReviewOption;
  rationale: string;
  criteriaApplied: string[];
  /** Against a review the criteria make mandatory: the stated reason for departing from the guidance (1.3). */
  departureReason?: string;
  departsFromGuidance?: boolean;
  byUserId: string;
  byEmail: string;
  at: string;
}

export interface RecordedDecision {
  outcome: import('../decision/decision.js').ReviewOption;
  reasons: string;
  departureReason?: string;
  departsFrom: import('../decision/decision.js').Departure;
  byUserId: string;
  byEmail: string;
  at: string;
  /** 5.1, 5.2: findings from an IMR or partnership review are shared with the sub-committee by this date. */
  shareFindingsBy?: import('../calendar/deadlines.js').Deadline;
}

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
  recommendation?: RecordedRecommendation;
  decision?: RecordedDecision;
  /** 3.1: what the business manager recorded about the other children being considered (see other-children.ts). */
  otherChildrenCheck?: OtherChildrenCheck;
  /** Once the Board chair decided to conduct a serious case review: its duties and timescale (3.4-8.8). */
  review?: import('../review/record.js').ReviewRecord;
  procedureProfileId: string;
  /** The referrer's user id (their verified sign-in), so they can follow their own referral. */
  referrerUserId?: string;
  /**
   * Optimistic-locking counter of the case's header item: every change to the
   * header increments it. A change to one child item alone (a proceeding, an
   * early lesson, a mandate) leaves it as it is.
   */
  version: number;
  /** A digest of everything the review workflow's schedule depends on (outbox.ts), once a review is decided. */
  scheduleFingerprint?: string;
  /** The header version at which the fingerprint last changed: it names the review workflow's execution. */
  scheduleVersion?: number;
  /**
   * Storage bookkeeping, set by the store and never shown: the open task items
   * it last wrote for the case (task id to a digest of the task), so a change
   * writes only the tasks that changed and closes those no longer open.
   */
  taskIndex?: Record<string, string>;
  /**
   * The action plan's count of open actions (its actions are items of their
   * own, `ACTION#<id>`): part of the review's schedule (outbox.ts), so adding
   * or closing an action restarts the review workflow, which watches them.
   */
  actionPlan?: {
    open: number;
    /** A digest of the open actions' due instants and owners (actions.ts `actionScheduleDigest`), so a new date or owner restarts the workflow too. Absent on headers written before it existed. */
    schedule?: string;
  };
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
    | 'notification.delivered'
    | 'notification.failed'
    | 'notification.pending'
    /** An email that kept failing was set aside for the business manager (see send-once.ts). */
    | 'notification.parked'
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
    | 'user.sign-in-reset'
    | 'user.reinvited'
    | 'users.listed'
    | 'board-config.viewed'
    | 'board-config.changed'
    | 'session.signed-out'
    | 'recommendation.recorded'
    | 'decision.recorded'
    | 'action-link.viewed'
    | 'action-link.refused'
    | 'review.ofsted-form-recorded'
    | 'review.nbu-confirmed'
    /** 3.1: children's social care confirmed the other children named in the referral were considered. */
    | 'case.other-children-considered'
    | 'review.notification-resend'
    | 'review.panel-member-added'
    | 'review.mandate-confirmed'
    | 'review.started'
    | 'review.start-refused'
    | 'review.records-requested'
    | 'review.records-secured'
    | 'review.joint-asked'
    | 'review.joint-answered'
    | 'review.joint-final-decision'
    | 'review.extension-requested'
    | 'review.extension-agreed'
    | 'review.proceedings-recorded'
    | 'review.publication-hold-set'
    | 'review.publication-hold-lifted'
    | 'review.early-lesson-recorded'
    | 'statutory-notification.viewed'
    | 'terms-of-reference.viewed'
    | 'terms-of-reference.draft-saved'
    | 'terms-of-reference.agreed'
    /** Attached files (functions/domain/files/files.ts): detail holds ids, type and size, never the name. */
    | 'file.upload-requested'
    | 'file.stored'
    | 'file.refused'
    | 'file.downloaded'
    | 'files.listed'
    | 'contribution.commissioned'
    | 'contributions.listed'
    | 'contribution.viewed'
    | 'contribution.due-date-changed'
    | 'contribution.author-named'
    | 'contribution.independence-declared'
    | 'contribution.author-declined'
    | 'contribution.court-agreement-recorded'
    | 'contribution.submitted'
    | 'contribution.returned'
    | 'contribution.accepted'
    | 'contribution.debrief-recorded'
    | 'contribution.follow-up-recorded'
    | 'contribution.disciplinary-recorded'
    | 'contribution.disciplinary-viewed'
    | 'contribution.imr-viewed'
    | 'contribution.imr-section-saved'
    /** The overview report's facts (issue 11): functions/domain/report/overview-actions.ts. */
    | 'overview.author-commissioned'
    | 'overview.author-declared'
    | 'overview.author-declined'
    | 'overview.viewed'
    | 'overview.contributions-read'
    | 'overview.chronology-viewed'
    | 'overview.chronology-grouped'
    | 'overview.chronology-ungrouped'
    | 'overview.genogram-saved'
    | 'overview.what-was-known-saved'
    /** The overview report (functions/domain/report): detail holds versions and section ids, never its text. */
    | 'report.viewed'
    | 'report.version-started'
    | 'report.section-saved'
    | 'report.commented'
    | 'report.finalised'
    | 'report.accepted'
    | 'report.feedback-session-recorded'
    | 'report.pseudonyms-agreed'
    | 'report.published'
    | 'report.exported'
    | 'report.export-downloaded'
    | 'review.completed'
    /** The action plan (functions/domain/actions): detail holds the action's id and number, never its text. */
    | 'action.added'
    | 'action.progress-recorded'
    | 'action.changed'
    | 'actions.viewed'
    | 'actions.listed'
    /** "Your contributions" on My tasks: detail holds counts only. */
    | 'contributions.listed-mine'
    | 'action-report.viewed'
    | 'action-report.exported'
    | 'timeliness-report.viewed';
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
  role: import('../access/roles.js').Role;
  addedAt: string;
  addedBy: string;
}

export type NotificationKind =
  | 'referral-received'
  | 'recommendation-recorded'
  | 'decision-recorded'
  /** 6.1-6.4: Ofsted's NBU, the SHA and the Children's Services Adviser are told of the review. */
  | 'statutory-notification'
  /** 3.4: another Board's chair is asked how the review should be conducted. */
  | 'joint-review-asked'
  /** 3.5: the chairs did not agree (or did not answer): the question goes for a final decision. */
  | 'joint-review-referred'
  /** 8.3, 10.3: an agency is asked to secure its records. */
  | 'records-requested'
  /** 9.1, 10.1: a senior officer is asked for a contribution and to name its author. */
  | 'contribution-requested'
  /** 10.2: the named author is asked to declare independence. */
  | 'contribution-author-named'
  /** 10.6: the senior officer is asked to accept the findings or return it. */
  | 'contribution-submitted'
  /** 11.3: a chair is asked to accept the final overview report. */
  | 'report-acceptance'
  /** 11.2: the overview author is asked to declare independence (functions/domain/report/overview-emails.ts). */
  | 'overview-author-commissioned';
/**
 * Who an email of a notification went to: an office, a statutory recipient
 * with the attempt number (`ofsted-nbu#2` is a resend), another Board by
 * name, or an agency's records request by id.
 */
export type RecipientRole =
  | 'referrer'
  | 'sub-committee-chair'
  | 'board-chair'
  | 'business-manager'
  | `${import('../../schemas/review.js').StatutoryRecipient}#${number}`
  | `board:${string}`
  | `agency:${string}`
  | `chief-executive:${string}`
  /** A contribution's senior officer or author: `contribution:<id>:<who>`. */
  | `contribution:${string}`
  /** A chair asked to accept a version of the overview report: `report:v<n>:<chair>`. */
  | `report:${string}`
  /** The overview author: `overview:author:<address>`. */
  | `overview:${string}`;

/** What a contribution's emailed link asks: the senior officer names the author (10.1), the author declares independence (10.2), the senior officer accepts the findings or returns it (10.6). */
export type ContributionLinkAction = 'name-author' | 'declare-independence' | 'accept-findings';

/** A single-use link emailed to the one person asked to act. Only the secret's hash is stored. */
export interface ActionLink {
  tokenHash: string;
  reference: string;
  action: 'recommend' | 'decide' | 'joint-answer' | 'records-secured' | ContributionLinkAction | 'report-accept';
  /** For a report acceptance: which version of the overview report (11.3). */
  reportVersion?: number;
  /** For a joint-review answer: the other Board the link asks (3.4). */
  board?: string;
  /** For a records confirmation: which records request (8.3, 10.3). */
  recordsId?: string;
  /** For a contribution's link (10.1, 10.2, 10.6): which contribution. */
  contributionId?: string;
  /** For a contribution's link: the step it was made for (contribution-links.ts `stepOf`); once the step is past, the link acts on nothing. */
  contributionStep?: string;
  /** The signed-in person it was made for (their email, lower case). */
  intendedEmail: string;
  /** The case status the link acts on; once the case has moved on, the link has expired. */
  forStatus: CaseStatus;
  createdAt: string;
  /** An absolute expiry (`actionLinkExpiryDays` after it was made), pushed back when a reminder goes to its holder. */
  expiresAt?: string;
  usedAt?: string;
}

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
  /** Set by the store when this claim retook one whose fate was unknown (claimed, maybe sent, never recorded). */
  outcomeUnknown?: boolean;
  /** The hash of the single-use action link the email carries, if any: kept so a reminder can renew it. */
  linkHash?: string;
}

/** Where an SES message id leads: the notification (case, kind, recipient) that sent it. */
export interface MessagePointer {
  messageId: string;
  reference: string;
  kind: NotificationKey;
  recipientRole: NotificationRecord['recipientRole'];
}

/** One email of a case as the store keeps it, with what SES last said about it. */
export interface NotificationSummary {
  kind: NotificationKey;
  recipientRole: NotificationRecord['recipientRole'];
  email?: string;
  /** The claim's state: sending, sent, failed (the send itself failed), complete (an alert's marker). */
  status: string;
  messageId?: string;
  sentAt?: string;
  claimedAt?: string;
  delivery?: import('../email/delivery.js').DeliveryState;
  /** How many times it was claimed to be sent. */
  attempts?: number;
  /** It was sent again because an earlier attempt's fate was unknown: a duplicate is possible. */
  resentAfterUnknownOutcome?: boolean;
  /** The hash of the action link it carried, if any. */
  linkHash?: string;
}

/**
 * An open duty of a case as the store keeps it beside the case (a task item),
 * so "My tasks" and the case list find it by index without reading the case.
 * `owner` is an office (`business-manager`) or a named person (`email:<address>`).
 */
export interface CaseTask {
  id: string;
  label: string;
  owner: string;
  deadline: Deadline;
  openedAt: string;
  deadlineSetAt?: string;
}

/** A task of some case, as an index lists it. */
export interface TaskRow extends CaseTask {
  reference: string;
}

/** 3.1: what the business manager recorded about the other children named in the referral, and who and when. */
export type OtherChildrenCheck = import('../../schemas/review.js').OtherChildrenConsideredInput & {
  recordedAt: string;
  recordedBy: string;
};
