import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ClientError, PayloadTooLargeError, UnsupportedMediaTypeError, BadRequestError, ValidationError } from '../domain/errors.js';

type HttpMiddleware = middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

/** Headers on every API response: nothing cached, nothing framed, nothing leaked by referrer. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...SECURITY_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Adds the security headers to every response, errors included. Use it first so its hooks run last. */
export function securityHeaders(): HttpMiddleware {
  const apply = (request: middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>) => {
    if (request.response && typeof request.response === 'object') {
      request.response.headers = { ...SECURITY_HEADERS, ...(request.response.headers ?? {}) };
    }
  };
  return { after: apply, onError: apply };
}

/**
 * The one error-to-HTTP mapper. Client errors show their message (and field
 * errors); anything else is logged by name and answered with a 500 that says
 * nothing internal.
 */
export function httpErrors(logger: Logger): HttpMiddleware {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof ClientError) {
        logger.info('Request refused', { statusCode: error.statusCode, errorName: error.name });
        request.response = json(error.statusCode, {
          message: error.message,
          ...(error instanceof ValidationError ? { errors: error.errors } : {}),
        });
        return;
      }
      // Only the error's name and stack: messages from dependencies can echo input.
      logger.error('Unhandled error', { errorName: error?.name, stack: error?.stack });
      request.response = json(500, { message: 'Sorry, there is a problem with the service. Try again later.' });
    },
  };
}

export interface JsonBodyOptions {
  maxBytes: number;
}

/**
 * Parses a JSON body with a size limit and refuses other media types; the
 * parsed value is then available from `parsedBody(event)`.
 */
export function parseJsonBody(event: APIGatewayProxyEventV2, { maxBytes }: JsonBodyOptions): void {
  const contentType = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(contentType)) {
    throw new UnsupportedMediaTypeError('Send the request as JSON, with Content-Type: application/json');
  }
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new PayloadTooLargeError(`The request body must be ${Math.floor(maxBytes / 1024)} KB or smaller`);
  }
  if (!text.trim()) throw new BadRequestError('The request body is empty: send it as JSON');
  try {
    (event as unknown as { parsedBody: unknown }).parsedBody = JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is not valid JSON');
  }
}

/**
 * The body-parsing middleware: for a request whose route takes a JSON body
 * (`maxBytesOf` answers its limit; undefined means none), refuses another
 * media type (415), a body over the limit (413), an empty or malformed one
 * (400), and leaves the parsed value for `parsedBody(event)`. Place it
 * after `httpErrors` so its refusals are mapped.
 */
export function jsonBody(maxBytesOf: (event: APIGatewayProxyEventV2, context: Context) => number | undefined): HttpMiddleware {
  return {
    before: (request) => {
      const maxBytes = maxBytesOf(request.event, request.context);
      if (maxBytes !== undefined) parseJsonBody(request.event, { maxBytes });
    },
  };
}

/** The body parsed by `parseJsonBody` or the `jsonBody` middleware. */
export const parsedBody = (event: APIGatewayProxyEventV2): unknown => (event as unknown as { parsedBody: unknown }).parsedBody;
