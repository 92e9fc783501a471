/**
 * The one list of Lambda functions, routes, stream consumers and state
 * machines. The CDK stack and the local runtime both read it, so a handler
 * added here is deployed and served locally the same way.
 */

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway v2 route path, e.g. `/api/referrals` or `/api/cases/{reference}`. */
  path: string;
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
}

export const lambdas: LambdaSpec[] = [
  {
    id: 'api-create-referral',
    entry: 'functions/handlers/api-create-referral.ts',
    description: 'POST /api/referrals: validate, store with audit event, answer with the reference',
    routes: [{ method: 'POST', path: '/api/referrals' }],
    tableAccess: 'readwrite',
  },
  {
    id: 'api-openapi',
    entry: 'functions/handlers/api-openapi.ts',
    description: 'GET /api/openapi.json: OpenAPI 3.1 generated from the zod schemas',
    routes: [{ method: 'GET', path: '/api/openapi.json' }],
    tableAccess: 'read',
  },
  {
    id: 'case-stream',
    entry: 'functions/handlers/case-stream.ts',
    description: 'Outbox: starts the decision workflow for every new case written to the table',
    tableStream: true,
    startsWorkflows: true,
    tableAccess: 'read',
  },
  {
    id: 'workflow-notify',
    entry: 'functions/handlers/workflow-notify.ts',
    description: 'Workflow task: sends the emails of one notification, once each',
    aslPlaceholder: 'NotifyFunctionArn',
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
];
