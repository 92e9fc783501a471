import * as z from 'zod';
import { boardConfigSchema } from '../config/board.js';
import { referralCreatedSchema, referralSchema } from './referral.js';
import * as review from './review.js';
import * as api from './api.js';
import * as res from './responses.js';
import * as tor from './terms-of-reference.js';
import * as files from './files.js';
import { contributionCommands } from './contribution-routes.js';
import { overviewCommands } from './overview-routes.js';
import { reportCommands } from './report-routes.js';
import { actionPlanCommands } from './action-plan-routes.js';

/**
 * Every HTTP route of the platform, declared once. From this table come:
 * - the catalogue's routes (infra/catalogue.ts), so API Gateway in AWS and
 *   the local HTTP server route exactly these;
 * - each handler's dispatch (functions/middleware/routing.ts): the handler
 *   supplies one function per operation of its Lambda, typed by this table
 *   (a missing operation, or an answer that is not the declared response,
 *   does not compile), and the body limit and who may call come from here;
 * - the OpenAPI 3.1 document at /api/openapi.json (./openapi.ts).
 *
 * The request schema documents what the use case validates (the same zod
 * schema the web form uses); the use case still validates, so its GOV.UK
 * wording reaches the error summary.
 */

import type { Command, ErrorStatus, HttpLambdaId, HttpMethod, RouteAuth, SuccessSpec } from './command.js';
export type { Command, ErrorStatus, HttpLambdaId, HttpMethod, RouteAuth, SuccessSpec };

const KB = 1024;
const reviewBodyBytes = 32 * KB;

const NOT_ON_CASE = 'No such case, or you are not on it';
const INVALID = 'Not valid; `errors` lists each field with GOV.UK wording';
const BODY_ERRORS = { 413: 'The body is too large', 415: 'The body is not JSON' } as const;
const RECORDED = 'Recorded; what follows (emails, the new timetable) follows from the table stream';
const REVIEW_CONFLICT = 'Already recorded, not allowed in this state, or changed by someone else meanwhile: nothing was changed';

/**
 * A write of the review stage (paras 3.4-8.8): a signed-in staff request on
 * one case, whose body the use case validates with the same schema as the
 * page's form.
 */
function reviewWrite<S extends 200 | 201 | 202, R extends z.ZodType>(spec: {
  method: 'POST' | 'PUT';
  path: string;
  summary: string;
  whoMay: string;
  request?: { name: string; schema: z.ZodType };
  status: S;
  response: { name: string; schema: R };
}) {
  return {
    lambda: 'api-review' as const,
    method: spec.method,
    path: `/api/cases/{reference}/review/${spec.path}`,
    auth: 'staff' as const,
    summary: spec.summary,
    whoMay: spec.whoMay,
    ...(spec.request ? { request: { ...spec.request, maxBytes: reviewBodyBytes } } : {}),
    responses: { [spec.status]: { description: RECORDED, body: spec.response } } as { [K in S]: { description: string; body: { name: string; schema: R } } },
    errors: { 400: INVALID, 403: 'Your role on this case may not do this', 404: NOT_ON_CASE, 409: REVIEW_CONFLICT, ...BODY_ERRORS },
  };
}

const BM = 'Business manager';

/** An owner's files on a case: `ownerKind` is one of `fileOwnerKinds` (`case`, whose `ownerId` is the reference; `action`, an action's evidence, whose `ownerId` is the action's id). */
const FILES_PATH = '/api/cases/{reference}/files/{ownerKind}/{ownerId}';
const FILES_WHO_READS = "By the owner's rule (functions/domain/file-owners.ts). Case files: staff who may read the case (not external readers)";
const FILES_WHO_UPLOADS = "By the owner's rule (functions/domain/file-owners.ts). Case files: the business manager";

export const commands = {
  // ------------------------------------------------------------ public
  getOpenApi: {
    lambda: 'api-openapi',
    method: 'GET',
    path: '/api/openapi.json',
    auth: 'public',
    summary: 'This document',
    whoMay: 'Anyone',
    responses: { 200: { description: 'OpenAPI 3.1 document', body: { name: 'OpenApiDocument', schema: res.openApiDocumentSchema } } },
    errors: {},
  },
  getConfig: {
    lambda: 'api-config',
    method: 'GET',
    path: '/api/config',
    auth: 'public',
    summary: 'What the web app needs to sign people in (pool and client ids); no secrets',
    whoMay: 'Anyone',
    responses: { 200: { description: 'Public identifiers', body: { name: 'PublicConfig', schema: api.publicConfigSchema } } },
    errors: {},
  },

  // ------------------------------------------------------------ referrers
  createReferral: {
    lambda: 'api-create-referral',
    method: 'POST',
    path: '/api/referrals',
    auth: 'referrer',
    sessionInWrite: true,
    summary: 'Refer a case to the Chair of the Serious Case Review sub-committee',
    whoMay: 'A referrer signed in with a verified work email on an allowed domain',
    description:
      'Validates, stores the case with its audit event and starts the decision workflow. ' +
      'A retry with the same Idempotency-Key and body returns the same reference (200) and sends no second email. ' +
      'Dates are YYYY-MM-DD and must not be in the future (Europe/London). ' +
      'Required when: child.dateOfBirth if dateOfBirthKnown is yes; child.approximateAge if no; ' +
      'concerns.interAgencyConcernsDetail if interAgencyConcerns is yes; otherChildren.actionTaken unless atRisk is no; ' +
      'involvement.otherAuthorities if otherAuthoritiesInvolved is yes; involvement.agenciesKnownOther if agenciesKnown includes other.',
    // A referral is a few KB; 64 KB leaves room for long accounts without inviting abuse.
    request: { name: 'Referral', schema: referralSchema('9999-12-31'), maxBytes: 64 * KB },
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: 'A key made once per referral (a UUID); resend it with any retry.',
        pattern: '^[A-Za-z0-9-]{16,64}$',
      },
    ],
    responses: {
      201: { description: 'Referral received; a new case was created', body: { name: 'ReferralCreated', schema: referralCreatedSchema } },
      200: { description: 'A retry of an earlier submission; nothing new was created', body: { name: 'ReferralCreated', schema: referralCreatedSchema } },
    },
    errors: { 400: 'The referral is not valid; `errors` lists each field with GOV.UK wording', 409: 'The Idempotency-Key was used for a different referral', ...BODY_ERRORS },
  },
  listMyReferrals: {
    lambda: 'api-my-referrals',
    method: 'GET',
    path: '/api/my-referrals',
    auth: 'referrer',
    summary: "The status of the signed-in referrer's own referrals, and nothing else",
    whoMay: 'A referrer, for their own referrals',
    responses: { 200: { description: 'Reference, when received, and status', body: { name: 'MyReferrals', schema: api.myReferralsSchema } } },
    errors: {},
  },

  // ------------------------------------------------------------ session (either pool)
  getMe: {
    lambda: 'api-session',
    method: 'GET',
    path: '/api/me',
    auth: 'any',
    summary: 'Who is signed in',
    whoMay: 'Anyone signed in (staff or referrer)',
    responses: { 200: { description: 'The signed-in person', body: { name: 'Me', schema: api.meSchema } } },
    errors: {},
  },
  signOut: {
    lambda: 'api-session',
    method: 'POST',
    path: '/api/session/sign-out',
    auth: 'any',
    summary: 'End the session on the server (and, for staff, every session at the identity provider)',
    whoMay: 'Anyone signed in (staff or referrer)',
    responses: { 204: { description: 'Signed out; the tokens held stop working' } },
    errors: {},
  },

  // ------------------------------------------------------------ cases
  listTasks: {
    lambda: 'api-cases',
    method: 'GET',
    path: '/api/tasks',
    auth: 'staff',
    summary: 'My tasks: open deadlines I own on cases I am on (and, for the business manager, what is overdue)',
    whoMay: 'Staff, on the cases they are on',
    responses: { 200: { description: 'Soonest first', body: { name: 'TaskList', schema: api.taskListSchema } } },
    errors: {},
  },
  listCases: {
    lambda: 'api-cases',
    method: 'GET',
    path: '/api/cases',
    auth: 'staff',
    summary: 'The cases the caller is on (every case for the Board-wide offices)',
    whoMay: 'Staff; Board-wide offices see every case, everyone else the cases they were added to',
    query: [{ name: 'cursor', description: 'The `nextCursor` of the previous page (opaque); absent for the first page', values: [] }],
    responses: { 200: { description: 'One page of cases, newest first, with `nextCursor` when there are more', body: { name: 'CaseList', schema: api.caseListSchema } } },
    errors: { 403: 'Your role may not list cases' },
  },
  getCase: {
    lambda: 'api-cases',
    method: 'GET',
    path: '/api/cases/{reference}',
    auth: 'staff',
    summary: 'The case page: referral, criteria, deadlines, people, emails sent and the review',
    whoMay: 'Staff on the case; external readers see reference, status and deadlines only',
    responses: { 200: { description: 'The case as the caller may see it', body: { name: 'CaseDetail', schema: api.caseDetailSchema } } },
    errors: { 404: NOT_ON_CASE },
  },
  getTimeline: {
    lambda: 'api-cases',
    method: 'GET',
    path: '/api/cases/{reference}/timeline',
    auth: 'staff',
    summary: "The case's audit trail, as JSON or (format=csv) a CSV download",
    whoMay: 'Business manager, auditor',
    query: [{ name: 'format', description: 'csv downloads the trail as RFC 4180 CSV', values: ['json', 'csv'] }],
    responses: {
      200: {
        description: 'Every audit event of the case, oldest first',
        body: { name: 'Timeline', schema: api.timelineSchema },
        alternatives: { 'text/csv': { schema: z.string(), description: 'With format=csv' } },
      },
    },
    errors: { 404: NOT_ON_CASE },
  },
  addCaseMember: {
    lambda: 'api-cases',
    method: 'POST',
    path: '/api/cases/{reference}/members',
    auth: 'staff',
    summary: 'Add a staff member to a case with a role on it',
    whoMay: 'Business manager, sub-committee chair',
    request: { name: 'AddMember', schema: api.addMemberSchema, maxBytes: 16 * KB },
    responses: { 201: { description: 'Added', body: { name: 'MemberAdded', schema: res.memberAddedSchema } } },
    errors: { 400: INVALID, 404: NOT_ON_CASE, ...BODY_ERRORS },
  },
  recordOtherChildrenConsidered: {
    lambda: 'api-cases',
    method: 'POST',
    path: '/api/cases/{reference}/other-children',
    auth: 'staff',
    summary: "Record that children's social care confirmed the other children named in the referral were considered, and what was done (3.1)",
    whoMay: BM,
    description: 'Only on a case whose criteria call for it (a child died and abuse or neglect is known or suspected); once.',
    request: { name: 'OtherChildrenConsidered', schema: review.otherChildrenConsideredSchema, maxBytes: reviewBodyBytes },
    responses: { 200: { description: RECORDED, body: { name: 'OtherChildrenRecorded', schema: res.otherChildrenRecordedSchema } } },
    errors: { 400: INVALID, 403: 'Your role on this case may not do this', 404: NOT_ON_CASE, 409: REVIEW_CONFLICT, ...BODY_ERRORS },
  },
  getStatutoryNotification: {
    lambda: 'api-review',
    method: 'GET',
    path: '/api/cases/{reference}/statutory-notification',
    auth: 'staff',
    summary: 'The statutory notification record (6.1): what Ofsted’s form asks for',
    whoMay: "Business manager, sub-committee chair, Board chair, auditor; Ofsted's NBU, the SHA and the Children's Services Adviser by their signed-in address",
    responses: { 200: { description: 'The record', body: { name: 'StatutoryNotification', schema: res.statutoryNotificationViewSchema } } },
    errors: { 404: NOT_ON_CASE },
  },

  // ------------------------------------------------------------ the review stage's writes
  recordOfstedForm: reviewWrite({
    method: 'PUT',
    path: 'ofsted-form',
    summary: 'Record the Ofsted notification form (6.1)',
    whoMay: BM,
    request: { name: 'OfstedForm', schema: review.ofstedFormSchema },
    status: 200,
    response: { name: 'OfstedFormRecorded', schema: res.ofstedFormRecordedSchema },
  }),
  confirmNbuNotified: reviewWrite({
    method: 'POST',
    path: 'nbu-confirmation',
    summary: 'Confirm the National Business Unit was notified (6.2)',
    whoMay: 'Sub-committee chair',
    request: { name: 'NbuConfirmation', schema: review.nbuConfirmationSchema },
    status: 200,
    response: { name: 'NbuConfirmed', schema: res.nbuConfirmedSchema },
  }),
  resendStatutoryNotification: reviewWrite({
    method: 'POST',
    path: 'notifications/resend',
    summary: 'Send a failed statutory notification again',
    whoMay: BM,
    request: { name: 'Resend', schema: review.resendSchema },
    status: 202,
    response: { name: 'ResendQueued', schema: res.resendQueuedSchema },
  }),
  addPanelMember: reviewWrite({
    method: 'POST',
    path: 'panel',
    summary: 'Add a review panel member (4.3-4.5)',
    whoMay: `${BM}, sub-committee chair`,
    request: { name: 'PanelMember', schema: review.panelMemberSchema },
    status: 201,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),
  confirmMandate: reviewWrite({
    method: 'POST',
    path: 'panel/{memberId}/mandate',
    summary: "Record the agency's confirmation of mandate, experience and seniority (4.6)",
    whoMay: BM,
    request: { name: 'Mandate', schema: review.mandateSchema },
    status: 200,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),
  startReview: reviewWrite({
    method: 'POST',
    path: 'start',
    summary: 'Start the review; 400 says what the panel lacks (4.3, 4.6)',
    whoMay: BM,
    status: 200,
    response: { name: 'ReviewStarted', schema: res.reviewStartedSchema },
  }),
  requestRecords: reviewWrite({
    method: 'POST',
    path: 'records',
    summary: 'Ask an agency to secure its records (8.3, 10.3)',
    whoMay: BM,
    request: { name: 'RecordsRequest', schema: review.recordsRequestSchema },
    status: 201,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),
  recordRecordsSecured: reviewWrite({
    method: 'POST',
    path: 'records/{recordsId}/secured',
    summary: 'Record that the records are secured',
    whoMay: BM,
    request: { name: 'RecordsSecured', schema: review.recordsSecuredSchema },
    status: 200,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),
  askOtherBoards: reviewWrite({
    method: 'POST',
    path: 'joint',
    summary: 'Ask other Boards how the review is conducted (3.4)',
    whoMay: BM,
    request: { name: 'JointReviewStart', schema: review.jointReviewStartSchema },
    status: 201,
    response: { name: 'OtherBoardsAsked', schema: res.otherBoardsAskedSchema },
  }),
  recordJointFinalDecision: reviewWrite({
    method: 'POST',
    path: 'joint/final-decision',
    summary: 'Record the final decision after a referral (3.5)',
    whoMay: BM,
    request: { name: 'JointFinalDecision', schema: review.jointFinalDecisionSchema },
    status: 200,
    response: { name: 'Recorded', schema: res.recordedAtSchema },
  }),
  requestExtension: reviewWrite({
    method: 'POST',
    path: 'extension-requests',
    summary: 'Record a request to agree a new timescale (8.5)',
    whoMay: BM,
    request: { name: 'ExtensionRequest', schema: review.extensionRequestSchema },
    status: 201,
    response: { name: 'ExtensionRequested', schema: res.extensionRequestedSchema },
  }),
  recordExtension: reviewWrite({
    method: 'POST',
    path: 'extensions',
    summary: 'Record an agreed extension (8.4, 8.5)',
    whoMay: BM,
    request: { name: 'Extension', schema: review.extensionSchema },
    status: 201,
    response: { name: 'ExtensionRecorded', schema: res.extensionRecordedSchema },
  }),
  recordProceedings: reviewWrite({
    method: 'POST',
    path: 'proceedings',
    summary: 'Record parallel proceedings (7.1)',
    whoMay: BM,
    request: { name: 'Proceeding', schema: review.proceedingSchema },
    status: 201,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),
  setPublicationHold: reviewWrite({
    method: 'PUT',
    path: 'publication-hold',
    summary: 'Set or lift a publication hold (8.8)',
    whoMay: BM,
    request: { name: 'PublicationHold', schema: review.publicationHoldSchema },
    status: 200,
    response: { name: 'PublicationHoldSet', schema: res.publicationHoldSetSchema },
  }),
  recordEarlyLesson: reviewWrite({
    method: 'POST',
    path: 'early-lessons',
    summary: 'Record an early lesson (8.1, 8.8)',
    whoMay: BM,
    request: { name: 'EarlyLesson', schema: review.earlyLessonSchema },
    status: 201,
    response: { name: 'ReviewItem', schema: res.reviewItemSchema },
  }),

  // ------------------------------------------------------------ the review's terms of reference (7.1, 7.2)
  getTermsOfReference: {
    lambda: 'api-review-scope',
    method: 'GET',
    path: '/api/cases/{reference}/terms-of-reference',
    auth: 'staff',
    summary: 'The terms of reference (7.1, 7.2): the draft, every agreed version, and what the case already knows beside each question',
    whoMay: `Everyone on the case who reads it sees the agreed versions; the draft: ${BM}, sub-committee chair and members, Board chair, auditor`,
    responses: { 200: { description: 'The terms of reference as the caller may see them', body: { name: 'TermsOfReference', schema: tor.torViewSchema } } },
    errors: { 403: 'Your role on this case does not include the terms of reference', 404: NOT_ON_CASE, 409: 'The case is not a serious case review' },
  },
  saveTermsOfReferenceDraft: {
    lambda: 'api-review-scope',
    method: 'PUT',
    path: '/api/cases/{reference}/terms-of-reference/draft',
    auth: 'staff',
    summary: 'Save the draft of the terms of reference (7.1)',
    whoMay: `${BM}, sub-committee chair`,
    // Fifteen answers of up to 5,000 characters, three bytes each at worst.
    request: { name: 'TermsOfReferenceDraft', schema: tor.torDraftSchema, maxBytes: 256 * KB },
    responses: { 200: { description: 'Saved as the next revision of the draft', body: { name: 'TermsOfReferenceSaved', schema: tor.torSavedSchema } } },
    errors: {
      400: INVALID,
      403: 'Your role on this case may not do this',
      404: NOT_ON_CASE,
      409: 'Someone else saved or agreed the terms of reference since the page was read, or the review is not in progress: nothing was saved',
      ...BODY_ERRORS,
    },
  },
  agreeTermsOfReference: {
    lambda: 'api-review-scope',
    method: 'POST',
    path: '/api/cases/{reference}/terms-of-reference/versions',
    auth: 'staff',
    summary: 'Agree the terms of reference as shown: frozen as the next version with who agreed it and when (7.2)',
    whoMay: `${BM}, sub-committee chair`,
    request: { name: 'TermsOfReferenceAgreement', schema: tor.torAgreeSchema, maxBytes: 256 * KB },
    responses: { 201: { description: 'Agreed as a new version', body: { name: 'TermsOfReferenceAgreed', schema: tor.torAgreedSchema } } },
    errors: {
      400: INVALID,
      403: 'Your role on this case may not do this',
      404: NOT_ON_CASE,
      409: 'Someone else saved or agreed the terms of reference since the page was read, or the review is not in progress: nothing was agreed',
      ...BODY_ERRORS,
    },
  },
  compareTermsOfReference: {
    lambda: 'api-review-scope',
    method: 'GET',
    path: '/api/cases/{reference}/terms-of-reference/compare/{from}/{to}',
    auth: 'staff',
    summary: 'What changed between two agreed versions of the terms of reference, part by part',
    whoMay: 'Everyone on the case who reads it',
    responses: { 200: { description: 'Each answer, the period and the dates: changed or unchanged, old and new text', body: { name: 'TermsOfReferenceComparison', schema: tor.torComparisonSchema } } },
    errors: { 403: 'Your role on this case does not include the terms of reference', 404: `${NOT_ON_CASE}, or no such version`, 409: 'The case is not a serious case review' },
  },

  // ------------------------------------------------------------ administration
  listUsers: {
    lambda: 'api-admin',
    method: 'GET',
    path: '/api/users',
    auth: 'staff',
    summary: 'Staff accounts',
    whoMay: BM,
    responses: { 200: { description: 'Every staff account', body: { name: 'UserList', schema: api.userListSchema } } },
    errors: { 403: 'Only the business manager manages accounts' },
  },
  inviteUser: {
    lambda: 'api-admin',
    method: 'POST',
    path: '/api/users',
    auth: 'staff',
    summary: 'Invite a staff member with a role',
    whoMay: BM,
    request: { name: 'InviteUser', schema: api.inviteUserSchema, maxBytes: 32 * KB },
    responses: { 201: { description: 'Invited; they receive a temporary password by email', body: { name: 'StaffUser', schema: api.staffUserSchema } } },
    errors: { 400: INVALID, 403: 'Only the business manager manages accounts', 409: 'An account with this email exists', ...BODY_ERRORS },
  },
  updateUser: {
    lambda: 'api-admin',
    method: 'PATCH',
    path: '/api/users/{userId}',
    auth: 'staff',
    summary: "Change a staff member's role, or disable or enable their account (their sessions end)",
    whoMay: BM,
    request: { name: 'UpdateUser', schema: api.updateUserSchema, maxBytes: 32 * KB },
    responses: { 200: { description: 'Changed', body: { name: 'StaffUser', schema: api.staffUserSchema } } },
    errors: { 400: INVALID, 403: 'Only the business manager manages accounts', 404: 'No such account', ...BODY_ERRORS },
  },
  resetSignIn: {
    lambda: 'api-admin',
    method: 'POST',
    path: '/api/users/{userId}/reset-sign-in',
    auth: 'staff',
    summary: "Reset a staff member's sign-in (second factor off, password reset by emailed code, sessions ended), or send the invitation again to someone who never signed in",
    whoMay: BM,
    responses: {
      200: {
        description: 'Reset, or invited again',
        body: { name: 'ResetSignInResult', schema: z.object({ outcome: z.enum(['reinvited', 'reset']), user: api.staffUserSchema }) },
      },
    },
    errors: { 403: 'Only the business manager manages accounts', 404: 'No such account' },
  },
  getBoardConfig: {
    lambda: 'api-admin',
    method: 'GET',
    path: '/api/board-config',
    auth: 'staff',
    summary: 'The Board configuration (people, escalation tiers, procedure profile); the ETag is its version',
    whoMay: BM,
    responses: { 200: { description: 'The configuration in force, with ETag "v<version>"', body: { name: 'BoardConfig', schema: boardConfigSchema } } },
    errors: { 403: 'Only the business manager edits the Board configuration' },
  },
  putBoardConfig: {
    lambda: 'api-admin',
    method: 'PUT',
    path: '/api/board-config',
    auth: 'staff',
    summary: 'Replace the Board configuration',
    whoMay: BM,
    request: { name: 'BoardConfigInput', schema: boardConfigSchema, maxBytes: 32 * KB },
    headers: [{ name: 'If-Match', required: false, description: 'The ETag from GET /api/board-config, like "v3": refused if someone changed it since' }],
    responses: { 200: { description: 'Saved, with the new ETag', body: { name: 'BoardConfig', schema: boardConfigSchema } } },
    errors: { 400: INVALID, 403: 'Only the business manager edits the Board configuration', 409: 'Changed by someone else since your If-Match version: nothing was saved', ...BODY_ERRORS },
  },

  // ------------------------------------------------------------ attached files (issue 10)
  listFiles: {
    lambda: 'api-files',
    method: 'GET',
    path: FILES_PATH,
    auth: 'staff',
    summary: "An owner's attached files (stored ones, and the caller's own unconfirmed uploads); audited",
    whoMay: FILES_WHO_READS,
    responses: { 200: { description: 'Oldest first, with the limits the upload form shows', body: { name: 'FileList', schema: files.fileListSchema } } },
    errors: { 404: NOT_ON_CASE },
  },
  requestFileUpload: {
    lambda: 'api-files',
    method: 'POST',
    path: FILES_PATH,
    auth: 'staff',
    summary: 'Start an upload: checks name, type and size, records the file as pending and gives a presigned PUT URL valid 5 minutes',
    whoMay: FILES_WHO_UPLOADS,
    request: { name: 'UploadRequest', schema: files.uploadRequestSchema, maxBytes: 4 * KB },
    responses: { 201: { description: 'The pending file and where to PUT its bytes', body: { name: 'UploadGrant', schema: files.uploadGrantSchema } } },
    errors: { 400: INVALID, 403: 'Your role may not attach files here', 404: NOT_ON_CASE, ...BODY_ERRORS },
  },
  confirmFileUpload: {
    lambda: 'api-files',
    method: 'POST',
    path: `${FILES_PATH}/{fileId}/confirm`,
    auth: 'staff',
    summary: 'Finish an upload: the stored object must have the size, type and content asked for, or it is deleted and refused',
    whoMay: FILES_WHO_UPLOADS,
    responses: { 200: { description: 'Stored', body: { name: 'StoredFile', schema: files.fileViewSchema } } },
    errors: {
      400: 'Refused and deleted: `errors` says why (size, type or content not as asked)',
      403: 'Your role may not attach files here',
      404: 'No such case or file, or you are not on the case',
      409: 'Nothing has been uploaded to the URL yet',
    },
  },
  downloadFile: {
    lambda: 'api-files',
    method: 'POST',
    path: `${FILES_PATH}/{fileId}/download`,
    auth: 'staff',
    summary: 'A presigned URL for a stored file, valid 1 minute, answered as an attachment; every download is audited',
    whoMay: FILES_WHO_READS,
    responses: { 200: { description: 'Where to fetch it', body: { name: 'DownloadGrant', schema: files.downloadGrantSchema } } },
    errors: { 404: 'No such case or stored file, or you are not on the case' },
  },

  // ------------------------------------------------------------ emailed action links
  describeAction: {
    lambda: 'api-actions',
    method: 'GET',
    path: '/api/actions',
    auth: 'staff',
    summary: 'What an emailed single-use link asks (reads only; opening it changes nothing)',
    whoMay: 'The signed-in person the link was made for',
    headers: [{ name: 'X-Action-Token', required: true, description: "The link's secret, from after # in the emailed URL (never in a URL the service sees)" }],
    responses: { 200: { description: 'What is asked, and whether it is still open', body: { name: 'ActionDescription', schema: res.actionDescriptionSchema } } },
    errors: { 403: 'The link was made for someone else (recorded as a security event)', 404: 'No such link' },
  },
  act: {
    lambda: 'api-actions',
    method: 'POST',
    path: '/api/actions',
    auth: 'staff',
    summary: 'Take the action an emailed link asks for: the recommendation, the decision, a joint-review answer, records secured, a contribution’s author, independence or findings, a chair’s acceptance of the overview report',
    whoMay: 'The signed-in person the link was made for; single use',
    headers: [{ name: 'X-Action-Token', required: true, description: "The link's secret, from after # in the emailed URL" }],
    request: { name: 'ActionBody', schema: res.actionBodySchema, maxBytes: 32 * KB },
    responses: { 200: { description: "Recorded; the case's status now (for a contribution's link, the contribution's status)", body: { name: 'ActionRecorded', schema: res.actionRecordedSchema } } },
    errors: {
      400: INVALID,
      403: 'The link was made for someone else (recorded as a security event)',
      404: 'No such link',
      409: 'Already recorded, or the stage moved on: nothing was changed',
      ...BODY_ERRORS,
    },
  },

  // ------------------------------------------------------------ contributions (9.1-9.6, 10.1-10.2, 10.6, 10.11)
  ...contributionCommands,

  // ------------------------------------------------------------ the overview report's facts (11.2, Appendix B)
  ...overviewCommands,
  // ------------------------------------------------------------ the overview report (11.1-11.4, Appendix B; 8.8; 10.8)
  ...reportCommands,
  ...actionPlanCommands,
} satisfies Record<string, Command>;

export type Commands = typeof commands;
export type OperationId = keyof Commands;

/** The operations one Lambda serves. */
export type OperationsOf<L extends HttpLambdaId> = { [K in OperationId]: Commands[K]['lambda'] extends L ? K : never }[OperationId];

/** `METHOD /path`, as API Gateway names a route (`event.routeKey`). */
export const routeKeyOf = (c: Pick<Command, 'method' | 'path'>): string => `${c.method} ${c.path}`;

/** Every command with its operation id. */
export const commandList: readonly (Command & { operationId: OperationId })[] = (Object.keys(commands) as OperationId[]).map((operationId) => ({
  operationId,
  ...(commands[operationId] as Command),
}));

/** The routes of one Lambda, as the catalogue lists them. */
export function routesOf(lambda: HttpLambdaId): { method: HttpMethod; path: string; auth: RouteAuth }[] {
  return commandList.filter((c) => c.lambda === lambda).map(({ method, path, auth }) => ({ method, path, auth }));
}

/** The command behind an API Gateway route key, if any. */
export function commandFor(routeKey: string): (Command & { operationId: OperationId }) | undefined {
  return commandList.find((c) => routeKeyOf(c) === routeKey);
}
