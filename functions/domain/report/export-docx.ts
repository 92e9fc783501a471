import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ExportDocument } from './export-document.js';

/**
 * The Word rendering of an export (the `docx` package): "Restricted" and the
 * reference and version in every page's header, "Page N of M" in every
 * footer, headings as Word headings (so the navigation pane lists them),
 * tables with a header row repeated on each page, and the genogram as an SVG
 * image with its text alternative as the image's description.
 */

/**
 * Word requires a raster fallback beside an SVG for programs that cannot draw
 * SVG (Word 2016 and later draw the SVG itself): a plain white pixel, so no
 * second renderer is needed; the list under the figure carries its content.
 */
const WHITE_PIXEL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC'),
  (c) => c.charCodeAt(0),
);

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The drawing's size in pixels from its width/height or viewBox, fitted to the page's 600 px. */
export function svgSize(svg: string): { width: number; height: number } {
  const attr = (name: string) => Number(new RegExp(`<svg[^>]*\\s${name}="([0-9.]+)`).exec(svg)?.[1]);
  let width = attr('width');
  let height = attr('height');
  if (!(width > 0 && height > 0)) {
    const vb = /<svg[^>]*\sviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)"/.exec(svg);
    width = Number(vb?.[1]);
    height = Number(vb?.[2]);
  }
  if (!(width > 0 && height > 0)) return { width: 600, height: 400 };
  const scale = Math.min(1, 600 / width);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const cell = (text: string, header = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });

function render(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: headingLevels[block.level] })];
    case 'paragraph':
      return [new Paragraph({ text: block.text })];
    case 'list':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'table':
      return [
        new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.head.map((h) => cell(h, true)) }),
            ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
          ],
        }),
      ];
    case 'figure':
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: 'svg',
              data: new TextEncoder().encode(block.svg),
              fallback: { type: 'png', data: WHITE_PIXEL_PNG },
              transformation: svgSize(block.svg),
              altText: { name: 'genogram', title: block.caption, description: block.alt.join('; ').slice(0, 4000) || block.caption },
            }),
          ],
        }),
        new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
      ];
  }
}

/** The .docx file's bytes. */
export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Serious Case Review platform',
    title: `${doc.title} (${doc.running})`,
    description: doc.marking,
    features: { updateFields: false },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: doc.marking.toUpperCase(), bold: true }), new TextRun({ text: ` | ${doc.running}` })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${doc.marking} | ${doc.running} | Page ` }),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun({ text: ' of ' }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: doc.blocks.flatMap(render),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
