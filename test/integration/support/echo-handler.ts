import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { recordCall } from './registry.js';

/** Test-only HTTP handler: answers with the event it received, plus a few special routes. */
export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<unknown> {
  recordCall('test-echo', event, context);
  switch (event.routeKey) {
    case 'GET /api/test/inferred':
      return { inferred: true };
    case 'GET /api/test/binary':
      return { statusCode: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true };
    case 'GET /api/test/cookies':
      return { statusCode: 204, cookies: ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] };
    case 'POST /api/test/throw':
      throw new Error('boom');
    default:
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: JSON.stringify({ event, functionName: context.functionName }) };
  }
}
