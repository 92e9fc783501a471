import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { routedHandler } from '../middleware/routing.js';
import { contributionStore, dependencies, reportNotifier, reportStore } from '../middleware/dependencies.js';
import { act, describeAction } from '../domain/decision/stage-actions.js';
import { sendOwedContributionEmails } from '../domain/contributions/contribution-emails.js';
import type { Contribution } from '../domain/contributions/contributions.js';

async function stageDeps(context: Context) {
  const d = dependencies(context);
  const { config } = await d.boardConfig.get();
  // A contribution's link (10.1, 10.2, 10.6): what the changed contribution now owes goes at once (the review's check sweeps it too).
  const notifyContribution = async (reference: string, contribution: Contribution) => {
    await sendOwedContributionEmails({ store: d.store, mailer: d.mailer, clock: d.clock, ids: d.ids, board: config, appBaseUrl: d.env.APP_BASE_URL }, reference, [contribution]);
  };
  return { store: d.store, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar, contributions: contributionStore(context), users: d.users, notifyContribution, reports: reportStore(context), notifyReport: reportNotifier(context) };
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
