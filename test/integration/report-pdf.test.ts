import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { exportDocument } from '../../functions/domain/report/export-document.js';
import { pdfChrome, renderHtml } from '../../functions/domain/report/export-html.js';
import { ChromiumPdfRenderer } from '../../functions/adapters/pdf/chromium-pdf.js';
import { makeExportInput } from '../factories/report.js';

/** Each page's text, read back from the PDF with pdf.js. */
async function pagesOf(pdf: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: pdf, useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await task.destroy();
  return pages;
}

async function pdfOf(input = makeExportInput()) {
  const doc = exportDocument(input);
  return pagesOf(await new ChromiumPdfRenderer().render(renderHtml(doc), pdfChrome(doc)));
}

describe('the PDF export (Chromium print), read back with pdf.js', () => {
  it('has the report’s text, the chronology and the genogram, and Restricted, the version and the page number on every page', async () => {
    // Prepare: a chronology long enough to run over several pages.
    const base = makeExportInput();
    const rows = Array.from({ length: 120 }, (_, i) => ({ when: `2025-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`, organisation: ['Health Trust', 'Police', 'Nursery'][i % 3]!, what: `Event number ${i + 1}`, childSeen: i % 2 === 0 }));
    // Act
    const pages = await pdfOf({ ...base, chronology: [...base.chronology!, ...rows] });
    // Assess
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text).toContain('RESTRICTED | SCR-2026-0042, version 3');
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join(' ');
    expect(all).toContain('Amy Jones, aged two, was admitted to hospital with injuries.');
    expect(all).toContain('Domestic abuse incident: Mark Jones arrested');
    expect(all).toContain('Event number 120');
    expect(all).toContain('Genogram of the family and household');
    // The genogram's own SVG text is drawn into the PDF.
    expect(all).toMatch(/Jane Smith.*Amy Jones/);
    expect(all).toContain('Share domestic abuse notifications within one working day [Lesson of national relevance]');
  }, 60_000);

  it('the anonymised PDF has no agreed name left', async () => {
    const all = (await pdfOf(makeExportInput({ kind: 'anonymised' }))).join(' ');
    expect(all).toContain('Child A, aged two, was admitted to hospital with injuries.');
    for (const name of ['Amy Jones', 'Jane Smith', 'Mark Jones']) expect(all).not.toContain(name);
  }, 60_000);
});
