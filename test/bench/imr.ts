/**
 * `npm run bench:imr`: a report, not a test. An individual management review
 * with a chronology of 500 rows, through the real local API (issue 10):
 * 1. loading it: the chronology (GET, 500 rows sorted), and the IMR read
 *    whole (contribution, sections and chronology together), against a floor: a bare consistent Query of the same 500
 *    items on the same DynamoDB Local;
 * 2. saving it: a section (PUT, conditional on its version), one chronology
 *    row changed (PUT), and a row added then deleted (POST + DELETE, so the
 *    chronology stays at 500).
 * Rounds are interleaved (one of each per round, floor first) so that every
 * measure sees the same JVM, machine load and table. Then, in Chromium when
 * it is there (CHROMIUM_PATH or /usr/bin/chromium), the chronology page with
 * its 500 rows: from navigation to the table drawn, and a "Move up" from the
 * key press to the table drawn again. `BENCH_IMR_N` sets the measured rounds
 * (default 60, after 10 warm-up rounds).
 */
import { existsSync, rmSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import { firstSignIn } from '../support/staff.js';
import { eventually } from '../support/eventually.js';
import { BUSINESS_MANAGER, decidedCase, startWorkspacePlatform } from '../e2e/workspace-fixture.js';

const N = Number(process.env.BENCH_IMR_N ?? 60);
const WARMUP = 10;
const ROWS = 500;
const SENIOR_OFFICER = 'so@police.example.org';
const AUTHOR = 'author@police.example.org';
const PASSWORD = 'A-new-Passw0rd-for-tests!';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => n.toFixed(1);

/** Invented rows over a year: a pair on each day (so same-day rows can be moved), some times, some months alone. */
function entry(i: number) {
  const answers = ['yes', 'no', 'not-recorded'] as const;
  const day = 1 + (Math.floor(i / 2) % 28);
  const month = 1 + (Math.floor(i / 56) % 12);
  const date = i % 23 === 0 ? `2026-${String(month).padStart(2, '0')}` : `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    date,
    ...(i % 7 === 0 && i % 23 !== 0 ? { time: `${String(8 + (i % 10)).padStart(2, '0')}:30` } : {}),
    role: ['Health visitor', 'Social worker', 'Class teacher', 'GP', 'Police constable'][i % 5]!,
    organisation: 'Northshire Police',
    whatHappened: `Invented event ${i}: contact recorded, follow-up arranged and information shared with the lead professional.`,
    ...(i % 4 === 0 ? {} : { decisionOrAction: 'Referral discussed with the team manager; plan reviewed.' }),
    childSeen: answers[i % 3]!,
    wishesSought: answers[(i + 1) % 3]!,
    wishesExpressed: answers[(i + 2) % 3]!,
    wishesRecorded: answers[i % 2]!,
    sourceRecord: `Record system entry ${1000 + i}`,
  };
}

async function main() {
  const { platform, dataDir } = await startWorkspacePlatform('scr-bench-imr-');
  try {
    const tokens = new Map<string, string>();
    const api = async (as: string, method: string, path: string, body?: unknown) => {
      let token = tokens.get(as);
      if (!token) {
        token = (await signInStaffLocally(platform, as, as === BUSINESS_MANAGER ? platform.localStaff.password : PASSWORD)).IdToken!;
        tokens.set(as, token);
      }
      const res = await fetch(`${platform.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    };

    // Prepare: a decided review, an IMR in progress with 500 rows and its four sections saved.
    const reference = await decidedCase(platform);
    for (const [email, role] of [
      [SENIOR_OFFICER, 'senior-officer'],
      [AUTHOR, 'agency-contributor'],
    ] as const) {
      await api(BUSINESS_MANAGER, 'POST', '/users', { name: `Bench ${role}`, email, role });
      await firstSignIn(platform, email, PASSWORD);
    }
    const asked = await api(BUSINESS_MANAGER, 'POST', `/cases/${reference}/contributions`, { kind: 'imr', organisation: 'Northshire Police', seniorOfficerName: 'Sam Senior', seniorOfficerEmail: SENIOR_OFFICER });
    const id = String(asked.id);
    const base = `/cases/${reference}/contributions/${id}`;
    await api(SENIOR_OFFICER, 'POST', `${base}/author`, { authorName: 'Ann Author', authorJobTitle: 'Detective Inspector', authorEmail: AUTHOR });
    await api(AUTHOR, 'POST', `${base}/independence`, { notDirectlyConcerned: true, notLineManager: true });
    for (let start = 0; start < ROWS; start += 99) {
      await api(AUTHOR, 'POST', `${base}/imr/chronology`, { entries: Array.from({ length: Math.min(99, ROWS - start) }, (_, k) => entry(start + k)) });
    }
    const answers = Array.from({ length: 9 }, (_, i) => `Answer ${i + 1}: ${'a considered answer drawing on the chronology. '.repeat(20)}`);
    let analysisVersion = Number((await api(AUTHOR, 'PUT', `${base}/imr/analysis`, { content: { answers, caseSpecific: [] } })).version);
    await api(AUTHOR, 'PUT', `${base}/imr/learning`, {
      content: { goodPractice: 'Some', waysOfWorking: 'Some', training: 'Some', managementAndSupervision: 'Some', partnershipWorking: 'Some', resources: 'Some' },
    });
    const rows = (await api(AUTHOR, 'GET', `${base}/imr/chronology`)).rows as { id: string }[];
    if (rows.length !== ROWS) throw new Error(`Expected ${ROWS} rows, read ${rows.length}`);
    const changed = rows[250]!.id;
    // Each edit sends the row's version it read (the PUT is conditional on it).
    let changedVersion = 1;

    // The floor: the same items, read bare.
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: 'eu-west-2', endpoint: platform.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    const floor = async () => {
      let n = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const out = await ddb.send(
          new QueryCommand({
            TableName: platform.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.chronologyPrefix(id) },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        n += out.Items?.length ?? 0;
        ExclusiveStartKey = out.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      if (n !== ROWS) throw new Error(`The floor read ${n} rows`);
    };
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };

    const results: Record<string, number[]> = {};
    const record = (label: string, value: number, measured: boolean) => {
      if (measured) (results[label] ??= []).push(value);
    };
    for (let i = 0; i < N + WARMUP; i++) {
      const measured = i >= WARMUP;
      record('floor: bare Query of the 500 rows (DynamoDB Local)', await time(floor), measured);
      record('GET chronology (500 rows, sorted, audited)', await time(() => api(AUTHOR, 'GET', `${base}/imr/chronology`)), measured);
      record(
        'the IMR read whole: contribution, sections, chronology (together)',
        await time(() => Promise.all([api(AUTHOR, 'GET', base), api(AUTHOR, 'GET', `${base}/imr`), api(AUTHOR, 'GET', `${base}/imr/chronology`)])),
        measured,
      );
      record(
        'PUT a section (analysis, ~9 KB, conditional)',
        await time(async () => {
          analysisVersion = Number((await api(AUTHOR, 'PUT', `${base}/imr/analysis`, { content: { answers, caseSpecific: [] }, expectedVersion: analysisVersion })).version);
        }),
        measured,
      );
      record(
        'PUT one chronology row (changed, conditional on its version)',
        await time(async () => {
          const out = await api(AUTHOR, 'PUT', `${base}/imr/chronology/${changed}`, { entry: { ...entry(250), whatHappened: `Changed in round ${i}` }, expectedVersion: changedVersion });
          changedVersion = Number((out.rows as { version: number }[])[0]!.version);
        }),
        measured,
      );
      record(
        'POST a row, then DELETE it (500 stay)',
        await time(async () => {
          const added = (await api(AUTHOR, 'POST', `${base}/imr/chronology`, { entries: [entry(i)] })).rows as { id: string }[];
          await api(AUTHOR, 'DELETE', `${base}/imr/chronology/${added[0]!.id}`);
        }),
        measured,
      );
    }
    console.log(`\nAn IMR with a ${ROWS}-row chronology through the local API (${N} interleaved rounds after ${WARMUP} warm-up)`);
    console.table(Object.fromEntries(Object.entries(results).map(([label, xs]) => [label, { p50_ms: ms(pct(xs, 50)), p95_ms: ms(pct(xs, 95)) }])));

    await browserRender(platform, `${base}`);
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The chronology page with 500 rows in Chromium: navigation to table drawn, and a move. */
async function browserRender(platform: LocalPlatform, base: string) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.log(`Chromium not found at ${executablePath}: the page render is not measured`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await (await browser.newContext()).newPage();
    // Sign in as the author (password, then the emailed code).
    await page.goto(`${platform.appUrl}/cases`);
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.fill('#email', AUTHOR);
    await page.fill('#password', PASSWORD);
    const before = (await readMailbox(platform.sesEndpoint)).length;
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/sign-in/code');
    const code = await eventually(
      async () => /\b(\d{6,8})\b/.exec((await readMailbox(platform.sesEndpoint)).slice(before).filter((m) => m.to.includes(AUTHOR)).at(-1)?.text ?? '')?.[1] ?? '',
      (c) => c !== '',
      'the sign-in code',
    );
    await page.fill('#code', code);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/cases');

    const loads: number[] = [];
    const moves: number[] = [];
    const rounds = 8;
    for (let i = 0; i < rounds + 2; i++) {
      const t = performance.now();
      await page.goto(`${platform.appUrl}${base}/chronology`);
      await page.locator('table.app-chronology-table tbody tr').nth(ROWS - 1).waitFor();
      const loaded = performance.now() - t;
      // A move: the key press to the table drawn again with the banner.
      const button = page.locator('button', { hasText: 'Move down' }).first();
      await button.focus();
      const m = performance.now();
      await page.keyboard.press('Enter');
      await page.locator('.govuk-notification-banner--success').waitFor();
      await page.locator('table.app-chronology-table tbody tr').nth(ROWS - 1).waitFor();
      const moved = performance.now() - m;
      if (i >= 2) {
        loads.push(loaded);
        moves.push(moved);
      }
    }
    console.log(`The chronology page with ${ROWS} rows in Chromium (${rounds} rounds after 2 warm-up; includes the API and local HTTP)`);
    console.table({
      'open the page: navigation to the 500th row drawn': { p50_ms: ms(pct(loads, 50)), p95_ms: ms(pct(loads, 95)) },
      'Move down: key press to the table drawn again': { p50_ms: ms(pct(moves, 50)), p95_ms: ms(pct(moves, 95)) },
    });
  } finally {
    await browser.close();
  }
}

await main();
