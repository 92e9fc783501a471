import { routedHandler, type Operation, type ResponseOf, type RouteRequest } from '../middleware/routing.js';
import { dependencies } from '../middleware/dependencies.js';
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
} from '../domain/review/review-actions.js';
import { viewStatutoryNotification } from '../domain/case/case-views.js';
import { deliveryView } from '../domain/email/delivery.js';
import type { Caller, UserDirectory } from '../ports/identity.js';
import type { OperationsOf } from '../schemas/routes.js';

type ReviewWrite = Exclude<OperationsOf<'api-review'>, 'getStatutoryNotification'>;

/** A review use case, given the case's reference from the path and the request; it answers the route's declared response. */
type ReviewUseCase<K extends ReviewWrite> = (deps: ReviewDeps & { users: Pick<UserDirectory, 'list'> }, reference: string, request: RouteRequest<K> & { caller: Caller }) => Promise<ResponseOf<K>>;

/** Every write of the review stage, each a line: which use case, with which parts of the request. */
const reviewWrites: { [K in ReviewWrite]: ReviewUseCase<K> } = {
  recordOfstedForm: (deps, ref, r) => recordOfstedForm(deps, ref, r.body, r.caller, r.meta),
  confirmNbuNotified: (deps, ref, r) => confirmNbuNotified(deps, ref, r.body, r.caller, r.meta),
  resendStatutoryNotification: (deps, ref, r) => {
    const latest = async (recipientRole: string) => {
      const n = (await deps.store.listNotifications(ref)).find((x) => x.kind === 'statutory-notification' && x.recipientRole === recipientRole);
      return n?.messageId ? deliveryView(n.delivery) : 'not-sent';
    };
    return resendStatutory(deps, ref, r.body, r.caller, r.meta, latest);
  },
  addPanelMember: (deps, ref, r) => addPanelMember(deps, ref, r.body, r.caller, r.meta),
  confirmMandate: (deps, ref, r) => confirmMandate(deps, ref, r.param('memberId'), r.body, r.caller, r.meta),
  startReview: (deps, ref, r) => startReview(deps, ref, r.caller, r.meta),
  requestRecords: (deps, ref, r) => requestRecords(deps, ref, r.body, r.caller, r.meta),
  recordRecordsSecured: (deps, ref, r) => recordRecordsSecured(deps, ref, r.param('recordsId'), r.body, r.caller, r.meta),
  askOtherBoards: (deps, ref, r) => askOtherBoards(deps, ref, r.body, r.caller, r.meta),
  recordJointFinalDecision: (deps, ref, r) => recordJointFinalDecision(deps, ref, r.body, r.caller, r.meta),
  requestExtension: (deps, ref, r) => requestExtension(deps, ref, r.body, r.caller, r.meta),
  recordExtension: (deps, ref, r) => recordExtension(deps, ref, r.body, r.caller, r.meta),
  recordProceedings: (deps, ref, r) => recordProceedings(deps, ref, r.body, r.caller, r.meta),
  setPublicationHold: (deps, ref, r) => setPublicationHold(deps, ref, r.body, r.caller, r.meta),
  recordEarlyLesson: (deps, ref, r) => recordEarlyLesson(deps, ref, r.body, r.caller, r.meta),
};

/**
 * The one runner of a review write: the Board's configuration and the
 * stores, the case named in the path, then the use case; its answer goes
 * out with the status the route table declares for it.
 */
function runReviewWrite<K extends ReviewWrite>(useCase: ReviewUseCase<K>): Operation<K> {
  return (async (request: RouteRequest<K>) => {
    const d = dependencies(request.context);
    const { config } = await d.boardConfig.get();
    // The user directory is only read (is there an account for this address?): see README, "Invite or refuse".
    const deps = { store: d.store, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar, users: d.users };
    return { body: await useCase(deps, request.param('reference'), request as RouteRequest<K> & { caller: Caller }) };
  }) as Operation<K>;
}

const writeOperations = Object.fromEntries(
  (Object.keys(reviewWrites) as ReviewWrite[]).map((id) => [id, runReviewWrite(reviewWrites[id] as ReviewUseCase<ReviewWrite>)]),
) as { [K in ReviewWrite]: Operation<K> };

/**
 * The review stage (paras 3.4-3.5, 4.3-4.6, 6, 7.1, 8.3-8.8, 10.3): what
 * the business manager and sub-committee chair record once a review is
 * decided, and the statutory notification record its recipients sign in to
 * read. What must follow a change (emails, the new timetable) follows from
 * the table's stream.
 */
export const { handler } = routedHandler('api-review', {
  getStatutoryNotification: async ({ context, param, caller, meta }) => {
    const d = dependencies(context);
    const { config } = await d.boardConfig.get();
    const deps = { store: d.store, clock: d.clock, ids: d.ids, calendar: d.calendar, profile: config.procedureProfile, board: config };
    return { body: await viewStatutoryNotification(deps, param('reference'), caller, meta) };
  },
  ...writeOperations,
});
