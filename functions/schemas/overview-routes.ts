import type { Command } from './command.js';
import * as ov from './overview.js';

/**
 * The routes of the overview report's facts (issue 11; 11.2, Appendix B),
 * served by `api-overview`; spread into the one route table (routes.ts),
 * from which the catalogue, the dispatch and OpenAPI follow.
 */

const KB = 1024;
const NOT_ON_CASE = 'No such case, or you are not on it';
const INVALID = 'Not valid; `errors` lists each field with GOV.UK wording';
const BODY_ERRORS = { 413: 'The body is too large', 415: 'The body is not JSON' } as const;
const base = '/api/cases/{reference}/overview';
const READERS = 'Business manager, sub-committee chair, Board chair, the panel, auditor; the overview author once independent';
const EDITORS = 'The overview author once independent; the business manager';
const viewBody = { name: 'Overview', schema: ov.overviewViewSchema };
const saved = { name: 'OverviewFactSaved', schema: ov.savedSchema };

export const overviewCommands = {
  getOverview: {
    lambda: 'api-overview',
    method: 'GET',
    path: base,
    auth: 'staff',
    summary: 'The overview author (11.2), the bodies involved and what the caller may do',
    whoMay: `${READERS}; the commissioned author, to declare`,
    responses: { 200: { description: 'The overview author and the caller’s part', body: viewBody } },
    errors: { 403: 'Your role on this case does not include the overview report', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  commissionOverviewAuthor: {
    lambda: 'api-overview',
    method: 'POST',
    path: `${base}/author`,
    auth: 'staff',
    summary: 'Commission the overview report from a named person with a staff account, who joins the case as its overview author (11.2)',
    whoMay: 'Business manager',
    request: { name: 'CommissionOverviewAuthor', schema: ov.commissionOverviewAuthorSchema, maxBytes: 8 * KB },
    responses: { 200: { description: 'Commissioned: the author is asked to declare their independence', body: viewBody } },
    errors: {
      400: `${INVALID}; also when the address has no enabled staff account or holds one of the Board’s offices, or declared before that they are not independent`,
      403: 'Only the business manager commissions the overview report',
      404: NOT_ON_CASE,
      409: 'Already commissioned, the review is not in progress, or changed by someone else meanwhile: nothing was changed',
      ...BODY_ERRORS,
    },
  },
  declareOverviewIndependence: {
    lambda: 'api-overview',
    method: 'POST',
    path: `${base}/author/declaration`,
    auth: 'staff',
    summary: 'The overview author declares independence of every body, agency and professional involved; a "no" to any ends the commission',
    whoMay: 'The commissioned overview author, once',
    request: { name: 'OverviewDeclaration', schema: ov.overviewDeclarationSchema, maxBytes: 32 * KB },
    responses: { 200: { description: 'Declared (or declined)', body: viewBody } },
    errors: { 400: INVALID, 403: 'Only the commissioned overview author declares, once', 404: NOT_ON_CASE, 409: 'Changed meanwhile, or the review is not in progress', ...BODY_ERRORS },
  },
  getOverviewContributions: {
    lambda: 'api-overview',
    method: 'GET',
    path: `${base}/contributions`,
    auth: 'staff',
    summary: 'Every accepted contribution with its IMR sections, for the overview report (never one not yet accepted)',
    whoMay: READERS,
    responses: { 200: { description: 'Accepted contributions, oldest first', body: { name: 'AcceptedContributions', schema: ov.acceptedContributionsSchema } } },
    errors: { 403: 'Not a reader of the overview’s facts', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  getIntegratedChronology: {
    lambda: 'api-overview',
    method: 'GET',
    path: `${base}/chronology`,
    auth: 'staff',
    summary: 'The integrated chronology: every accepted contribution’s rows merged in date and time order, attributed, with child-seen and wishes-and-feelings flags and the author’s groups',
    whoMay: READERS,
    responses: { 200: { description: 'The rows in reading order, each group’s rows together', body: { name: 'IntegratedChronology', schema: ov.integratedChronologyViewSchema } } },
    errors: { 403: 'Not a reader of the overview’s facts', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  groupChronologyRows: {
    lambda: 'api-overview',
    method: 'POST',
    path: `${base}/chronology/groups`,
    auth: 'staff',
    summary: 'Group rows from different organisations about the same event (same day)',
    whoMay: EDITORS,
    request: { name: 'ChronologyGroup', schema: ov.chronologyGroupSchema, maxBytes: 16 * KB },
    responses: { 201: { description: 'Grouped', body: { name: 'ChronologyGroupCreated', schema: ov.groupCreatedSchema } } },
    errors: { 400: `${INVALID}; also when the rows cannot be grouped (the message says why)`, 403: 'Not the overview author or business manager', 404: NOT_ON_CASE, 409: 'The review is not in progress', ...BODY_ERRORS },
  },
  ungroupChronologyRows: {
    lambda: 'api-overview',
    method: 'POST',
    path: `${base}/chronology/groups/{groupId}/ungroup`,
    auth: 'staff',
    summary: 'Ungroup a group of rows',
    whoMay: EDITORS,
    responses: { 200: { description: 'Ungrouped', body: { name: 'ChronologyGroupRemoved', schema: ov.groupCreatedSchema } } },
    errors: { 403: 'Not the overview author or business manager', 404: `${NOT_ON_CASE}, or no such group`, 409: 'The review is not in progress' },
  },
  getGenogram: {
    lambda: 'api-overview',
    method: 'GET',
    path: `${base}/genogram`,
    auth: 'staff',
    summary: 'The genogram’s people and relationships (the drawing and its text alternative are made from them)',
    whoMay: READERS,
    responses: { 200: { description: 'The genogram and its version', body: { name: 'Genogram', schema: ov.genogramViewSchema } } },
    errors: { 403: 'Not a reader of the overview’s facts', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  saveGenogram: {
    lambda: 'api-overview',
    method: 'PUT',
    path: `${base}/genogram`,
    auth: 'staff',
    summary: 'Save the genogram’s people and relationships, over the version read',
    whoMay: EDITORS,
    request: { name: 'SaveGenogram', schema: ov.saveGenogramSchema, maxBytes: 128 * KB },
    responses: { 200: { description: 'Saved as the next version', body: saved } },
    errors: { 400: INVALID, 403: 'Not the overview author or business manager', 404: NOT_ON_CASE, 409: 'Saved by someone else since it was read, or the review is not in progress: nothing was saved', ...BODY_ERRORS },
  },
  getWhatWasKnown: {
    lambda: 'api-overview',
    method: 'GET',
    path: `${base}/what-was-known`,
    auth: 'staff',
    summary: 'What the agencies knew about the parents and carers, any perpetrator and the home circumstances',
    whoMay: READERS,
    responses: { 200: { description: 'The summary and its version', body: { name: 'WhatWasKnown', schema: ov.whatWasKnownViewSchema } } },
    errors: { 403: 'Not a reader of the overview’s facts', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  saveWhatWasKnown: {
    lambda: 'api-overview',
    method: 'PUT',
    path: `${base}/what-was-known`,
    auth: 'staff',
    summary: 'Save what was known, over the version read',
    whoMay: EDITORS,
    request: { name: 'SaveWhatWasKnown', schema: ov.saveWhatWasKnownSchema, maxBytes: 96 * KB },
    responses: { 200: { description: 'Saved as the next version', body: saved } },
    errors: { 400: INVALID, 403: 'Not the overview author or business manager', 404: NOT_ON_CASE, 409: 'Saved by someone else since it was read, or the review is not in progress: nothing was saved', ...BODY_ERRORS },
  },
} satisfies Record<string, Command>;
