import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from './store.js';

/**
 * The local admin credentials: an access key id and secret, made once per
 * data folder (`<dataDir>/cognito/admin-credentials.json`, mode 0600),
 * given to the local Lambdas as AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and
 * printed by `npm start`. The local Cognito's admin API answers only
 * requests signed with them (SigV4), as IAM would in AWS.
 */
export interface LocalAdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Letters and digits only: DynamoDB Local refuses other characters in credentials. */
function alphanumeric(bytes: number): string {
  return randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, Math.floor(bytes * 1.2));
}

export async function loadOrCreateAdminCredentials(dataDir: string): Promise<LocalAdminCredentials> {
  const file = path.join(dataDir, 'cognito', 'admin-credentials.json');
  const existing = await readJsonIfExists<LocalAdminCredentials>(file);
  if (existing?.accessKeyId && existing.secretAccessKey) return existing;
  const created = { accessKeyId: `LOCAL${alphanumeric(12).toUpperCase()}`, secretAccessKey: alphanumeric(32) };
  await writeJsonAtomic(file, created);
  return created;
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding of one path segment or query part, as SigV4 wants it. */
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Verifies an AWS Signature Version 4 `Authorization` header: the access
 * key id is the local one, the request is no more than 15 minutes from
 * `nowMs`, and the signature over the method, path, query, signed headers
 * and body matches one made with the local secret.
 */
export function verifySigV4(
  request: { method: string; path: string; query: URLSearchParams; headers: Record<string, string | string[] | undefined>; body: Buffer },
  credentials: LocalAdminCredentials,
  nowMs: number,
): SignatureCheck {
  const authorization = String(request.headers.authorization ?? '');
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return 'missing';
  const fields = Object.fromEntries(
    authorization
      .slice('AWS4-HMAC-SHA256 '.length)
      .split(',')
      .map((part) => part.trim().split('=') as [string, string]),
  );
  const credential = fields.Credential?.split('/') ?? [];
  const [accessKeyId, date, region, service, terminator] = credential;
  const signedHeaders = fields.SignedHeaders?.split(';') ?? [];
  const signature = fields.Signature ?? '';
  if (credential.length !== 5 || terminator !== 'aws4_request' || !date || !region || !service) return 'invalid';
  if (accessKeyId !== credentials.accessKeyId) return 'invalid';
  if (!signedHeaders.includes('host') || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';

  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m || !amzDate.startsWith(date)) return 'invalid';
  const signedAt = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Math.abs(nowMs - signedAt) > 15 * 60_000) return 'invalid';

  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${header(name)}\n`).join('');
  const canonicalQuery = [...request.query.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalPath = request.path.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/') || '/';
  const payloadHash = sha256Hex(request.body);
  const claimedPayload = request.headers['x-amz-content-sha256'];
  if (typeof claimedPayload === 'string' && claimedPayload !== payloadHash) return 'invalid';
  const canonicalRequest = [request.method, canonicalPath, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}
