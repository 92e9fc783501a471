/**
 * `npm run bench`, lists section: "My tasks" and the first page of "Cases"
 * for a Board with 1,000 and with 20,000 cases (90% closed), seeded straight
 * into DynamoDB Local with batch writes in the store's own layout. For each:
 * items read (ScannedCount, and DynamoDB's ConsumedCapacity in read units)
 * and p50/p95 latency of the use case with the real store, and the 20k/1k
 * ratio (target <= 1.2: the work does not grow with the Board's history).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localDynamoClient, startDynamoLocal } from '../../infra/local/dynamodb.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { DynamoCaseStore } from '../../functions/adapters/aws/dynamo-case-store.js';
import { headerItem, taskItem } from '../../functions/adapters/aws/case-items.js';
import { englandAndWalesCalendar } from '../../functions/domain/calendar/working-days.js';
import { buildCase } from '../../functions/domain/intake/intake.js';
import { caseTasks, listCases, listTasks, type ViewDeps } from '../../functions/domain/case/case-views.js';
import { openReview } from '../../functions/domain/review/review.js';
import { withSchedule } from '../../functions/domain/case/outbox.js';
import type { CaseRecord } from '../../functions/domain/case/case.js';
import type { Caller } from '../../functions/ports/identity.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { cryptoIds } from '../../functions/ports/ids.js';
import { makeReferral } from '../factories/referral.js';

const SIZES = [1_000, 20_000] as const;
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 60);
const WARMUP = 15;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** What one call read: items DynamoDB scanned and the read capacity it charged. */
interface Reads {
  scanned: number;
  capacity: number;
}

export async function listsBench(): Promise<void> {
  const board = parseBoardConfig(JSON.parse(readFileSync('infra/config/board.example.json', 'utf8')));
  const calendar = englandAndWalesCalendar();
  const clock = new FakeClock('2026-12-01T10:00:00Z');
  const dataDir = mkdtempSync(join(tmpdir(), 'scr-bench-lists-'));
  const quiet = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };
  const dynamo = await startDynamoLocal({ dbDir: dataDir, port: 0, log: quiet as never });
  try {
    const client = localDynamoClient(dynamo.endpoint);
    // Every read asks DynamoDB what it cost; the totals are kept per measured call.
    const reads: Reads = { scanned: 0, capacity: 0 };
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as Record<string, unknown>;
        if ('KeyConditionExpression' in input || 'RequestItems' in input) input.ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        const o = out.output as { ScannedCount?: number; Count?: number; Responses?: Record<string, unknown[]>; ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
        if (typeof o.ScannedCount === 'number') reads.scanned += o.ScannedCount;
        else if (o.Responses) reads.scanned += Object.values(o.Responses).reduce((n, r) => n + r.length, 0);
        for (const c of [o.ConsumedCapacity].flat()) reads.capacity += c?.CapacityUnits ?? 0;
        return out;
      },
      { step: 'initialize', name: 'benchReadCounter' },
    );
    const ddb = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

    const deps = (tableName: string): ViewDeps => ({
      store: new DynamoCaseStore(ddb, tableName, 'SCR', (c, now) => caseTasks(c, { board, calendar }, now)),
      clock,
      ids: cryptoIds,
      calendar,
      profile: board.procedureProfile,
      board,
    });
    for (const size of SIZES) {
      const t = performance.now();
      await ensureTable(client, `bench-${size}`, quiet as never);
      await seed(ddb, `bench-${size}`, size, board, calendar, clock.now());
      console.log(`Seeded ${size} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }

    const callers: Record<string, Caller> = {
      "My tasks (business manager: own duties and everyone's overdue)": staff('business-manager', board.businessManager.email),
      'My tasks (Board chair)': staff('board-chair', board.boardChair.email),
      'Cases, first page (business manager)': staff('business-manager', board.businessManager.email),
    };
    const results: Record<string, Record<number, { ms: number[]; reads: Reads }>> = {};
    // Interleaved: each round runs every call at both sizes, so a JVM warming up or a busy machine weighs on both alike.
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const [label, caller] of Object.entries(callers)) {
        for (const size of SIZES) {
          const d = deps(`bench-${size}`);
          const meta = { requestId: 'bench' };
          reads.scanned = 0;
          reads.capacity = 0;
          const t = performance.now();
          if (label.startsWith('Cases')) await listCases(d, caller, meta);
          else await listTasks(d, caller, meta);
          const ms = performance.now() - t;
          if (round < WARMUP) continue;
          const r = ((results[label] ??= {})[size] ??= { ms: [], reads: { scanned: 0, capacity: 0 } });
          r.ms.push(ms);
          r.reads = { ...reads };
        }
      }
    }
    console.log(`\nLists at 1,000 and 20,000 cases (90% closed), ${ROUNDS} interleaved rounds after ${WARMUP} warm-up; target 20k/1k <= 1.2`);
    const table: Record<string, Record<string, string>> = {};
    for (const [label, bySize] of Object.entries(results)) {
      const [small, large] = [bySize[SIZES[0]]!, bySize[SIZES[1]]!];
      for (const size of SIZES) {
        const r = bySize[size]!;
        table[`${label} @ ${size}`] = {
          items_read: String(r.reads.scanned),
          read_units: r.reads.capacity.toFixed(1),
          p50_ms: pct(r.ms, 50).toFixed(2),
          p95_ms: pct(r.ms, 95).toFixed(2),
        };
      }
      table[`${label}: ratio 20k/1k`] = {
        items_read: (large.reads.scanned / Math.max(1, small.reads.scanned)).toFixed(2),
        read_units: (large.reads.capacity / Math.max(0.5, small.reads.capacity)).toFixed(2),
        p50_ms: (pct(large.ms, 50) / pct(small.ms, 50)).toFixed(2),
        p95_ms: (pct(large.ms, 95) / pct(small.ms, 95)).toFixed(2),
      };
    }
    console.table(table);
  } finally {
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const staff = (role: Caller['roles'][number], email: string): Caller => ({ userId: `bench-${role}`, email, pool: 'staff', roles: [role], sessionId: 's', authTime: 0 });

/**
 * `count` cases, newest last, one a day-ish apart: 90% closed (no review), 5%
 * awaiting a decision, 5% in review, their header and task items written as
 * the store writes them, 25 to a batch, a few batches at a time.
 */
async function seed(ddb: DynamoDBDocumentClient, tableName: string, count: number, board: ReturnType<typeof parseBoardConfig>, calendar: ReturnType<typeof englandAndWalesCalendar>, now: Date) {
  const referral = makeReferral();
  const items: Record<string, unknown>[] = [];
  const span = 10 * 365 * 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const kind = i % 20;
    // Open cases are recent; closed ones spread over ten years.
    const receivedAt = kind < 2 ? new Date(now.getTime() - (i % 40) * 24 * 3600 * 1000 - 3600_000) : new Date(now.getTime() - span + Math.floor((i / count) * span));
    const reference = `SCR-${receivedAt.getUTCFullYear()}-${String(i + 1).padStart(5, '0')}`;
    let c: CaseRecord = buildCase(referral, reference, receivedAt, { board, calendar, ids: { uuid: () => `${i}`, secret: () => 's' } }, { requestId: 'seed' }).caseRecord;
    if (kind === 0) c = { ...c, status: 'awaiting-decision' };
    else if (kind === 1) c = withSchedule(undefined, { ...c, status: 'review-decided', review: openReview(receivedAt, board, calendar) });
    else c = { ...c, status: 'no-review' };
    const tasks = caseTasks(c, { board, calendar }, now);
    items.push(headerItem(c, { criteriaOutcome: c.criteria.outcome, ...(tasks[0] ? { nextTask: tasks[0] } : {}) }));
    for (const t of tasks) items.push(taskItem(reference, t));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let request: Record<string, unknown>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      while (request?.length) {
        const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: request as never } }));
        request = out.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

// `npx tsx test/bench/lists.ts` runs this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await listsBench();
