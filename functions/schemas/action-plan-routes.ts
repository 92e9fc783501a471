import * as z from 'zod';
import type { Command } from './command.js';
import * as actions from './actions.js';

/**
 * The routes of the action plan and the Board's reports (issue 11), served
 * by `api-action-plan`; spread into the one route table (routes.ts), from
 * which the catalogue, the dispatch and OpenAPI follow.
 */

const KB = 1024;
const NOT_ON_CASE = 'No such case, or you are not on it and own none of its actions';
const INVALID = 'Not valid; `errors` lists each field with GOV.UK wording';
const BODY_ERRORS = { 413: 'The body is too large', 415: 'The body is not JSON' } as const;
const CONFLICT = 'Not a review, not allowed now (the message says which rule), or changed by someone else meanwhile: nothing was changed';
const REPORT_READERS = 'Business manager, Board chair, auditor';
const base = '/api/cases/{reference}/actions';

export const actionPlanCommands = {
  getActionPlan: {
    lambda: 'api-action-plan' as const,
    method: 'GET' as const,
    path: base,
    auth: 'staff' as const,
    summary: "A review's action plan: every action (to staff who read the case), or the caller's own (to an action's owner)",
    whoMay: 'Staff who read the case; the owner of one of its actions',
    responses: { 200: { description: 'By number', body: { name: 'ActionPlan', schema: actions.actionPlanSchema } } },
    errors: { 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  addAction: {
    lambda: 'api-action-plan' as const,
    method: 'POST' as const,
    path: base,
    auth: 'staff' as const,
    summary: 'Make a recommendation (an accepted IMR’s, or the Board’s) an action with an owner, a due date, the outcome expected and how it will be evaluated',
    whoMay: 'Business manager',
    request: { name: 'AddAction', schema: actions.addActionSchema, maxBytes: 32 * KB },
    responses: { 201: { description: 'Added', body: { name: 'Action', schema: actions.actionViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the business manager adds actions', 404: NOT_ON_CASE, 409: CONFLICT, ...BODY_ERRORS },
  },
  recordActionProgress: {
    lambda: 'api-action-plan' as const,
    method: 'POST' as const,
    path: `${base}/{actionId}/progress`,
    auth: 'staff' as const,
    summary: "Record an action's progress: its status now and what was done",
    whoMay: "The action's owner; the business manager",
    request: { name: 'ActionProgress', schema: actions.actionProgressSchema, maxBytes: 16 * KB },
    responses: { 200: { description: 'Recorded: the action now', body: { name: 'Action', schema: actions.actionViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the owner or the business manager', 404: 'No such case or action, or you may not see it', 409: CONFLICT, ...BODY_ERRORS },
  },
  changeAction: {
    lambda: 'api-action-plan' as const,
    method: 'POST' as const,
    path: `${base}/{actionId}/change`,
    auth: 'staff' as const,
    summary: "Change an open action's due date or its owner (who must have an enabled staff account): its reminders and escalations follow at once",
    whoMay: 'Business manager',
    request: { name: 'ChangeAction', schema: actions.changeActionSchema, maxBytes: 8 * KB },
    responses: { 200: { description: 'Changed: the action now', body: { name: 'Action', schema: actions.actionViewSchema } } },
    errors: { 400: INVALID, 403: 'Only the business manager changes an action', 404: 'No such case or action, or you may not see it', 409: CONFLICT, ...BODY_ERRORS },
  },
  listMyActions: {
    lambda: 'api-action-plan' as const,
    method: 'GET' as const,
    path: '/api/my-actions',
    auth: 'staff' as const,
    summary: 'The open actions the caller owns, on any review, soonest due first',
    whoMay: 'Any signed-in staff member (their own actions only)',
    responses: { 200: { description: 'Soonest due first', body: { name: 'MyActions', schema: actions.myActionsSchema } } },
    errors: {},
  },
  getActionProgressReport: {
    lambda: 'api-action-plan' as const,
    method: 'GET' as const,
    path: '/api/reports/action-plans',
    auth: 'staff' as const,
    summary: 'Every action of every review: open, due soon, overdue or done, as JSON or (format=csv) a CSV download',
    whoMay: REPORT_READERS,
    query: [{ name: 'format', description: 'csv downloads the report as RFC 4180 CSV', values: ['json', 'csv'] }],
    responses: {
      200: {
        description: 'Overdue first, then by due date',
        body: { name: 'ActionProgressReport', schema: actions.progressReportSchema },
        alternatives: { 'text/csv': { schema: z.string(), description: 'With format=csv' } },
      },
    },
    errors: { 403: `Only the ${REPORT_READERS.toLowerCase()}` },
  },
  getTimelinessReport: {
    lambda: 'api-action-plan' as const,
    method: 'GET' as const,
    path: '/api/reports/timeliness',
    auth: 'staff' as const,
    summary: "Each case's time from referral to decision (target one month, 8.2) and from decision to completion (four months or the agreed date, 8.4-8.5), in bands",
    whoMay: REPORT_READERS,
    responses: { 200: { description: 'Oldest referral first', body: { name: 'TimelinessReport', schema: actions.timelinessReportSchema } } },
    errors: { 403: `Only the ${REPORT_READERS.toLowerCase()}` },
  },
} satisfies Record<string, Command>;
