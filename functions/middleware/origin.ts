import { timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ForbiddenError } from '../domain/errors.js';
import { originVerifySecret } from '../config/env.js';
import type { LocalContextExtras } from './dependencies.js';

type HttpMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

/** Header CloudFront adds to every origin request (an origin custom header), carrying ORIGIN_VERIFY_SECRET. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/**
 * Header CloudFront's viewer-request function on /api/* sets to the viewer's
 * IP address, replacing any value the viewer sent. Trusted only on a request
 * that carried the origin secret, i.e. that came through CloudFront.
 */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

const viewerAddresses = new WeakMap<Context, string>();

/** Constant-time comparison of the header against the secret. */
export function originSecretMatches(header: string | undefined, secret: string): boolean {
  if (header === undefined) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * In AWS (ORIGIN_VERIFY_SECRET set), refuses any request that did not come
 * through CloudFront: the execute-api endpoint stays reachable on the
 * internet, but without the secret only CloudFront knows, nothing behind it
 * answers, so the web ACL and the viewer address cannot be bypassed. Then
 * records the viewer's address for audit events. Locally (no secret) the
 * source address of the request is used as it is.
 */
export function verifyOrigin(logger: Logger): HttpMiddleware {
  return {
    before: (request) => {
      const secret = originVerifySecret((request.context as Context & LocalContextExtras).localEnv ?? process.env);
      if (!secret) return;
      const headers = request.event.headers ?? {};
      if (!originSecretMatches(headers[ORIGIN_VERIFY_HEADER], secret)) {
        logger.warn('Security event: API request that did not come through CloudFront', { route: request.event.routeKey });
        throw new ForbiddenError();
      }
      const viewer = headers[VIEWER_ADDRESS_HEADER];
      if (viewer) viewerAddresses.set(request.context, viewer);
    },
  };
}

/**
 * The address audit events record: the viewer's, as CloudFront saw it, on a
 * request verified by `verifyOrigin`; otherwise the request's source address
 * (locally, the browser's; in AWS without the secret there is no such request).
 */
export function sourceAddress(event: APIGatewayProxyEventV2, context: Context): string | undefined {
  return viewerAddresses.get(context) ?? event.requestContext?.http?.sourceIp;
}
