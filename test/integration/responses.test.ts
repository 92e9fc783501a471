import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { commands, type OperationId } from '../../functions/schemas/routes.js';
import { makeReferral } from '../factories/referral.js';

/**
 * The response schemas of the route table describe what the API really
 * answers: each read, through the real API on the local runtime, parses
 * with the schema the OpenAPI document shows for it. (The handlers are also
 * typed against these schemas; this checks the JSON that leaves them.)
 */
let platform: LocalPlatform;
let dataDir: string;
const clock = new FakeClock('2026-11-26T10:00:00Z');
let staff = '';
let referrer = '';
let reference = '';

const call = (token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Parses the answer with the schema the route table declares for `operation` and `status`. */
async function expectDeclared(operation: OperationId, res: Response | { status: number; json: () => Promise<unknown> }, status: number) {
  expect(res.status, operation).toBe(status);
  const spec = (commands[operation].responses as Record<number, { body?: { schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } } } }>)[status];
  expect(spec?.body, `${operation} ${status}: no response schema`).toBeDefined();
  const parsed = spec!.body!.schema.safeParse(await res.json());
  expect(parsed.success, `${operation} ${status}: ${JSON.stringify(parsed.error)}`).toBe(true);
}

let created: { status: number; body: unknown };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-responses-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true, clock });
  staff = (await signInStaffLocally(platform, 'lscb-business-manager@example.org', platform.localStaff.password)).IdToken!;
  referrer = (await signInReferrerLocally(platform, 'referrer.a@example.org')).IdToken!;
  const res = await call(referrer, 'POST', '/referrals', makeReferral({ referrer: { email: 'referrer.a@example.org' } }), {
    'idempotency-key': crypto.randomUUID(),
  });
  created = { status: res.status, body: await res.json() };
  reference = (created.body as { reference: string }).reference;
});

afterAll(async () => {
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('every answer parses with its declared response schema', () => {
  it('a referral, then what the referrer may read', async () => {
    await expectDeclared('createReferral', { status: created.status, json: async () => created.body }, 201);
    await expectDeclared('listMyReferrals', await call(referrer, 'GET', '/my-referrals'), 200);
    await expectDeclared('getMe', await call(referrer, 'GET', '/me'), 200);
  });

  it("the business manager's reads", async () => {
    expect(reference).toMatch(/-\d{4}-/);
    await expectDeclared('getConfig', await call(undefined, 'GET', '/config'), 200);
    await expectDeclared('getOpenApi', await call(undefined, 'GET', '/openapi.json'), 200);
    await expectDeclared('getMe', await call(staff, 'GET', '/me'), 200);
    await expectDeclared('listCases', await call(staff, 'GET', '/cases'), 200);
    await expectDeclared('listTasks', await call(staff, 'GET', '/tasks'), 200);
    await expectDeclared('getCase', await call(staff, 'GET', `/cases/${reference}`), 200);
    await expectDeclared('getTimeline', await call(staff, 'GET', `/cases/${reference}/timeline`), 200);
    await expectDeclared('listUsers', await call(staff, 'GET', '/users'), 200);
    const config = await call(staff, 'GET', '/board-config');
    const etag = config.headers.get('etag') ?? '';
    const current = (await config.clone().json()) as unknown;
    await expectDeclared('getBoardConfig', config, 200);
    await expectDeclared('putBoardConfig', await call(staff, 'PUT', '/board-config', current, { 'if-match': etag }), 200);
  });

  it('the CSV timeline is the alternative the table lists', async () => {
    const res = await call(staff, 'GET', `/cases/${reference}/timeline?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(Object.keys(commands.getTimeline.responses[200].alternatives)).toEqual(['text/csv']);
  });

  it('an invitation and a change of account', async () => {
    const invited = await call(staff, 'POST', '/users', { name: 'Test Member', email: 'member@nhs.net', role: 'sub-committee-member' });
    const { userId } = (await invited.clone().json()) as { userId: string };
    await expectDeclared('inviteUser', invited, 201);
    await expectDeclared('addCaseMember', await call(staff, 'POST', `/cases/${reference}/members`, { email: 'member@nhs.net', role: 'sub-committee-member' }), 201);
    await expectDeclared('updateUser', await call(staff, 'PATCH', `/users/${userId}`, { enabled: false }), 200);
  });
});
