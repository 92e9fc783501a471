import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as openapiHandler } from '../../functions/handlers/api-openapi.js';
import { handler as casesHandler } from '../../functions/handlers/api-cases.js';
import { tracer } from '../../functions/adapters/aws/clients.js';
import { makeLogger } from '../../functions/middleware/dependencies.js';
import { httpErrors, jsonBody, parsedBody } from '../../functions/middleware/http.js';
import { commandFor, commandList } from '../../functions/schemas/routes.js';

const REQUEST_ID = 'req-7f3a0c1e-5b2d-4e8a-9c61-2d0b7e4f1a93';

function context(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: REQUEST_ID,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function httpEvent(routeKey: string, rawPath: string, init: { body?: string; headers?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const [method] = routeKey.split(' ') as [string];
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: init.headers ?? {},
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'api-gw-id',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    isBase64Encoded: false,
  };
}

/** Every line the Powertools loggers write while `fn` runs. */
async function logsOf(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('dispatch from the route table', () => {
  it('serves a route of the Lambda with the status and headers the table declares', async () => {
    // Act
    const res = (await openapiHandler(httpEvent('GET /api/openapi.json', '/api/openapi.json'), context('api-openapi'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['Cache-Control']).toBe('public, max-age=300');
    expect(res.headers?.['X-Content-Type-Options']).toBe('nosniff');
    expect((JSON.parse(res.body ?? '{}') as { openapi: string }).openapi).toBe('3.1.0');
  });

  it("answers 404 for a route of another Lambda, and for one the table does not know", async () => {
    for (const routeKey of ['GET /api/config', 'GET /api/nowhere']) {
      const res = (await openapiHandler(httpEvent(routeKey, routeKey.split(' ')[1]!), context('api-openapi'))) as APIGatewayProxyStructuredResultV2;
      expect(res.statusCode, routeKey).toBe(404);
    }
  });

  it('refuses, in AWS, a request that did not come through CloudFront, before anything else', async () => {
    // Prepare: the origin secret set, as the stack sets it; a public route, so only the origin check can refuse.
    const aws = { ...context('api-openapi'), localEnv: { ORIGIN_VERIFY_SECRET: 's'.repeat(32) } } as Context;

    // Act
    const around = (await openapiHandler(httpEvent('GET /api/openapi.json', '/api/openapi.json'), aws)) as APIGatewayProxyStructuredResultV2;
    const through = (await openapiHandler(
      httpEvent('GET /api/openapi.json', '/api/openapi.json', { headers: { 'x-origin-verify': 's'.repeat(32) } }),
      aws,
    )) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(around.statusCode).toBe(403);
    expect(through.statusCode).toBe(200);
  });

  it('asks for a token on every route that is not public, before reading the body', async () => {
    // Prepare: a body that is not even JSON; the token check comes first.
    const event = httpEvent('POST /api/cases/{reference}/members', '/api/cases/SCR-2026-0001/members', { body: 'not json', headers: { 'content-type': 'text/plain' } });

    // Act
    const res = (await casesHandler(event, context('api-cases'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(res.statusCode).toBe(401);
  });

  it('knows each route key once, and every route has its Lambda', () => {
    const keys = commandList.map((c) => `${c.method} ${c.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(commandFor(key)?.lambda, key).toMatch(/^api-/);
  });
});

describe('Powertools', () => {
  it('every log line carries the Lambda request id, and never the event (body or headers)', async () => {
    // Prepare: case content in the body and a token-like header that must not reach the logs.
    const event = httpEvent('POST /api/cases/{reference}/members', '/api/cases/SCR-2026-0001/members', {
      body: JSON.stringify({ email: 'someone@example.org', role: 'auditor', note: 'Child: Poppy Example, 12 Acacia Road' }),
      headers: { 'content-type': 'application/json', authorization: 'Basic c2VjcmV0LXRva2VuLXZhbHVl' },
    });

    // Act
    const logs = await logsOf(() => casesHandler(event, context('api-cases')));

    // Assess
    const lines = logs.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.function_request_id).toBe(REQUEST_ID);
      expect(line.function_name).toBe('api-cases');
    }
    expect(logs).not.toMatch(/Poppy|Acacia|c2VjcmV0|someone@example/);
  });

  it('the tracer does nothing outside Lambda (no AWS_EXECUTION_ENV), so the local runtime is untouched', () => {
    expect(process.env.AWS_EXECUTION_ENV).toBeUndefined();
    expect(tracer.isTracingEnabled()).toBe(false);
  });
});

describe('the JSON body middleware', () => {
  const echo = (limit: number | undefined) =>
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
      .use(httpErrors(makeLogger('test')))
      .use(jsonBody(() => limit))
      .handler(async (event) => ({ statusCode: 200, body: JSON.stringify({ got: parsedBody(event) ?? null }) }));
  const post = (body: string, contentType = 'application/json') =>
    httpEvent('POST /api/x', '/api/x', { body, headers: { 'content-type': contentType } });

  it.each([
    ['parses JSON within the limit', 64, post('{"a":1}'), 200, /"got":\{"a":1\}/],
    ['refuses another media type', 64, post('a=1', 'application/x-www-form-urlencoded'), 415, /JSON/],
    ['refuses a body over the limit', 8, post('{"a":"0123456789"}'), 413, /KB or smaller/],
    ['refuses malformed JSON', 64, post('{"a":'), 400, /not valid JSON/],
    ['refuses an empty body', 64, post(''), 400, /empty/],
    ['leaves a route without a body alone', undefined, post('whatever', 'text/plain'), 200, /"got":null/],
  ] as const)('%s', async (_name, limit, event, status, body) => {
    let res: APIGatewayProxyStructuredResultV2 | undefined;
    await logsOf(async () => {
      res = (await echo(limit)(event, context('test'))) as APIGatewayProxyStructuredResultV2;
    });
    res = res!;
    expect(res.statusCode).toBe(status);
    expect(res.body).toMatch(body);
  });
});
