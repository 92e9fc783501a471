import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type * as z from 'zod';
import type { Caller } from '../ports/identity.js';
import { NotFoundError } from '../domain/errors.js';
import { commandFor, type Command, type Commands, type HttpLambdaId, type OperationId, type OperationsOf } from '../schemas/routes.js';
import { observed } from './observability.js';
import { authenticate, callerOf, requestMeta } from './auth.js';
import { httpErrors, json, jsonBody, parsedBody, securityHeaders } from './http.js';
import { verifyOrigin } from './origin.js';

type HttpMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

type Success<K extends OperationId> = Commands[K]['responses'];
type StatusOf<K extends OperationId> = keyof Success<K> & number;
type BodyOf<S> = S extends { body: { schema: infer Z extends z.ZodType } } ? z.output<Z> : undefined;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * What an operation answers: one of its declared statuses with that
 * status's body (typed by the route table's response schema), or, for a
 * representation the table lists as an alternative (a CSV download, a
 * document served as is), the text itself. The status may be left out
 * when the route declares only one.
 */
export type ReplyOf<K extends OperationId> = {
  [S in StatusOf<K>]: (true extends IsUnion<StatusOf<K>> ? { status: S } : { status?: S }) &
    ({ body: BodyOf<Success<K>[S]>; headers?: Record<string, string> } | { raw: string; headers: Record<string, string> });
}[StatusOf<K>];

/** The body an operation answers with (of its one declared status, or any of them). */
export type ResponseOf<K extends OperationId> = BodyOf<Success<K>[StatusOf<K>]>;

/** What an operation is given: the event, the parsed JSON body, the path parameters and, unless public, the verified caller. */
export interface RouteRequest<K extends OperationId> {
  event: APIGatewayProxyEventV2;
  context: Context;
  /** The JSON body, parsed and size-checked by the body middleware (undefined when the route takes none). */
  body: unknown;
  /** A path parameter of the route template (e.g. `reference`); '' when absent. */
  param: (name: string) => string;
  caller: Commands[K]['auth'] extends 'public' ? undefined : Caller;
  meta: { requestId: string; sourceIp?: string };
}

export type Operation<K extends OperationId> = (request: RouteRequest<K>) => Promise<ReplyOf<K>>;

/** One function per operation the Lambda serves: the compiler refuses a missing or unknown one. */
export type Operations<L extends HttpLambdaId> = { [K in OperationsOf<L>]: Operation<K> };

const routes = new WeakMap<Context, Command & { operationId: OperationId }>();

/** The command the route table declares for this request, or 404 (a route of another Lambda is not served here). */
function resolveRoute(lambda: HttpLambdaId): HttpMiddleware {
  return {
    before: (request) => {
      const command = commandFor(request.event.routeKey);
      if (!command || command.lambda !== lambda) throw new NotFoundError();
      routes.set(request.context, command);
    },
  };
}

const commandOf = (context: Context) => {
  const command = routes.get(context);
  if (!command) throw new NotFoundError();
  return command;
};

/** The token and session check (`authenticate`) for the pool the route names; none for public routes. */
function authenticateRoute(logger: Logger): HttpMiddleware {
  const checks = { staff: authenticate('staff', logger), referrer: authenticate('referrer', logger), any: authenticate('any', logger) };
  // The token is checked here; the session by the operation's write transaction (see Command.sessionInWrite).
  const inWrite = {
    staff: authenticate('staff', logger, { sessionInWrite: true }),
    referrer: authenticate('referrer', logger, { sessionInWrite: true }),
    any: authenticate('any', logger, { sessionInWrite: true }),
  };
  return {
    before: async (request) => {
      const { auth, sessionInWrite } = commandOf(request.context);
      if (auth !== 'public') await (sessionInWrite ? inWrite : checks)[auth].before?.(request);
    },
  };
}

/**
 * The one way an HTTP Lambda is put together, from the route table: the
 * logger with the Lambda context (./observability.ts), security headers on every
 * response, one error mapper, the route (404 if not this Lambda's), the
 * token and session check the route asks for, the JSON body within the
 * route's limit, then the operation.
 */
export function routedHandler<L extends HttpLambdaId>(lambda: L, operations: Operations<L>) {
  const { logger, middlewares } = observed(lambda);
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(middlewares)
    .use(securityHeaders())
    .use(httpErrors(logger))
    // In AWS: only requests that came through CloudFront (and its web ACL).
    .use(verifyOrigin(logger))
    .use(resolveRoute(lambda))
    .use(authenticateRoute(logger))
    .use(jsonBody((event, context) => (event.requestContext.http.method === 'GET' ? undefined : commandOf(context).request?.maxBytes)))
    .handler(async (event, context) => {
      const command = commandOf(context);
      const operation = (operations as unknown as Record<string, Operation<OperationId>>)[command.operationId];
      if (!operation) throw new NotFoundError();
      const reply = await operation({
        event,
        context,
        body: command.request ? parsedBody(event) : undefined,
        param: (name) => event.pathParameters?.[name] ?? '',
        caller: (command.auth === 'public' ? undefined : callerOf(context)) as never,
        meta: requestMeta(event, context),
      });
      return toResult(command, reply as ReplyShape);
    });
  return { logger, handler };
}

interface ReplyShape {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

function toResult(command: Command, reply: ReplyShape): APIGatewayProxyStructuredResultV2 {
  const declared = Object.keys(command.responses).map(Number);
  const status = reply.status ?? (declared.length === 1 ? declared[0] : undefined);
  // The types make both impossible; a wrong status here would be a lie in the OpenAPI document.
  if (status === undefined || !declared.includes(status)) throw new Error(`${routeName(command)} answered an undeclared status`);
  if (status === 204) return { statusCode: 204, headers: reply.headers ?? {}, body: '' };
  if (reply.raw !== undefined) return { statusCode: status, headers: reply.headers ?? {}, body: reply.raw };
  return json(status, reply.body, reply.headers);
}

const routeName = (c: Command) => `${c.method} ${c.path}`;
