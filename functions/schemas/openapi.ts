import * as z from 'zod';
import { referralSchema, referralCreatedSchema } from './referral.js';
import * as review from './review.js';

/**
 * The review stage's writes (paras 3.4-8.8): each a signed-in staff request
 * whose body is validated by the same schema as the page's form.
 */
const reviewWrites = [
  ['put', 'ofsted-form', 'recordOfstedForm', 'Record the Ofsted notification form (6.1)', 'OfstedForm', review.ofstedFormSchema, '200'],
  ['post', 'nbu-confirmation', 'confirmNbuNotified', 'Confirm the National Business Unit was notified (6.2; sub-committee chair)', 'NbuConfirmation', review.nbuConfirmationSchema, '200'],
  ['post', 'notifications/resend', 'resendStatutoryNotification', 'Send a failed statutory notification again', 'Resend', review.resendSchema, '202'],
  ['post', 'panel', 'addPanelMember', 'Add a review panel member (4.3-4.5)', 'PanelMember', review.panelMemberSchema, '201'],
  ['post', 'panel/{memberId}/mandate', 'confirmMandate', "Record the agency's confirmation of mandate, experience and seniority (4.6)", 'Mandate', review.mandateSchema, '200'],
  ['post', 'start', 'startReview', 'Start the review; 400 says what the panel lacks (4.3, 4.6)', undefined, undefined, '200'],
  ['post', 'records', 'requestRecords', 'Ask an agency to secure its records (8.3, 10.3)', 'RecordsRequest', review.recordsRequestSchema, '201'],
  ['post', 'records/{recordsId}/secured', 'recordRecordsSecured', 'Record that the records are secured', 'RecordsSecured', review.recordsSecuredSchema, '200'],
  ['post', 'joint', 'askOtherBoards', 'Ask other Boards how the review is conducted (3.4)', 'JointReviewStart', review.jointReviewStartSchema, '201'],
  ['post', 'joint/final-decision', 'recordJointFinalDecision', 'Record the final decision after a referral (3.5)', 'JointFinalDecision', review.jointFinalDecisionSchema, '200'],
  ['post', 'extension-requests', 'requestExtension', 'Record a request to agree a new timescale (8.5)', 'ExtensionRequest', review.extensionRequestSchema, '201'],
  ['post', 'extensions', 'recordExtension', 'Record an agreed extension (8.4, 8.5)', 'Extension', review.extensionSchema, '201'],
  ['post', 'proceedings', 'recordProceedings', 'Record parallel proceedings (7.1)', 'Proceeding', review.proceedingSchema, '201'],
  ['put', 'publication-hold', 'setPublicationHold', 'Set or lift a publication hold (8.8)', 'PublicationHold', review.publicationHoldSchema, '200'],
  ['post', 'early-lessons', 'recordEarlyLesson', 'Record an early lesson (8.1, 8.8)', 'EarlyLesson', review.earlyLessonSchema, '201'],
] as const;

const fieldErrorSchema = z.object({
  name: z.string().meta({ description: 'Dotted path of the field, e.g. child.dateOfBirth' }),
  href: z.string().meta({ description: 'Link to the form field, e.g. #child-dateOfBirth' }),
  text: z.string().meta({ description: 'GOV.UK wording, e.g. "Enter the child\'s first name"' }),
});
const errorSchema = z.object({ message: z.string(), errors: z.array(fieldErrorSchema).optional() });

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that
 * validate requests. Cross-field rules (a detail required when "yes") are
 * described in prose: JSON Schema cannot carry the GOV.UK wording.
 */
export function buildOpenApiDocument(serverUrl = '/') {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Serious Case Review platform API',
      version: '1.0.0',
      description:
        'Referrals of cases to the Chair of the Serious Case Review sub-committee (para 4.1 of the 2008 procedure), ' +
        'and the writes of a decided review. Every request but this document and POST /api/referrals (a referrer token) ' +
        'needs a staff ID token (Authorization: Bearer); a case the caller is not on answers 404.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/referrals': {
        post: {
          operationId: 'createReferral',
          summary: 'Refer a case to the Chair of the Serious Case Review sub-committee',
          description:
            'Validates, stores the case with its audit event and starts the decision workflow. ' +
            'A retry with the same Idempotency-Key and body returns the same reference (200) and sends no second email. ' +
            'Dates are YYYY-MM-DD and must not be in the future (Europe/London). ' +
            'Required when: child.dateOfBirth if dateOfBirthKnown is yes; child.approximateAge if no; ' +
            'concerns.interAgencyConcernsDetail if interAgencyConcerns is yes; otherChildren.actionTaken unless atRisk is no; ' +
            'involvement.otherAuthorities if otherAuthoritiesInvolved is yes; involvement.agenciesKnownOther if agenciesKnown includes other.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A key made once per referral (a UUID); resend it with any retry.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9-]{16,64}$' },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Referral' } } },
          },
          responses: {
            '201': {
              description: 'Referral received; a new case was created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralCreated' } } },
            },
            '200': {
              description: 'A retry of an earlier submission; nothing new was created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ReferralCreated' } } },
            },
            '400': errorResponse('The referral is not valid; `errors` lists each field with GOV.UK wording'),
            '409': errorResponse('The Idempotency-Key was used for a different referral'),
            '413': errorResponse('The body is too large'),
            '415': errorResponse('The body is not JSON'),
            '500': errorResponse('Something went wrong on our side; nothing internal is shown'),
          },
        },
      },
      ...Object.fromEntries(
        reviewWrites.map(([method, path, operationId, summary, name, , ok]) => [
          `/api/cases/{reference}/review/${path}`,
          {
            [method]: {
              operationId,
              summary,
              security: [{ staff: [] }],
              ...(name ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } } } : {}),
              responses: {
                [ok]: { description: 'Recorded; what follows (emails, the new timetable) follows from the table stream' },
                '400': errorResponse('Not valid; `errors` lists each field with GOV.UK wording'),
                '403': errorResponse('Your role on this case may not do this'),
                '404': errorResponse('No such case, or you are not on it'),
                '409': errorResponse('Already recorded, not allowed in this state, or changed by someone else meanwhile: nothing was changed'),
              },
            },
          },
        ]),
      ),
      '/api/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
        },
      },
    },
    components: {
      schemas: {
        ...Object.fromEntries(reviewWrites.filter(([, , , , name]) => name).map(([, , , , name, body]) => [name, schema(body as z.ZodType)])),
        Referral: schema(referralSchema('9999-12-31')),
        ReferralCreated: schema(referralCreatedSchema),
        Error: schema(errorSchema),
      },
      securitySchemes: { staff: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A staff user pool ID token' } },
    },
  };
}
