import { routedHandler, type RouteRequest } from '../middleware/routing.js';
import { actionStore, contributionStore, dependencies } from '../middleware/dependencies.js';
import { SECURITY_HEADERS } from '../middleware/http.js';
import type { OperationId } from '../schemas/routes.js';
import { addAction, changeActionDetails, listMyActions, updateActionProgress, viewActionPlan, viewProgressReport, viewTimelinessReport, type ActionPlanDeps } from '../domain/actions/action-plan-actions.js';
import { progressReportCsv } from '../domain/actions/reports.js';
import { londonDate } from '../domain/calendar/london.js';

/** The use cases' dependencies: the shared ones, the Board's configuration, the action and contribution stores. */
async function depsOf<K extends OperationId>(request: RouteRequest<K>): Promise<ActionPlanDeps> {
  const d = dependencies(request.context);
  const { config } = await d.boardConfig.get();
  return { store: d.store, actions: actionStore(request.context), contributions: contributionStore(request.context), users: d.users, clock: d.clock, ids: d.ids, board: config };
}

/**
 * The action plan (paras 2.1, 8.1) and the Board's reports: the business
 * manager makes recommendations actions, owners record progress, and the
 * Board reads the progress of every plan and the timeliness of every review.
 */
export const { handler } = routedHandler('api-action-plan', {
  getActionPlan: async (r) => ({ body: await viewActionPlan(await depsOf(r), r.param('reference'), r.caller, r.meta) }),
  addAction: async (r) => ({ status: 201, body: await addAction(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  recordActionProgress: async (r) => ({
    body: await updateActionProgress(await depsOf(r), r.param('reference'), r.param('actionId'), r.body, r.caller, r.meta),
  }),
  changeAction: async (r) => ({
    body: await changeActionDetails(await depsOf(r), r.param('reference'), r.param('actionId'), r.body, r.caller, r.meta),
  }),
  listMyActions: async (r) => ({ body: await listMyActions(await depsOf(r), r.caller, r.meta) }),
  getActionProgressReport: async (r) => {
    const csv = r.event.queryStringParameters?.format === 'csv';
    const deps = await depsOf(r);
    const report = await viewProgressReport(deps, r.caller, r.meta, csv ? 'csv' : 'json');
    if (!csv) return { body: report };
    return {
      raw: progressReportCsv(report),
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="action-plans-${londonDate(deps.clock.now())}.csv"`,
      },
    };
  },
  getTimelinessReport: async (r) => ({ body: await viewTimelinessReport(await depsOf(r), r.caller, r.meta) }),
});
