/**
 * `npm run bench`: a report, not a test. Measures
 * 1. referral submission latency through the local API (p50/p95) beside a
 *    bare TransactWriteItems of the same items on the same DynamoDB Local;
 * 2. each Lambda bundle's minified size (esbuild, as the CDK stack bundles);
 * 3. the web form's JavaScript (what index.html loads), gzipped; and all of the web app's, staff pages included.
 * Targets: ratio <= 2.0, bundles < 300 KB, form JS < 150 KB gzipped.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform } from '../../infra/local/platform.js';
import { lambdas } from '../../infra/catalogue.js';
import { waitForMail } from '../../infra/local/mailbox.js';
import { signInReferrerLocally } from '../../infra/local/cognito/sign-in.js';
import { makeReferral } from '../factories/referral.js';
import { buildCase } from '../../functions/domain/intake.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { caseItem, auditItem } from '../../functions/adapters/aws/dynamo-case-store.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { bundlingOptions } from '../../infra/bundling.js';

const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function latency() {
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-bench-'));
  const platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, quiet: true });
  try {
    const referral = makeReferral();
    const idToken = (await signInReferrerLocally(platform, referral.referrer.email)).IdToken!;
    const submit = async () => {
      const t = performance.now();
      const res = await fetch(`${platform.apiUrl}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), authorization: `Bearer ${idToken}` },
        body: JSON.stringify(referral),
      });
      const body = (await res.json()) as { reference: string };
      if (res.status !== 201) throw new Error(`Unexpected ${res.status}`);
      return { ms: performance.now() - t, reference: body.reference };
    };
    // The floor first, on a quiet DynamoDB Local: nothing else is running yet.
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
    const deps = { board, calendar: englandAndWalesCalendar(), ids: cryptoIds };
    const bare: number[] = [];
    // DynamoDB Local is a JVM: the first few hundred requests run slower while it compiles hot
    // paths. Warm it with as many transactions as are measured, so the floor is a warm floor.
    const BARE_WARMUP = Math.max(WARMUP, N);
    for (let i = 0; i < N + BARE_WARMUP; i++) {
      const reference = `BENCH-2026-${String(i + 1).padStart(4, '0')}`;
      const t = performance.now();
      const { caseRecord, audit } = buildCase(referral, reference, new Date(), deps, { requestId: 'bench' });
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: platform.tableName,
                Key: keys.referenceCounter(1900),
                UpdateExpression: 'SET #s = :n',
                ConditionExpression: 'attribute_not_exists(pk) OR #s = :c',
                ExpressionAttributeNames: { '#s': 'sequence' },
                ExpressionAttributeValues: { ':n': i + 1, ':c': i },
              },
            },
            { Put: { TableName: platform.tableName, Item: caseItem(caseRecord), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: platform.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: platform.tableName,
                Item: { ...keys.idempotency(crypto.randomUUID()), type: 'idempotency', reference },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      if (i >= BARE_WARMUP) bare.push(performance.now() - t);
    }
    // Paced: each referral's workflow (outbox, three emails) settles before the next arrives,
    // as referrals do in life (a few a week). This is the figure the ratio target is about.
    const api: number[] = [];
    for (let i = 0; i < N + WARMUP; i++) {
      const { ms, reference } = await submit();
      if (i >= WARMUP) api.push(ms);
      // The outbox starts the execution a moment later, from the table's stream; it has
      // settled when its three emails are out (it then waits for the first reminder).
      await waitForMail(platform.sesEndpoint, (mail) => mail.filter((m) => m.subject.includes(reference)).length >= 3, {
        timeoutMs: 30_000,
        intervalMs: 10,
      });
    }
    // Burst last: back to back, so the workflows of earlier referrals compete for the same
    // DynamoDB Local and CPU.
    const burst: number[] = [];
    for (let i = 0; i < N; i++) burst.push((await submit()).ms);
    return { api, burst, bare };
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
  if (!existsSync(dir)) throw new Error('web/dist is missing: run `npm run build:web` first');
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

const { api, burst, bare } = await latency();
const [a50, a95, b50, b95] = [pct(api, 50), pct(api, 95), pct(bare, 50), pct(bare, 95)];
console.log(`\nReferral submission latency (${N} sequential requests after ${WARMUP} warm-up)`);
console.table({
  'POST /api/referrals, paced (local API)': { p50_ms: a50.toFixed(2), p95_ms: a95.toFixed(2) },
  'POST /api/referrals, burst (workflows competing)': { p50_ms: pct(burst, 50).toFixed(2), p95_ms: pct(burst, 95).toFixed(2) },
  'bare TransactWriteItems (same items)': { p50_ms: b50.toFixed(2), p95_ms: b95.toFixed(2) },
  'ratio paced / bare (target <= 2.0)': { p50_ms: (a50 / b50).toFixed(2), p95_ms: (a95 / b95).toFixed(2) },
  'ratio burst / bare': { p50_ms: (pct(burst, 50) / b50).toFixed(2), p95_ms: (pct(burst, 95) / b95).toFixed(2) },
});
const sizes = await bundles();
console.log('Lambda bundles (minified, target < 300 KB each)');
console.table(Object.fromEntries(sizes.map(([id, n]) => [id, { size: kb(n), under_target: n < 300 * 1024 }])));
const web = webJs();
console.log("Web JavaScript (target: the form's JavaScript < 150 KB gzipped)");
console.table({
  'referral form: scripts index.html loads': { raw: kb(web.form.raw), gzipped: kb(web.form.gz), under_target: web.form.gz < 150 * 1024 },
  'everything, staff pages (lazy) included': { raw: kb(web.all.raw), gzipped: kb(web.all.gz), under_target: '(no target)' },
});
await (await import('./lists.js')).listsBench();
