import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError, type LocalLog } from '../log.js';
import { readBody } from '../http-server.js';
import { CognitoError } from './errors.js';
import type { CognitoService } from './service.js';
import { verifySigV4, type LocalAdminCredentials } from './sigv4.js';

/** Where the emulator is served on the web app's origin (so the CSP's `connect-src 'self'` allows it). */
export const COGNITO_PATH = '/local/cognito';

/** Cognito requests are small; anything bigger is not one. */
const MAX_BODY_BYTES = 64 * 1024;

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/**
 * The emulator's HTTP face, mounted under {@link COGNITO_PATH}:
 * - `POST /` — the Cognito JSON 1.1 protocol (`X-Amz-Target:
 *   AWSCognitoIdentityProviderService.<Operation>`), errors as
 *   `{__type, message}` with HTTP 400;
 * - `GET /<poolId>/.well-known/jwks.json` and `.../openid-configuration`,
 *   at the issuer's address as in Cognito, so one JWKS code path verifies
 *   tokens in AWS and locally.
 */
export function cognitoRequestHandler(service: CognitoService, log: LocalLog, adminCredentials: LocalAdminCredentials) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> => {
    const rest = url.pathname.slice(COGNITO_PATH.length);
    if (rest === '' || rest === '/') {
      if (method !== 'POST') {
        await readBody(req, MAX_BODY_BYTES);
        sendJson(res, 405, { message: 'Method not allowed' }, { allow: 'POST' });
        return;
      }
      await handleApi(service, log, req, res, url, adminCredentials);
      return;
    }
    const wellKnown = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(rest);
    const pool = wellKnown ? service.poolById(wellKnown[1] as string) : undefined;
    await readBody(req, MAX_BODY_BYTES);
    if (!wellKnown || !pool) {
      sendJson(res, 404, { message: 'Not found' });
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { message: 'Method not allowed' }, { allow: 'GET, HEAD' });
      return;
    }
    const body =
      wellKnown[2] === 'jwks.json'
        ? { keys: [pool.key.publicJwk] }
        : {
            issuer: pool.issuer,
            jwks_uri: `${pool.issuer}/.well-known/jwks.json`,
            response_types_supported: ['code', 'token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid', 'email', 'phone', 'profile'],
            claims_supported: ['sub', 'email', 'email_verified', 'name', 'cognito:groups', 'cognito:username', 'origin_jti', 'auth_time'],
          };
    sendJson(res, 200, body, { 'cache-control': 'public, max-age=300' }, method === 'HEAD');
  };
}

async function handleApi(
  service: CognitoService,
  log: LocalLog,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  adminCredentials: LocalAdminCredentials,
): Promise<void> {
  const requestId = randomUUID();
  const body = await readBody(req, MAX_BODY_BYTES);
  try {
    if (body === 'too-large') throw new CognitoError('SerializationException', 'The request body is too large.');
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target.startsWith(TARGET_PREFIX)) throw new CognitoError('UnknownOperationException', 'Missing or unknown X-Amz-Target header.');
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new CognitoError('SerializationException', 'The request body is not valid JSON.');
    }
    // Admin calls must be SigV4-signed with the local admin credentials; the SDK signs with real time.
    const signature = verifySigV4({ method: 'POST', path: url.pathname, query: url.searchParams, headers: req.headers, body }, adminCredentials, Date.now());
    const output = await service.call(target.slice(TARGET_PREFIX.length), input, { signature });
    sendAmzJson(res, 200, output, requestId);
  } catch (error) {
    if (error instanceof CognitoError) {
      sendAmzJson(res, error.status, { __type: error.type, message: error.message }, requestId, { 'x-amzn-errortype': error.type });
      return;
    }
    // Error names and messages only: request bodies carry passwords and codes.
    log.error(`Local Cognito failed: ${describeError(error)}`);
    sendAmzJson(res, 500, { __type: 'InternalErrorException', message: 'Internal error' }, requestId, { 'x-amzn-errortype': 'InternalErrorException' });
  }
}

function sendAmzJson(res: ServerResponse, status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): void {
  // Tokens and sessions must not be cached anywhere.
  sendJson(res, status, body, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'cache-control': 'no-store', ...extra });
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(headOnly ? undefined : text);
}
