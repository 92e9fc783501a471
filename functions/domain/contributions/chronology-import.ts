import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { parseWrittenDate, parseWrittenTime, type ChronologyEntry, type DateCheck } from './chronology.js';
import {
  answerQuestions,
  chronologyColumns,
  columnForHeading,
  readAnswer,
  TEMPLATE_EXAMPLE,
  type ChronologyColumnKey,
} from './chronology-columns.js';
import { chronologyEntrySchema, chronologyFieldOrder } from '../../schemas/chronology.js';

/**
 * Reads a chronology from a file: CSV, Excel (.xlsx) or the first table in a
 * Word document (.docx). No I/O: bytes in, `{ rows, errors }` out.
 *
 * - The heading row is found by name among the first ten rows (rows above it,
 *   such as a title, are not data); headings match tolerantly
 *   (`chronology-columns.ts`). A column the import does not know is listed in
 *   `ignoredColumns`, never dropped silently.
 * - Rows are numbered as the file shows them: a spreadsheet's row number, a
 *   CSV record's number (the heading row is row 1), a Word table's row.
 * - Every row is checked with the same schema as the page, review period
 *   included. A row with any problem is left out of `rows` and each problem is
 *   named in `errors` ("Row 7: enter the source record"). Wholly blank rows
 *   are skipped. Problems with the file itself have no row.
 * Nothing is imported here: the caller decides what to do with a file that has
 * errors (the IMR page shows them and imports nothing until they are fixed).
 */

export interface ImportedChronologyRow {
  /** The row number in the file. */
  row: number;
  entry: ChronologyEntry;
}

export interface ChronologyImportError {
  /** The row number in the file; absent for a problem with the whole file. */
  row?: number;
  /** The column, when the problem is in one cell. */
  column?: ChronologyColumnKey;
  text: string;
}

export interface ChronologyImport {
  rows: ImportedChronologyRow[];
  errors: ChronologyImportError[];
  /** Headings of columns that were not imported (for the page to say so). */
  ignoredColumns: string[];
}

export type ChronologyFileKind = 'csv' | 'xlsx' | 'docx';

/** The most rows one file may bring. */
export const MAX_IMPORT_ROWS = 5000;
/** The most a Word document's text may unpack to. */
const MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 10;

/** A cell as a reader found it: text, or a date an Excel cell held as one. */
type Cell = string | { date: Date; precision: 'day' | 'month' | 'year' | 'time' };
interface TableRow {
  row: number;
  cells: Cell[];
}

const fileError = (text: string): ChronologyImport => ({ rows: [], errors: [{ text }], ignoredColumns: [] });

export const FILE_MESSAGES = {
  kind: 'The selected file must be a CSV, an Excel workbook (.xlsx) or a Word document (.docx)',
  oldExcel: 'The selected file is an old Excel workbook (.xls): save it as .xlsx or CSV and try again',
  oldWord: 'The selected file is an old Word document (.doc): save it as .docx and try again',
  unreadable: (kind: string) => `The selected file could not be read as ${kind}`,
  noTable: 'The Word document must contain a table with the chronology',
  empty: 'The selected file is empty',
  noHeading: `The file must have a heading row naming its columns, like the template: ${chronologyColumns.map((c) => c.heading).join(', ')}`,
  tooMany: `The file must have ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows or fewer`,
  noRows: 'The file has no chronology rows under the heading row',
} as const;

/**
 * Reads a chronology file of any supported kind: by its name's extension,
 * and by its content where the name does not say.
 */
export async function importChronology(file: { name: string; bytes: Uint8Array }, checkDate: DateCheck): Promise<ChronologyImport> {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (ext === 'xls') return fileError(FILE_MESSAGES.oldExcel);
  if (ext === 'doc') return fileError(FILE_MESSAGES.oldWord);
  const kind: ChronologyFileKind | undefined =
    ext === 'csv' || ext === 'txt' || ext === 'tsv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : ext === 'docx' ? 'docx' : sniff(file.bytes);
  if (kind === 'csv') return parseChronologyCsv(file.bytes, checkDate);
  if (kind === 'xlsx') return parseChronologyXlsx(file.bytes, checkDate);
  if (kind === 'docx') return parseChronologyDocx(file.bytes, checkDate);
  return fileError(FILE_MESSAGES.kind);
}

/** A zip (PK) holding a workbook or a document; undefined otherwise. */
function sniff(bytes: Uint8Array): ChronologyFileKind | undefined {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
  const names = new Set<string>();
  try {
    unzipSync(bytes, { filter: (f) => (names.add(f.name), false) });
  } catch {
    return undefined;
  }
  return names.has('xl/workbook.xml') ? 'xlsx' : names.has('word/document.xml') ? 'docx' : undefined;
}

// ---------------------------------------------------------------- CSV

/**
 * Text from bytes: UTF-8 (with or without a byte order mark), UTF-16 with a
 * mark (Excel's "Unicode text"), else Windows-1252, which Excel's plain
 * "CSV (Comma delimited)" writes in the UK.
 */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads a CSV (or tab-separated) chronology. */
export function parseChronologyCsv(input: Uint8Array | string, checkDate: DateCheck): ChronologyImport {
  const text = (typeof input === 'string' ? input : decodeText(input)).replace(/^\uFEFF/, '');
  if (!text.trim()) return fileError(FILE_MESSAGES.empty);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false });
  const broken = new Map<number, string>();
  for (const e of parsed.errors) {
    if (e.type === 'Quotes' && e.row !== undefined) broken.set(e.row + 1, 'a quotation mark is not closed, so the row could not be read');
  }
  const table: TableRow[] = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c ?? '') }));
  return readTable(table, checkDate, broken);
}

// ---------------------------------------------------------------- Excel

/** Reads the first worksheet that has a heading row. */
export async function parseChronologyXlsx(bytes: Uint8Array, checkDate: DateCheck): Promise<ChronologyImport> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types ask for a Node Buffer; it reads any ArrayBuffer view.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return fileError(FILE_MESSAGES.unreadable('an Excel workbook (.xlsx)'));
  }
  let fallback: ChronologyImport | undefined;
  for (const sheet of workbook.worksheets) {
    const table: TableRow[] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(excelCell(cell.value, cell.numFmt));
      }
      table.push({ row: r, cells });
    }
    const result = readTable(table, checkDate, new Map());
    if (!result.errors.some((e) => e.text === FILE_MESSAGES.noHeading)) return result;
    fallback ??= result;
  }
  return fallback ?? fileError(FILE_MESSAGES.empty);
}

/** An Excel cell as text, or as a date with the precision its number format shows. */
function excelCell(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return { date: value, precision: precisionOfFormat(numFmt, value) };
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return excelCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * What an Excel date cell shows: typing "May 2026" into Excel stores 1 May
 * 2026 formatted "mmm-yy", which is a month, not a day. A value on Excel's
 * day zero (30 December 1899) is a time of day.
 */
function precisionOfFormat(numFmt: string | undefined, value: Date): 'day' | 'month' | 'year' | 'time' {
  if (value.getUTCFullYear() === 1899 && value.getUTCMonth() === 11 && value.getUTCDate() === 30) return 'time';
  const f = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  if (!f || f === 'general') return 'day';
  if (f.includes('d')) return 'day';
  if (/m/.test(f) && f.includes('y')) return 'month';
  if (f.includes('y')) return 'year';
  return 'day';
}

// ---------------------------------------------------------------- Word

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

const tagOf = (node: XmlNode): string | undefined => Object.keys(node).find((k) => k !== ':@');
const childrenOf = (node: XmlNode): XmlNode[] => {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
/** Wrappers Word puts around rows and cells (content controls, custom XML, tracked insertions). */
const WRAPPERS = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:ins', 'w:smartTag']);

/** Reads the first table of a Word document. */
export function parseChronologyDocx(bytes: Uint8Array, checkDate: DateCheck): ChronologyImport {
  let documentXml: string;
  try {
    let tooBig = false;
    const files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        if (f.originalSize > MAX_DOCUMENT_XML_BYTES) tooBig = true;
        return !tooBig;
      },
    });
    const file = files['word/document.xml'];
    if (!file || tooBig) return fileError(FILE_MESSAGES.unreadable('a Word document (.docx)'));
    documentXml = new TextDecoder('utf-8').decode(file);
  } catch {
    return fileError(FILE_MESSAGES.unreadable('a Word document (.docx)'));
  }
  // Word never writes a DTD; one here could only be an entity-expansion attack.
  if (/<!DOCTYPE/i.test(documentXml)) return fileError(FILE_MESSAGES.unreadable('a Word document (.docx)'));
  let tree: XmlNode[];
  try {
    tree = xml.parse(documentXml) as XmlNode[];
  } catch {
    return fileError(FILE_MESSAGES.unreadable('a Word document (.docx)'));
  }
  const table = findFirst(tree, 'w:tbl');
  if (!table) return fileError(FILE_MESSAGES.noTable);
  return readTable(wordTable(table), checkDate, new Map());
}

function findFirst(nodes: XmlNode[], tag: string): XmlNode | undefined {
  for (const node of nodes) {
    if (tagOf(node) === tag) return node;
    const inner = findFirst(childrenOf(node), tag);
    if (inner) return inner;
  }
  return undefined;
}

/** Direct children with a tag, looking through wrappers but not into nested tables. */
function childrenTagged(node: XmlNode, tag: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of childrenOf(node)) {
    const t = tagOf(child);
    if (t === tag) out.push(child);
    else if (t && WRAPPERS.has(t)) out.push(...childrenTagged(child, tag));
  }
  return out;
}

const attr = (node: XmlNode | undefined, name: string): string | undefined => node?.[':@']?.[name];

/**
 * The rows of a Word table as text cells. A cell spanning columns
 * (`gridSpan`) fills them with blanks so columns stay aligned; a cell merged
 * down from the one above (`vMerge` continuing) repeats its text, as a reader
 * of the table sees it (a date written once for several events).
 */
function wordTable(tbl: XmlNode): TableRow[] {
  const rows: TableRow[] = [];
  let above: string[] = [];
  childrenTagged(tbl, 'w:tr').forEach((tr, i) => {
    const cells: string[] = [];
    const trPr = childrenOf(tr).find((n) => tagOf(n) === 'w:trPr');
    const before = Number(attr(trPr && childrenOf(trPr).find((n) => tagOf(n) === 'w:gridBefore'), 'w:val') ?? 0);
    for (let k = 0; k < before; k++) cells.push('');
    for (const tc of childrenTagged(tr, 'w:tc')) {
      const tcPr = childrenOf(tc).find((n) => tagOf(n) === 'w:tcPr');
      const props = tcPr ? childrenOf(tcPr) : [];
      const span = Math.max(1, Number(attr(props.find((n) => tagOf(n) === 'w:gridSpan'), 'w:val') ?? 1));
      const vMerge = props.find((n) => tagOf(n) === 'w:vMerge');
      const continues = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
      const col = cells.length;
      cells.push(continues ? (above[col] ?? '') : cellText(tc));
      for (let k = 1; k < span; k++) cells.push('');
    }
    rows.push({ row: i + 1, cells });
    above = cells;
  });
  return rows;
}

/** A cell's text: paragraphs on their own lines; deleted text, field codes and nested tables left out. */
function cellText(tc: XmlNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (!tag || tag === 'w:tbl' || tag === 'w:del' || tag === 'w:moveFrom' || tag === 'w:instrText' || tag === 'w:tcPr' || tag === 'w:rPr' || tag === 'w:pPr') continue;
      if (tag === 'w:t') {
        for (const t of childrenOf(node)) current += String(t['#text'] ?? '');
      } else if (tag === 'w:tab') current += ' ';
      else if (tag === 'w:br' || tag === 'w:cr') current += '\n';
      else if (tag === 'w:noBreakHyphen') current += '-';
      else if (tag === 'w:p') {
        walk(childrenOf(node));
        paragraphs.push(current);
        current = '';
      } else walk(childrenOf(node));
    }
  };
  walk(childrenOf(tc));
  if (current) paragraphs.push(current);
  return paragraphs.join('\n').trim();
}

// ---------------------------------------------------------------- rows

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const isBlank = (cell: Cell | undefined) => cell === undefined || (typeof cell === 'string' && cell.trim() === '');
const cellString = (cell: Cell | undefined) => (cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : '');

interface Heading {
  at: number;
  columns: Map<number, ChronologyColumnKey>;
  /** Headings the import does not know, and where they are. */
  ignored: string[];
  ignoredIndexes: number[];
  duplicates: string[];
}

function findHeading(table: TableRow[]): Heading | undefined {
  for (let i = 0; i < Math.min(table.length, HEADER_SEARCH_ROWS); i++) {
    const columns = new Map<number, ChronologyColumnKey>();
    const seen = new Set<ChronologyColumnKey>();
    const ignored: string[] = [];
    const ignoredIndexes: number[] = [];
    const duplicates: string[] = [];
    table[i]!.cells.forEach((cell, c) => {
      const text = cellString(cell);
      if (!text) return;
      const key = columnForHeading(text);
      if (!key) {
        ignored.push(text);
        ignoredIndexes.push(c);
      } else if (seen.has(key)) duplicates.push(text);
      else {
        seen.add(key);
        columns.set(c, key);
      }
    });
    if (seen.size >= 3) return { at: i, columns, ignored, ignoredIndexes, duplicates };
  }
  return undefined;
}

function readTable(table: TableRow[], checkDate: DateCheck, broken: Map<number, string>): ChronologyImport {
  if (table.every((r) => r.cells.every(isBlank))) return fileError(FILE_MESSAGES.empty);
  const heading = findHeading(table);
  if (!heading) return fileError(FILE_MESSAGES.noHeading);
  const headingErrors: ChronologyImportError[] = [];
  const present = new Set(heading.columns.values());
  const missing = chronologyColumns.filter((c) => c.required && !present.has(c.key)).map((c) => c.heading);
  if (missing.length) {
    headingErrors.push({ text: `The file must have ${missing.length === 1 ? 'a column' : 'columns'} headed ${listOf(missing)}` });
  }
  for (const d of heading.duplicates) headingErrors.push({ text: `The file has more than one column for “${d}”: keep one` });
  if (headingErrors.length) return { rows: [], errors: headingErrors, ignoredColumns: heading.ignored };

  const body = table.slice(heading.at + 1).filter((r) => !r.cells.every(isBlank) || broken.has(r.row));
  if (body.length > MAX_IMPORT_ROWS) return { ...fileError(FILE_MESSAGES.tooMany), ignoredColumns: heading.ignored };
  if (!body.length) return { ...fileError(FILE_MESSAGES.noRows), ignoredColumns: heading.ignored };

  // Data under no heading at all would be lost without a word: name those columns too.
  const ignoredColumns = [...heading.ignored];
  const headed = new Set(heading.columns.keys());
  heading.ignoredIndexes.forEach((c) => headed.add(c));
  const unheaded = new Set<number>();
  for (const line of body) line.cells.forEach((cell, c) => !headed.has(c) && !isBlank(cell) && unheaded.add(c));
  for (const c of [...unheaded].sort((a, b) => a - b)) ignoredColumns.push(`Column ${columnLetter(c)} (no heading)`);

  const schema = chronologyEntrySchema(checkDate);
  const rows: ImportedChronologyRow[] = [];
  const errors: ChronologyImportError[] = [];
  for (const line of body) {
    const problem = broken.get(line.row);
    if (problem) {
      errors.push({ row: line.row, text: `Row ${line.row}: ${problem}` });
      continue;
    }
    const cells = new Map<ChronologyColumnKey, Cell | undefined>();
    for (const [c, key] of heading.columns) cells.set(key, line.cells[c]);
    const result = readRow(line.row, cells, schema);
    if ('entry' in result) rows.push({ row: line.row, entry: result.entry });
    else errors.push(...result.errors);
  }
  return { rows, errors, ignoredColumns };
}

/** 0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names a column. */
function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const listOf = (names: string[]) =>
  names.length === 1 ? `“${names[0]}”` : `${names.slice(0, -1).map((n) => `“${n}”`).join(', ')} and “${names[names.length - 1]}”`;

const DATE_PROBLEMS = {
  missing: 'enter the date of the event',
  format: 'date of the event must be a real date, like 15/05/2026, 15 May 2026, May 2026 or 2026',
  'not-real': 'date of the event must be a real date',
  'short-year': 'date of the event must include the year in full, like 15/05/2026',
} as const;

/** "15/05/2026 14:30" -> ["15/05/2026", "14:30"]; a date alone is left whole. */
function splitDateTime(text: string): [string, string | undefined] {
  const m = /^(.*\d)\s+(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm)?)$/i.exec(text);
  const time = m ? parseWrittenTime(m[2]!) : undefined;
  return m && time ? [m[1]!, time] : [text, undefined];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

function readRow(
  row: number,
  cells: Map<ChronologyColumnKey, Cell | undefined>,
  schema: ReturnType<typeof chronologyEntrySchema>,
): { entry: ChronologyEntry } | { errors: ChronologyImportError[] } {
  const own = new Map<ChronologyColumnKey, string>();
  const candidate: Record<string, unknown> = {};

  // Date: text as records write it, or an Excel date at the precision its cell shows.
  const dateCell = cells.get('date');
  let timeFromDate: string | undefined;
  if (dateCell !== undefined && typeof dateCell !== 'string') {
    if (dateCell.precision === 'time') own.set('date', DATE_PROBLEMS['not-real']);
    else {
      const iso = isoDay(dateCell.date);
      candidate.date = dateCell.precision === 'day' ? iso : dateCell.precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
      candidate.dateUncertain = false;
      if (dateCell.precision === 'day' && hhmm(dateCell.date) !== '00:00') timeFromDate = hhmm(dateCell.date);
    }
  } else {
    // A spreadsheet saved as CSV writes a date-time cell as "15/05/2026 14:30".
    const [dateText, timeText] = splitDateTime(cellString(dateCell));
    if (timeText && timeText !== '00:00') timeFromDate = timeText;
    const written = parseWrittenDate(dateText);
    if ('problem' in written) own.set('date', DATE_PROBLEMS[written.problem]);
    else Object.assign(candidate, written);
  }

  const timeCell = cells.get('time');
  if (timeCell !== undefined && typeof timeCell !== 'string') candidate.time = hhmm(timeCell.date);
  else if (cellString(timeCell)) {
    const time = parseWrittenTime(cellString(timeCell));
    if (time) candidate.time = time;
    else own.set('time', 'time must be a real time, like 14:30 or 2:30pm');
  } else if (timeFromDate) candidate.time = timeFromDate;

  for (const key of ['role', 'organisation', 'whatHappened', 'decisionOrAction', 'sourceRecord'] as const) {
    const cell = cells.get(key);
    candidate[key] = cell === undefined || typeof cell === 'string' ? cellString(cell) : isoDay(cell.date);
  }
  for (const key of ['childSeen', 'wishesSought', 'wishesExpressed', 'wishesRecorded'] as const) {
    const text = cellString(cells.get(key));
    const value = readAnswer(text);
    if (value) candidate[key] = value;
    else own.set(key, `enter ${answerQuestions[key]}: yes, no or not recorded`);
  }

  if (candidate.whatHappened === TEMPLATE_EXAMPLE.whatHappened && candidate.sourceRecord === TEMPLATE_EXAMPLE.sourceRecord) {
    return { errors: [{ row, text: `Row ${row}: delete the example row from the template` }] };
  }

  const parsed = schema.safeParse(candidate);
  const problems = new Map(own);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as ChronologyColumnKey | 'dateUncertain';
      if (key === 'dateUncertain' || problems.has(key)) continue;
      problems.set(key, lowerFirst(issue.message));
    }
  }
  if (!problems.size && parsed.success) return { entry: parsed.data };
  const order: readonly string[] = chronologyFieldOrder;
  return {
    errors: [...problems]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([column, text]) => ({ row, column, text: `Row ${row}: ${text}` })),
  };
}
