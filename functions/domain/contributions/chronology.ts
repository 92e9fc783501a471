/**
 * The chronology of involvement: part 1 of an Individual Management Review
 * (procedure Appendix A, "Format for Management reviews"). Pure rules only:
 * the row, its dates as practice records give them (often approximate), the
 * order rows are read in, and the review-period check. The zod schema that
 * validates a row in the browser and on the server is
 * `functions/schemas/chronology.ts`; file import is `chronology-import.ts`.
 *
 * ## Dates
 * A row's date is stored as text of one of three precisions:
 * - `YYYY-MM-DD` a day ("15 May 2026"); `dateUncertain` marks a day the
 *   record is not sure of ("15 May 2026 (approximate)");
 * - `YYYY-MM` a month ("May 2026 (approximate)");
 * - `YYYY` a year ("2026 (approximate)").
 * Month and year dates are approximate by nature; they are never widened or
 * narrowed into a day.
 *
 * ## Order (the rule a reader can rely on)
 * 1. By date, where a less precise date sorts at the START of what it covers:
 *    "2026" before "January 2026"; "May 2026" before "1 May 2026".
 *    An uncertain day sorts as that day.
 * 2. On the same day, rows with no time first, then rows with a time, earliest
 *    first.
 * 3. Rows that still tie (same day and no time, the same month, the same year,
 *    or the same day and time) keep the order the author set: `position`,
 *    lowest first. Positions are unique in a chronology: new and imported rows
 *    take the next free one, and `moveRow` swaps two.
 * 4. Last, the row id, so the order is total and the same everywhere.
 */

/** An answer that a record may simply not give. */
export type RecordedAnswer = 'yes' | 'no' | 'not-recorded';
export const recordedAnswers = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-recorded', label: 'Not recorded' },
] as const satisfies readonly { value: RecordedAnswer; label: string }[];

/** What the author enters for one event. */
export interface ChronologyEntry {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: see "Dates" above. */
  date: string;
  /** The day is not certain. Always false for a month or a year. */
  dateUncertain: boolean;
  /** 24-hour `HH:MM`; only with a day. */
  time?: string;
  /** Who: the practitioner's role (never their name is required). */
  role: string;
  /** Who: the practitioner's organisation. */
  organisation: string;
  whatHappened: string;
  decisionOrAction?: string;
  childSeen: RecordedAnswer;
  /** The child's wishes and feelings: sought, expressed, recorded. */
  wishesSought: RecordedAnswer;
  wishesExpressed: RecordedAnswer;
  wishesRecorded: RecordedAnswer;
  /** Where the entry comes from (a case file, a record system entry). Mandatory. */
  sourceRecord: string;
}

/** A stored chronology row: an entry with its id and author-set position. */
export interface ChronologyRow extends ChronologyEntry {
  id: string;
  /** Tie-break among rows that the date and time do not order (rule 3). */
  position: number;
  /**
   * Moves on with every change of the row's content (not with a move): an
   * edit is saved only if the row is still at the version the editor read.
   * Absent on rows stored before rows had versions: read as 1.
   */
  version?: number;
}

/** A row's version: 1 for a row stored before rows had versions. */
export const rowVersion = (row: Pick<ChronologyRow, 'version'>): number => row.version ?? 1;

/**
 * An edit of one row, if the row is still at the version the editor read
 * (someone else's change in between is never overwritten). The row keeps its
 * id and its place among same-day rows; its version moves on.
 */
export function editChronologyRow(current: ChronologyRow, entry: ChronologyEntry, expectedVersion: number): { ok: true; row: ChronologyRow } | { ok: false; current: number } {
  const version = rowVersion(current);
  if (version !== expectedVersion) return { ok: false, current: version };
  return { ok: true, row: { ...entry, id: current.id, position: current.position, version: version + 1 } };
}

export type DatePrecision = 'day' | 'month' | 'year';

/** A chronology date taken apart. */
export interface ChronologyDateParts {
  precision: DatePrecision;
  year: number;
  /** 1-12; absent for a year. */
  month?: number;
  /** 1-31; present only for a day. */
  day?: number;
}

/**
 * Checks a date against something outside the row, such as the review
 * period: returns the error message, or undefined when the date is allowed.
 */
export type DateCheck = (date: { date: string; dateUncertain: boolean }) => string | undefined;

/** The check to pass when nothing bounds the dates yet (no agreed review period). */
export const anyDate: DateCheck = () => undefined;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const DATE_VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const TIME_VALUE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Splits a stored date value; undefined when it is not one of the three forms or not a real date. */
export function chronologyDateParts(value: string): ChronologyDateParts | undefined {
  const m = DATE_VALUE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1900 || year > 2199) return undefined;
  if (m[2] === undefined) return { precision: 'year', year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { precision: 'month', year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { precision: 'day', year, month, day };
}

/** The stored value for some parts: `2026`, `2026-05` or `2026-05-15`. */
export function chronologyDateValue(parts: ChronologyDateParts): string {
  const y = String(parts.year).padStart(4, '0');
  if (parts.precision === 'year') return y;
  const m = String(parts.month).padStart(2, '0');
  if (parts.precision === 'month') return `${y}-${m}`;
  return `${y}-${m}-${String(parts.day).padStart(2, '0')}`;
}

/** True when the time is a real 24-hour `HH:MM`. */
export const isChronologyTime = (time: string): boolean => TIME_VALUE.test(time);

/** True when the date is approximate: a month, a year or an uncertain day. */
export function isApproximate(date: string, dateUncertain: boolean): boolean {
  const parts = chronologyDateParts(date);
  return parts !== undefined && (parts.precision !== 'day' || dateUncertain);
}

/**
 * The date as people read it: "15 May 2026", "15 May 2026 (approximate)",
 * "May 2026 (approximate)", "2026 (approximate)". The import reads all of
 * these back.
 */
export function formatChronologyDate(date: string, dateUncertain: boolean): string {
  const p = chronologyDateParts(date);
  if (!p) return date;
  const text =
    p.precision === 'year'
      ? String(p.year)
      : p.precision === 'month'
        ? `${MONTH_NAMES[p.month! - 1]} ${p.year}`
        : `${p.day} ${MONTH_NAMES[p.month! - 1]} ${p.year}`;
  return p.precision !== 'day' || dateUncertain ? `${text} (approximate)` : text;
}

/** An ISO day as "10 March 2026" (for messages). */
export function formatIsoDay(iso: string): string {
  return formatChronologyDate(iso, false);
}

/** The first and last day a date could be (ISO), for range checks. */
export function chronologyDateSpan(date: string): { first: string; last: string } | undefined {
  const p = chronologyDateParts(date);
  if (!p) return undefined;
  const y = String(p.year).padStart(4, '0');
  if (p.precision === 'year') return { first: `${y}-01-01`, last: `${y}-12-31` };
  const m = String(p.month).padStart(2, '0');
  if (p.precision === 'month') return { first: `${y}-${m}-01`, last: `${y}-${m}-${String(daysInMonth(p.year, p.month!)).padStart(2, '0')}` };
  return { first: date, last: date };
}

/**
 * The review-period check (terms of reference, 7.1: the period reviewed).
 * `from` and `to` are ISO days, inclusive. An approximate date is allowed when
 * the time it covers overlaps the period ("May 2026" for a period from
 * 20 May 2026), because the event may have happened inside it; a date wholly
 * outside is refused.
 */
export function reviewPeriodCheck(period: { from: string; to: string }): DateCheck {
  const message = `Date of the event must be between ${formatIsoDay(period.from)} and ${formatIsoDay(period.to)}, the period of the review`;
  return ({ date }) => {
    const span = chronologyDateSpan(date);
    if (!span) return undefined; // Not a date at all: the schema says so.
    return span.last < period.from || span.first > period.to ? message : undefined;
  };
}

/**
 * The sort key of rules 1 and 2: `YYYYMMDD` with `00` for what a month or
 * year does not say, then `T` and the time when there is one. Strings compare
 * in the right order: "20260500" < "20260501" < "20260501T0930".
 */
export function chronologySortKey(row: Pick<ChronologyEntry, 'date' | 'time'>): string {
  const p = chronologyDateParts(row.date);
  // An invalid date cannot be stored (the schema refuses it); sort it last rather than throw while reading.
  if (!p) return `~${row.date}`;
  const key = `${String(p.year).padStart(4, '0')}${String(p.month ?? 0).padStart(2, '0')}${String(p.day ?? 0).padStart(2, '0')}`;
  return p.precision === 'day' && row.time ? `${key}T${row.time.replace(':', '')}` : key;
}

/** Orders two rows by the rules above. */
export function compareChronologyRows(a: ChronologyRow, b: ChronologyRow): number {
  return compareKeyed(chronologySortKey(a), a, chronologySortKey(b), b);
}

function compareKeyed(ka: string, a: ChronologyRow, kb: string, b: ChronologyRow): number {
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a.position !== b.position) return a.position - b.position;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The rows in reading order (a new array). Each key is computed once. */
export function sortChronology<T extends ChronologyRow>(rows: readonly T[]): T[] {
  const keyed = rows.map((row) => ({ key: chronologySortKey(row), row }));
  keyed.sort((x, y) => compareKeyed(x.key, x.row, y.key, y.row));
  return keyed.map((k) => k.row);
}

/** The position a new row takes: after every existing one. */
export function nextPosition(rows: readonly Pick<ChronologyRow, 'position'>[]): number {
  let max = -1;
  for (const r of rows) if (r.position > max) max = r.position;
  return max + 1;
}

/**
 * Adds entries (typed in, or imported from a file) to a chronology. Each
 * takes the next free position in the order given, so rows an import puts on
 * the same day with no time keep the file's order, after any already there.
 * Returns the rows to store and the whole chronology in reading order.
 */
export function mergeChronology(
  existing: readonly ChronologyRow[],
  entries: readonly ChronologyEntry[],
  newId: () => string,
): { added: ChronologyRow[]; rows: ChronologyRow[] } {
  let position = nextPosition(existing);
  const added = entries.map((entry) => ({ ...entry, id: newId(), position: position++, version: 1 }));
  return { added, rows: sortChronology([...existing, ...added]) };
}

export type MoveResult =
  | { ok: true; changed: [ChronologyRow, ChronologyRow] }
  | { ok: false; reason: 'not-found' | 'first' | 'last' };

/**
 * Moves a row up or down among the rows its date and time do not order (rule
 * 3): only there does the author's order apply. Swaps positions with the
 * neighbour and returns the two changed rows to store; `first`/`last` when it
 * cannot move that way (the page then offers no such button).
 */
export function moveRow(rows: readonly ChronologyRow[], id: string, direction: 'up' | 'down'): MoveResult {
  const row = rows.find((r) => r.id === id);
  if (!row) return { ok: false, reason: 'not-found' };
  const key = chronologySortKey(row);
  const group = sortChronology(rows.filter((r) => chronologySortKey(r) === key));
  const at = group.findIndex((r) => r.id === id);
  const other = group[direction === 'up' ? at - 1 : at + 1];
  if (!other) return { ok: false, reason: direction === 'up' ? 'first' : 'last' };
  return { ok: true, changed: [{ ...row, position: other.position }, { ...other, position: row.position }] };
}

/** Whether the author can move a row up and down (for showing the buttons). */
export function movable(rows: readonly ChronologyRow[], id: string): { up: boolean; down: boolean } {
  const row = rows.find((r) => r.id === id);
  if (!row) return { up: false, down: false };
  const key = chronologySortKey(row);
  const group = sortChronology(rows.filter((r) => chronologySortKey(r) === key));
  const at = group.findIndex((r) => r.id === id);
  return { up: at > 0, down: at < group.length - 1 };
}

// ---------------------------------------------------------------- dates as written

export type WrittenDateProblem = 'missing' | 'format' | 'not-real' | 'short-year';

const MONTHS: Record<string, number> = {};
MONTH_NAMES.forEach((name, i) => {
  MONTHS[name.toLowerCase()] = i + 1;
  MONTHS[name.slice(0, 3).toLowerCase()] = i + 1;
});
MONTHS.sept = 9;

const APPROX_BEFORE = /^(?:c|ca|circa|approx|approximately|about|around|abt|est|estimated)\b\.?\s*/i;
const APPROX_AFTER = /\s*(?:\((?:approximate|approx\.?|uncertain|estimated|circa)\)|\?|\s(?:approx\.?|approximate))$/i;
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\b\.?,?\s+/i;

/**
 * Reads a date as UK practice records write it: `15/05/2026`, `15-5-2026`,
 * `15 May 2026`, `15th May 2026`, `Friday 15 May 2026`, `May 2026`,
 * `05/2026`, `2026`, ISO `2026-05-15` and `2026-05`. A leading "c." (circa,
 * approx., about, around) or a trailing "(approximate)" or "?" marks it
 * approximate: for a day that sets `dateUncertain`; a month or a year is
 * approximate anyway. Two-digit years are refused (`short-year`), never
 * guessed.
 */
export function parseWrittenDate(text: string): { date: string; dateUncertain: boolean } | { problem: WrittenDateProblem } {
  let s = text.replace(/\s+/g, ' ').trim();
  if (!s) return { problem: 'missing' };
  let approximate = false;
  if (APPROX_BEFORE.test(s)) {
    s = s.replace(APPROX_BEFORE, '');
    approximate = true;
  }
  if (APPROX_AFTER.test(s)) {
    s = s.replace(APPROX_AFTER, '');
    approximate = true;
  }
  s = s.replace(WEEKDAY, '').trim();
  const parts = readParts(s);
  if ('problem' in parts) return parts;
  const value = chronologyDateValue(parts);
  if (!chronologyDateParts(value)) return { problem: 'not-real' };
  return { date: value, dateUncertain: parts.precision === 'day' && approximate };
}

function readParts(s: string): ChronologyDateParts | { problem: WrittenDateProblem } {
  let m: RegExpExecArray | null;
  const year = (y: string) => (y.length === 4 ? Number(y) : undefined);
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/.exec(s))) {
    const y = year(m[3]!);
    if (m[3]!.length === 2) return { problem: 'short-year' };
    if (y === undefined) return { problem: 'format' };
    return { precision: 'day', year: y, month: Number(m[2]), day: Number(m[1]) };
  }
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) return { precision: 'day', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return { precision: 'month', year: Number(m[1]), month: Number(m[2]) };
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) return { precision: 'month', year: Number(m[2]), month: Number(m[1]) };
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d+)$/i.exec(s))) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (!month) return { problem: 'format' };
    if (m[3]!.length === 2) return { problem: 'short-year' };
    const y = year(m[3]!);
    if (y === undefined) return { problem: 'format' };
    return { precision: 'day', year: y, month, day: Number(m[1]) };
  }
  if ((m = /^([a-z]+)\.?,?\s+(\d+)$/i.exec(s))) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (!month) return { problem: 'format' };
    if (m[2]!.length === 2) return { problem: 'short-year' };
    const y = year(m[2]!);
    if (y === undefined) return { problem: 'format' };
    return { precision: 'month', year: y, month };
  }
  if ((m = /^(\d{4})$/.exec(s))) return { precision: 'year', year: Number(m[1]) };
  return { problem: 'format' };
}

/**
 * Reads a time as records write it: `14:30`, `9.05`, `2:30pm`, `2.30 p.m.`,
 * `1430`. Returns `HH:MM`, or undefined when it is not a real time.
 */
export function parseWrittenTime(text: string): string | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, '').replace(/\./g, (_, i: number, all: string) => (/\d/.test(all[i + 1] ?? '') ? ':' : ''));
  const m = /^(\d{1,2})(?::?(\d{2}))?(?::\d{2})?(am|pm)?$/.exec(s);
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (m[2] === undefined && !m[3]) return undefined; // "14" alone is not a time
  if (m[3]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (m[3] === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
