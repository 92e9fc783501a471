import { httpHandler } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json } from '../middleware/http.js';
import { NotFoundError } from '../domain/errors.js';

/** GET /api/me and POST /api/session/sign-out for either pool. */
export const { handler, logger } = httpHandler('api-session', { auth: 'any' }, async (event, context) => {
  const caller = callerOf(context);
  const deps = dependencies(context);
  switch (event.routeKey) {
    case 'GET /api/me':
      return json(200, { userId: caller.userId, email: caller.email, pool: caller.pool, roles: caller.roles });
    case 'POST /api/session/sign-out': {
      const now = deps.clock.now();
      // The server-side session ends first: whatever tokens the browser still holds stop working here.
      await deps.sessions.revoke(caller.sessionId, caller.userId, now);
      if (caller.pool === 'staff') await deps.users.signOutEverywhere(caller.userId);
      const meta = requestMeta(event, context);
      await deps.store.appendAudit({
        eventId: deps.ids.uuid(),
        reference: 'BOARD',
        at: now.toISOString(),
        action: 'session.signed-out',
        actor: { kind: 'user', userId: caller.userId, email: caller.email, role: caller.roles.join(',') },
        requestId: meta.requestId,
        ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
      });
      logger.info('Signed out', { pool: caller.pool });
      return { statusCode: 204, body: '' };
    }
    default:
      throw new NotFoundError();
  }
});
