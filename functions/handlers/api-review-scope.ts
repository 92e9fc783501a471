import { routedHandler } from '../middleware/routing.js';
import { contributionStore, dependencies, type Dependencies } from '../middleware/dependencies.js';
import { agreeTermsOfReference, compareTermsOfReference, saveTorDraft, viewTermsOfReference, type TorDeps } from '../domain/review/terms-of-reference-actions.js';
import type { Context } from 'aws-lambda';

async function torDeps(context: Context): Promise<TorDeps> {
  const d: Dependencies = dependencies(context);
  const { config } = await d.boardConfig.get();
  return { store: d.store, terms: d.terms, clock: d.clock, ids: d.ids, board: config, contributions: contributionStore(context) };
}

/**
 * The scope of a review (paras 7.1, 7.2): its terms of reference, drawn up
 * and agreed by the sub-committee chair and the business manager, each
 * agreed version kept, and what changed between two.
 */
export const { handler } = routedHandler('api-review-scope', {
  getTermsOfReference: async ({ context, param, caller, meta }) => ({ body: await viewTermsOfReference(await torDeps(context), param('reference'), caller, meta) }),
  saveTermsOfReferenceDraft: async ({ context, param, body, caller, meta }) => ({ body: await saveTorDraft(await torDeps(context), param('reference'), body, caller, meta) }),
  agreeTermsOfReference: async ({ context, param, body, caller, meta }) => ({
    body: await agreeTermsOfReference(await torDeps(context), param('reference'), body, caller, meta),
  }),
  compareTermsOfReference: async ({ context, param, caller, meta }) => ({
    body: await compareTermsOfReference(await torDeps(context), param('reference'), param('from'), param('to'), caller, meta),
  }),
});
