import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json, parsedBody } from '../middleware/http.js';
import { act, describeAction } from '../domain/stage-actions.js';
import { NotFoundError } from '../domain/errors.js';

const parseBody = withJsonBody(32 * 1024);

/**
 * GET /api/actions: what an emailed link asks (reads only).
 * POST /api/actions: the signed-in person it was made for acts.
 * The link's secret travels in the X-Action-Token header: the emailed URL
 * carries it after `#` (browsers never send fragments), and no URL the
 * service sees contains it, so no access log (CloudFront, API Gateway) can.
 */
export const { handler } = httpHandler('api-actions', { auth: 'staff' }, async (event, context) => {
  const d = dependencies(context);
  const { config } = await d.boardConfig.get();
  const deps = { store: d.store, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar };
  const token = event.headers?.['x-action-token'] ?? '';
  const caller = callerOf(context);
  const meta = requestMeta(event, context);
  switch (event.routeKey) {
    case 'GET /api/actions':
      return json(200, await describeAction(deps, token, caller, meta));
    case 'POST /api/actions':
      await parseBody(event);
      return json(200, await act(deps, token, parsedBody(event), caller, meta));
    default:
      throw new NotFoundError();
  }
});
