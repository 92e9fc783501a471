import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { zipSync, strToU8 } from 'fflate';
import { anyDate, reviewPeriodCheck, type ChronologyEntry } from '../../functions/domain/contributions/chronology.js';
import {
  FILE_MESSAGES,
  MAX_IMPORT_ROWS,
  importChronology,
  parseChronologyCsv,
  type ChronologyImport,
} from '../../functions/domain/contributions/chronology-import.js';
import { chronologyColumns, TEMPLATE_EXAMPLE } from '../../functions/domain/contributions/chronology-columns.js';
import {
  chronologyTemplateCsv,
  chronologyTemplateDocx,
  chronologyTemplateFiles,
  chronologyTemplateXlsx,
} from '../../functions/domain/contributions/chronology-template.js';

const HEADINGS = chronologyColumns.map((c) => c.heading);
const period = reviewPeriodCheck({ from: '2026-01-01', to: '2026-09-30' });

/** A good row, as a person types it into a file, in template column order. */
const good = (over: Partial<Record<(typeof chronologyColumns)[number]['key'], string>> = {}): string[] => {
  const cells = {
    date: '15/05/2026',
    time: '',
    role: 'Social worker',
    organisation: 'Children’s social care',
    whatHappened: 'Strategy discussion held',
    decisionOrAction: 'Section 47 enquiry started',
    childSeen: 'No',
    wishesSought: 'Not recorded',
    wishesExpressed: 'not recorded',
    wishesRecorded: 'N',
    sourceRecord: 'Case file, contact 12',
    ...over,
  };
  return chronologyColumns.map((c) => cells[c.key]);
};

const csvBytes = (rows: string[][]) => new TextEncoder().encode(Papa.unparse(rows));
const texts = (r: ChronologyImport) => r.errors.map((e) => e.text);

describe('import from CSV', () => {
  it('reads good rows with their row numbers, skipping blank lines', async () => {
    // Prepare
    const file = csvBytes([
      HEADINGS,
      good(),
      good({ date: 'c. May 2026', time: '', whatHappened: 'Referral from school' }),
      ['', '', '', '', '', '', '', '', '', '', ''],
      good({ date: 'c. 3 June 2026', time: '2.30pm', childSeen: 'yes', wishesSought: 'Y', wishesExpressed: 'Yes', wishesRecorded: 'YES', decisionOrAction: '' }),
      good({ date: '2026', whatHappened: 'Line one\nline two' }),
    ]);
    // Act
    const result = await importChronology({ name: 'chronology.csv', bytes: file }, period);
    // Assess
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3, 5, 6]);
    expect(result.rows[0]!.entry).toEqual<ChronologyEntry>({
      date: '2026-05-15',
      dateUncertain: false,
      time: undefined,
      role: 'Social worker',
      organisation: 'Children’s social care',
      whatHappened: 'Strategy discussion held',
      decisionOrAction: 'Section 47 enquiry started',
      childSeen: 'no',
      wishesSought: 'not-recorded',
      wishesExpressed: 'not-recorded',
      wishesRecorded: 'no',
      sourceRecord: 'Case file, contact 12',
    });
    expect(result.rows[1]!.entry).toMatchObject({ date: '2026-05', dateUncertain: false });
    expect(result.rows[2]!.entry).toMatchObject({
      date: '2026-06-03',
      dateUncertain: true,
      time: '14:30',
      childSeen: 'yes',
      wishesSought: 'yes',
      decisionOrAction: undefined,
    });
    expect(result.rows[3]!.entry).toMatchObject({ date: '2026', whatHappened: 'Line one\nline two' });
  });

  it('names every rejected row with its number and reason, and keeps the good ones', async () => {
    // Prepare: one row for each kind of problem, numbered as the file shows them.
    const file = csvBytes([
      HEADINGS, //                                                              row 1
      good(), //                                                                row 2
      good({ sourceRecord: '' }), //                                            row 3
      good({ date: '' }), //                                                    row 4
      good({ date: 'the spring' }), //                                          row 5
      good({ date: '15/05/26' }), //                                            row 6
      good({ date: '31/02/2026' }), //                                          row 7
      good({ date: '15/10/2026' }), //                                          row 8: after the period
      good({ time: '25:10' }), //                                               row 9
      good({ date: 'May 2026', time: '10:00' }), //                             row 10
      good({ childSeen: '' }), //                                               row 11
      good({ wishesSought: 'sometimes' }), //                                   row 12
      good({ role: '', organisation: ' ' }), //                                 row 13
      good({ whatHappened: '' }), //                                            row 14
      good({ whatHappened: 'x'.repeat(5001) }), //                              row 15
      chronologyColumns.map((c) => TEMPLATE_EXAMPLE[c.key]), //                row 16
      good({ date: 'c. 2025' }), //                                             row 17: before the period
      good({ date: '' , sourceRecord: '', wishesRecorded: 'perhaps' }), //       row 18: three at once
      good(), //                                                                row 19
    ]);
    // Act
    const result = await importChronology({ name: 'x.CSV', bytes: file }, period);
    // Assess
    expect(result.rows.map((r) => r.row)).toEqual([2, 19]);
    const outside = 'date of the event must be between 1 January 2026 and 30 September 2026, the period of the review';
    expect(texts(result)).toEqual([
      'Row 3: enter the source record',
      'Row 4: enter the date of the event',
      'Row 5: date of the event must be a real date, like 15/05/2026, 15 May 2026, May 2026 or 2026',
      'Row 6: date of the event must include the year in full, like 15/05/2026',
      'Row 7: date of the event must be a real date',
      `Row 8: ${outside}`,
      'Row 9: time must be a real time, like 14:30 or 2:30pm',
      'Row 10: remove the time, or enter the day of the event',
      'Row 11: enter whether the child was seen: yes, no or not recorded',
      "Row 12: enter whether the child's wishes and feelings were sought: yes, no or not recorded",
      "Row 13: enter the practitioner's role",
      "Row 13: enter the practitioner's organisation",
      'Row 14: enter what happened',
      'Row 15: what happened must be 5,000 characters or fewer',
      'Row 16: delete the example row from the template',
      `Row 17: ${outside}`,
      'Row 18: enter the date of the event',
      "Row 18: enter whether the child's wishes and feelings were recorded: yes, no or not recorded",
      'Row 18: enter the source record',
    ]);
    expect(result.errors.find((e) => e.row === 13 && e.column === 'organisation')).toBeDefined();
  });

  it('matches headings tolerantly, finds them under a title, and lists columns it does not import', () => {
    // Prepare: shouted, spaced, punctuated and alias headings in another order, with a title above.
    const headings = [
      'SOURCE   RECORD',
      'date of event',
      'Was the child seen?',
      "child's wishes & feelings sought",
      'Wishes and feelings expressed (yes/no/not recorded)',
      'Childs wishes and feelings recorded',
      'Agency',
      "Practitioner's role",
      '  What Happened ',
      'Action taken',
      'Notes',
    ];
    const text = Papa.unparse([
      ['Chronology for review 2026/01', '', '', '', '', '', '', '', '', '', ''],
      headings,
      ['Record A', '1 June 2026', 'Yes', 'No', 'No', 'No', 'Police', 'Constable', 'Welfare check', 'None', 'a note'],
      ['Record B', '2/6/2026 09:15', 'No', 'No', 'No', 'No', 'Police', 'Constable', 'Call', '', '', '', 'stray cell'],
    ]);
    // Act
    const result = parseChronologyCsv(text, anyDate);
    // Assess
    expect(result.errors).toEqual([]);
    expect(result.ignoredColumns).toEqual(['Notes', 'Column M (no heading)']);
    expect(result.rows[1]).toEqual({ row: 4, entry: expect.objectContaining({ date: '2026-06-02', time: '09:15', decisionOrAction: undefined }) });
    expect(result.rows.slice(0, 1)).toEqual([
      {
        row: 3,
        entry: expect.objectContaining({
          date: '2026-06-01',
          sourceRecord: 'Record A',
          childSeen: 'yes',
          organisation: 'Police',
          role: 'Constable',
          whatHappened: 'Welfare check',
          decisionOrAction: 'None',
        }),
      },
    ]);
  });

  it('reads Windows-1252 (Excel "CSV") and UTF-16 tab-separated text', async () => {
    const latin = Papa.unparse([HEADINGS, good({ organisation: 'Children’s services – north' })]);
    const bytes1252 = Uint8Array.from([...latin].map((ch) => (ch === '’' ? 0x92 : ch === '–' ? 0x96 : ch.charCodeAt(0))));
    const a = await importChronology({ name: 'a.csv', bytes: bytes1252 }, anyDate);
    expect(a.errors).toEqual([]);
    expect(a.rows[0]!.entry.organisation).toBe('Children’s services – north');

    const tsv = Papa.unparse([HEADINGS, good()], { delimiter: '\t' });
    const utf16 = new Uint8Array(2 + tsv.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < tsv.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, tsv.charCodeAt(i), true);
    const b = await importChronology({ name: 'b.txt', bytes: utf16 }, anyDate);
    expect(b.errors).toEqual([]);
    expect(b.rows).toHaveLength(1);
  });

  it('names a row whose quotation mark is never closed', () => {
    const text = `${HEADINGS.join(',')}\r\n${good().join(',')}\r\n15/05/2026,,"Social worker,x`;
    const result = parseChronologyCsv(text, anyDate);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(texts(result)).toEqual(['Row 3: a quotation mark is not closed, so the row could not be read']);
  });

  it.each([
    ['', FILE_MESSAGES.empty],
    [' \r\n,,,\r\n', FILE_MESSAGES.empty],
    ['Date,When,Who\r\n1,2,3', FILE_MESSAGES.noHeading],
    [HEADINGS.join(','), FILE_MESSAGES.noRows],
  ])('refuses the file %j', (text, message) => {
    expect(parseChronologyCsv(text, anyDate)).toEqual({ rows: [], errors: [{ text: message }], ignoredColumns: [] });
  });

  it('names the missing required columns, and a column given twice', () => {
    const missing = parseChronologyCsv(Papa.unparse([['Date', 'Practitioner role', 'Organisation', 'What happened', 'Child seen'], ['2026', 'a', 'b', 'c', 'Yes']]), anyDate);
    expect(texts(missing)).toEqual([
      "The file must have columns headed “Child's wishes and feelings sought”, “Child's wishes and feelings expressed”, “Child's wishes and feelings recorded” and “Source record”",
    ]);
    expect(missing.rows).toEqual([]);
    const twice = parseChronologyCsv(Papa.unparse([[...HEADINGS, 'Source'], [...good(), 'x']]), anyDate);
    expect(texts(twice)).toEqual(['The file has more than one column for “Source”: keep one']);
    expect(twice.rows).toEqual([]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows as a whole`, () => {
    const rows = [HEADINGS, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => good())];
    expect(texts(parseChronologyCsv(Papa.unparse(rows), anyDate))).toEqual([FILE_MESSAGES.tooMany]);
    expect(parseChronologyCsv(Papa.unparse(rows.slice(0, -1)), anyDate).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});

describe('import from Excel', () => {
  async function workbook(build: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    build(wb.addWorksheet('Chronology'), wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads text and real Excel dates and times at the precision the cell shows', async () => {
    // Prepare
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Chronology of involvement']);
      sheet.addRow(HEADINGS.map((h) => h.toUpperCase()));
      sheet.addRow(good({ date: '15 May 2026' }));
      const r4 = sheet.addRow(good());
      r4.getCell(1).value = new Date(Date.UTC(2026, 4, 16));
      r4.getCell(1).numFmt = 'dd/mm/yyyy';
      r4.getCell(2).value = new Date(Date.UTC(1899, 11, 30, 9, 45));
      r4.getCell(2).numFmt = 'hh:mm';
      const r5 = sheet.addRow(good());
      r5.getCell(1).value = new Date(Date.UTC(2026, 5, 1)); // typed "Jun 2026": Excel keeps a month
      r5.getCell(1).numFmt = 'mmm-yy';
      const r6 = sheet.addRow(good());
      r6.getCell(1).value = new Date(Date.UTC(2026, 6, 2, 16, 5)); // a date and a time in one cell
      r6.getCell(1).numFmt = 'dd/mm/yyyy hh:mm';
      r6.getCell(5).value = { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] };
      r6.getCell(11).value = { formula: '"Record "&"7"', result: 'Record 7' };
      sheet.addRow([]);
      sheet.addRow(good({ date: 'c. 2026', whatHappened: 'After a blank row' }));
    });
    // Act
    const result = await importChronology({ name: 'chronology.xlsx', bytes }, period);
    // Assess
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.row, r.entry.date, r.entry.dateUncertain, r.entry.time])).toEqual([
      [3, '2026-05-15', false, undefined],
      [4, '2026-05-16', false, '09:45'],
      [5, '2026-06', false, undefined],
      [6, '2026-07-02', false, '16:05'],
      [8, '2026', false, undefined],
    ]);
    expect(result.rows[3]!.entry).toMatchObject({ whatHappened: 'Rich text', sourceRecord: 'Record 7' });
  });

  it('names rejected rows by their worksheet row number', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(HEADINGS);
      sheet.addRow(good({ sourceRecord: '' }));
      sheet.addRow(good());
      sheet.addRow([]);
      sheet.addRow(good({ childSeen: 'dunno', date: '1/1/2020' }));
    });
    const result = await importChronology({ name: 'c.xlsx', bytes }, period);
    expect(result.rows.map((r) => r.row)).toEqual([3]);
    expect(texts(result)).toEqual([
      'Row 2: enter the source record',
      'Row 5: date of the event must be between 1 January 2026 and 30 September 2026, the period of the review',
      'Row 5: enter whether the child was seen: yes, no or not recorded',
    ]);
  });

  it('takes the first worksheet that has a heading row, and finds a workbook by its content', async () => {
    const bytes = await workbook((sheet, wb) => {
      sheet.addRow(['Instructions: fill in the next sheet']);
      const data = wb.addWorksheet('Data');
      data.addRow(HEADINGS);
      data.addRow(good());
    });
    const result = await importChronology({ name: 'download', bytes }, anyDate);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it('refuses a file that is not a workbook, and an old .xls', async () => {
    expect(texts(await importChronology({ name: 'a.xlsx', bytes: new TextEncoder().encode('not a zip') }, anyDate))).toEqual([
      'The selected file could not be read as an Excel workbook (.xlsx)',
    ]);
    expect(texts(await importChronology({ name: 'a.xls', bytes: new Uint8Array([0xd0, 0xcf]) }, anyDate))).toEqual([FILE_MESSAGES.oldExcel]);
    expect(texts(await importChronology({ name: 'a.pdf', bytes: new TextEncoder().encode('%PDF-1.7') }, anyDate))).toEqual([FILE_MESSAGES.kind]);
  });
});

describe('import from a Word table', () => {
  const textCell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...extra });

  async function document(tables: string[][][], extra?: (rows: TableRow[]) => TableRow[]): Promise<Uint8Array> {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Individual Management Review: chronology'),
            ...tables.flatMap((table, i) => {
              let rows = table.map((cells) => new TableRow({ children: cells.map((c) => textCell(c)) }));
              if (i === 0 && extra) rows = extra(rows);
              return [new Table({ rows }), new Paragraph('')];
            }),
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toArrayBuffer(doc));
  }

  it('reads the first table: cells of several paragraphs, rows by table row number', async () => {
    // Prepare: a second table must be ignored.
    const bytes = await document([
      [HEADINGS, good({ whatHappened: 'Visit\nChild asleep' }), good({ sourceRecord: '' }), good({ date: 'c. 15/05/2026' })],
      [HEADINGS, good({ whatHappened: 'from the second table' })],
    ]);
    // Act
    const result = await importChronology({ name: 'imr.docx', bytes }, period);
    // Assess
    expect(result.rows.map((r) => [r.row, r.entry.whatHappened, r.entry.dateUncertain])).toEqual([
      [2, 'Visit\nChild asleep', false],
      [4, 'Strategy discussion held', true],
    ]);
    expect(texts(result)).toEqual(['Row 3: enter the source record']);
  });

  it('repeats a cell merged down over several rows, and keeps columns aligned past a spanning cell', async () => {
    // Prepare: the date written once for two events; a row with a note spanning two columns.
    const merged = (rows: TableRow[]) => {
      const first = good({ whatHappened: 'Morning visit' });
      const second = good({ whatHappened: 'Afternoon call' });
      return [
        rows[0]!,
        new TableRow({ children: first.map((c, i) => (i === 0 ? textCell(c, { verticalMerge: VerticalMergeType.RESTART }) : textCell(c))) }),
        new TableRow({ children: second.map((c, i) => (i === 0 ? textCell('', { verticalMerge: VerticalMergeType.CONTINUE }) : textCell(c))) }),
        new TableRow({ children: [textCell('1 June 2026'), textCell('Time and role unknown', { columnSpan: 2 }), ...good().slice(3).map((c) => textCell(c))] }),
      ];
    };
    const bytes = await document([[HEADINGS]], merged);
    // Act
    const result = await importChronology({ name: 'imr.docx', bytes }, period);
    // Assess
    expect(result.rows.map((r) => [r.row, r.entry.date, r.entry.whatHappened])).toEqual([
      [2, '2026-05-15', 'Morning visit'],
      [3, '2026-05-15', 'Afternoon call'],
    ]);
    expect(texts(result)).toEqual(["Row 4: time must be a real time, like 14:30 or 2:30pm", "Row 4: enter the practitioner's role"]);
  });

  it('refuses a document with no table, and one that is not a document', async () => {
    const noTable = new Uint8Array(
      await Packer.toArrayBuffer(new Document({ sections: [{ children: [new Paragraph('Just text')] }] })),
    );
    expect(texts(await importChronology({ name: 'a.docx', bytes: noTable }, anyDate))).toEqual([FILE_MESSAGES.noTable]);
    expect(texts(await importChronology({ name: 'a.docx', bytes: new Uint8Array([1, 2, 3]) }, anyDate))).toEqual([
      'The selected file could not be read as a Word document (.docx)',
    ]);
    const withDtd = zipSync({ 'word/document.xml': strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>') });
    expect(texts(await importChronology({ name: 'a.docx', bytes: withDtd }, anyDate))).toEqual([
      'The selected file could not be read as a Word document (.docx)',
    ]);
    expect(texts(await importChronology({ name: 'a.doc', bytes: new Uint8Array([0xd0, 0xcf]) }, anyDate))).toEqual([FILE_MESSAGES.oldWord]);
  });
});

describe('templates', () => {
  it.each([
    ['csv', async () => new TextEncoder().encode(chronologyTemplateCsv())],
    ['xlsx', chronologyTemplateXlsx],
    ['docx', chronologyTemplateDocx],
  ] as const)('the %s template has every heading, and its example row is refused until deleted', async (kind, make) => {
    // Prepare
    const bytes = await make();
    const name = chronologyTemplateFiles[kind].fileName;
    // Act
    const asIs = await importChronology({ name, bytes }, anyDate);
    // Assess: the headings all match (no missing or ignored column), and only the example row is refused.
    expect(asIs).toEqual({ rows: [], errors: [{ row: 2, text: 'Row 2: delete the example row from the template' }], ignoredColumns: [] });
  });

  it('the example row is otherwise a valid row', async () => {
    const edited = chronologyTemplateCsv().replace('EXAMPLE ONLY', 'Edited');
    const result = await importChronology({ name: 't.csv', bytes: new TextEncoder().encode(edited) }, anyDate);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.entry).toMatchObject({ date: '2026-05-14', time: '10:30', childSeen: 'no', wishesExpressed: 'not-recorded' });
  });

  it('the Excel template keeps dates as text and offers the answers as a list', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await chronologyTemplateXlsx()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('A2').value).toBe('14/05/2026');
    expect(sheet.getCell('G3').dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No,Not recorded"'] });
  });
});
