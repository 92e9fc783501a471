import type middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { tracer } from '../adapters/aws/clients.js';
import { makeLogger } from './dependencies.js';

/**
 * A function's logger, and the Powertools middlewares every handler uses
 * first: the logger takes the Lambda context (every line carries the
 * request id, function name and cold start) and the tracer opens the
 * handler's segment, under which the AWS SDK calls appear.
 *
 * Never logged or traced: the event (it carries tokens and case content;
 * `logEvent: false` wins over POWERTOOLS_LOGGER_LOG_EVENT) and the
 * response (case content). Outside Lambda, or with
 * POWERTOOLS_TRACE_ENABLED=false, the tracer does nothing.
 */
export function observed(service: string) {
  const logger = makeLogger(service);
  const middlewares: middy.MiddlewareObj[] = [
    injectLambdaContext(logger, { logEvent: false, resetKeys: true }),
    captureLambdaHandler(tracer, { captureResponse: false }),
  ];
  return { logger, middlewares };
}
