import type * as z from 'zod';

/**
 * The shape of one route of the route table (./routes.ts): types only, so the
 * table's parts kept in other files (./contribution-routes.ts) can name it
 * without importing the table.
 */

/** The Lambdas that serve HTTP routes (ids of infra/catalogue.ts). */
export type HttpLambdaId =
  | 'api-create-referral'
  | 'api-openapi'
  | 'api-config'
  | 'api-session'
  | 'api-cases'
  | 'api-review'
  | 'api-review-scope'
  | 'api-my-referrals'
  | 'api-admin'
  | 'api-actions'
  | 'api-files'
  | 'api-contributions'
  | 'api-overview'
  | 'api-report'
  | 'api-action-plan';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call it. The handler always verifies the token itself (one code
 * path in AWS and locally); in AWS the HTTP API's JWT authorizer for the
 * named pool checks it first as well.
 * - public: no token
 * - staff: an ID token of the staff user pool (MFA)
 * - referrer: an ID token of the referrer user pool
 * - any: either pool (handler-only check: an HTTP API authorizer has one issuer)
 */
export type RouteAuth = 'public' | 'staff' | 'referrer' | 'any';

/** Client errors a route may answer, with what each means there; 401 and 500 are added from `auth`. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415;

export interface SuccessSpec {
  description: string;
  /** The response body; absent only for 204. */
  body?: { name: string; schema: z.ZodType };
  /** Other representations of the same resource (e.g. CSV), by media type. */
  alternatives?: Record<string, { schema: z.ZodType; description: string }>;
}

export interface Command {
  /** The Lambda that serves it. */
  lambda: HttpLambdaId;
  method: HttpMethod;
  /** API Gateway v2 route path, e.g. `/api/cases/{reference}`. */
  path: string;
  auth: RouteAuth;
  /**
   * The session is checked inside the operation's own write transaction (a
   * ConditionCheck) instead of by a read before it; the operation must pass
   * `sessionCheckOf(context)` to its store and map `SessionEndedError` with `sessionEnded`.
   */
  sessionInWrite?: boolean;
  /** What it does, in a line. */
  summary: string;
  /** Who may, in words (the role matrix decides; see README "Roles and what they may do"). */
  whoMay: string;
  description?: string;
  /** A JSON body: its schema, and the most bytes accepted. */
  request?: { name: string; schema: z.ZodType; maxBytes: number };
  headers?: { name: string; required: boolean; description: string; pattern?: string }[];
  query?: { name: string; description: string; values: readonly string[] }[];
  /** Successful answers by status. */
  responses: Partial<Record<200 | 201 | 202 | 204, SuccessSpec>>;
  errors: Partial<Record<ErrorStatus, string>>;
}
