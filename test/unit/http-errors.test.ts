import { describe, expect, it } from 'vitest';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { httpErrors, isTransientFailure, RETRY_AFTER_SECONDS, securityHeaders } from '../../functions/middleware/http.js';
import { ConflictError, TransientError, ValidationError } from '../../functions/domain/errors.js';

/** Captures what the mapper logs, so the test can prove nothing internal leaks. */
function capturingLogger() {
  const lines: { level: string; message: string; extra: unknown }[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  for (const level of ['info', 'warn', 'error'] as const) {
    logger[level] = ((message: string, extra: unknown) => {
      lines.push({ level, message, extra });
    }) as never;
  }
  return { logger, lines };
}

/** A handler that fails with `error`, behind the same middlewares every HTTP Lambda has. */
async function respond(error: unknown) {
  const { logger, lines } = capturingLogger();
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(securityHeaders())
    .use(httpErrors(logger))
    .handler(async () => {
      throw error;
    });
  const response = (await handler({} as APIGatewayProxyEventV2, { awsRequestId: 'req-1' } as Context)) as APIGatewayProxyStructuredResultV2;
  return { response, body: JSON.parse(String(response.body)) as { message: string; errors?: unknown[] }, lines };
}

const metadata = { httpStatusCode: 400, requestId: 'x', attempts: 3, totalRetryDelay: 300 };

/** A socket error as Node raises it when nothing listens on the port. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });

describe('the one error-to-HTTP mapper', () => {
  it('shows a client error with its status and field errors', async () => {
    // Act
    const invalid = await respond(new ValidationError([{ name: 'child.lastName', href: '#child-lastName', text: "Enter the child's last name" }]));
    const conflict = await respond(new ConflictError('Already recorded'));
    // Assess
    expect(invalid.response.statusCode).toBe(400);
    expect(invalid.body.errors).toHaveLength(1);
    expect(conflict.response.statusCode).toBe(409);
    expect(conflict.body.message).toBe('Already recorded');
    expect(conflict.response.headers?.['Retry-After']).toBeUndefined();
  });

  it.each([
    ['our own TransientError (no reference could be allocated)', () => new TransientError('Could not allocate a case reference; please try again')],
    [
      'DynamoDB throttling after the SDK gave up retrying',
      () =>
        new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded',
          $metadata: metadata,
        }),
    ],
    ['a DynamoDB 500', () => new InternalServerError({ message: 'Internal server error', $metadata: { ...metadata, httpStatusCode: 500 } })],
    ['DynamoDB unreachable (connection refused)', refused],
    ['an unreachable dependency wrapped as a cause', () => new Error('Reading the Board configuration failed', { cause: refused() })],
  ])('answers %s with 503, Retry-After and nothing internal', async (_name, make) => {
    // Act
    const { response, body, lines } = await respond(make());
    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers?.['Cache-Control']).toBe('no-store');
    expect(body.message).toMatch(/busy.*again/i);
    expect(JSON.stringify(body)).not.toMatch(/allocate|throughput|ECONNREFUSED|127\.0\.0\.1|Internal server error|Exception/);
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  it.each([
    ['a programming error', () => new TypeError("Cannot read properties of undefined (reading 'status')")],
    [
      'a failed condition that reached the mapper (a bug, not a busy moment)',
      () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: metadata }),
    ],
    [
      'a cancelled transaction',
      () => new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: metadata, CancellationReasons: [{ Code: 'ValidationError' }] }),
    ],
  ])('answers %s with a 500 that says nothing internal and is logged as an error', async (_name, make) => {
    const { response, body, lines } = await respond(make());
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['Retry-After']).toBeUndefined();
    expect(body).toEqual({ message: 'Sorry, there is a problem with the service. Try again later.' });
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });

  it('recognises a transient fault by shape, not by message', () => {
    expect(isTransientFailure(Object.assign(new Error('x'), { $retryable: { throttling: true } }))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isTransientFailure(new Error('ECONNREFUSED throttled busy'))).toBe(false);
    expect(isTransientFailure(undefined)).toBe(false);
  });
});
