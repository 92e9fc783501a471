import * as z from 'zod';
import { staffRoles } from '../domain/access/roles.js';
import type { ReviewView } from './review.js';

/**
 * Shapes of the signed-in API, shared by the handlers and the web app.
 * Every request carries `Authorization: Bearer <Cognito ID token>`.
 * 401 { message } means sign in again (expired, revoked or missing session);
 * 404 { message: 'Not found' } is also the answer for a case you are not on.
 */

export const deadlineStatusSchema = z.enum(['on-track', 'due-soon', 'overdue', 'done']);

/** GET /api/config (public) */
export const publicConfigSchema = z.object({
  boardName: z.string(),
  region: z.string(),
  /** Cognito API URL for InitiateAuth etc. (the local emulator under /local/cognito/ when running locally). */
  cognitoApiUrl: z.string(),
  staff: z.object({ userPoolId: z.string(), clientId: z.string() }),
  referrer: z.object({ userPoolId: z.string(), clientId: z.string() }),
  allowedReferrerDomains: z.array(z.string()),
  sessionIdleMinutes: z.number(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/** GET /api/me */
export const meSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().optional(),
  pool: z.enum(['staff', 'referrer']),
  roles: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

export const nextDeadlineSchema = z.object({
  label: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  status: deadlineStatusSchema,
});

/** GET /api/cases */
export const caseSummarySchema = z.object({
  reference: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  criteriaOutcome: z.string(),
  myRole: z.string(),
  nextDeadline: nextDeadlineSchema.optional(),
});
/** GET /api/cases[?cursor=]: one page, newest first; `nextCursor` asks for the next. */
export const caseListSchema = z.object({ cases: z.array(caseSummarySchema), nextCursor: z.string().optional() });

/** GET /api/tasks: what is waiting for me and by when. */
export const taskSchema = z.object({
  reference: z.string(),
  label: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  status: deadlineStatusSchema,
  href: z.string(),
});
export const taskListSchema = z.object({ tasks: z.array(taskSchema) });

export const timelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  description: z.string(),
  /** The event in people's language ("Email to the Board chair delivered (decision due)"); technical fields stay in `description` and the CSV. */
  sentence: z.string().optional(),
  actor: z.string(),
  actorRole: z.string().optional(),
  requestId: z.string().optional(),
  sourceIp: z.string().optional(),
});

/*
 * The option values below repeat those of the lists in ./review.ts on
 * purpose: importing the lists would pull every review form schema into the
 * first-load chunk (this file is read by the referral form too). The type
 * check after the schema fails to compile if the two ever differ.
 */
const panelAgencyValues = z.enum(['social-care', 'education', 'health', 'police', 'probation', 'other']);
const jointReviewValues = z.enum(['single-board', 'joint-review']);
// A review duty stands as any other deadline does.
const reviewTaskStateSchema = deadlineStatusSchema;
const reviewEmailStateSchema = z.enum(['pending', 'delivered', 'failed', 'not-sent']);

/**
 * `review` on GET /api/cases/{reference} (see `ReviewView` in ./review.ts).
 * A reading shape: objects are not strict and text is not re-validated, so
 * a stored record the form schemas would now word differently still shows.
 */
export const reviewViewSchema = z.object({
  decidedAt: z.string(),
  completion: z.object({
    dueAt: z.string(),
    dueDate: z.string(),
    rule: z.string(),
    status: reviewTaskStateSchema,
    completed: z
      .object({ at: z.string(), kind: z.enum(['within-four-months', 'within-extension', 'late']), text: z.string(), daysLate: z.number().optional() })
      .optional(),
    extensionRequests: z.array(
      z.object({
        requestedAt: z.string(),
        requestedBy: z.string(),
        approachedRole: z.string(),
        approachedLabel: z.string(),
        reason: z.string(),
        proposedDate: z.string().optional(),
      }),
    ),
    extensions: z.array(
      z.object({
        agreedByRole: z.string(),
        agreedByLabel: z.string(),
        agreedByName: z.string(),
        agreedOn: z.string(),
        previousDueDate: z.string(),
        newDueDate: z.string(),
        reason: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    ),
  }),
  tasks: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      owner: z.string(),
      dueAt: z.string(),
      dueDate: z.string(),
      rule: z.string(),
      status: reviewTaskStateSchema,
      doneAt: z.string().optional(),
    }),
  ),
  statutoryNotifications: z.array(
    z.object({
      recipient: z.enum(['ofsted-nbu', 'strategic-health-authority', 'childrens-services-adviser']),
      label: z.string(),
      paragraph: z.string(),
      email: z.string(),
      status: reviewEmailStateSchema,
      at: z.string().optional(),
      attempts: z.number(),
      canResend: z.boolean(),
    }),
  ),
  nbuConfirmation: z.object({
    dueDate: z.string(),
    status: reviewTaskStateSchema,
    notifiedOn: z.string().optional(),
    confirmedAt: z.string().optional(),
    confirmedBy: z.string().optional(),
  }),
  ofstedForm: z
    .object({
      notifyingAuthority: z.string(),
      notifierName: z.string(),
      notifierRole: z.string(),
      notifierPhone: z.string(),
      notifiedOn: z.string(),
      reason: z.enum(['review-confirmed', 'review-possible']),
      lookedAfter: z.boolean(),
      childFirstNames: z.string(),
      childLastName: z.string(),
      childOtherNames: z.string().optional(),
      childDateOfBirth: z.string().optional(),
      childAge: z.number().optional(),
      childGender: z.enum(['female', 'male', 'other', 'not-known']),
      parents: z.string(),
      siblings: z.string().optional(),
      familyNote: z.string().optional(),
      linkedCases: z.string().optional(),
    })
    .optional(),
  ofstedFormUpdatedAt: z.string().optional(),
  panel: z.object({
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        jobTitle: z.string(),
        organisation: z.string(),
        agency: panelAgencyValues,
        agencyLabel: z.string(),
        email: z.string(),
        coOpted: z.boolean(),
        addedAt: z.string(),
        mandate: z
          .object({
            confirmedBy: z.string(),
            confirmedOn: z.string(),
            mandate: z.literal(true),
            experience: z.string(),
            seniority: z.string(),
            recordedBy: z.string(),
            recordedAt: z.string(),
          })
          .optional(),
      }),
    ),
    missing: z.array(z.object({ agency: panelAgencyValues, label: z.string() })),
    unconfirmed: z.array(z.string()),
    blockers: z.array(z.string()),
    startedAt: z.string().optional(),
  }),
  records: z.array(
    z.object({
      id: z.string(),
      agency: z.string(),
      contactName: z.string(),
      contactEmail: z.string(),
      requestedAt: z.string(),
      dueDate: z.string(),
      status: reviewTaskStateSchema,
      securedBy: z.string().optional(),
      securedOn: z.string().optional(),
      emailStatus: reviewEmailStateSchema,
    }),
  ),
  jointReview: z
    .object({
      proposal: jointReviewValues,
      proposalLabel: z.string(),
      askedAt: z.string(),
      dueDate: z.string(),
      state: z.enum(['asking', 'agreed', 'referred', 'decided']),
      boards: z.array(
        z.object({
          board: z.string(),
          chairName: z.string(),
          chairEmail: z.string(),
          answer: z.enum(['agree', 'disagree']).optional(),
          comment: z.string().optional(),
          answeredAt: z.string().optional(),
          emailStatus: reviewEmailStateSchema,
        }),
      ),
      referral: z.object({ reason: z.enum(['disagreement', 'no-answer']), at: z.string() }).optional(),
      finalDecision: z
        .object({
          outcome: jointReviewValues,
          decidedBy: z.enum(['chief-executives', 'ofsted', 'both']),
          decidedOn: z.string(),
          notes: z.string().optional(),
          outcomeLabel: z.string(),
          decidedByLabel: z.string(),
          recordedBy: z.string(),
          recordedAt: z.string(),
        })
        .optional(),
    })
    .optional(),
  proceedings: z.array(
    z.object({
      id: z.string(),
      kind: z.enum([
        'coroner',
        'criminal',
        'homicide-review',
        'health-investigation',
        'suicide-review',
        'mental-health-review',
        'yjb-serious-incident',
        'prisons-ombudsman',
        'disciplinary',
        'other',
      ]),
      kindLabel: z.string(),
      details: z.string(),
      startedOn: z.string().optional(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
  publicationHold: z.object({ reason: z.string(), setBy: z.string(), setAt: z.string() }).optional(),
  earlyLessons: z.array(z.object({ id: z.string(), lesson: z.string(), actionBy: z.string().optional(), recordedBy: z.string(), recordedAt: z.string() })),
  permissions: z.object({ manage: z.boolean(), confirmNbu: z.boolean(), addPanelMembers: z.boolean() }),
});

/** Fails to compile if `reviewViewSchema` and the `ReviewView` interface ever say different things. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ReviewViewSchemaMatches = Assert<Same<z.infer<typeof reviewViewSchema>, ReviewView>>;

/** GET /api/cases/{reference}: the referral, criteria outcome, deadlines and (for those allowed) the timeline. */
export const caseDetailSchema = z.object({
  reference: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  myRole: z.string(),
  referral: z.record(z.string(), z.unknown()),
  criteria: z.object({
    outcome: z.string(),
    outcomeLabel: z.string(),
    reasons: z.array(z.object({ paragraph: z.string(), text: z.string() })),
    suggestions: z.array(z.object({ paragraph: z.string(), text: z.string() })),
  }),
  deadlines: z.array(
    z.object({ id: z.string(), label: z.string(), dueAt: z.string(), dueDate: z.string(), rule: z.string(), status: deadlineStatusSchema }),
  ),
  /** Each open duty with its owner and a tag (due soon, overdue by N working days), soonest first. */
  whatNeedsDoing: z
    .array(
      z.object({
        id: z.string(),
        label: z.string(),
        owner: z.string(),
        dueAt: z.string(),
        dueDate: z.string(),
        tag: z.object({ kind: z.enum(['overdue', 'due-soon', 'on-track']), workingDaysOverdue: z.number().optional(), text: z.string() }),
      }),
    )
    .optional(),
  members: z.array(z.object({ userId: z.string(), email: z.string(), role: z.string() })),
  /** Present for roles allowed to see the audit trail (business manager, auditor). */
  canExportTimeline: z.boolean(),
  canReadFiles: z.boolean().optional(),
  /** Proof of delivery, for roles that may read the case: each email sent and what SES last said about it. */
  notifications: z
    .array(
      z.object({
        kind: z.string(),
        recipientRole: z.string(),
        email: z.string(),
        status: z.enum(['pending', 'delivered', 'failed']),
        at: z.string(),
        /** What else the case must say about this email: parked after repeated failures, or resent after an unknown outcome. */
        note: z.string().optional(),
      }),
    )
    .optional(),
  /** The sub-committee's recommendation, once recorded (4.2). */
  recommendation: z
    .object({
      outcome: z.string(),
      label: z.string(),
      rationale: z.string(),
      criteriaApplied: z.array(z.string()),
      /** Against a review the criteria make mandatory: the stated reason (1.3). */
      departedFromGuidance: z.boolean().optional(),
      departureReason: z.string().optional(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  /** The Board chair's decision, once recorded (8.2); whether it departed from the recommendation or the guidance (1.3). */
  decision: z
    .object({
      outcome: z.string(),
      label: z.string(),
      reasons: z.string().optional(),
      departureReason: z.string().optional(),
      departedFromRecommendation: z.boolean(),
      departedFromGuidance: z.boolean(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  /** Once the Board chair decided to conduct a serious case review (status `review-decided`). */
  review: reviewViewSchema.optional(),
});

/** GET /api/cases/{reference}/timeline (JSON; `?format=csv` downloads CSV) */
export const timelineSchema = z.object({ reference: z.string(), entries: z.array(timelineEntrySchema) });

/** POST /api/cases/{reference}/members */
export const addMemberSchema = z.strictObject({
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' }),
  role: z.enum(staffRoles, { error: 'Select a role' }),
});

/** GET /api/my-referrals (referrer): status only, never case content beyond their own reference. */
export const myReferralsSchema = z.object({
  referrals: z.array(z.object({ reference: z.string(), receivedAt: z.string(), statusLabel: z.string() })),
});

/** POST /api/users (business manager) */
export const inviteUserSchema = z.strictObject({
  name: z.string({ error: 'Enter their full name' }).trim().min(1, { error: 'Enter their full name' }).max(100),
  email: z
    .string({ error: 'Enter their work email address' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.gov.uk' })),
  role: z.enum(staffRoles, { error: 'Select a role' }),
});

/** PATCH /api/users/{userId} */
export const updateUserSchema = z
  .strictObject({
    role: z.enum(staffRoles, { error: 'Select a role' }).optional(),
    enabled: z.boolean({ error: 'Select whether the account is active' }).optional(),
  })
  .refine((u) => u.role !== undefined || u.enabled !== undefined, { error: 'Change the role or the account status' });

export const staffUserSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string().optional(),
  enabled: z.boolean(),
  status: z.string(),
  createdAt: z.string(),
});
export const userListSchema = z.object({ users: z.array(staffUserSchema) });
