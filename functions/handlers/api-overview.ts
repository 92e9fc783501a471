import { routedHandler, type RouteRequest } from '../middleware/routing.js';
import { chronologySnapshots, contributionStore, dependencies, overviewStore } from '../middleware/dependencies.js';
import type { OperationId } from '../schemas/routes.js';
import {
  commissionOverviewAuthor,
  declareOverviewIndependence,
  groupChronologyRows,
  readAcceptedContributions,
  saveGenogram,
  saveWhatWasKnown,
  ungroupChronologyRows,
  viewGenogram,
  viewIntegratedChronology,
  viewOverview,
  viewWhatWasKnown,
  type OverviewDeps,
} from '../domain/report/overview-actions.js';
import { sendOwedOverviewEmails } from '../domain/report/overview-emails.js';
import type { OverviewRecord } from '../domain/report/overview-author.js';

function depsOf<K extends OperationId>(request: RouteRequest<K>): OverviewDeps {
  const d = dependencies(request.context);
  // What the changed overview now owes (the review's check step sweeps it too).
  const notify = async (reference: string, record: OverviewRecord) => {
    const { config } = await d.boardConfig.get();
    await sendOwedOverviewEmails({ store: d.store, mailer: d.mailer, clock: d.clock, ids: d.ids, board: config, appBaseUrl: d.env.APP_BASE_URL }, reference, record);
  };
  return { store: d.store, overview: overviewStore(request.context), contributions: contributionStore(request.context), snapshots: chronologySnapshots(request.context), clock: d.clock, ids: d.ids, users: d.users, notify };
}

/**
 * The overview report's facts (issue 11; paras 11.2 and Appendix B): the
 * business manager commissions the overview author, who declares
 * independence and then reads the accepted contributions and works on the
 * integrated chronology, the genogram and what was known.
 */
export const { handler } = routedHandler('api-overview', {
  getOverview: async (r) => ({ body: await viewOverview(depsOf(r), r.param('reference'), r.caller, r.meta) }),
  commissionOverviewAuthor: async (r) => ({ body: await commissionOverviewAuthor(depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  declareOverviewIndependence: async (r) => ({ body: await declareOverviewIndependence(depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  getOverviewContributions: async (r) => ({ body: await readAcceptedContributions(depsOf(r), r.param('reference'), r.caller, r.meta) }),
  getIntegratedChronology: async (r) => ({ body: await viewIntegratedChronology(depsOf(r), r.param('reference'), r.caller, r.meta) }),
  groupChronologyRows: async (r) => ({ body: await groupChronologyRows(depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  ungroupChronologyRows: async (r) => ({ body: await ungroupChronologyRows(depsOf(r), r.param('reference'), r.param('groupId'), r.caller, r.meta) }),
  getGenogram: async (r) => ({ body: await viewGenogram(depsOf(r), r.param('reference'), r.caller, r.meta) }),
  saveGenogram: async (r) => ({ body: await saveGenogram(depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  getWhatWasKnown: async (r) => ({ body: await viewWhatWasKnown(depsOf(r), r.param('reference'), r.caller, r.meta) }),
  saveWhatWasKnown: async (r) => ({ body: await saveWhatWasKnown(depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
});
