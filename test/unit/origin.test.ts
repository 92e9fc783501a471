import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { requestMeta } from '../../functions/middleware/auth.js';
import middy from '@middy/core';
import { makeLogger } from '../../functions/middleware/dependencies.js';
import { httpErrors, json, securityHeaders } from '../../functions/middleware/http.js';
import { originSecretMatches, verifyOrigin } from '../../functions/middleware/origin.js';

const SECRET = 'k'.repeat(48);
const board = readFileSync(new URL('../../infra/config/board.example.json', import.meta.url), 'utf8');

/** A context carrying the Lambda environment the way the local runtime does (no AWS call is made). */
function contextWith(table: string, extra: Record<string, string> = {}): Context {
  return {
    awsRequestId: 'req-1',
    localEnv: {
      TABLE_NAME: table,
      APP_BASE_URL: 'https://scr.example.org',
      BOARD_CONFIG: board,
      STAFF_USER_POOL_ID: 'eu-west-2_staff',
      STAFF_CLIENT_ID: 'staff-client',
      REFERRER_USER_POOL_ID: 'eu-west-2_ref',
      REFERRER_CLIENT_ID: 'ref-client',
      ...extra,
    },
  } as unknown as Context;
}

function event(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    routeKey: 'GET /api/config',
    headers,
    requestContext: { http: { method: 'GET', sourceIp: '130.176.0.10' } },
  } as unknown as APIGatewayProxyEventV2;
}

// The origin check as every routed handler uses it (functions/middleware/routing.ts), before a public operation.
const logger = makeLogger('origin-test');
const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
  .use(securityHeaders())
  .use(httpErrors(logger))
  .use(verifyOrigin(logger))
  .handler((e, context) => Promise.resolve(json(200, { sourceIp: requestMeta(e, context).sourceIp })));
const call = async (headers: Record<string, string>, context: Context) =>
  (await handler(event(headers), context)) as APIGatewayProxyStructuredResultV2;

describe('requests around CloudFront (AWS: ORIGIN_VERIFY_SECRET set)', () => {
  const context = () => contextWith('origin-aws', { ORIGIN_VERIFY_SECRET: SECRET });

  it('refuses a request without the origin header, or with a wrong one, with 403', async () => {
    expect((await call({}, context())).statusCode).toBe(403);
    expect((await call({ 'x-origin-verify': 'k'.repeat(47) + 'x' }, context())).statusCode).toBe(403);
    expect((await call({ 'x-origin-verify': SECRET.slice(1) }, context())).statusCode).toBe(403);
  });

  it("answers a request through CloudFront, and audits the viewer's address, not CloudFront's", async () => {
    const response = await call({ 'x-origin-verify': SECRET, 'x-viewer-address': '203.0.113.7' }, context());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ sourceIp: '203.0.113.7' });
  });
});

describe('locally (no secret)', () => {
  it('answers without the header and ignores a viewer-address header anyone could send', async () => {
    const response = await call({ 'x-viewer-address': '198.51.100.1' }, contextWith('origin-local'));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ sourceIp: '130.176.0.10' });
  });
});

describe('originSecretMatches', () => {
  it('matches only the exact value', () => {
    expect(originSecretMatches(SECRET, SECRET)).toBe(true);
    expect(originSecretMatches(undefined, SECRET)).toBe(false);
    expect(originSecretMatches('', SECRET)).toBe(false);
    expect(originSecretMatches(SECRET + 'x', SECRET)).toBe(false);
  });
});
