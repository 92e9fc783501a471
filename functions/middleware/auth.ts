import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Caller } from '../ports/identity.js';
import type { SessionCheck } from '../ports/case-store.js';
import { UnauthorizedError } from '../domain/errors.js';
import { dependencies } from './dependencies.js';
import { sourceAddress } from './origin.js';

type HttpMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

const callers = new WeakMap<Context, Caller>();

/**
 * Verifies the bearer token (signature, issuer, audience, expiry) and the
 * server-side session (not signed out, not idle) before the handler runs.
 * Only the Authorization header counts: never a query parameter, cookie or
 * environment switch. The token is never logged.
 */
export interface AuthenticateOptions {
  /**
   * The handler checks the session inside its own write transaction
   * ({@link sessionCheckOf}, then {@link sessionEnded} if it had ended)
   * instead of by a read before it: one round trip fewer on a write.
   */
  sessionInWrite?: boolean;
}

export function authenticate(allowed: 'staff' | 'referrer' | 'any', logger: Logger, options: AuthenticateOptions = {}): HttpMiddleware {
  return {
    before: async (request) => {
      const header = request.event.headers?.authorization ?? '';
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header);
      if (!match?.[1]) throw new UnauthorizedError();
      const deps = dependencies(request.context);
      const caller = await deps.verifier.verify(match[1]);
      if (allowed !== 'any' && caller.pool !== allowed) {
        logger.warn('Security event: token from the wrong user pool', { pool: caller.pool, route: request.event.routeKey });
        throw new UnauthorizedError();
      }
      if (options.sessionInWrite) {
        callers.set(request.context, caller);
        return;
      }
      const state = await deps.sessions.touch(
        caller.sessionId,
        caller.userId,
        caller.authTime,
        deps.securityClock.now(),
        deps.env.SESSION_IDLE_MINUTES * 60_000,
      );
      if (state !== 'active') throw endedError(state);
      callers.set(request.context, caller);
    },
  };
}

const endedError = (state: 'idle' | 'revoked') =>
  new UnauthorizedError(
    state === 'idle' ? 'You were signed out because you were inactive. Sign in again.' : 'You have been signed out. Sign in again.',
  );

/** The session check a `sessionInWrite` handler puts into its write transaction. */
export function sessionCheckOf(context: Context): SessionCheck {
  const caller = callerOf(context);
  const deps = dependencies(context);
  return {
    sessionId: caller.sessionId,
    userId: caller.userId,
    authTime: caller.authTime,
    now: deps.securityClock.now(),
    idleMs: deps.env.SESSION_IDLE_MINUTES * 60_000,
  };
}

/**
 * The 401 for a write refused because the session had ended: asks the
 * session store why (which also revokes an idle session), as `authenticate`
 * would have before the write.
 */
export async function sessionEnded(context: Context): Promise<UnauthorizedError> {
  const check = sessionCheckOf(context);
  const state = await dependencies(context).sessions.touch(check.sessionId, check.userId, check.authTime, check.now, check.idleMs);
  return endedError(state === 'idle' ? 'idle' : 'revoked');
}

/** The caller verified by `authenticate`. */
export function callerOf(context: Context): Caller {
  const caller = callers.get(context);
  if (!caller) throw new UnauthorizedError();
  return caller;
}

/** Who, from where (the viewer's address behind CloudFront) and in which request: for audit events. */
export function requestMeta(event: APIGatewayProxyEventV2, context: Context) {
  return { requestId: context.awsRequestId, sourceIp: sourceAddress(event, context) };
}
