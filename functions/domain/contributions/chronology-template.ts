import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chronologyColumns, TEMPLATE_EXAMPLE } from './chronology-columns.js';

/**
 * Chronology templates to download, in the three forms the import reads:
 * the headings in template order and one invented example row, marked as
 * fictional (the import refuses it until it is deleted).
 */

export const chronologyTemplateFiles = {
  csv: { fileName: 'chronology-template.csv', contentType: 'text/csv; charset=utf-8' },
  xlsx: { fileName: 'chronology-template.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  docx: { fileName: 'chronology-template.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
} as const;

const headings = chronologyColumns.map((c) => c.heading);
const example = chronologyColumns.map((c) => TEMPLATE_EXAMPLE[c.key]);

/** How to fill a template in: shown in the XLSX and Word templates. */
export const TEMPLATE_GUIDANCE = [
  'One row for each event. Delete the example row before you import the file.',
  'Date: 15/05/2026 or 15 May 2026 for a day; May 2026 for a month; 2026 for a year. Put "c." before a day you are not sure of, like c. 15/05/2026. Dates outside the review period are refused.',
  'Time: optional, like 14:30, and only with a day.',
  'Child seen, and the child’s wishes and feelings sought, expressed and recorded: Yes, No or Not recorded.',
  'Source record: where the entry comes from, for every row.',
  'Do not put anyone’s name in the practitioner role: give the role, like Health visitor.',
] as const;

/** The CSV template, with a byte order mark so that Excel reads it as UTF-8. */
export function chronologyTemplateCsv(): string {
  return `\uFEFF${Papa.unparse({ fields: headings, data: [example] }, { newline: '\r\n' })}\r\n`;
}

/**
 * The Excel template: the headings, the example row, lists for the yes/no
 * columns, and the date and time columns formatted as text so Excel keeps
 * "May 2026" as written instead of turning it into 1 May 2026.
 */
export async function chronologyTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Serious Case Review platform';
  const sheet = workbook.addWorksheet('Chronology', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = chronologyColumns.map((c) => ({
    header: c.heading,
    key: c.key,
    width: c.key === 'whatHappened' || c.key === 'decisionOrAction' ? 50 : c.kind === 'answer' ? 18 : 24,
    style: c.kind === 'date' || c.kind === 'time' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(example);
  chronologyColumns.forEach((c, i) => {
    if (c.kind !== 'answer') return;
    for (let r = 2; r <= 1001; r++) {
      sheet.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: ['"Yes,No,Not recorded"'],
        showErrorMessage: true,
        errorTitle: 'Choose an answer',
        error: 'Choose Yes, No or Not recorded',
      };
    }
  });
  const guidance = workbook.addWorksheet('How to fill this in');
  guidance.getColumn(1).width = 120;
  for (const line of TEMPLATE_GUIDANCE) guidance.addRow([line]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The Word template: a short guide and the chronology table, landscape. */
export async function chronologyTemplateDocx(): Promise<Uint8Array> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
  const doc = new Document({
    creator: 'Serious Case Review platform',
    title: 'Chronology of involvement',
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ text: 'Chronology of involvement', heading: HeadingLevel.HEADING_1 }),
          ...TEMPLATE_GUIDANCE.map((line) => new Paragraph({ text: line, alignment: AlignmentType.LEFT })),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: headings.map((h) => cell(h, true)) }),
              new TableRow({ children: example.map((v) => cell(v)) }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
