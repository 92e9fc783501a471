import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { documentText, exportDocument } from '../../functions/domain/report/export-document.js';
import { renderDocx, svgSize } from '../../functions/domain/report/export-docx.js';
import { pdfChrome, renderHtml, safeSvg } from '../../functions/domain/report/export-html.js';
import { makeExportInput } from '../factories/report.js';

/** The text of a Word part: every <w:t> run joined, paragraphs on their own lines. */
const wordText = (xml: string) =>
  xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"');

async function docxParts(input = makeExportInput()) {
  const files = unzipSync(await renderDocx(exportDocument(input)));
  const part = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const headers = Object.keys(files).filter((n) => /^word\/header\d*\.xml$/.test(n));
  const footers = Object.keys(files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  return { files, body: wordText(part('word/document.xml')), rawBody: part('word/document.xml'), headers: headers.map(part), footers: footers.map(part) };
}

describe('the Word export, read back from the file', () => {
  it('holds every Appendix B section, the chronology rows and the attributed recommendations', async () => {
    // Act
    const { body } = await docxParts();
    // Assess
    for (const heading of ['1. Introduction', '2. The facts', '3. Analysis', '4. Conclusions and recommendations', 'Terms of reference (agreed version 2)', 'Contributors to the review', 'Review panel members', 'Integrated chronology']) {
      expect(body).toContain(heading);
    }
    expect(body).toContain('Amy Jones, aged two, was admitted to hospital with injuries.');
    expect(body).toContain('Information sharing between agencies');
    expect(body).toMatch(/Health Trust\s*\n?Individual management review/);
    expect(body).toContain('Sam Chair');
    expect(body).toContain('2025-03-04 09:15');
    expect(body).toContain('Domestic abuse incident: Mark Jones arrested');
    expect(body).toContain('Bruise noticed on Amy Jones; mother gave an explanation');
    expect(body).toContain('Integrated chronology: 3 entries, in date order');
    expect(body).toContain('Share domestic abuse notifications within one working day [Lesson of national relevance]');
    expect(body).toContain('Train health visitors on domestic abuse');
    expect(body).toContain('Version 3. Final: accepted by the sub-committee chair; awaiting the Board chair.');
  });

  it('marks every page Restricted with the reference and version, and numbers the pages', async () => {
    const { headers, footers, rawBody } = await docxParts();
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(wordText(h)).toContain('RESTRICTED | SCR-2026-0042, version 3');
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      expect(wordText(f)).toContain('Restricted | SCR-2026-0042, version 3 | Page');
      expect(f).toMatch(/PAGE/);
      expect(f).toMatch(/NUMPAGES/);
    }
    // The one section refers to them, so they print on every page.
    expect(rawBody).toMatch(/<w:headerReference [^>]*w:type="default"/);
    expect(rawBody).toMatch(/<w:footerReference [^>]*w:type="default"/);
  });

  it('embeds the genogram as an SVG image with its text alternative, and lists every person', async () => {
    const { files, body, rawBody } = await docxParts();
    const svgs = Object.keys(files).filter((n) => n.startsWith('word/media/') && n.endsWith('.svg'));
    expect(svgs).toHaveLength(1);
    expect(strFromU8(files[svgs[0]!]!)).toContain('Jane Smith');
    expect(rawBody).toMatch(/descr="Mark Jones, male, born 1990, father of Amy Jones; Jane Smith/);
    expect(body).toContain('Amy Jones, female, born 2023, the subject child, in the household');
  });

  it('says so when there is no chronology or genogram, rather than leaving a gap', async () => {
    const { files, body } = await docxParts(makeExportInput({ chronology: [], genogramSvg: undefined }));
    expect(body).toContain('No integrated chronology is recorded.');
    expect(body).toContain('No genogram is recorded.');
    expect(Object.keys(files).some((n) => n.endsWith('.svg'))).toBe(false);
  });

  it('the anonymised export replaces every agreed name, in the text, the chronology and the genogram', async () => {
    const { files, body } = await docxParts(makeExportInput({ kind: 'anonymised' }));
    expect(body).toContain('Serious case review: overview report (anonymised for publication)');
    expect(body).toContain('Child A, aged two, was admitted to hospital with injuries.');
    expect(body).toContain('Domestic abuse incident: Father arrested');
    expect(body).toContain('Mother, female, born 1993, mother of Child A');
    for (const name of ['Amy Jones', 'Jane Smith', 'Mark Jones']) expect(body).not.toContain(name);
    const svg = strFromU8(files[Object.keys(files).find((n) => n.endsWith('.svg'))!]!);
    expect(svg).toContain('>Child A<');
    expect(svg).not.toContain('Jones');
  });

  it('refuses an anonymised export without agreed pseudonyms', () => {
    expect(() => exportDocument(makeExportInput({ kind: 'anonymised', pseudonyms: [] }))).toThrow(/pseudonyms/);
  });

  it('the executive summary is a separate, shorter document: circumstances, conclusions and recommendations only', async () => {
    const { body } = await docxParts(makeExportInput({ kind: 'executive-summary' }));
    expect(body).toContain('Serious case review: executive summary');
    expect(body).toContain('Her mother, Jane Smith, called an ambulance.');
    expect(body).toContain('Agencies did not share what they knew.');
    expect(body).toContain('Audit nursery referrals');
    expect(body).not.toContain('Integrated chronology');
    expect(body).not.toContain('How and why events occurred');
  });
});

describe('the document model and the printable HTML', () => {
  it('the words of the report are the same in both renderings', () => {
    const doc = exportDocument(makeExportInput());
    const html = renderHtml(doc);
    expect(documentText(doc)).toContain('Referrals about Amy Jones were not shared.');
    expect(html).toContain('<caption>Integrated chronology: 3 entries, in date order</caption>');
    expect(html).toContain('<th scope="col">Child seen</th>');
    expect(html).toContain('<svg');
    expect(pdfChrome(doc).footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(pdfChrome(doc).headerTemplate).toContain('RESTRICTED</strong> | SCR-2026-0042, version 3');
  });

  it('escapes text and keeps only drawing in the SVG', () => {
    const doc = exportDocument(makeExportInput({ content: { ...makeExportInput().content, facts: { whatWasKnown: '<script>alert(1)</script> & more' } } }));
    expect(renderHtml(doc)).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(safeSvg('<svg onload="x()"><script>bad()</script><a href="https://evil.example">x</a><use href="#p"/></svg>')).toBe('<svg><a>x</a><use href="#p"/></svg>');
  });

  it.each([
    ['<svg width="1200" height="600">', { width: 600, height: 300 }],
    ['<svg viewBox="0 0 300 150">', { width: 300, height: 150 }],
    ['<svg>', { width: 600, height: 400 }],
  ])('sizes %s to fit the page', (svg, size) => {
    expect(svgSize(svg)).toEqual(size);
  });
});
