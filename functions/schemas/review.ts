import * as z from 'zod';
import { isRealDate } from './dates.js';

/**
 * What people record once the Board chair has decided to conduct a serious
 * case review (paras 3.4-3.5, 4.3-4.6, 6, 7.1, 8.3-8.8, 10.3). One schema per
 * form: the browser validates with it before posting, the server again on
 * arrival. Messages follow GOV.UK error wording. Dates are ISO (YYYY-MM-DD)
 * on the wire; the web page turns its day/month/year fields into one.
 */

const text = (label: string, max = 100) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(max, { error: `${cap(label)} must be ${max} characters or fewer` });

const optionalText = (label: string, max = 100) =>
  z
    .string({ error: `${cap(label)} must be text` })
    .trim()
    .max(max, { error: `${cap(label)} must be ${max} characters or fewer` })
    .optional();

function cap(s: string): string {
  const bare = s.replace(/^(the|a|an|your|their) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** An ISO date that exists: `label` is sentence case ("Date agreed"). */
export const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label.charAt(0).toLowerCase()}${label.slice(1)}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a real date` })
    .refine(isRealDate, { error: `${label} must be a real date` });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}` })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .regex(EMAIL, { error: 'Enter an email address in the correct format, like name@example.gov.uk' });

const PHONE = /^\+?[0-9 ()-]{8,20}$/;

const enumOf = <T extends readonly { value: string }[]>(list: T, message: string) =>
  z.enum(list.map((o) => o.value) as [T[number]['value'], ...T[number]['value'][]], { error: message });

// ---------------------------------------------------------------- panel (4.3-4.6)

/** 4.3: the sub-committee for a review must at least include these. */
export const panelAgencies = [
  { value: 'social-care', label: "Children’s Services (social care)", required: true },
  { value: 'education', label: "Children’s Services (education)", required: true },
  { value: 'health', label: 'Health', required: true },
  { value: 'police', label: 'Police', required: true },
  { value: 'probation', label: 'Probation', required: false },
  { value: 'other', label: 'Another agency or field (co-opted, paragraph 4.5)', required: false },
] as const;
export type PanelAgency = (typeof panelAgencies)[number]['value'];

export const panelMemberSchema = z.strictObject({
  name: text('their full name'),
  jobTitle: text('their job title'),
  organisation: text('their organisation'),
  agency: enumOf(panelAgencies, 'Select which agency or field they represent'),
  email: email('their email address'),
  /** 4.5: co-opted for this review rather than a standing member. */
  coOpted: z.boolean({ error: 'Select whether they are co-opted for this review' }),
});
export type PanelMemberInput = z.infer<typeof panelMemberSchema>;

/** 4.6: the agency confirms its representative's mandate, experience and seniority. */
export const mandateSchema = z.strictObject({
  confirmedBy: text('the name of the person at the agency who confirmed it'),
  confirmedOn: isoDate('Date confirmed'),
  mandate: z.literal(true, { error: 'Confirm they have an explicit mandate to represent their organisation' }),
  experience: text('their experience and knowledge of the field', 1000),
  seniority: text('their seniority', 200),
});
export type MandateInput = z.infer<typeof mandateSchema>;

// ---------------------------------------------------------------- records secured (8.3, 10.3)

export const recordsRequestSchema = z.strictObject({
  agency: text('the agency'),
  contactName: text('the name of the senior manager'),
  contactEmail: email('the senior manager’s email address'),
});
export type RecordsRequestInput = z.infer<typeof recordsRequestSchema>;

export const recordsSecuredSchema = z.strictObject({
  securedBy: text('the name of the senior manager who secured the records'),
  securedOn: isoDate('Date secured'),
});
export type RecordsSecuredInput = z.infer<typeof recordsSecuredSchema>;

// ---------------------------------------------------------------- statutory notification (6.1-6.4)

export const statutoryRecipients = [
  { value: 'ofsted-nbu', label: "Ofsted’s National Business Unit", paragraph: '6.1' },
  { value: 'strategic-health-authority', label: 'The Strategic Health Authority', paragraph: '6.4' },
  { value: 'childrens-services-adviser', label: "The Children’s Services Adviser", paragraph: '6.3' },
] as const;
export type StatutoryRecipient = (typeof statutoryRecipients)[number]['value'];

export const notificationReasons = [
  { value: 'review-confirmed', label: 'A serious case review has been confirmed' },
  { value: 'review-possible', label: 'A serious case review is possible' },
] as const;

export const genderOptions = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'not-known', label: 'Not known' },
] as const;

/** What Ofsted's notification form asks for (6.1). Held in the platform; emails carry none of it. */
export const ofstedFormSchema = z
  .strictObject({
    notifyingAuthority: text('the notifying authority', 200),
    notifierName: text('the notifier’s name'),
    notifierRole: text('the notifier’s role'),
    notifierPhone: z
      .string({ error: 'Enter the notifier’s phone number' })
      .trim()
      .min(1, { error: 'Enter the notifier’s phone number' })
      .regex(PHONE, { error: 'Enter a telephone number, like 01632 960 001 or 07700 900 982' }),
    notifiedOn: isoDate('Date of notification'),
    reason: enumOf(notificationReasons, 'Select the reason for the notification'),
    lookedAfter: z.boolean({ error: 'Select whether the child is or was looked after' }),
    childFirstNames: text('the child’s first names'),
    childLastName: text('the child’s last name'),
    childOtherNames: optionalText('the child’s other names'),
    childDateOfBirth: isoDate('Date of birth').optional(),
    childAge: z
      .number({ error: 'Enter the child’s age in years' })
      .int({ error: 'Age must be a whole number of years' })
      .min(0, { error: 'Age must be 0 or more' })
      .max(17, { error: 'Age must be 17 or less' })
      .optional(),
    childGender: enumOf(genderOptions, 'Select the child’s gender'),
    parents: text('the parents or carers, one per line', 1000),
    siblings: optionalText('the siblings and their ages, one per line', 1000),
    familyNote: optionalText('a note about the family', 2000),
    linkedCases: optionalText('any linked cases', 500),
  })
  .superRefine((f, ctx) => {
    if (f.childDateOfBirth === undefined && f.childAge === undefined) {
      ctx.addIssue({ code: 'custom', path: ['childDateOfBirth'], message: 'Enter the child’s date of birth or their age' });
    }
  });
export type OfstedFormInput = z.infer<typeof ofstedFormSchema>;

/** 6.2: the sub-committee chair confirms to the Board that the NBU was notified. */
export const nbuConfirmationSchema = z.strictObject({
  notifiedOn: isoDate('Date the National Business Unit was notified'),
});
export type NbuConfirmationInput = z.infer<typeof nbuConfirmationSchema>;

// ---------------------------------------------------------------- other children (3.1)

/** 3.1: the business manager records that children's social care confirmed the other children were considered. */
export const otherChildrenConsideredSchema = z.strictObject({
  confirmedWith: text('who in children’s social care confirmed it'),
  confirmedOn: isoDate('Date confirmed'),
  whatWasDone: text('what was done', 2000),
});
export type OtherChildrenConsideredInput = z.infer<typeof otherChildrenConsideredSchema>;

// ---------------------------------------------------------------- joint reviews (3.4, 3.5)

export const jointReviewOptions = [
  { value: 'single-board', label: 'A single Board review with limited input from the other Board (3.4 A)' },
  { value: 'joint-review', label: 'A joint review, the panels working together as an expanded panel (3.4 B)' },
] as const;
export type JointReviewOption = (typeof jointReviewOptions)[number]['value'];

export const jointReviewStartSchema = z.strictObject({
  /** Names of other Boards, as in the Board configuration's `otherBoardChairs`. */
  boards: z
    .array(z.string().trim().min(1), { error: 'Select the other Boards involved' })
    .min(1, { error: 'Select the other Boards involved' })
    .max(20, { error: 'Select 20 Boards or fewer' })
    .refine((list) => new Set(list).size === list.length, { error: 'Select each Board only once' }),
  proposal: enumOf(jointReviewOptions, 'Select how the review should be conducted'),
});
export type JointReviewStartInput = z.infer<typeof jointReviewStartSchema>;

/** The other Board chair's answer, from their emailed link. */
export const jointAnswerSchema = z.strictObject({
  answer: z.enum(['agree', 'disagree'], { error: 'Select whether you agree' }),
  comment: optionalText('your comments', 2000),
});
export type JointAnswerInput = z.infer<typeof jointAnswerSchema>;

export const finalDeciders = [
  { value: 'chief-executives', label: 'The Chief Executives' },
  { value: 'ofsted', label: 'Ofsted' },
  { value: 'both', label: 'The Chief Executives and Ofsted' },
] as const;

/** 3.5: the Chief Executives and/or Ofsted decide when the chairs cannot agree. */
export const jointFinalDecisionSchema = z.strictObject({
  outcome: enumOf(jointReviewOptions, 'Select what was decided'),
  decidedBy: enumOf(finalDeciders, 'Select who made the final decision'),
  decidedOn: isoDate('Date decided'),
  notes: optionalText('notes', 2000),
});
export type JointFinalDecisionInput = z.infer<typeof jointFinalDecisionSchema>;

// ---------------------------------------------------------------- timescale (8.4, 8.5)

export const extensionApprovers = [
  { value: 'childrens-services-adviser', label: "The Children’s Services Adviser (paragraph 8.5)" },
  { value: 'ofsted', label: 'Ofsted (paragraph 8.4)' },
] as const;

/** 8.5: as soon as it emerges the review cannot finish in time, a new timescale is requested. */
export const extensionRequestSchema = z.strictObject({
  approachedRole: enumOf(extensionApprovers, 'Select who you have asked to agree a new timescale'),
  reason: text('why the review cannot be completed in time', 2000),
  proposedDate: isoDate('Proposed completion date').optional(),
});
export type ExtensionRequestInput = z.infer<typeof extensionRequestSchema>;

/** An agreed extension: who agreed, when, the new date and the reason. */
export const extensionSchema = z.strictObject({
  agreedByRole: enumOf(extensionApprovers, 'Select who agreed the new timescale'),
  agreedByName: text('the name of the person who agreed it'),
  agreedOn: isoDate('Date agreed'),
  newDueDate: isoDate('New completion date'),
  reason: text('the reason for the new timescale', 2000),
});
export type ExtensionInput = z.infer<typeof extensionSchema>;

// ---------------------------------------------------------------- parallel proceedings (7.1, 8.6-8.8)

export const proceedingKinds = [
  { value: 'coroner', label: "Coroner's inquest" },
  { value: 'criminal', label: 'Criminal investigation or proceedings' },
  { value: 'homicide-review', label: 'Domestic homicide review' },
  { value: 'health-investigation', label: 'Independent health investigation' },
  { value: 'suicide-review', label: 'Multi-disciplinary suicide review' },
  { value: 'mental-health-review', label: 'Mental health review' },
  { value: 'yjb-serious-incident', label: 'Youth Justice Board serious incident review' },
  { value: 'prisons-ombudsman', label: 'Prisons and Probation Ombudsman investigation' },
  { value: 'disciplinary', label: 'Disciplinary process' },
  { value: 'other', label: 'Other' },
] as const;

export const proceedingSchema = z.strictObject({
  kind: enumOf(proceedingKinds, 'Select the kind of proceedings'),
  details: text('who is conducting them and any reference', 500),
  startedOn: isoDate('Date they started').optional(),
});
export type ProceedingInput = z.infer<typeof proceedingSchema>;

/** 8.8: publication can wait for proceedings; early lessons are still recorded. */
export const publicationHoldSchema = z.discriminatedUnion(
  'hold',
  [
    z.strictObject({ hold: z.literal(true), reason: text('why publication is on hold', 1000) }),
    z.strictObject({ hold: z.literal(false), reason: optionalText('why the hold is lifted', 1000) }),
  ],
  { error: 'Select whether publication is on hold' },
);
export type PublicationHoldInput = z.infer<typeof publicationHoldSchema>;

/** 8.1, 8.8: a lesson learned early, recorded and acted on while the review (or its publication) waits. */
export const earlyLessonSchema = z.strictObject({
  lesson: text('the lesson', 2000),
  actionBy: optionalText('who is acting on it', 200),
});
export type EarlyLessonInput = z.infer<typeof earlyLessonSchema>;

export const resendSchema = z.strictObject({
  recipient: enumOf(statutoryRecipients, 'Select who to send the notification to again'),
});

// ---------------------------------------------------------------- what the case page shows

export type TaskState = 'on-track' | 'due-soon' | 'overdue' | 'done';
export type EmailState = 'pending' | 'delivered' | 'failed' | 'not-sent';

/** A duty of the review as the case page shows it: owner, due date and status. */
export interface ReviewTaskView {
  id: string;
  label: string;
  /** Who must act, in words ("The sub-committee chair", "Jo Bloggs (Police records)"). */
  owner: string;
  dueAt: string;
  dueDate: string;
  rule: string;
  status: TaskState;
  doneAt?: string;
}

/** `GET /api/cases/{reference}` → `review` (present once the Board chair decided to conduct a review). */
export interface ReviewView {
  decidedAt: string;
  /** 8.4, 8.5: the completion deadline now in force, with every extension that moved it. */
  completion: {
    dueAt: string;
    dueDate: string;
    rule: string;
    status: TaskState;
    /** Once the review is complete (the Board chair accepted the overview report): whether it was in time. */
    completed?: { at: string; kind: 'within-four-months' | 'within-extension' | 'late'; text: string; daysLate?: number };
    extensionRequests: { requestedAt: string; requestedBy: string; approachedRole: string; approachedLabel: string; reason: string; proposedDate?: string }[];
    extensions: {
      agreedByRole: string;
      agreedByLabel: string;
      agreedByName: string;
      agreedOn: string;
      previousDueDate: string;
      newDueDate: string;
      reason: string;
      recordedBy: string;
      recordedAt: string;
    }[];
  };
  /** Every open or done duty, soonest first. */
  tasks: ReviewTaskView[];
  /** 6.1-6.4: one row per statutory recipient: the latest email sent to them and what SES said. */
  statutoryNotifications: {
    recipient: StatutoryRecipient;
    label: string;
    paragraph: string;
    email: string;
    status: EmailState;
    at?: string;
    attempts: number;
    /** Failed (or never sent): the business manager may send it again. */
    canResend: boolean;
  }[];
  /** 6.2 */
  nbuConfirmation: { dueDate: string; status: TaskState; notifiedOn?: string; confirmedAt?: string; confirmedBy?: string };
  /** 6.1: the Ofsted form as recorded (full readers only), and whether every required field is there. */
  ofstedForm?: OfstedFormInput;
  ofstedFormUpdatedAt?: string;
  /** 4.3-4.6 */
  panel: {
    members: {
      id: string;
      name: string;
      jobTitle: string;
      organisation: string;
      agency: PanelAgency;
      agencyLabel: string;
      email: string;
      coOpted: boolean;
      addedAt: string;
      mandate?: MandateInput & { recordedBy: string; recordedAt: string };
    }[];
    /** Required agencies (4.3) with nobody on the panel yet. */
    missing: { agency: PanelAgency; label: string }[];
    /** Members whose agency has not yet confirmed mandate, experience and seniority (4.6). */
    unconfirmed: string[];
    /** Empty when the review may start; otherwise what stops it, in words. */
    blockers: string[];
    startedAt?: string;
  };
  /** 8.3, 10.3 */
  records: {
    id: string;
    agency: string;
    contactName: string;
    contactEmail: string;
    requestedAt: string;
    dueDate: string;
    status: TaskState;
    securedBy?: string;
    securedOn?: string;
    emailStatus: EmailState;
  }[];
  /** 3.4, 3.5 */
  jointReview?: {
    proposal: JointReviewOption;
    proposalLabel: string;
    askedAt: string;
    dueDate: string;
    /** asking: waiting for answers; agreed: every Board agreed; referred: disagreement or no answer (3.5); decided: final decision recorded. */
    state: 'asking' | 'agreed' | 'referred' | 'decided';
    boards: { board: string; chairName: string; chairEmail: string; answer?: 'agree' | 'disagree'; comment?: string; answeredAt?: string; emailStatus: EmailState }[];
    referral?: { reason: 'disagreement' | 'no-answer'; at: string };
    finalDecision?: JointFinalDecisionInput & { outcomeLabel: string; decidedByLabel: string; recordedBy: string; recordedAt: string };
  };
  /** 7.1, 8.6, 8.7 */
  proceedings: (ProceedingInput & { id: string; kindLabel: string; recordedBy: string; recordedAt: string })[];
  /** 8.8 */
  publicationHold?: { reason: string; setBy: string; setAt: string };
  /** 8.1, 8.8: lessons learned early, recorded whether or not publication is on hold. */
  earlyLessons: (EarlyLessonInput & { id: string; recordedBy: string; recordedAt: string })[];
  /** What the caller may do here. */
  permissions: {
    /** Business manager: panel, records, Ofsted form, joint review, extensions, proceedings, hold, resend. */
    manage: boolean;
    /** Sub-committee chair: the 6.2 confirmation. */
    confirmNbu: boolean;
    /** Business manager or sub-committee chair: add panel members. */
    addPanelMembers: boolean;
  };
}

/** `GET /api/cases/{reference}/statutory-notification`: the read-only record a statutory recipient signs in to see. */
export interface StatutoryNotificationView {
  reference: string;
  boardName: string;
  decidedAt: string;
  form?: OfstedFormInput;
  updatedAt?: string;
}
