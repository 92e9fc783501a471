import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfRendererFor } from '../../functions/adapters/pdf/chromium-pdf.js';
import { exportDocument } from '../../functions/domain/report/export-document.js';
import { pdfChrome, renderHtml } from '../../functions/domain/report/export-html.js';
import { PROJECT_ROOT } from '../../infra/bin/create-app.js';
import { bundlingOptions } from '../../infra/bundling.js';
import { CHROMIUM_LAYER_PACKAGES, copyLayerPackages } from '../../infra/constructs/chromium-layer.js';
import { makeExportInput } from '../factories/report.js';

/**
 * The PDF export as the report Lambda prints it in AWS: @sparticuz/chromium's
 * own Chromium (x86_64, decompressed from its npm package on this machine),
 * chosen by PDF_CHROMIUM_LAYER as the CDK stack sets it, not /usr/bin/chromium.
 * The PDF is read back with pdf.js.
 */

const run = promisify(execFile);

/** Each page's text, and the PDF's producer, read back with pdf.js. */
async function readPdf(pdf: Uint8Array): Promise<{ pages: string[]; producer: string }> {
  const task = getDocument({ data: pdf, useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const { info } = (await doc.getMetadata()) as { info: { Producer?: string } };
  await task.destroy();
  return { pages, producer: info.Producer ?? '' };
}

const sparticuzMajor = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string }).version.split('.')[0]!;

// The Lambda's /tmp: a fresh one, so the binary is decompressed here and now (not found from an earlier run).
const lambdaTmp = mkdtempSync(path.join(tmpdir(), 'scr-lambda-tmp-'));
const previousTmp = process.env.TMPDIR;

beforeAll(() => {
  process.env.TMPDIR = lambdaTmp;
});
afterAll(() => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(lambdaTmp, { recursive: true, force: true });
});

const rows = Array.from({ length: 120 }, (_, i) => ({
  when: `2025-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`,
  organisation: ['Health Trust', 'Police', 'Nursery'][i % 3]!,
  what: `Event number ${i + 1}`,
  childSeen: i % 2 === 0,
}));

describe('the PDF export printed by the report Lambda’s Chromium (@sparticuz/chromium), read back with pdf.js', () => {
  it('with neither CHROMIUM_PATH nor PDF_CHROMIUM_LAYER there is no printer (PDF export answers 409)', () => {
    expect(pdfRendererFor({})).toBeUndefined();
  });

  it('PDF_CHROMIUM_LAYER picks the Lambda Chromium, which decompresses into /tmp and prints every page with its header and footer, tagged', async () => {
    // Prepare: the environment as the CDK stack sets it for the report Lambda (no CHROMIUM_PATH).
    const renderer = pdfRendererFor({ PDF_CHROMIUM_LAYER: 'true' });
    expect(renderer).toBeDefined();
    const base = makeExportInput();
    const doc = exportDocument({ ...base, chronology: [...base.chronology!, ...rows] });
    // Act
    const started = Date.now();
    const pdf = await renderer!.render(renderHtml(doc), pdfChrome(doc));
    const ms = Date.now() - started;
    // Assess: printed by the decompressed Lambda binary, not the machine's Chromium.
    expect(existsSync(path.join(lambdaTmp, 'chromium'))).toBe(true);
    const raw = Buffer.from(pdf).toString('latin1');
    const bytes = pdf.byteLength;
    const { pages, producer } = await readPdf(pdf.slice());
    expect(producer).toBe(`Skia/PDF m${sparticuzMajor}`);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text).toContain('RESTRICTED | SCR-2026-0042, version 3');
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join(' ');
    expect(all).toContain('Amy Jones, aged two, was admitted to hospital with injuries.');
    expect(all).toContain('Event number 120');
    expect(all).toContain('Genogram of the family and household');
    expect(all).toMatch(/Jane Smith.*Amy Jones/);
    // Tagged (structure tree) with an outline, as the machine's Chromium prints it.
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Outlines');
    // A warm call (the same Lambda's /tmp) reuses the decompressed binary.
    const binary = statSync(path.join(lambdaTmp, 'chromium')).mtimeMs;
    const warmStarted = Date.now();
    const again = await renderer!.render(renderHtml(doc), pdfChrome(doc));
    const warmMs = Date.now() - warmStarted;
    expect(statSync(path.join(lambdaTmp, 'chromium')).mtimeMs).toBe(binary);
    expect((await readPdf(again)).pages).toHaveLength(pages.length);
    console.log(`Lambda Chromium: cold print (decompress + launch + print) ${ms} ms, warm ${warmMs} ms, ${pages.length} pages, ${bytes} bytes`);
  }, 180_000);

  it('the bundle with the layer beside it: playwright-core and @sparticuz/chromium come from the layer’s nodejs/node_modules, not the bundle', async () => {
    // Prepare: the layer as the CDK asset lays it out, and the printer bundled as the Lambda's code is (both packages external).
    const root = mkdtempSync(path.join(tmpdir(), 'scr-lambda-layer-'));
    try {
      const layer = path.join(root, 'opt');
      copyLayerPackages(PROJECT_ROOT, layer);
      const task = path.join(root, 'task');
      mkdirSync(task);
      const entry = path.join(task, 'entry.ts');
      writeFileSync(
        entry,
        [
          `import { readFileSync, writeFileSync } from 'node:fs';`,
          `import { pdfRendererFor } from ${JSON.stringify(path.join(PROJECT_ROOT, 'functions/adapters/pdf/chromium-pdf.ts'))};`,
          `const [layer, input, output] = process.argv.slice(2);`,
          `const { html, chrome } = JSON.parse(readFileSync(input, 'utf8'));`,
          `const pdf = await pdfRendererFor({ PDF_CHROMIUM_LAYER: 'true' }, layer).render(html, chrome);`,
          `writeFileSync(output, pdf);`,
        ].join('\n'),
      );
      await build({ ...bundlingOptions(), external: [...CHROMIUM_LAYER_PACKAGES], entryPoints: [entry], bundle: true, outfile: path.join(task, 'index.mjs'), logLevel: 'silent' });
      const bundle = readFileSync(path.join(task, 'index.mjs'), 'utf8');
      expect(bundle).toMatch(/import\(\s*["']playwright-core["']\s*\)/);
      expect(bundle).toMatch(/import\(\s*["']@sparticuz\/chromium["']\s*\)/);
      expect(bundle.length).toBeLessThan(200_000);
      const doc = exportDocument(makeExportInput({ kind: 'anonymised' }));
      writeFileSync(path.join(task, 'input.json'), JSON.stringify({ html: renderHtml(doc), chrome: pdfChrome(doc) }));
      // Act: run it where Node finds neither package on its own (no node_modules above the bundle), with
      // a /tmp of its own, so the layer's copy of the Chromium is the one decompressed.
      const childTmp = path.join(root, 'tmp');
      mkdirSync(childTmp);
      await run(process.execPath, [path.join(task, 'index.mjs'), path.join(layer, 'nodejs/node_modules'), path.join(task, 'input.json'), path.join(task, 'out.pdf')], {
        cwd: task,
        env: { PATH: process.env.PATH ?? '', TMPDIR: childTmp, HOME: childTmp },
        timeout: 150_000,
      });
      // Assess
      expect(existsSync(path.join(childTmp, 'chromium'))).toBe(true);
      const { pages, producer } = await readPdf(new Uint8Array(readFileSync(path.join(task, 'out.pdf'))));
      expect(producer).toBe(`Skia/PDF m${sparticuzMajor}`);
      const all = pages.join(' ');
      expect(all).toContain('Child A, aged two, was admitted to hospital with injuries.');
      for (const name of ['Amy Jones', 'Jane Smith', 'Mark Jones']) expect(all).not.toContain(name);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
