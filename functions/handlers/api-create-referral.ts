import { submitReferral } from '../domain/intake.js';
import { dependencies } from '../middleware/dependencies.js';
import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf } from '../middleware/auth.js';
import { json, parsedBody } from '../middleware/http.js';
import { sourceAddress } from '../middleware/origin.js';

/** A referral is a few KB; 64 KB leaves room for long accounts without inviting abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
const parseBody = withJsonBody(MAX_BODY_BYTES);

/** POST /api/referrals, by a referrer signed in with their verified work email. */
export const { handler, logger } = httpHandler('api-create-referral', { auth: 'referrer' }, async (event, context) => {
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
      sourceIp: sourceAddress(event, context),
    },
  );
  // The reference is not case content; it is what the referrer quotes.
  logger.info(result.created ? 'Referral created' : 'Referral replayed', { reference: result.reference });
  const { created, ...body } = result;
  return json(created ? 201 : 200, body);
});
