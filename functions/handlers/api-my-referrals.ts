import { routedHandler } from '../middleware/routing.js';
import { dependencies } from '../middleware/dependencies.js';
import { myReferrals } from '../domain/case/case-views.js';

/** GET /api/my-referrals: the status of the signed-in referrer's own referrals. */
export const { handler } = routedHandler('api-my-referrals', {
  listMyReferrals: async ({ context, caller, meta }) => {
    const deps = dependencies(context);
    const { config } = await deps.boardConfig.get();
    const viewDeps = { store: deps.store, clock: deps.clock, ids: deps.ids, calendar: deps.calendar, profile: config.procedureProfile };
    return { body: await myReferrals(viewDeps, caller, meta) };
  },
});
