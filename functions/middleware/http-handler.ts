import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { authenticate } from './auth.js';
import { observed } from './observability.js';
import { httpErrors, parseJsonBody, securityHeaders } from './http.js';
import { verifyOrigin } from './origin.js';

export interface HttpHandlerOptions {
  /** Who may call it (as in infra/catalogue.ts). */
  auth: 'public' | 'staff' | 'referrer' | 'any';
  /** Parse a JSON body (for writes) of at most this many bytes. */
  jsonBodyBytes?: number;
  /** The handler checks the session inside its write transaction (see `authenticate`). */
  sessionInWrite?: boolean;
}

export type HttpFn = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Superseded by `routedHandler` (./routing.ts), which takes the auth, the
 * body limit and the dispatch from the route table; every handler of the
 * catalogue uses that. Kept, unchanged in behaviour, so that a handler
 * written against it elsewhere still builds until it moves over.
 *
 * An HTTP Lambda put together by hand: security headers on every
 * response, one error mapper, token and session check unless public, then
 * JSON parsing for writes, then the handler.
 */
export function httpHandler(service: string, options: HttpHandlerOptions, fn: HttpFn) {
  const { logger, middlewares } = observed(service);
  let chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(middlewares)
    .use(securityHeaders())
    .use(httpErrors(logger))
    // In AWS: only requests that came through CloudFront (and its web ACL).
    .use(verifyOrigin(logger));
  if (options.auth !== 'public') chain = chain.use(authenticate(options.auth, logger, { sessionInWrite: options.sessionInWrite }));
  return { logger, handler: chain.handler(fn) };
}

/** For routes that take a JSON body: parse only on writes (the same Lambda serves GETs). */
export function withJsonBody(maxBytes: number) {
  return async (event: APIGatewayProxyEventV2) => {
    if (event.requestContext.http.method === 'GET') return;
    parseJsonBody(event, { maxBytes });
  };
}
