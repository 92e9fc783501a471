import { routedHandler, type RouteRequest } from '../middleware/routing.js';
import { contributionStore, dependencies } from '../middleware/dependencies.js';
import {
  acceptContributionFindings,
  changeContributionDueDate,
  commission,
  declareContributionIndependence,
  getContribution,
  getImr,
  getChronology,
  addChronologyEntries,
  moveChronologyRow,
  updateChronologyEntry,
  deleteChronologyEntry,
  listContributions,
  saveImrSection,
  listDisciplinaryMatters,
  recordDisciplinaryMatter,
  nameContributionAuthor,
  recordContributionCourtAgreement,
  recordContributionDebrief,
  recordContributionFollowUp,
  returnContributionToAuthor,
  submitContributionForAcceptance,
  type ContributionDeps,
} from '../domain/contributions/contribution-actions.js';
import type { OperationId } from '../schemas/routes.js';
import { sendOwedContributionEmails } from '../domain/contributions/contribution-emails.js';
import type { Contribution } from '../domain/contributions/contributions.js';
import { listMyContributions } from '../domain/contributions/my-contributions.js';

/** The use cases' dependencies: the shared ones, the Board's configuration and the contribution store. */
async function depsOf<K extends OperationId>(request: RouteRequest<K>): Promise<ContributionDeps> {
  const d = dependencies(request.context);
  const { config } = await d.boardConfig.get();
  const contributions = contributionStore(request.context);
  // What the changed contribution now owes (the review's check step sweeps every contribution).
  const notify = async (reference: string, contribution: Contribution) => {
    await sendOwedContributionEmails(
      { store: d.store, mailer: d.mailer, clock: d.clock, ids: d.ids, board: config, appBaseUrl: d.env.APP_BASE_URL },
      reference,
      [contribution],
    );
  };
  return { store: d.store, contributions, clock: d.clock, ids: d.ids, board: config, calendar: d.calendar, terms: d.terms, notify, users: d.users };
}

/**
 * Contributions to a review (paras 9.1-9.6, 10.1-10.2, 10.6, 10.11): the
 * business manager asks for them, the senior officer names the author, the
 * author declares independence and submits, the senior officer accepts the
 * findings or returns it. Each write is one contribution item and its audit
 * event.
 */
export const { handler } = routedHandler('api-contributions', {
  listContributions: async (r) => ({ body: await listContributions(await depsOf(r), r.param('reference'), r.caller, r.meta) }),
  listMyContributions: async (r) => {
    const d = dependencies(r.context);
    return { body: await listMyContributions({ store: d.store, mine: contributionStore(r.context), clock: d.clock, ids: d.ids }, r.caller, r.meta) };
  },
  commissionContribution: async (r) => ({ body: await commission(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  getContribution: async (r) => ({ body: await getContribution(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta) }),
  changeContributionDueDate: async (r) => ({
    body: await changeContributionDueDate(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  nameContributionAuthor: async (r) => ({
    body: await nameContributionAuthor(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  declareContributionIndependence: async (r) => ({
    body: await declareContributionIndependence(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  recordContributionCourtAgreement: async (r) => ({
    body: await recordContributionCourtAgreement(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  submitContribution: async (r) => ({
    body: await submitContributionForAcceptance(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta),
  }),
  acceptContribution: async (r) => ({
    body: await acceptContributionFindings(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta),
  }),
  returnContribution: async (r) => ({
    body: await returnContributionToAuthor(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  recordContributionDebrief: async (r) => ({
    body: await recordContributionDebrief(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  recordContributionFollowUp: async (r) => ({
    body: await recordContributionFollowUp(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  listDisciplinaryMatters: async (r) => ({
    body: await listDisciplinaryMatters(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta),
  }),
  recordDisciplinaryMatter: async (r) => ({
    body: await recordDisciplinaryMatter(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  getImr: async (r) => ({ body: await getImr(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta) }),
  saveImrAnalysis: async (r) => ({ body: await saveImrSection(await depsOf(r), r.param('reference'), r.param('contributionId'), 'analysis', r.body, r.caller, r.meta) }),
  saveImrLearning: async (r) => ({ body: await saveImrSection(await depsOf(r), r.param('reference'), r.param('contributionId'), 'learning', r.body, r.caller, r.meta) }),
  saveImrRecommendations: async (r) => ({
    body: await saveImrSection(await depsOf(r), r.param('reference'), r.param('contributionId'), 'recommendations', r.body, r.caller, r.meta),
  }),
  saveImrInterviews: async (r) => ({
    body: await saveImrSection(await depsOf(r), r.param('reference'), r.param('contributionId'), 'interviews', r.body, r.caller, r.meta),
  }),
  getChronology: async (r) => ({ body: await getChronology(await depsOf(r), r.param('reference'), r.param('contributionId'), r.caller, r.meta) }),
  addChronologyRows: async (r) => ({
    body: await addChronologyEntries(await depsOf(r), r.param('reference'), r.param('contributionId'), r.body, r.caller, r.meta),
  }),
  updateChronologyRow: async (r) => ({
    body: await updateChronologyEntry(await depsOf(r), r.param('reference'), r.param('contributionId'), r.param('rowId'), r.body, r.caller, r.meta),
  }),
  deleteChronologyRow: async (r) => {
    await deleteChronologyEntry(await depsOf(r), r.param('reference'), r.param('contributionId'), r.param('rowId'), r.caller, r.meta);
    return { status: 204, body: undefined };
  },
  moveChronologyRow: async (r) => ({
    body: await moveChronologyRow(await depsOf(r), r.param('reference'), r.param('contributionId'), r.param('rowId'), r.body, r.caller, r.meta),
  }),
});
