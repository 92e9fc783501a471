import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildOpenApiDocument } from '../schemas/openapi.js';
import { makeLogger } from '../middleware/dependencies.js';
import { httpErrors, json, securityHeaders } from '../middleware/http.js';

const logger = makeLogger('api-openapi');
let document: string | undefined;

/** GET /api/openapi.json: generated once per warm Lambda from the zod schemas. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
  .use(securityHeaders())
  .use(httpErrors(logger))
  .handler(async () => {
    document ??= JSON.stringify(buildOpenApiDocument());
    return { ...json(200, null, { 'Cache-Control': 'public, max-age=300' }), body: document };
  });
