import { routesOf, type HttpMethod, type RouteAuth } from '../functions/schemas/routes.js';

/**
 * The one list of Lambda functions, routes, stream consumers and state
 * machines. The CDK stack and the local runtime both read it, so a handler
 * added here is deployed and served locally the same way. HTTP routes are
 * not written here: each function's come from the route table
 * (functions/schemas/routes.ts), which also gives the handler's dispatch
 * and the OpenAPI document.
 */

export interface HttpRoute {
  method: HttpMethod;
  /** API Gateway v2 route path, e.g. `/api/referrals` or `/api/cases/{reference}`. */
  path: string;
  /** Who may call it: see `RouteAuth` in functions/schemas/routes.ts. */
  auth: RouteAuth;
}

export interface LambdaSpec {
  /** Function name suffix and local id (kebab-case, same as the handler file). */
  id: string;
  /** Handler file, relative to the repository root; exports `handler`. */
  entry: string;
  description: string;
  /** HTTP routes served by this function. */
  routes?: HttpRoute[];
  /** Consumes the table's stream (NEW_AND_OLD_IMAGES). */
  tableStream?: boolean;
  /** `${Placeholder}` in ASL files that names this function's ARN. */
  aslPlaceholder?: string;
  /** Needs to start/stop/describe executions of the state machines. */
  startsWorkflows?: boolean;
  /** Sends email through SES. */
  sendsEmail?: boolean;
  /** Reads and writes the table (all do, but some only read). */
  tableAccess: 'read' | 'readwrite';
  timeoutSeconds?: number;
  memoryMb?: number;
  /** A Cognito trigger of one of the user pools. */
  cognitoTrigger?: { pool: 'staff' | 'referrer'; trigger: 'preSignUp' };
  /** Uses the staff user pool's admin API (invite, disable, change group, global sign-out). */
  managesUsers?: boolean;
  /** Only reads the staff user pool (ListUsers): is there an account for an address? Never changes one. */
  readsUsers?: boolean;
  /**
   * Target of SES's sending events (send, delivery, bounce, complaint,
   * reject) for the platform's configuration set: an EventBridge rule in AWS,
   * the local SES event emitter locally.
   */
  sesEvents?: boolean;
  /** Reads and writes the bucket of attached files (Put, Get, Head, Delete on its objects only). */
  filesBucket?: boolean;
  /**
   * Prints PDFs with Chromium: in AWS it gets the @sparticuz/chromium layer
   * (infra/constructs/chromium-layer.ts), runs on x86_64 (the layer's
   * binary), with PDF_CHROMIUM_LAYER set and room in memory and /tmp.
   */
  printsPdf?: boolean;
}

export const lambdas: LambdaSpec[] = [
  {
    id: 'api-create-referral',
    entry: 'functions/handlers/api-create-referral.ts',
    description: 'POST /api/referrals: validate, store with audit event, answer with the reference',
    routes: routesOf('api-create-referral'),
    tableAccess: 'readwrite',
  },
  {
    id: 'api-openapi',
    entry: 'functions/handlers/api-openapi.ts',
    description: 'GET /api/openapi.json: OpenAPI 3.1 generated from the zod schemas',
    routes: routesOf('api-openapi'),
    tableAccess: 'read',
  },
  {
    id: 'api-config',
    entry: 'functions/handlers/api-config.ts',
    description: 'GET /api/config: what the web app needs to sign people in (pool and client ids); no secrets',
    routes: routesOf('api-config'),
    tableAccess: 'read',
  },
  {
    id: 'api-session',
    entry: 'functions/handlers/api-session.ts',
    description: 'GET /api/me and POST /api/session/sign-out: who is signed in; end the session on the server',
    routes: routesOf('api-session'),
    tableAccess: 'readwrite',
    managesUsers: true,
  },
  {
    id: 'api-cases',
    entry: 'functions/handlers/api-cases.ts',
    description: 'Cases a staff member is on: list, case page, timeline (JSON or CSV), members, my tasks',
    routes: routesOf('api-cases'),
    tableAccess: 'readwrite',
    managesUsers: true,
  },
  {
    id: 'api-review',
    entry: 'functions/handlers/api-review.ts',
    description: 'A decided review: panel, records secured, statutory notifications, joint review, timescale, proceedings',
    routes: routesOf('api-review'),
    tableAccess: 'readwrite',
    readsUsers: true,
  },
  {
    id: 'api-review-scope',
    entry: 'functions/handlers/api-review-scope.ts',
    description: "A review's terms of reference (7.1, 7.2): the draft, agreed versions and their comparison",
    routes: routesOf('api-review-scope'),
    tableAccess: 'readwrite',
  },
  {
    id: 'api-contributions',
    entry: 'functions/handlers/api-contributions.ts',
    description: 'Contributions to a review (IMRs and other reports): asked for, author and independence, submitted, accepted or returned',
    routes: routesOf('api-contributions'),
    sendsEmail: true,
    tableAccess: 'readwrite',
    // A senior officer (and author) must have a staff account to act: checked before they are asked.
    readsUsers: true,
  },
  {
    id: 'api-overview',
    entry: 'functions/handlers/api-overview.ts',
    description: "The overview report's facts (11.2, Appendix B): the overview author and their independence, the accepted contributions, the integrated chronology and its groups, the genogram, what was known",
    routes: routesOf('api-overview'),
    tableAccess: 'readwrite',
    readsUsers: true,
  },
  {
    id: 'api-report',
    entry: 'functions/handlers/api-report.ts',
    description: 'The overview report (11.1-11.4, Appendix B): versions, sections, comments, offered as final, feedback sessions, pseudonyms, publication, Word and PDF exports',
    routes: routesOf('api-report'),
    sendsEmail: true,
    tableAccess: 'readwrite',
    filesBucket: true,
    timeoutSeconds: 60,
    memoryMb: 1024,
    printsPdf: true,
  },
  {
    id: 'api-action-plan',
    entry: 'functions/handlers/api-action-plan.ts',
    description: "Review action plans (actions, owners' progress) and the Board's progress and timeliness reports",
    routes: routesOf('api-action-plan'),
    tableAccess: 'readwrite',
    readsUsers: true,
  },
  {
    id: 'api-my-referrals',
    entry: 'functions/handlers/api-my-referrals.ts',
    description: "GET /api/my-referrals: the status of the signed-in referrer's own referrals, and nothing else",
    routes: routesOf('api-my-referrals'),
    tableAccess: 'readwrite',
  },
  {
    id: 'api-admin',
    entry: 'functions/handlers/api-admin.ts',
    description: 'Business manager: staff accounts (invite, role, disable) and Board configuration',
    routes: routesOf('api-admin'),
    tableAccess: 'readwrite',
    managesUsers: true,
  },
  {
    id: 'workflow-check-deadlines',
    entry: 'functions/handlers/workflow-check-deadlines.ts',
    description: 'Workflow task: sends reminders and escalations now due (once each) and says when to check again',
    aslPlaceholder: 'CheckDeadlinesFunctionArn',
    sendsEmail: true,
    tableAccess: 'readwrite',
  },
  {
    id: 'cognito-pre-sign-up',
    entry: 'functions/handlers/cognito-pre-sign-up.ts',
    description: "Referrer pool pre sign-up: only work email domains the Board allows",
    cognitoTrigger: { pool: 'referrer', trigger: 'preSignUp' },
    tableAccess: 'read',
  },
  {
    id: 'case-stream',
    entry: 'functions/handlers/case-stream.ts',
    description: 'Outbox: starts the decision workflow for each new case; emails and stops the stage when a recommendation or decision is recorded',
    tableStream: true,
    startsWorkflows: true,
    sendsEmail: true,
    tableAccess: 'readwrite',
  },
  {
    id: 'api-actions',
    entry: 'functions/handlers/api-actions.ts',
    description: 'Emailed single-use action links: what is asked (GET, reads only) and the action itself (POST by the intended person)',
    routes: routesOf('api-actions'),
    tableAccess: 'readwrite',
    // A contribution's link sends what the change owes (the named author's email with their link).
    sendsEmail: true,
    // An author named from a link must have a staff account.
    readsUsers: true,
  },
  {
    id: 'api-files',
    entry: 'functions/handlers/api-files.ts',
    description: 'Attached files: list, presigned upload (PUT, 5 minutes) then confirm (size, type and content checked), presigned download (1 minute, audited)',
    routes: routesOf('api-files'),
    tableAccess: 'readwrite',
    filesBucket: true,
  },
  {
    id: 'workflow-notify',
    entry: 'functions/handlers/workflow-notify.ts',
    description: 'Workflow task: sends the emails of one notification, once each',
    aslPlaceholder: 'NotifyFunctionArn',
    sendsEmail: true,
    tableAccess: 'readwrite',
  },
  {
    id: 'ses-events',
    entry: 'functions/handlers/ses-events.ts',
    description: 'Proof of delivery: records SES send, delivery, bounce, complaint and reject events per email; alerts the business manager when one failed',
    sesEvents: true,
    sendsEmail: true,
    tableAccess: 'readwrite',
  },
];

export interface StateMachineSpec {
  /** Logical id and local name, e.g. `decision`. */
  id: string;
  /** ASL file, relative to the repository root. */
  file: string;
  /** Environment variable that carries this state machine's ARN to Lambdas. */
  arnEnv: string;
}

export const stateMachines: StateMachineSpec[] = [
  { id: 'decision', file: 'state-machines/decision.asl.json', arnEnv: 'DECISION_STATE_MACHINE_ARN' },
  { id: 'review', file: 'state-machines/review.asl.json', arnEnv: 'REVIEW_STATE_MACHINE_ARN' },
];
