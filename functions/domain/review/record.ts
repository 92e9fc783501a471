import type {
  ExtensionInput,
  ExtensionRequestInput,
  JointFinalDecisionInput,
  JointReviewOption,
  MandateInput,
  OfstedFormInput,
  PanelMemberInput,
  ProceedingInput,
  StatutoryRecipient,
} from '../../schemas/review.js';
import type { Deadline } from '../calendar/deadlines.js';
import type { TrackedTask } from '../alerts/alerts.js';
import type { StaffRole } from '../access/roles.js';

/**
 * What a case holds of its serious case review (paras 3.4-8.8): types only,
 * so the case record can name them without importing the review's rules
 * (review.ts), which themselves read the case.
 */

export interface PanelMember extends PanelMemberInput {
  id: string;
  addedAt: string;
  addedBy: string;
  /** 4.6: the agency's confirmation of mandate, experience and seniority. */
  mandate?: MandateInput & { recordedBy: string; recordedAt: string };
}

export interface RecordsRequest {
  id: string;
  agency: string;
  contactName: string;
  contactEmail: string;
  requestedAt: string;
  requestedBy: string;
  deadline: Deadline;
  securedBy?: string;
  securedOn?: string;
  recordedAt?: string;
  recordedBy?: string;
}

export interface JointBoard {
  board: string;
  chairName: string;
  chairEmail: string;
  answer?: 'agree' | 'disagree';
  comment?: string;
  answeredAt?: string;
}

export interface JointReview {
  proposal: JointReviewOption;
  askedAt: string;
  askedBy: string;
  deadline: Deadline;
  boards: JointBoard[];
  finalDecision?: JointFinalDecisionInput & { recordedBy: string; recordedAt: string };
}

export interface Extension extends ExtensionInput {
  previousDueDate: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ReviewRecord {
  decidedAt: string;
  /** 8.4 (or the latest agreed extension, 8.5): when the review must be complete. */
  completion: Deadline;
  /** When the completion deadline now in force took effect (the decision, or the latest extension). */
  completionSetAt: string;
  completedAt?: string;
  extensionRequests: (ExtensionRequestInput & { requestedAt: string; requestedBy: string })[];
  extensions: Extension[];
  /** 6.2 */
  nbuConfirmation: { deadline: Deadline; notifiedOn?: string; confirmedAt?: string; confirmedBy?: string };
  /** 6.1: what Ofsted's form asks for, recorded by the business manager. */
  ofstedForm?: OfstedFormInput;
  ofstedFormUpdatedAt?: string;
  ofstedFormUpdatedBy?: string;
  /** How many times each statutory notification has been sent: a resend adds one. */
  statutoryAttempts: Record<StatutoryRecipient, number>;
  /** 4.3-4.6 */
  panel: PanelMember[];
  panelDeadline: Deadline;
  /** When the review was started with a complete panel. */
  startedAt?: string;
  startedBy?: string;
  records: RecordsRequest[];
  joint?: JointReview;
  proceedings: (ProceedingInput & { id: string; recordedBy: string; recordedAt: string })[];
  publicationHold?: { reason: string; setBy: string; setAt: string };
  /** 8.1, 8.8: absent on reviews recorded before lessons were; read as none. */
  earlyLessons?: (import('../../schemas/review.js').EarlyLessonInput & { id: string; recordedBy: string; recordedAt: string })[];
}

/** One duty of the review: who owns it, who hears when it is late, and its deadline. */
export interface ReviewDuty {
  id: string;
  label: string;
  /** A short name for reminders and escalations ("the review's completion"). */
  what: string;
  /** The office that owns it, if an office does; otherwise the named person below. */
  ownerRole?: StaffRole;
  owner: { name: string; email: string };
  task: TrackedTask;
}
