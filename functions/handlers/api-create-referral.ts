import { submitReferral } from '../domain/intake.js';
import { dependencies } from '../middleware/dependencies.js';
import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf, sessionCheckOf, sessionEnded } from '../middleware/auth.js';
import { SessionEndedError } from '../domain/errors.js';
import { json, parsedBody } from '../middleware/http.js';

/** A referral is a few KB; 64 KB leaves room for long accounts without inviting abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
const parseBody = withJsonBody(MAX_BODY_BYTES);

/**
 * POST /api/referrals, by a referrer signed in with their verified work email.
 * The session is checked inside the transaction that writes the case (not by
 * a read before it): the submission's only DynamoDB round trip is that write.
 */
export const { handler, logger } = httpHandler('api-create-referral', { auth: 'referrer', sessionInWrite: true }, async (event, context) => {
  await parseBody(event);
  const deps = dependencies(context);
  const caller = callerOf(context);
  const { config } = await deps.boardConfig.get();
  const result = await submitReferral(
    { store: deps.store, clock: deps.clock, ids: deps.ids, board: config, calendar: deps.calendar },
    {
      body: parsedBody(event),
      referrer: { userId: caller.userId, email: caller.email },
      idempotencyKey: event.headers?.['idempotency-key'],
      requestId: context.awsRequestId,
      sourceIp: event.requestContext?.http?.sourceIp,
      session: sessionCheckOf(context),
    },
  ).catch(async (error: unknown) => {
    if (error instanceof SessionEndedError) throw await sessionEnded(context);
    throw error;
  });
  // The reference is not case content; it is what the referrer quotes.
  logger.info(result.created ? 'Referral created' : 'Referral replayed', { reference: result.reference });
  const { created, ...body } = result;
  return json(created ? 201 : 200, body);
});
