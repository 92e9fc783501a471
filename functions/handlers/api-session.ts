import { routedHandler } from '../middleware/routing.js';
import { dependencies } from '../middleware/dependencies.js';

/** GET /api/me and POST /api/session/sign-out for either pool. */
export const { handler, logger } = routedHandler('api-session', {
  getMe: async ({ caller }) => ({ body: { userId: caller.userId, email: caller.email, pool: caller.pool, roles: caller.roles } }),
  signOut: async ({ context, caller, meta }) => {
    const deps = dependencies(context);
    const now = deps.clock.now();
    // The server-side session ends first: whatever tokens the browser still holds stop working here.
    await deps.sessions.revoke(caller.sessionId, caller.userId, now);
    if (caller.pool === 'staff') await deps.users.signOutEverywhere(caller.userId);
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
    return { body: undefined };
  },
});
