import * as z from 'zod';
import { referralSchema, referralCreatedSchema } from './referral.js';

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
        'Referrals of cases to the Chair of the Serious Case Review sub-committee (para 4.1 of the 2008 procedure). ' +
        'No endpoint that reads case data is exposed until sign-in exists.',
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
        Referral: schema(referralSchema('9999-12-31')),
        ReferralCreated: schema(referralCreatedSchema),
        Error: schema(errorSchema),
      },
    },
  };
}
