import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ClientError, PayloadTooLargeError, UnsupportedMediaTypeError, BadRequestError, ValidationError, TransientError } from '../domain/errors.js';

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

/** Seconds a client is asked to wait before sending a 503'd request again. */
export const RETRY_AFTER_SECONDS = 5;
export const SERVICE_BUSY_MESSAGE = 'The service is busy. Send the same request again in a few seconds.';

/** AWS error names that mean "throttled or briefly unavailable", not "wrong". */
const TRANSIENT_ERROR_NAMES = new Set([
  'TransientError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
/** Node socket errors: the dependency could not be reached at all. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Whether an error is a passing fault of a dependency (DynamoDB throttled,
 * unreachable or answering 5xx, or our own `TransientError`), worth the
 * client trying again. Recognised by shape, so no AWS SDK import is needed
 * here: the SDK's error names, its `$retryable` and `$metadata`, and Node's
 * socket error codes, also one `cause` deep.
 */
export function isTransientFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 2) return false;
  if (error instanceof TransientError) return true;
  const e = error as { name?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown };
  if (typeof e.name === 'string' && TRANSIENT_ERROR_NAMES.has(e.name)) return true;
  if (e.$retryable && typeof e.$retryable === 'object') return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  const code = errorCode(error);
  if (code && NETWORK_ERROR_CODES.has(code)) return true;
  return isTransientFailure(e.cause, depth + 1);
}

/**
 * The one error-to-HTTP mapper. Client errors show their message (and field
 * errors); passing faults of a dependency (throttled, unreachable) are a 503
 * with `Retry-After`; anything else is logged by name and answered with a 500
 * that says nothing internal.
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
      if (isTransientFailure(error)) {
        // Busy or unreachable for a moment: nothing was written, so the same request may simply be sent again.
        logger.warn('Transient failure', { errorName: error?.name, errorCode: errorCode(error) });
        request.response = json(503, { message: SERVICE_BUSY_MESSAGE }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
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
