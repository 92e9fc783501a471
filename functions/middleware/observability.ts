import type middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { makeLogger } from './dependencies.js';

/**
 * A function's logger, and the Powertools middleware every handler uses
 * first: the logger takes the Lambda context, so every line carries the
 * request id, function name and cold start. The event is never logged (it
 * carries tokens and case content): `logEvent: false` wins over
 * POWERTOOLS_LOGGER_LOG_EVENT.
 *
 * Tracing: Lambda's active tracing opens the function's segment and the
 * Tracer in functions/adapters/aws/clients.ts adds each AWS SDK call under
 * it. The Tracer's handler middleware is left out on purpose: it records a
 * thrown error's message and stack in the trace, and messages from
 * dependencies can echo input.
 */
export function observed(service: string) {
  const logger = makeLogger(service);
  const middlewares: middy.MiddlewareObj[] = [injectLambdaContext(logger, { logEvent: false, resetKeys: true })];
  return { logger, middlewares };
}
