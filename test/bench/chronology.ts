/**
 * `npx tsx test/bench/chronology.ts`: a report, not a test. For a chronology
 * of 500 rows, p50/p95 of
 * 1. parsing the file into checked rows: CSV, XLSX and a Word table;
 * 2. putting rows in reading order (`sortChronology`) and merging an import
 *    into an existing chronology (`mergeChronology`), for 500 and 5,000 rows.
 * Pure functions only: no emulator, no network. Rounds: BENCH_CHRONO_ROUNDS.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { mergeChronology, reviewPeriodCheck, sortChronology, type ChronologyEntry, type ChronologyRow } from '../../functions/domain/contributions/chronology.js';
import { chronologyColumns } from '../../functions/domain/contributions/chronology-columns.js';
import { parseChronologyCsv, parseChronologyDocx, parseChronologyXlsx } from '../../functions/domain/contributions/chronology-import.js';

const ROUNDS = Number(process.env.BENCH_CHRONO_ROUNDS ?? 40);
const WARMUP = 5;
const ROWS = 500;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function measure(label: string, run: () => unknown | Promise<unknown>, rounds = ROUNDS) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${ms(pct(times, 50)).padStart(10)}   p95 ${ms(pct(times, 95)).padStart(10)}`);
}

/** Invented rows spread over two years: every precision, some times, several a day. */
function fileRows(n: number): string[][] {
  const answers = ['Yes', 'No', 'Not recorded'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return Array.from({ length: n }, (_, i) => {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const year = 2025 + (Math.floor(i / 336) % 2);
    const date =
      i % 17 === 0 ? `c. ${months[month - 1]} ${year}` : i % 5 === 0 ? `${day} ${months[month - 1]} ${year}` : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    const cells: Record<string, string> = {
      date,
      time: i % 3 === 0 && i % 17 !== 0 ? `${String(8 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}` : '',
      role: ['Health visitor', 'Social worker', 'Class teacher', 'GP', 'Police constable'][i % 5]!,
      organisation: ['Community health', "Children's social care", 'Primary school', 'GP practice', 'Police'][i % 5]!,
      whatHappened: `Invented event ${i}: contact recorded, follow-up arranged and information shared with the lead professional.`,
      decisionOrAction: i % 4 === 0 ? '' : 'Referral discussed with the team manager; plan reviewed.',
      childSeen: answers[i % 3]!,
      wishesSought: answers[(i + 1) % 3]!,
      wishesExpressed: answers[(i + 2) % 3]!,
      wishesRecorded: answers[i % 2]!,
      sourceRecord: `Record system entry ${1000 + i}`,
    };
    return chronologyColumns.map((c) => cells[c.key]!);
  });
}

async function main() {
  const headings = chronologyColumns.map((c) => c.heading);
  const data = fileRows(ROWS);
  const check = reviewPeriodCheck({ from: '2025-01-01', to: '2026-12-31' });

  const csv = new TextEncoder().encode(Papa.unparse([headings, ...data]));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Chronology');
  sheet.addRow(headings);
  for (const r of data) sheet.addRow(r);
  const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
  const docx = new Uint8Array(
    await Packer.toArrayBuffer(
      new Document({
        sections: [
          {
            children: [
              new Table({
                rows: [headings, ...data].map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
              }),
            ],
          },
        ],
      }),
    ),
  );

  // Every file must import all rows cleanly, or the timings mean nothing.
  for (const [kind, result] of [
    ['CSV', parseChronologyCsv(csv, check)],
    ['XLSX', await parseChronologyXlsx(xlsx, check)],
    ['DOCX', parseChronologyDocx(docx, check)],
  ] as const) {
    if (result.rows.length !== ROWS || result.errors.length) throw new Error(`${kind}: ${result.rows.length} rows, errors ${JSON.stringify(result.errors.slice(0, 3))}`);
  }

  console.log(`Chronology bench: ${ROWS} rows a file, ${ROUNDS} rounds after ${WARMUP} warm-up (Node ${process.version})`);
  console.log(`file sizes: CSV ${(csv.length / 1024).toFixed(0)} KB, XLSX ${(xlsx.length / 1024).toFixed(0)} KB, DOCX ${(docx.length / 1024).toFixed(0)} KB`);
  await measure(`parse CSV, ${ROWS} rows`, () => parseChronologyCsv(csv, check));
  await measure(`parse XLSX, ${ROWS} rows`, () => parseChronologyXlsx(xlsx, check));
  await measure(`parse DOCX table, ${ROWS} rows`, () => parseChronologyDocx(docx, check));

  const entries = parseChronologyCsv(csv, check).rows.map((r) => r.entry);
  const many = (n: number): ChronologyEntry[] => Array.from({ length: n }, (_, i) => entries[(i * 7919) % entries.length]!);
  for (const n of [ROWS, 5000]) {
    let id = 0;
    const rows: ChronologyRow[] = mergeChronology([], many(n), () => `row-${id++}`).added.reverse();
    await measure(`sort ${n.toLocaleString('en-GB')} rows`, () => sortChronology(rows));
    const half = rows.slice(0, n / 2);
    const incoming = many(n / 2);
    await measure(`merge ${(n / 2).toLocaleString('en-GB')} into ${(n / 2).toLocaleString('en-GB')} rows`, () => mergeChronology(half, incoming, () => `m-${id++}`));
  }
}

await main();
