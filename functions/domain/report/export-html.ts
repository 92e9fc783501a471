import type { Block, ExportDocument } from './export-document.js';

/**
 * The printable HTML of an export, for the PDF: the same document model as
 * the Word file. "Restricted", the reference, the version and "Page N of M"
 * are the PDF's header and footer (`pdfChrome`), printed on every page by
 * the browser that makes the PDF.
 */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG kept to drawing elements: no scripts, no event handlers, no external references. */
export function safeSvg(svg: string): string {
  return svg
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*("(?!#)[^"]*"|'(?!#)[^']*')/gi, '');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table><caption>${esc(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'figure':
      return `<figure role="group" aria-label="${esc(b.caption)}">${safeSvg(b.svg)}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
}

export function renderHtml(doc: ExportDocument): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(doc.title)}: ${esc(doc.running)}</title>
<style>
  @page { size: A4; margin: 25mm 18mm 22mm 18mm; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c; }
  h1 { font-size: 20pt; } h2 { font-size: 15pt; break-after: avoid; } h3 { font-size: 12pt; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; margin-bottom: 12pt; }
  caption { text-align: left; font-style: italic; padding-bottom: 4pt; }
  th, td { border: 1px solid #505a5f; padding: 3pt 4pt; text-align: left; vertical-align: top; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  figure { margin: 0 0 12pt; } figure svg { max-width: 100%; height: auto; }
</style></head>
<body>${doc.blocks.map(block).join('\n')}</body></html>`;
}

/** The header and footer every PDF page prints (Chromium's print templates). */
export function pdfChrome(doc: ExportDocument): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-family: Arial, Helvetica, sans-serif; font-size: 9pt; width: 100%; text-align: center; color: #0b0c0c;';
  return {
    headerTemplate: `<div style="${style}"><strong>${esc(doc.marking.toUpperCase())}</strong> | ${esc(doc.running)}</div>`,
    footerTemplate: `<div style="${style}">${esc(doc.marking)} | ${esc(doc.running)} | Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
  };
}
