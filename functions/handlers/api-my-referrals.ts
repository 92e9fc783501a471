import { httpHandler } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json } from '../middleware/http.js';
import { myReferrals } from '../domain/case-views.js';

/** GET /api/my-referrals: the status of the signed-in referrer's own referrals. */
export const { handler } = httpHandler('api-my-referrals', { auth: 'referrer' }, async (event, context) => {
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  return json(
    200,
    await myReferrals(
      { store: deps.store, clock: deps.clock, ids: deps.ids, calendar: deps.calendar, profile: config.procedureProfile },
      callerOf(context),
      requestMeta(event, context),
    ),
  );
});
