import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routedHandler } from '../middleware/routing.js';
import { dependencies, reportNotifier, reportStore } from '../middleware/dependencies.js';
import { act, describeAction } from '../domain/decision/stage-actions.js';

async function stageDeps(context: Context) {
  const d = dependencies(context);
  const { config } = await d.boardConfig.get();
  return { store: d.store, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar, reports: reportStore(context), notifyReport: reportNotifier(context) };
}

const tokenOf = (event: APIGatewayProxyEventV2) => event.headers?.['x-action-token'] ?? '';

/**
 * GET /api/actions: what an emailed link asks (reads only).
 * POST /api/actions: the signed-in person it was made for acts.
 * The link's secret travels in the X-Action-Token header: the emailed URL
 * carries it after `#` (browsers never send fragments), and no URL the
 * service sees contains it, so no access log (CloudFront, API Gateway) can.
 */
export const { handler } = routedHandler('api-actions', {
  describeAction: async ({ event, context, caller, meta }) => ({ body: await describeAction(await stageDeps(context), tokenOf(event), caller, meta) }),
  act: async ({ event, context, body, caller, meta }) => ({ body: await act(await stageDeps(context), tokenOf(event), body, caller, meta) }),
});
