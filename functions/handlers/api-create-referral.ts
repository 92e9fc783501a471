import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { submitReferral } from '../domain/intake.js';
import { dependencies, makeLogger } from '../middleware/dependencies.js';
import { httpErrors, json, jsonBody, parsedBody, securityHeaders } from '../middleware/http.js';

const logger = makeLogger('api-create-referral');

/** A referral is a few KB; 64 KB leaves room for long accounts without inviting abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/** POST /api/referrals */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
  .use(securityHeaders())
  .use(httpErrors(logger))
  .use(jsonBody({ maxBytes: MAX_BODY_BYTES }))
  .handler(async (event, context) => {
    const deps = dependencies(context);
    const result = await submitReferral(
      { store: deps.store, clock: deps.clock, ids: deps.ids, board: deps.env.board, calendar: deps.calendar },
      {
        body: parsedBody(event),
        idempotencyKey: event.headers?.['idempotency-key'],
        requestId: context.awsRequestId,
        sourceIp: event.requestContext?.http?.sourceIp,
      },
    );
    // The reference is not case content; it is what the referrer quotes.
    logger.info(result.created ? 'Referral created' : 'Referral replayed', { reference: result.reference });
    const { created, ...body } = result;
    return json(created ? 201 : 200, body);
  });
