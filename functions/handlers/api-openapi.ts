import { routedHandler } from '../middleware/routing.js';
import { buildOpenApiDocument } from '../schemas/openapi.js';
import { SECURITY_HEADERS } from '../middleware/http.js';

let document: string | undefined;

/** GET /api/openapi.json: generated once per warm Lambda from the route table and its zod schemas. */
export const { handler } = routedHandler('api-openapi', {
  getOpenApi: async () => {
    document ??= JSON.stringify(buildOpenApiDocument());
    return { raw: document, headers: { ...SECURITY_HEADERS, 'Cache-Control': 'public, max-age=300' } };
  },
});
