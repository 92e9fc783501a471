import { randomUUID } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../web-security.js';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpRoute } from '../catalogue.js';
import { LOCAL_ACCOUNT } from './arns.js';
import { LambdaTimeoutError, type LambdaInvoker } from './lambda-runtime.js';
import { closeServer, listen } from './net.js';
import { describeError, type LocalLog } from './log.js';

/** The API's body limit. API Gateway allows more; the referral form needs far less. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A route bound to the function that serves it. */
export interface BoundRoute extends HttpRoute {
  lambdaId: string;
}

export interface LocalHttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Built web app (index.html and assets). */
  webDist: string;
  routes: readonly BoundRoute[];
  invoker: LambdaInvoker;
  log: LocalLog;
  maxBodyBytes?: number;
  /** Where pages may also connect (CSP connect-src): the local S3 emulator, which the browser uploads to. */
  filesOrigin?: string;
}

/** Serves every request whose path is `prefix` or under `prefix/` (emulators on the app's origin). */
export type MountHandler = (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => Promise<void>;

export interface LocalHttpServer {
  port: number;
  /**
   * Serves `prefix` (e.g. `/local/cognito`) with `handler`, on the web
   * app's origin. For emulators a browser must reach same-origin (the CSP
   * allows `connect-src 'self'` only). Call before `ready()`.
   */
  mount(prefix: string, handler: MountHandler): void;
  /** Opens the doors: until then every request gets 503 (the env is not ready). */
  ready(): void;
  stop(): Promise<void>;
}

/**
 * Serves the web app and the API on one origin, as CloudFront does in AWS:
 * `/api/*` goes to the Lambda handlers through API Gateway HTTP API (payload
 * format 2.0) events, everything else is a static file with a fallback to
 * index.html so the single-page app can route.
 */
export async function startLocalHttpServer(opts: LocalHttpServerOptions): Promise<LocalHttpServer> {
  let isReady = false;
  const mounts: { prefix: string; handler: MountHandler }[] = [];
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const pageHeaders = opts.filesOrigin
    ? { ...STATIC_HEADERS, 'content-security-policy': contentSecurityPolicy({ filesOrigin: opts.filesOrigin }).replace('; upgrade-insecure-requests', '') }
    : STATIC_HEADERS;
  const server: Server = createServer((req, res) => {
    if (!isReady) {
      sendJson(res, 503, { message: 'Service Unavailable' });
      return;
    }
    handle(req, res).catch((error: unknown) => {
      opts.log.error(`HTTP ${req.method ?? '?'} ${safePath(req.url)} failed: ${describeError(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  // Browsers keep connections open; keep the idle time short so stop() is quick.
  server.keepAliveTimeout = 2000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
    if (mount) {
      await mount.handler(req, res, url, method);
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url, method);
      return;
    }
    await serveStatic(req, res, url, method, opts.webDist, pageHeaders);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const match = matchRoute(opts.routes, method, url.pathname);
    if (match.kind === 'not-found') {
      await discardBody(req, maxBody);
      sendJson(res, 404, { message: 'Not found' });
      return;
    }
    if (match.kind === 'method-not-allowed') {
      await discardBody(req, maxBody);
      sendJson(res, 405, { message: 'Method not allowed' }, { allow: match.allow.join(', ') });
      return;
    }
    const body = await readBody(req, maxBody);
    if (body === 'too-large') {
      sendJson(res, 413, { message: 'Request body is too large' }, { connection: 'close' });
      return;
    }
    const event = buildHttpApiEvent({
      req,
      url,
      method,
      route: match.route,
      pathParameters: match.pathParameters,
      body,
      port: (server.address() as { port: number }).port,
    });
    let result: unknown;
    try {
      result = await opts.invoker.invoke(match.route.lambdaId, event);
    } catch (error) {
      // The handler's own error mapping turns known errors into 4xx; a throw
      // here is what API Gateway shows as a bare 500 (or 503 on timeout).
      opts.log.error(`${match.route.lambdaId} failed on ${event.routeKey}: ${describeError(error)}`);
      if (error instanceof LambdaTimeoutError) sendJson(res, 503, { message: 'Service Unavailable' });
      else sendJson(res, 500, { message: 'Internal Server Error' });
      return;
    }
    writeLambdaResult(res, result, method);
  }

  const port = await listen(server, opts.port);
  return {
    port,
    mount: (prefix, handler) => {
      mounts.push({ prefix: prefix.replace(/\/+$/, ''), handler });
    },
    ready: () => {
      isReady = true;
    },
    stop: () => closeServer(server),
  };
}

type RouteMatch =
  | { kind: 'found'; route: BoundRoute; pathParameters: Record<string, string> | undefined }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/**
 * Matches a path against API Gateway route templates: `{name}` takes one
 * segment, `{name+}` the rest. The most specific template wins (more
 * literal segments first), as in API Gateway.
 */
export function matchRoute(routes: readonly BoundRoute[], method: string, pathname: string): RouteMatch {
  const segments = pathname.split('/').slice(1);
  const candidates: { route: BoundRoute; params: Record<string, string>; literals: number }[] = [];
  for (const route of routes) {
    const params = matchTemplate(route.path, segments);
    if (params) candidates.push({ route, params, literals: route.path.split('/').filter((s) => s && !s.startsWith('{')).length });
  }
  if (candidates.length === 0) return { kind: 'not-found' };
  candidates.sort((a, b) => b.literals - a.literals);
  const hit = candidates.find((c) => c.route.method === method || (method === 'HEAD' && c.route.method === 'GET'));
  if (!hit) return { kind: 'method-not-allowed', allow: [...new Set(candidates.map((c) => c.route.method))] };
  return { kind: 'found', route: hit.route, pathParameters: Object.keys(hit.params).length ? hit.params : undefined };
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split('/').slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      const rest = segments.slice(i);
      if (rest.length === 0 || rest.join('') === '') return undefined;
      params[greedy[1] as string] = safeDecode(rest.join('/'));
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const param = /^\{(.+)\}$/.exec(part);
    if (param) {
      if (segment === '') return undefined;
      params[param[1] as string] = safeDecode(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return segments.length === parts.length ? params : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/graphql'
  );
}

interface EventInput {
  req: IncomingMessage;
  url: URL;
  method: string;
  route: BoundRoute;
  pathParameters: Record<string, string> | undefined;
  body: Buffer;
  port: number;
}

/** Builds the API Gateway HTTP API (payload format 2.0) event for one request. */
export function buildHttpApiEvent(input: EventInput): APIGatewayProxyEventV2 {
  const { req, url, method, route } = input;
  const now = new Date();
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-for'] = sourceIp;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(input.port);
  // Format 2.0 moves cookies out of the headers into their own list.
  const cookieHeader = req.headers.cookie;
  const cookies = cookieHeader
    ? cookieHeader
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
    : undefined;
  const rawQueryString = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  let queryStringParameters: Record<string, string> | undefined;
  for (const [key, value] of url.searchParams) {
    queryStringParameters ??= {};
    // Repeated keys are joined with commas, as API Gateway does.
    queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }
  const routeKey = `${route.method} ${route.path}`;
  const requestId = randomUUID();
  const isBase64Encoded = input.body.length > 0 && !isTextContentType(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      domainName: headers.host?.split(':')[0] ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded,
  };
  if (cookies?.length) event.cookies = cookies;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  if (input.pathParameters) event.pathParameters = input.pathParameters;
  if (input.body.length > 0) event.body = isBase64Encoded ? input.body.toString('base64') : input.body.toString('utf8');
  return event;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's request time: `12/Mar/2020:19:03:58 +0000`. */
function formatRequestTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * Writes a format 2.0 result. A result without `statusCode` is inferred as
 * API Gateway does: 200, JSON content type, the value as the body.
 */
function writeLambdaResult(res: ServerResponse, result: unknown, method: string): void {
  const structured = isStructuredResult(result)
    ? result
    : {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: typeof result === 'string' ? result : JSON.stringify(result),
      };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body === undefined ? Buffer.alloc(0) : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(method === 'HEAD' ? undefined : body);
}

function isStructuredResult(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

/** Reads the body up to `max` bytes; beyond that the rest is discarded and 'too-large' returned. */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    await discardBody(req, max);
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) tooLarge = true;
    // Keep reading without keeping, so the client sees the 413 instead of a reset.
    if (!tooLarge) chunks.push(chunk);
    if (size > max * 10) {
      req.destroy();
      break;
    }
  }
  return tooLarge ? 'too-large' : Buffer.concat(chunks);
}

async function discardBody(req: IncomingMessage, max: number): Promise<void> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max * 10) {
      req.destroy();
      break;
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// The same policy CloudFront serves in AWS, so local use and e2e tests meet it too.
const STATIC_HEADERS = {
  // Served over plain http on localhost, so nothing to upgrade.
  'content-security-policy': CONTENT_SECURITY_POLICY.replace('; upgrade-insecure-requests', ''),
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** App pages that must not be stored by the browser or any cache: `/act` (web/src/auth/paths.ts ACT_PATH). */
export const NO_STORE_PAGES = ['/act'] as const;

async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, method: string, webDist: string, headers: Record<string, string> = STATIC_HEADERS): Promise<void> {
  await discardBody(req, MAX_BODY_BYTES);
  if (method !== 'GET' && method !== 'HEAD') {
    sendJson(res, 405, { message: 'Method not allowed' }, { allow: 'GET, HEAD' });
    return;
  }
  const root = path.resolve(webDist);
  const requested = path.resolve(root, '.' + path.posix.normalize(safeDecode(url.pathname)));
  const inside = requested === root || requested.startsWith(root + path.sep);
  let file = inside ? await fileOrUndefined(requested) : undefined;
  if (!file && inside && (await fileOrUndefined(path.join(requested, 'index.html')))) file = path.join(requested, 'index.html');
  // Client-side routes (no file extension) get the app shell; a missing asset stays a 404.
  if (!file && path.extname(url.pathname) === '') file = await fileOrUndefined(path.join(root, 'index.html'));
  if (!file) {
    if (!(await fileOrUndefined(path.join(root, 'index.html')))) {
      sendText(res, 503, `The web app is not built (no ${path.join(webDist, 'index.html')}). Run: npm run build:web`, method);
      return;
    }
    sendText(res, 404, 'Not found', method);
    return;
  }
  const body = await readFile(file);
  const immutable = url.pathname.startsWith('/assets/') && file !== path.join(root, 'index.html');
  // The page an emailed action link opens is kept nowhere (no-store), as CloudFront serves it in AWS.
  const noStore = NO_STORE_PAGES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(body.length),
    // Vite fingerprints assets; the shell must be fetched again to see new ones.
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : noStore ? 'no-store' : 'no-cache',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function sendText(res: ServerResponse, status: number, text: string, method: string): void {
  res.writeHead(status, { ...STATIC_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(method === 'HEAD' ? undefined : text);
}

async function fileOrUndefined(file: string): Promise<string | undefined> {
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The path of a request URL without its query string (which may carry data). */
function safePath(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}
