/**
 * `npm run bench`: a report, not a test. Measures
 * 1. referral submission latency through the local API (p50/p95) against a
 *    floor: a bare TransactWriteItems of the same items into a copy of the
 *    table WITHOUT a stream (so the floor sets off no workflow and no email),
 *    on the same DynamoDB Local. Floor and submission rounds are interleaved
 *    (one of each per round), so both see the same JVM, the same machine
 *    load and the same table size; each submission's workflow settles (its
 *    three emails are out) before the next round. A per-request breakdown
 *    shows where a submission's time goes: each DynamoDB call it makes, and
 *    the rest (HTTP, token check, validation, hashing);
 * 2. each Lambda bundle's minified size (esbuild, as the CDK stack bundles);
 * 3. the web form's JavaScript (what index.html loads), gzipped; and all of the web app's, staff pages included.
 * Targets: submission <= 1.5x the floor at p95, bundles < 300 KB, form JS < 150 KB gzipped.
 * `BENCH_N` sets the measured rounds (default 120, after 30 warm-up rounds).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform } from '../../infra/local/platform.js';
import { lambdas } from '../../infra/catalogue.js';
import { toCreateTableInput } from '../../infra/local/table.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import { signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { caseItem, auditItem, memberItem } from '../../functions/adapters/aws/dynamo-case-store.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { bundlingOptions } from '../../infra/bundling.js';
import { eventually } from '../support/eventually.js';

const N = Number(process.env.BENCH_N ?? 120);
const WARMUP = 30;
/** Bare transactions first: DynamoDB Local is a JVM, slow until it has compiled its hot paths. */
const JVM_WARMUP = 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => n.toFixed(2);
const REST = 'everything else (local HTTP, token check, validation, hashing)';

/**
 * Every outgoing AWS JSON-protocol request (by its X-Amz-Target) that the
 * in-process local API makes while serving `route`, with its start and end:
 * what a request spends waiting for DynamoDB and the other emulators.
 */
function watchAwsCalls(route: { method: string; path: string }) {
  const calls: { op: string; start: number; end: number }[] = [];
  const open = new Map<ClientRequest, { op: string; start: number }>();
  // Which incoming request (of the in-process local API) an outgoing call is made for, so the
  // stream poller's and workflows' calls in the background are not counted as the request's.
  const serving = new AsyncLocalStorage<{ method?: string; url?: string }>();
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    serving.enterWith({ method: request.method, url: request.url });
  });
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    const target = String(request.getHeader('x-amz-target') ?? '');
    const incoming = serving.getStore();
    if (!target || incoming?.method !== route.method || incoming.url?.split('?')[0] !== route.path) return;
    const op = target.replace(/^DynamoDB_\d+\./, 'DynamoDB ').replace(/^DynamoDBStreams_\d+\./, 'DynamoDB Streams ');
    open.set(request, { op, start: performance.now() });
  });
  subscribe('http.client.response.finish', (message) => {
    const { request } = message as { request: ClientRequest };
    const started = open.get(request);
    if (!started) return;
    open.delete(request);
    calls.push({ ...started, end: performance.now() });
  });
  /** Calls made for the route's requests that began and ended inside [from, to]. */
  const within = (from: number, to: number) => calls.filter((c) => c.start >= from && c.end <= to);
  const forget = () => calls.splice(0, calls.length);
  return { within, forget };
}

async function latency() {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-bench-'));
  const platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  try {
    const referral = makeReferral();
    const sign = await signInReferrerLocally(platform, referral.referrer.email);
    const idToken = sign.IdToken!;
    const auth = { authorization: `Bearer ${idToken}` };
    const watch = watchAwsCalls({ method: 'POST', path: '/api/referrals' });

    const submit = async () => {
      const t = performance.now();
      const res = await fetch(`${platform.apiUrl}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...auth },
        body: JSON.stringify(referral),
      });
      const body = (await res.json()) as { reference: string };
      const end = performance.now();
      if (res.status !== 201) throw new Error(`Unexpected ${res.status}`);
      return { ms: end - t, start: t, end, reference: body.reference };
    };
    /** GET /api/me: a signed-in request that writes nothing (token check, session read, local HTTP). */
    const me = async () => {
      const t = performance.now();
      const res = await fetch(`${platform.apiUrl}/me`, { headers: auth });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET /api/me answered ${res.status}`);
      return performance.now() - t;
    };

    // The floor's table: the same definition, no stream, on the same DynamoDB Local.
    const floorTable = `${platform.tableName}-floor`;
    const raw = new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await raw.send(new CreateTableCommand({ ...toCreateTableInput(floorTable), StreamSpecification: undefined }));
    const ddb = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
    const deps = { board, calendar: englandAndWalesCalendar(), ids: cryptoIds };
    let floorSeq = 0;
    /** What a submission writes (counter, case, audit event, referrer membership, idempotency record), bare. */
    const floor = async () => {
      const current = floorSeq++;
      const reference = `BENCH-2026-${String(current + 1).padStart(5, '0')}`;
      const t = performance.now();
      const receivedAt = new Date();
      const { caseRecord, audit } = buildCase(referral, reference, receivedAt, deps, { requestId: 'bench' });
      const member = {
        reference,
        userId: 'bench-user',
        email: referral.referrer.email,
        role: 'referrer' as const,
        addedAt: caseRecord.receivedAt,
        addedBy: 'bench-user',
      };
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: floorTable,
                Key: keys.referenceCounter(2026),
                UpdateExpression: 'SET #s = :n',
                ConditionExpression: 'attribute_not_exists(pk) OR #s = :c',
                ExpressionAttributeNames: { '#s': 'sequence' },
                ExpressionAttributeValues: { ':n': current + 1, ':c': current },
              },
            },
            { Put: { TableName: floorTable, Item: caseItem(caseRecord), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: floorTable, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: floorTable, Item: memberItem(member, caseRecord.receivedAt) } },
            {
              Put: {
                TableName: floorTable,
                Item: { ...keys.idempotency(crypto.randomUUID()), type: 'idempotency', reference },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return performance.now() - t;
    };

    for (let i = 0; i < JVM_WARMUP; i++) await floor();

    // Interleaved rounds: floor, then a paced submission whose workflow settles before the next
    // round (referrals arrive a few a week), then GET /api/me for comparison.
    const floors: number[] = [];
    const api: number[] = [];
    const meMs: number[] = [];
    const perRequest: Map<string, { calls: number; ms: number }>[] = [];
    for (let i = 0; i < N + WARMUP; i++) {
      const measured = i >= WARMUP;
      const f = await floor();
      watch.forget();
      const s = await submit();
      const m = await me();
      if (measured) {
        floors.push(f);
        api.push(s.ms);
        meMs.push(m);
        const calls = watch.within(s.start, s.end);
        const byOp = new Map<string, { calls: number; ms: number }>();
        for (const c of calls) {
          const seen = byOp.get(c.op) ?? { calls: 0, ms: 0 };
          byOp.set(c.op, { calls: seen.calls + 1, ms: seen.ms + (c.end - c.start) });
        }
        const waited = calls.reduce((n, c) => n + (c.end - c.start), 0);
        byOp.set(REST, { calls: 0, ms: s.ms - waited });
        perRequest.push(byOp);
      }
      // The outbox starts the execution a moment later, from the table's stream; it has
      // settled when its three emails are out (it then waits for the first reminder).
      await eventually(
        () => readMailbox(platform.sesEndpoint, new Date(Date.now() - 120_000)),
        (mail) => mail.filter((m) => m.subject.includes(s.reference)).length >= 3,
        `the three emails of ${s.reference}`,
        { intervalMs: 10 },
      );
    }
    // Burst last: back to back, so the workflows of earlier referrals compete for the same
    // DynamoDB Local and CPU (reported for the trend; no target).
    const burst: number[] = [];
    for (let i = 0; i < Math.ceil(N / 2); i++) burst.push((await submit()).ms);
    const ops = [...new Set(perRequest.flatMap((r) => [...r.keys()]))];
    const breakdown = new Map(
      ops.map((op) => [
        op,
        {
          calls: perRequest.reduce((n, r) => n + (r.get(op)?.calls ?? 0), 0) / perRequest.length,
          ms: perRequest.map((r) => r.get(op)?.ms ?? 0),
        },
      ]),
    );
    return { api, burst, floors, meMs, breakdown };
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bundles() {
  const rows: [string, number][] = [];
  for (const fn of lambdas) {
    const out = await build({ ...bundlingOptions(), entryPoints: [fn.entry], bundle: true, write: false, logLevel: 'silent' });
    rows.push([fn.id, out.outputFiles.reduce((n, f) => n + f.contents.byteLength, 0)]);
  }
  return rows;
}

/**
 * The web app's JavaScript, gzipped: what the referral form loads (the
 * scripts and module preloads `index.html` names: the target), and all of it,
 * the staff pages' lazy chunks included (reported, for the trend).
 */
function webJs() {
  const dir = 'web/dist/assets';
  if (!existsSync(dir)) {
    // A fresh clone has no build yet: make one, as `npm test` and `npm start` would.
    console.log('web/dist is missing: building the web app (npm run build:web)');
    const built = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (built.status !== 0 || !existsSync(dir)) return undefined;
  }
  const html = readFileSync('web/dist/index.html', 'utf8');
  const firstLoad = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!));
  if (firstLoad.size === 0) throw new Error('web/dist/index.html names no script');
  const sum = (files: string[]) =>
    files.reduce(
      (acc, f) => {
        const buf = readFileSync(join(dir, f));
        return { raw: acc.raw + buf.byteLength, gz: acc.gz + gzipSync(buf, { level: 9 }).byteLength };
      },
      { raw: 0, gz: 0 },
    );
  const all = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return { form: sum(all.filter((f) => firstLoad.has(f))), all: sum(all) };
}

const { api, burst, floors, meMs, breakdown } = await latency();
const [a50, a95, f50, f95] = [pct(api, 50), pct(api, 95), pct(floors, 50), pct(floors, 95)];
console.log(`\nReferral submission latency (${N} interleaved rounds after ${WARMUP} warm-up; floor = bare TransactWriteItems into a stream-less copy of the table)`);
console.table({
  'POST /api/referrals, paced (local API)': { p50_ms: ms(a50), p95_ms: ms(a95) },
  'floor: bare TransactWriteItems (same items, no stream)': { p50_ms: ms(f50), p95_ms: ms(f95) },
  'ratio submission / floor (target p95 <= 1.5)': { p50_ms: (a50 / f50).toFixed(2), p95_ms: (a95 / f95).toFixed(2) },
  'GET /api/me (token + session check, local HTTP)': { p50_ms: ms(pct(meMs, 50)), p95_ms: ms(pct(meMs, 95)) },
  'POST /api/referrals, burst (workflows competing)': { p50_ms: ms(pct(burst, 50)), p95_ms: ms(pct(burst, 95)) },
  'ratio burst / floor': { p50_ms: (pct(burst, 50) / f50).toFixed(2), p95_ms: (pct(burst, 95) / f95).toFixed(2) },
});
console.log('Where a submission spends its time (per request; DynamoDB calls the handler made, then the rest)');
console.table(
  Object.fromEntries(
    [...breakdown].map(([op, { calls, ms: xs }]) => [
      op,
      { calls_per_request: op === REST ? '' : calls.toFixed(2), p50_ms: ms(pct(xs, 50)), p95_ms: ms(pct(xs, 95)) },
    ]),
  ),
);
const sizes = await bundles();
console.log('Lambda bundles (minified, target < 300 KB each)');
console.table(Object.fromEntries(sizes.map(([id, n]) => [id, { size: kb(n), under_target: n < 300 * 1024 }])));
const web = webJs();
if (!web) {
  console.log('Web JavaScript: skipped (the web app could not be built; run `npm run build:web` and see its errors)');
} else {
  console.log("Web JavaScript (target: the form's JavaScript < 150 KB gzipped)");
  console.table({
    'referral form: scripts index.html loads': { raw: kb(web.form.raw), gzipped: kb(web.form.gz), under_target: web.form.gz < 150 * 1024 },
    'everything, staff pages (lazy) included': { raw: kb(web.all.raw), gzipped: kb(web.all.gz), under_target: '(no target)' },
  });
}
await (await import('./lists.js')).listsBench();
