import * as z from 'zod';
import { staffRoles } from '../domain/roles.js';

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
export const caseListSchema = z.object({ cases: z.array(caseSummarySchema) });

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
  actor: z.string(),
  actorRole: z.string().optional(),
  requestId: z.string().optional(),
  sourceIp: z.string().optional(),
});

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
  members: z.array(z.object({ userId: z.string(), email: z.string(), role: z.string() })),
  /** Present for roles allowed to see the audit trail (business manager, auditor). */
  canExportTimeline: z.boolean(),
  /** Proof of delivery, for roles that may read the case: each email sent and what SES last said about it. */
  notifications: z
    .array(
      z.object({
        kind: z.string(),
        recipientRole: z.string(),
        email: z.string(),
        status: z.enum(['pending', 'delivered', 'failed']),
        at: z.string(),
      }),
    )
    .optional(),
  /** The sub-committee's recommendation, once recorded (4.2). */
  recommendation: z
    .object({ outcome: z.string(), label: z.string(), rationale: z.string(), criteriaApplied: z.array(z.string()), by: z.string(), at: z.string() })
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
