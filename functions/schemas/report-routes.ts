import * as z from 'zod';
import type { Command } from './command.js';
import * as report from './report.js';

/**
 * The routes of the overview report (11.1-11.4, Appendix B; 8.8; 10.8),
 * served by `api-report`; spread into the one route table (routes.ts), from
 * which the catalogue, the dispatch and OpenAPI follow. The chairs'
 * acceptance is not here: it is an emailed link (POST /api/actions).
 */

const KB = 1024;
const NOT_ON_CASE = 'No such case, or you are not on it';
const NO_VERSION = 'No such case or version, or you are not on the case';
const INVALID = 'Not valid; `errors` lists each field with GOV.UK wording';
const BODY_ERRORS = { 413: 'The body is too large', 415: 'The body is not JSON' } as const;
const CONFLICT = 'Not allowed in this state (the message says which rule), or changed by someone else meanwhile: nothing was changed';
const base = '/api/cases/{reference}/report';
const WRITERS = 'The overview author or the business manager, while the review is in progress';
const READERS = "The Board's offices, the sub-committee, the review panel and the overview author";

const step = z.enum(['draft', 'superseded', 'awaiting-sub-committee-chair', 'awaiting-board-chair', 'accepted']);
const acceptance = z.object({ by: z.string(), at: z.string() });
const exportView = z.object({
  exportId: z.string(),
  version: z.number(),
  kind: z.enum(report.exportKinds),
  format: z.enum(report.exportFormats),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const reportViewSchema = z.object({
  reference: z.string(),
  canEdit: z.boolean(),
  canComment: z.boolean(),
  canManage: z.boolean(),
  latest: z.number().meta({ description: 'The latest version (0: none yet)' }),
  versions: z.array(
    z.object({
      version: z.number(),
      status: z.enum(['draft', 'final']),
      step,
      stepLabel: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
      finalisedAt: z.string().optional(),
      subCommitteeChairAcceptance: acceptance.optional(),
      boardChairAcceptance: acceptance.optional(),
      comments: z.number(),
    }),
  ),
  feedbackSessions: z.array(z.object({ id: z.string(), heldOn: z.string(), organisations: z.string(), notes: z.string().optional(), recordedAt: z.string(), recordedBy: z.string() })),
  pseudonyms: z.array(z.object({ name: z.string(), pseudonym: z.string() })).optional().meta({ description: 'The business manager only' }),
  publication: z.object({ publishedOn: z.string(), where: z.string(), recordedAt: z.string(), recordedBy: z.string() }).optional(),
  publicationHold: z.object({ reason: z.string() }).optional(),
  completion: z
    .object({
      kind: z.enum(['within-four-months', 'within-extension', 'late']),
      completedOn: z.string(),
      dueDate: z.string(),
      originalDueDate: z.string().optional(),
      extensions: z.number().optional(),
      daysLate: z.number().optional(),
      text: z.string(),
    })
    .optional()
    .meta({ description: 'Once the Board chair accepted the report: whether the review finished in time' }),
  completionDueDate: z.string(),
  exports: z.array(exportView),
});

const derivedSchema = z.object({
  termsOfReference: z.object({ version: z.number(), items: z.array(z.object({ label: z.string(), text: z.string() })) }),
  contributors: z.array(z.object({ organisation: z.string(), nature: z.string(), description: z.string().optional(), author: z.string().optional() })),
  panel: z.array(z.object({ name: z.string(), jobTitle: z.string(), organisation: z.string(), agency: z.string() })),
  imrRecommendations: z.array(z.object({ organisation: z.string(), action: z.string(), byWhom: z.string(), byWhen: z.string(), outcome: z.string(), evaluation: z.string() })),
});

export const reportVersionViewSchema = z.object({
  reference: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'final']),
  step,
  stepLabel: z.string(),
  editable: z.boolean(),
  content: z.object({
    introduction: report.introductionSchema,
    facts: report.factsSchema,
    analysis: report.analysisSchema,
    conclusions: report.conclusionsSchema,
  }),
  revisions: z.object({ introduction: z.number(), facts: z.number(), analysis: z.number(), conclusions: z.number() }),
  derived: derivedSchema,
  comments: z.array(z.object({ id: z.string(), section: z.enum(report.reportSectionIds), text: z.string(), at: z.string(), by: z.string() })),
});

function sectionRoute<S extends report.ReportSectionId>(section: S) {
  return {
    lambda: 'api-report' as const,
    method: 'PUT' as const,
    path: `${base}/versions/{version}/sections/${section}`,
    auth: 'staff' as const,
    summary: `Save the report's section "${report.reportSectionTitles[section]}" (Appendix B) in the latest draft`,
    whoMay: WRITERS,
    request: { name: `ReportSection${section.charAt(0).toUpperCase()}${section.slice(1)}`, schema: report.saveReportSectionSchema(section), maxBytes: 256 * KB },
    responses: { 200: { description: 'Saved, with the section’s new revision', body: { name: 'ReportSectionSaved', schema: z.object({ revision: z.number(), updatedAt: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Only the overview author or the business manager writes the report', 404: NO_VERSION, 409: CONFLICT, ...BODY_ERRORS },
  };
}

export const reportCommands = {
  getReport: {
    lambda: 'api-report',
    method: 'GET',
    path: base,
    auth: 'staff',
    summary: 'The overview report: every version and where it stands with the chairs, feedback sessions, publication, exports and whether the review finished in time',
    whoMay: READERS,
    responses: { 200: { description: 'The report as the caller may see it', body: { name: 'Report', schema: reportViewSchema } } },
    errors: { 403: 'Your role on this case does not include the overview report', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  startReportVersion: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/versions`,
    auth: 'staff',
    summary: 'Start the next version of the report (a copy of the latest to change)',
    whoMay: WRITERS,
    request: { name: 'NewReportVersion', schema: report.newReportVersionSchema, maxBytes: 4 * KB },
    responses: { 201: { description: 'Started', body: { name: 'ReportVersionStarted', schema: z.object({ version: z.number(), createdAt: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Only the overview author or the business manager writes the report', 404: NOT_ON_CASE, 409: CONFLICT, ...BODY_ERRORS },
  },
  getReportVersion: {
    lambda: 'api-report',
    method: 'GET',
    path: `${base}/versions/{version}`,
    auth: 'staff',
    summary: 'One version: its sections, what it draws from the case (terms of reference, contributors, panel, IMR recommendations) and the panel’s comments',
    whoMay: READERS,
    responses: { 200: { description: 'The version', body: { name: 'ReportVersion', schema: reportVersionViewSchema } } },
    errors: { 403: 'Your role on this case does not include the overview report', 404: NO_VERSION, 409: 'The case is not a serious case review' },
  },
  saveReportIntroduction: sectionRoute('introduction'),
  saveReportFacts: sectionRoute('facts'),
  saveReportAnalysis: sectionRoute('analysis'),
  saveReportConclusions: sectionRoute('conclusions'),
  commentOnReport: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/versions/{version}/comments`,
    auth: 'staff',
    summary: 'Comment on a section of a version of the report',
    whoMay: 'The review panel, the sub-committee and the Board’s offices (not the auditor)',
    request: { name: 'ReportComment', schema: report.reportCommentSchema, maxBytes: 32 * KB },
    responses: { 201: { description: 'Recorded', body: { name: 'ReportCommented', schema: z.object({ id: z.string(), at: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Your role on this case may not comment on the report', 404: NO_VERSION, 409: CONFLICT, ...BODY_ERRORS },
  },
  finaliseReport: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/versions/{version}/final`,
    auth: 'staff',
    summary: 'Offer the latest draft as final: the sub-committee chair, then the Board chair, are emailed a link to accept it (11.3)',
    whoMay: WRITERS,
    request: { name: 'FinaliseReport', schema: report.finaliseReportSchema, maxBytes: 4 * KB },
    responses: { 200: { description: 'Offered as final', body: { name: 'ReportFinalised', schema: z.object({ version: z.number(), finalisedAt: z.string() }) } } },
    errors: { 400: 'A section is missing: `errors` says which', 403: 'Only the overview author or the business manager writes the report', 404: NO_VERSION, 409: CONFLICT, ...BODY_ERRORS },
  },
  recordFeedbackSession: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/feedback-sessions`,
    auth: 'staff',
    summary: 'Record a feedback session for the organisations, when the report raises new issues (10.8)',
    whoMay: 'Business manager',
    request: { name: 'FeedbackSession', schema: report.feedbackSessionSchema, maxBytes: 16 * KB },
    responses: { 201: { description: 'Recorded', body: { name: 'FeedbackSessionRecorded', schema: z.object({ id: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Only the business manager records this', 404: NOT_ON_CASE, 409: 'The case is not a serious case review', ...BODY_ERRORS },
  },
  agreePseudonyms: {
    lambda: 'api-report',
    method: 'PUT',
    path: `${base}/pseudonyms`,
    auth: 'staff',
    summary: 'The agreed pseudonyms that replace children’s and family members’ names in the anonymised report',
    whoMay: 'Business manager',
    request: { name: 'Pseudonyms', schema: report.pseudonymsSchema, maxBytes: 32 * KB },
    responses: { 200: { description: 'Saved', body: { name: 'PseudonymsAgreed', schema: z.object({ entries: z.number(), updatedAt: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Only the business manager agrees the pseudonyms', 404: NOT_ON_CASE, 409: 'The case is not a serious case review', ...BODY_ERRORS },
  },
  markReportPublished: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/publication`,
    auth: 'staff',
    summary: 'Record that the anonymised report was published, when and where; refused while a publication hold is on (8.8)',
    whoMay: 'Business manager',
    request: { name: 'Publication', schema: report.publicationSchema, maxBytes: 8 * KB },
    responses: { 200: { description: 'Recorded', body: { name: 'ReportPublished', schema: z.object({ publishedOn: z.string() }) } } },
    errors: { 400: INVALID, 403: 'Only the business manager records publication', 404: NOT_ON_CASE, 409: 'On hold (8.8), not accepted by both chairs, no pseudonyms agreed, or already published: nothing was recorded', ...BODY_ERRORS },
  },
  exportReport: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/versions/{version}/exports`,
    auth: 'staff',
    summary: 'Export a version as Word or PDF: the full report, the executive summary or the anonymised report; stored in the case’s files, audited',
    whoMay: `${READERS}; the anonymised report: the business manager or the overview author`,
    request: { name: 'ExportRequest', schema: report.exportRequestSchema, maxBytes: 4 * KB },
    responses: { 201: { description: 'Made and stored', body: { name: 'ReportExport', schema: exportView } } },
    errors: { 400: INVALID, 403: 'Your role may not make this export', 404: NO_VERSION, 409: 'PDF export is not available in this environment, or the case is not a review', ...BODY_ERRORS },
  },
  downloadReportExport: {
    lambda: 'api-report',
    method: 'POST',
    path: `${base}/exports/{exportId}/download`,
    auth: 'staff',
    summary: 'A presigned URL for a stored export, valid 1 minute, answered as an attachment; every download is audited',
    whoMay: READERS,
    responses: { 200: { description: 'Where to fetch it', body: { name: 'ReportDownload', schema: z.object({ url: z.string(), fileName: z.string(), expiresInSeconds: z.number() }) } } },
    errors: { 404: 'No such case or export, or you are not on the case' },
  },
} satisfies Record<string, Command>;
