/**
 * `npx tsx test/bench/report-export.ts`: a report, not a test. p50/p95 of
 * exporting a version of the overview report whose integrated chronology has
 * 500 and 5,000 rows (ten organisations), with a genogram of 40 people:
 * 1. the document model and its Word file (`docx`);
 * 2. the printable HTML and its PDF (Chromium through playwright-core; only
 *    where CHROMIUM_PATH or /usr/bin/chromium exists);
 * 3. the same PDF printed by the report Lambda's Chromium (@sparticuz/chromium,
 *    Linux x86_64 only), and its cold start (decompressing it into a fresh /tmp).
 * Rounds: BENCH_EXPORT_ROUNDS (the PDF takes a fifth as many).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportDocument, type ExportChronologyRow } from '../../functions/domain/report/export-document.js';
import { renderDocx } from '../../functions/domain/report/export-docx.js';
import { pdfChrome, renderHtml } from '../../functions/domain/report/export-html.js';
import { ChromiumPdfRenderer, pdfRendererFor } from '../../functions/adapters/pdf/chromium-pdf.js';
import { makeExportInput } from '../factories/report.js';

const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 10);
const WARMUP = 2;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function measure(label: string, run: () => Promise<unknown>, rounds = ROUNDS): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(48)} p50 ${ms(pct(times, 50)).padStart(10)}   p95 ${ms(pct(times, 95)).padStart(10)}`);
}

const organisations = Array.from({ length: 10 }, (_, i) => `Organisation ${i + 1}`);
const rows = (n: number): ExportChronologyRow[] =>
  Array.from({ length: n }, (_, i) => ({
    when: `20${25 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    organisation: organisations[i % 10]!,
    what: `Invented event ${i}: contact recorded, follow-up arranged and information shared with the lead professional.`,
    childSeen: i % 3 === 0,
    wishesAndFeelings: i % 5 === 0,
  }));
const genogram = (people: number) => {
  const shapes = Array.from({ length: people }, (_, i) => `<rect x="${(i % 10) * 60}" y="${Math.floor(i / 10) * 80}" width="30" height="30"/><text x="${(i % 10) * 60}" y="${Math.floor(i / 10) * 80 + 45}">Person ${i}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 320">${shapes.join('')}</svg>`;
};

async function main() {
  console.log(`Report export bench: ${ROUNDS} rounds after ${WARMUP} warm-up (Node ${process.version})`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const pdf = existsSync(chromium) ? new ChromiumPdfRenderer(chromium) : undefined;
  // The report Lambda's printer, as PDF_CHROMIUM_LAYER picks it, with a /tmp of its own.
  const lambdaTmp = process.platform === 'linux' && process.arch === 'x64' ? mkdtempSync(path.join(tmpdir(), 'bench-lambda-tmp-')) : undefined;
  if (lambdaTmp) process.env.TMPDIR = lambdaTmp;
  const lambdaPdf = lambdaTmp ? pdfRendererFor({ PDF_CHROMIUM_LAYER: 'true' }) : undefined;
  if (lambdaPdf) {
    const doc = exportDocument(makeExportInput());
    const t = performance.now();
    await lambdaPdf.render(renderHtml(doc), pdfChrome(doc));
    console.log(`${'Lambda Chromium cold start + small PDF'.padEnd(48)} ${ms(performance.now() - t).padStart(14)}`);
  }
  for (const n of [500, 5000]) {
    const input = makeExportInput({ chronology: rows(n), genogramSvg: genogram(40), genogramText: Array.from({ length: 40 }, (_, i) => `Person ${i}`) });
    const doc = exportDocument(input);
    const docx = await renderDocx(doc);
    console.log(`${n.toLocaleString('en-GB')} chronology rows: Word ${(docx.length / 1024).toFixed(0)} KB`);
    await measure(`Word export, ${n.toLocaleString('en-GB')} rows`, () => renderDocx(exportDocument(input)));
    if (pdf) await measure(`PDF export, ${n.toLocaleString('en-GB')} rows`, () => pdf.render(renderHtml(doc), pdfChrome(doc)), Math.max(1, Math.ceil(ROUNDS / 5)));
    else console.log('PDF export: no Chromium here (CHROMIUM_PATH), not measured');
    if (lambdaPdf) await measure(`PDF export (Lambda Chromium), ${n.toLocaleString('en-GB')} rows`, () => lambdaPdf.render(renderHtml(doc), pdfChrome(doc)), Math.max(1, Math.ceil(ROUNDS / 5)));
  }
  if (lambdaTmp) rmSync(lambdaTmp, { recursive: true, force: true });
}

await main();
