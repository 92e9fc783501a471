/**
 * `npx tsx test/bench/integrated-chronology.ts`: a report, not a test. The
 * overview report's integrated chronology (issue 11): 5,000 rows from ten
 * organisations' accepted IMRs merged with `mergeChronologies`, measured in
 * interleaved rounds against a like-for-like floor: `sortChronology` (one
 * IMR's own ordering) of the same 5,000 rows in one list. Interleaving (merge,
 * floor, merge, floor...) means the machine's load falls on both alike. Then
 * grouping 100 events and the child-seen filter on the merged rows.
 * Pure functions only. Rounds: BENCH_CHRONO_ROUNDS (default 60).
 */
import { sortChronology, type ChronologyRow } from '../../functions/domain/contributions/chronology.js';
import { applyGroups, filterRows, mergeChronologies, type ChronologyGroup, type ChronologyInput } from '../../functions/domain/report/integrated-chronology.js';

const ROUNDS = Number(process.env.BENCH_CHRONO_ROUNDS ?? 60);
const WARMUP = 5;
const ORGANISATIONS = 10;
const ROWS = 5000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const answers = ['yes', 'no', 'not-recorded'] as const;

/** Invented rows over two years: days, uncertain days, months, years, some times, several a day; stored order shuffled. */
function benchInputs(organisations = ORGANISATIONS, rows = ROWS): ChronologyInput[] {
  const per = rows / organisations;
  return Array.from({ length: organisations }, (_, o) => {
    const list: ChronologyRow[] = Array.from({ length: per }, (_, i) => {
      const n = i * organisations + o;
      const day = 1 + (n % 28);
      const month = 1 + (Math.floor(n / 28) % 12);
      const year = 2025 + (Math.floor(n / 336) % 2);
      const mm = String(month).padStart(2, '0');
      const date = n % 23 === 0 ? String(year) : n % 17 === 0 ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`;
      return {
        id: `r${String(i).padStart(5, '0')}`,
        position: i,
        date,
        dateUncertain: n % 31 === 0 && date.length === 10,
        ...(n % 3 === 0 && date.length === 10 ? { time: `${String(8 + (n % 10)).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}` } : {}),
        role: 'Practitioner',
        organisation: `Organisation ${o + 1}`,
        whatHappened: `Invented event ${n}: contact recorded and information shared with the lead professional.`,
        childSeen: answers[n % 3]!,
        wishesSought: answers[(n + 1) % 3]!,
        wishesExpressed: answers[(n + 2) % 3]!,
        wishesRecorded: answers[n % 2]!,
        sourceRecord: `Record ${n}`,
      };
    });
    // A store returns rows in key order, not reading order.
    list.sort((a, b) => ((a.id.charCodeAt(3) * 7919 + a.position) % 97) - ((b.id.charCodeAt(3) * 7919 + b.position) % 97));
    return { organisation: `Organisation ${o + 1}`, contributionId: `contribution-${o + 1}`, rows: list };
  });
}

function main() {
  const inputs = benchInputs();
  const flat = inputs.flatMap((i) => i.rows);
  const merged = mergeChronologies(inputs);
  if (merged.length !== ROWS) throw new Error(`merged ${merged.length} rows, expected ${ROWS}`);

  const mergeTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    let t = performance.now();
    mergeChronologies(inputs);
    const merge = performance.now() - t;
    t = performance.now();
    sortChronology(flat);
    const floor = performance.now() - t;
    if (i >= WARMUP) {
      mergeTimes.push(merge);
      floorTimes.push(floor);
    }
  }

  // 100 events, each grouping a row of two organisations on the same day.
  const groups: ChronologyGroup[] = [];
  const byDay = new Map<string, typeof merged>();
  for (const r of merged) if (r.row.date.length === 10) byDay.set(r.row.date, [...(byDay.get(r.row.date) ?? []), r]);
  for (const rows of byDay.values()) {
    if (groups.length >= 100) break;
    const a = rows[0]!;
    const b = rows.find((r) => r.organisation !== a.organisation);
    if (b) groups.push({ id: `g${groups.length}`, rowKeys: [a.key, b.key], createdAt: '', createdBy: '' });
  }
  const groupTimes: number[] = [];
  const filterTimes: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    let t = performance.now();
    applyGroups(merged, groups);
    const g = performance.now() - t;
    t = performance.now();
    filterRows(merged, { childSeen: true });
    const f = performance.now() - t;
    if (i >= WARMUP) {
      groupTimes.push(g);
      filterTimes.push(f);
    }
  }

  console.log(`Integrated chronology bench: ${ROWS.toLocaleString('en-GB')} rows from ${ORGANISATIONS} organisations, ${ROUNDS} interleaved rounds after ${WARMUP} warm-up (Node ${process.version})`);
  const line = (label: string, xs: number[]) => console.log(`${label.padEnd(52)} p50 ${ms(pct(xs, 50)).padStart(10)}   p95 ${ms(pct(xs, 95)).padStart(10)}`);
  line('mergeChronologies (10 x 500 rows)', mergeTimes);
  line('floor: sortChronology of the same 5,000 rows', floorTimes);
  console.log(`${'ratio merge / floor'.padEnd(52)} p50 ${(pct(mergeTimes, 50) / pct(floorTimes, 50)).toFixed(2).padStart(10)}   p95 ${(pct(mergeTimes, 95) / pct(floorTimes, 95)).toFixed(2).padStart(10)}`);
  line(`applyGroups (${groups.length} groups)`, groupTimes);
  line('filterRows (child seen)', filterTimes);
}

main();
