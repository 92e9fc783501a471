import { routedHandler, type RouteRequest } from '../middleware/routing.js';
import { contributionStore, dependencies, overviewStore, reportNotifier, reportStore } from '../middleware/dependencies.js';
import { reportExportDependencies } from '../middleware/report-exports.js';
import type { OperationId } from '../schemas/routes.js';
import {
  agreePseudonyms,
  commentOnReport,
  downloadReportExport,
  exportReport,
  finaliseReport,
  markPublished,
  recordFeedbackSession,
  saveReportSection,
  startReportVersion,
  viewReport,
  viewReportVersion,
  type ReportDeps,
} from '../domain/report/report-actions.js';
import { overviewForExport } from '../domain/report/overview-export.js';

async function depsOf<K extends OperationId>(request: RouteRequest<K>, withExports = false): Promise<ReportDeps> {
  const d = dependencies(request.context);
  const { config } = await d.boardConfig.get();
  return {
    store: d.store,
    reports: reportStore(request.context),
    terms: d.terms,
    contributions: contributionStore(request.context),
    clock: d.clock,
    ids: d.ids,
    board: config,
    notify: reportNotifier(request.context),
    ...(withExports
      ? { ...(await reportExportDependencies(request.context)), overview: (reference: string) => overviewForExport({ overview: overviewStore(request.context), contributions: contributionStore(request.context) }, reference) }
      : {}),
  };
}

/**
 * The overview report (11.1-11.4, Appendix B): written section by section in
 * numbered versions, commented on by the panel, offered as final for the
 * chairs' acceptance (from emailed links, api-actions), exported as Word and
 * PDF; feedback sessions (10.8), pseudonyms and publication (8.8).
 */
export const { handler } = routedHandler('api-report', {
  getReport: async (r) => ({ body: await viewReport(await depsOf(r), r.param('reference'), r.caller, r.meta) }),
  startReportVersion: async (r) => ({ body: await startReportVersion(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  getReportVersion: async (r) => ({ body: await viewReportVersion(await depsOf(r), r.param('reference'), r.param('version'), r.caller, r.meta) }),
  saveReportIntroduction: async (r) => ({ body: await saveReportSection(await depsOf(r), r.param('reference'), r.param('version'), 'introduction', r.body, r.caller, r.meta) }),
  saveReportFacts: async (r) => ({ body: await saveReportSection(await depsOf(r), r.param('reference'), r.param('version'), 'facts', r.body, r.caller, r.meta) }),
  saveReportAnalysis: async (r) => ({ body: await saveReportSection(await depsOf(r), r.param('reference'), r.param('version'), 'analysis', r.body, r.caller, r.meta) }),
  saveReportConclusions: async (r) => ({ body: await saveReportSection(await depsOf(r), r.param('reference'), r.param('version'), 'conclusions', r.body, r.caller, r.meta) }),
  commentOnReport: async (r) => ({ body: await commentOnReport(await depsOf(r), r.param('reference'), r.param('version'), r.body, r.caller, r.meta) }),
  finaliseReport: async (r) => ({ body: await finaliseReport(await depsOf(r), r.param('reference'), r.param('version'), r.body, r.caller, r.meta) }),
  recordFeedbackSession: async (r) => ({ body: await recordFeedbackSession(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  agreePseudonyms: async (r) => ({ body: await agreePseudonyms(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  markReportPublished: async (r) => ({ body: await markPublished(await depsOf(r), r.param('reference'), r.body, r.caller, r.meta) }),
  exportReport: async (r) => ({ body: await exportReport(await depsOf(r, true), r.param('reference'), r.param('version'), r.body, r.caller, r.meta) }),
  downloadReportExport: async (r) => ({ body: await downloadReportExport(await depsOf(r, true), r.param('reference'), r.param('exportId'), r.caller, r.meta) }),
});
