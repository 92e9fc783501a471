import { httpHandler, withJsonBody } from '../middleware/http-handler.js';
import { callerOf, requestMeta } from '../middleware/auth.js';
import { dependencies } from '../middleware/dependencies.js';
import { json, parsedBody } from '../middleware/http.js';
import {
  addPanelMember,
  askOtherBoards,
  confirmMandate,
  confirmNbuNotified,
  recordEarlyLesson,
  recordExtension,
  recordJointFinalDecision,
  recordOfstedForm,
  recordProceedings,
  recordRecordsSecured,
  requestExtension,
  requestRecords,
  resendStatutory,
  setPublicationHold,
  startReview,
  type ReviewDeps,
} from '../domain/review-actions.js';
import { viewStatutoryNotification } from '../domain/case-views.js';
import { deliveryView } from '../domain/delivery.js';
import { NotFoundError } from '../domain/errors.js';

const parseBody = withJsonBody(32 * 1024);

/**
 * The review stage (paras 3.4-3.5, 4.3-4.6, 6, 7.1, 8.3-8.8, 10.3): what
 * the business manager and sub-committee chair record once a review is
 * decided, and the statutory notification record its recipients sign in to
 * read. What must follow a change (emails, the new timetable) follows from
 * the table's stream.
 */
export const { handler } = httpHandler('api-review', { auth: 'staff' }, async (event, context) => {
  const d = dependencies(context);
  const { config } = await d.boardConfig.get();
  const deps: ReviewDeps = { store: d.store, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar };
  const caller = callerOf(context);
  const meta = requestMeta(event, context);
  const reference = event.pathParameters?.reference ?? '';
  if (event.routeKey === 'GET /api/cases/{reference}/statutory-notification') {
    return json(
      200,
      await viewStatutoryNotification(
        { store: d.store, clock: d.clock, ids: d.ids, calendar: d.calendar, profile: config.procedureProfile, board: config },
        reference,
        caller,
        meta,
      ),
    );
  }
  await parseBody(event);
  const body = parsedBody(event);
  switch (event.routeKey) {
    case 'PUT /api/cases/{reference}/review/ofsted-form':
      return json(200, await recordOfstedForm(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/nbu-confirmation':
      return json(200, await confirmNbuNotified(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/notifications/resend': {
      const latest = async (recipientRole: string) => {
        const n = (await d.store.listNotifications(reference)).find((x) => x.kind === 'statutory-notification' && x.recipientRole === recipientRole);
        return n?.messageId ? deliveryView(n.delivery) : 'not-sent';
      };
      return json(202, await resendStatutory(deps, reference, body, caller, meta, latest));
    }
    case 'POST /api/cases/{reference}/review/panel':
      return json(201, await addPanelMember(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/panel/{memberId}/mandate':
      return json(200, await confirmMandate(deps, reference, event.pathParameters?.memberId ?? '', body, caller, meta));
    case 'POST /api/cases/{reference}/review/start':
      return json(200, await startReview(deps, reference, caller, meta));
    case 'POST /api/cases/{reference}/review/records':
      return json(201, await requestRecords(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/records/{recordsId}/secured':
      return json(200, await recordRecordsSecured(deps, reference, event.pathParameters?.recordsId ?? '', body, caller, meta));
    case 'POST /api/cases/{reference}/review/joint':
      return json(201, await askOtherBoards(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/joint/final-decision':
      return json(200, await recordJointFinalDecision(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/extension-requests':
      return json(201, await requestExtension(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/extensions':
      return json(201, await recordExtension(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/proceedings':
      return json(201, await recordProceedings(deps, reference, body, caller, meta));
    case 'POST /api/cases/{reference}/review/early-lessons':
      return json(201, await recordEarlyLesson(deps, reference, body, caller, meta));
    case 'PUT /api/cases/{reference}/review/publication-hold':
      return json(200, await setPublicationHold(deps, reference, body, caller, meta));
    default:
      throw new NotFoundError();
  }
});
