import { submitReferral } from '../domain/intake/intake.js';
import { dependencies } from '../middleware/dependencies.js';
import { routedHandler } from '../middleware/routing.js';
import { sessionCheckOf, sessionEnded } from '../middleware/auth.js';
import { SessionEndedError } from '../domain/errors.js';

/**
 * POST /api/referrals, by a referrer signed in with their verified work email.
 * The session is checked inside the transaction that writes the case (not by
 * a read before it; the route declares `sessionInWrite`): the submission's
 * only DynamoDB round trip is that write.
 */
export const { handler, logger } = routedHandler('api-create-referral', {
  createReferral: async ({ event, context, body, caller, meta }) => {
    const deps = dependencies(context);
    const { config } = await deps.boardConfig.get();
    const result = await submitReferral(
      { store: deps.store, clock: deps.clock, ids: deps.ids, board: config, calendar: deps.calendar },
      {
        body,
        referrer: { userId: caller.userId, email: caller.email },
        idempotencyKey: event.headers?.['idempotency-key'],
        requestId: meta.requestId,
        sourceIp: meta.sourceIp,
        session: sessionCheckOf(context),
      },
    ).catch(async (error: unknown) => {
      if (error instanceof SessionEndedError) throw await sessionEnded(context);
      throw error;
    });
    // The reference is not case content; it is what the referrer quotes.
    logger.info(result.created ? 'Referral created' : 'Referral replayed', { reference: result.reference });
    const { created, ...reply } = result;
    return created ? { status: 201 as const, body: reply } : { status: 200 as const, body: reply };
  },
});
