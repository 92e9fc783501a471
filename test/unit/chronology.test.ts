import { describe, expect, it } from 'vitest';
import {
  anyDate,
  chronologyDateParts,
  chronologySortKey,
  compareChronologyRows,
  editChronologyRow,
  rowVersion,
  formatChronologyDate,
  isApproximate,
  mergeChronology,
  movable,
  moveRow,
  nextPosition,
  parseWrittenDate,
  parseWrittenTime,
  reviewPeriodCheck,
  sortChronology,
  type ChronologyEntry,
  type ChronologyRow,
} from '../../functions/domain/contributions/chronology.js';
import { chronologyDateFromParts, chronologyEntrySchema } from '../../functions/schemas/chronology.js';
import { toFieldErrors } from '../../functions/schemas/errors.js';

const entry = (overrides: Partial<ChronologyEntry> = {}): ChronologyEntry => ({
  date: '2026-05-15',
  dateUncertain: false,
  role: 'Health visitor',
  organisation: 'Community health',
  whatHappened: 'Home visit',
  childSeen: 'yes',
  wishesSought: 'no',
  wishesExpressed: 'not-recorded',
  wishesRecorded: 'no',
  sourceRecord: 'Health visiting record',
  ...overrides,
});
const row = (id: string, date: string, position: number, extra: Partial<ChronologyRow> = {}): ChronologyRow => ({
  ...entry({ date }),
  id,
  position,
  ...extra,
});

describe('chronology dates', () => {
  it.each([
    ['15/05/2026', '2026-05-15', false],
    ['5/5/2026', '2026-05-05', false],
    ['15-05-2026', '2026-05-15', false],
    ['15.05.2026', '2026-05-15', false],
    ['15 May 2026', '2026-05-15', false],
    ['15th May 2026', '2026-05-15', false],
    ['1st of September 2026', '2026-09-01', false],
    ['Friday 15 May 2026', '2026-05-15', false],
    ['15 Sept 2026', '2026-09-15', false],
    ['2026-05-15', '2026-05-15', false],
    ['May 2026', '2026-05', false],
    ['may, 2026', '2026-05', false],
    ['05/2026', '2026-05', false],
    ['2026-05', '2026-05', false],
    ['2026', '2026', false],
    ['c. May 2026', '2026-05', false],
    ['circa 2026', '2026', false],
    ['c. 15/05/2026', '2026-05-15', true],
    ['c.15 May 2026', '2026-05-15', true],
    ['approx. 15 May 2026', '2026-05-15', true],
    ['15/05/2026?', '2026-05-15', true],
    ['15 May 2026 (approximate)', '2026-05-15', true],
    ['May 2026 (approximate)', '2026-05', false],
    ['  15   May   2026 ', '2026-05-15', false],
  ])('reads %j as %s (uncertain day: %s)', (text, date, dateUncertain) => {
    expect(parseWrittenDate(text)).toEqual({ date, dateUncertain });
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['15/05/26', 'short-year'],
    ['15 May 26', 'short-year'],
    ['May 26', 'short-year'],
    ['31/02/2026', 'not-real'],
    ['15/13/2026', 'not-real'],
    ['05/15/2026', 'not-real'],
    ['29/02/2025', 'not-real'],
    ['1850', 'not-real'],
    ['15 Mai 2026', 'format'],
    ['last spring', 'format'],
    ['early May 2026', 'format'],
    ['15/05/202', 'format'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseWrittenDate(text)).toEqual({ problem });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseWrittenDate('29/02/2028')).toEqual({ date: '2028-02-29', dateUncertain: false });
    expect(chronologyDateParts('2028-02-29')).toEqual({ precision: 'day', year: 2028, month: 2, day: 29 });
    expect(chronologyDateParts('2026-02-29')).toBeUndefined();
  });

  it.each([
    ['2026-05-15', false, '15 May 2026'],
    ['2026-05-15', true, '15 May 2026 (approximate)'],
    ['2026-05', false, 'May 2026 (approximate)'],
    ['2026', false, '2026 (approximate)'],
  ])('shows %s (uncertain %s) as %j, and reads it back', (date, uncertain, shown) => {
    expect(formatChronologyDate(date, uncertain)).toBe(shown);
    expect(parseWrittenDate(shown)).toEqual({ date, dateUncertain: uncertain && date.length === 10 });
    expect(isApproximate(date, uncertain)).toBe(shown.endsWith('(approximate)'));
  });

  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['9.05', '09:05'],
    ['2:30pm', '14:30'],
    ['2.30 p.m.', '14:30'],
    ['12am', '00:00'],
    ['12:15pm', '12:15'],
    ['1430', '14:30'],
    ['14:30:00', '14:30'],
    ['24:00', undefined],
    ['14:60', undefined],
    ['14', undefined],
    ['13pm', undefined],
    ['teatime', undefined],
  ])('reads the time %j as %s', (text, time) => {
    expect(parseWrittenTime(text)).toBe(time);
  });

  it('builds a date from the page fields: day, month and year; month and year; or a year', () => {
    expect(chronologyDateFromParts({ day: '5', month: '5', year: '2026' })).toEqual({ date: '2026-05-05' });
    expect(chronologyDateFromParts({ day: '', month: '5', year: '2026' })).toEqual({ date: '2026-05' });
    expect(chronologyDateFromParts({ day: '', month: '', year: '2026' })).toEqual({ date: '2026' });
    expect(chronologyDateFromParts({ day: '', month: '', year: '' })).toEqual({ error: 'Enter the date of the event' });
    expect(chronologyDateFromParts({ day: '5', month: '5', year: '' })).toEqual({ error: 'Date of the event must include a year' });
    expect(chronologyDateFromParts({ day: '5', month: '', year: '2026' })).toEqual({ error: 'Date of the event must include a month' });
    expect(chronologyDateFromParts({ day: '31', month: '4', year: '2026' })).toEqual({ error: 'Date of the event must be a real date' });
    expect(chronologyDateFromParts({ day: '', month: 'May', year: '2026' })).toEqual({ error: 'Date of the event must be a real date' });
  });
});

describe('chronology order', () => {
  it('puts a year before its months, a month before its days, untimed before timed, each in reading order', () => {
    // Prepare: every kind of date, given in a scrambled order.
    const rows = [
      row('day-timed-late', '2026-05-01', 1, { time: '15:00' }),
      row('june', '2026-06', 2),
      row('day-untimed', '2026-05-01', 3),
      row('day-timed-early', '2026-05-01', 4, { time: '09:30' }),
      row('may', '2026-05', 5),
      row('year', '2026', 6),
      row('april-30', '2026-04-30', 7),
      row('last-year', '2025-12-31', 8),
      row('uncertain-2nd', '2026-05-02', 9, { dateUncertain: true }),
      row('may-31', '2026-05-31', 10),
    ];
    // Act
    const sorted = sortChronology(rows).map((r) => r.id);
    // Assess
    expect(sorted).toEqual([
      'last-year',
      'year',
      'april-30',
      'may',
      'day-untimed',
      'day-timed-early',
      'day-timed-late',
      'uncertain-2nd',
      'may-31',
      'june',
    ]);
  });

  it('keeps the author order (position) for rows on the same day with no time, and for the same month', () => {
    const rows = [row('c', '2026-05-15', 7), row('a', '2026-05-15', 2), row('b', '2026-05-15', 5), row('m2', '2026-05', 9), row('m1', '2026-05', 1)];
    expect(sortChronology(rows).map((r) => r.id)).toEqual(['m1', 'm2', 'a', 'b', 'c']);
  });

  it('orders the same time by position too, and an uncertain day as its day', () => {
    const rows = [row('b', '2026-05-15', 2, { time: '10:00' }), row('a', '2026-05-15', 1, { time: '10:00' }), row('u', '2026-05-15', 0, { dateUncertain: true })];
    expect(sortChronology(rows).map((r) => r.id)).toEqual(['u', 'a', 'b']);
  });

  it('ignores a time on a month (the schema refuses it) rather than mis-sorting', () => {
    expect(chronologySortKey({ date: '2026-05', time: '10:00' })).toBe('20260500');
    expect(chronologySortKey({ date: '2026-05-01', time: '10:00' })).toBe('20260501T1000');
  });

  it('sorts 500 rows into an order where every neighbouring pair obeys the rules', () => {
    // Prepare: 500 rows with a deterministic spread of precisions, times and positions.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const rows: ChronologyRow[] = [];
    for (let i = 0; i < 500; i++) {
      const y = 2024 + rand(3);
      const m = String(1 + rand(12)).padStart(2, '0');
      const d = String(1 + rand(28)).padStart(2, '0');
      const kind = rand(10);
      const date = kind === 0 ? String(y) : kind < 3 ? `${y}-${m}` : `${y}-${m}-${d}`;
      const time = kind >= 6 && rand(2) ? `${String(rand(24)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}` : undefined;
      rows.push(row(`r${String(i).padStart(3, '0')}`, date, rand(100_000), time ? { time } : {}));
    }
    // Act
    const sorted = sortChronology(rows);
    // Assess: the same rows, and each pair in order by an independent statement of the rules.
    expect(new Set(sorted.map((r) => r.id)).size).toBe(500);
    expect(sorted).toHaveLength(500);
    const start = (r: ChronologyRow) => {
      const p = chronologyDateParts(r.date)!;
      return [p.year, p.month ?? 0, p.day ?? 0, r.time ? 1 : 0, r.time ? Number(r.time.replace(':', '')) : 0, r.position] as const;
    };
    for (let i = 1; i < sorted.length; i++) {
      const a = start(sorted[i - 1]!);
      const b = start(sorted[i]!);
      const firstDifference = a.findIndex((v, k) => v !== b[k]);
      if (firstDifference >= 0) expect(a[firstDifference]!).toBeLessThan(b[firstDifference]!);
      expect(compareChronologyRows(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
    }
    // Sorting does not change its input, and sorting again changes nothing.
    expect(rows[0]!.id).toBe('r000');
    expect(sortChronology(sorted)).toEqual(sorted);
  });

  it('merges new entries after the existing positions, keeping their order on a shared day', () => {
    const existing = [row('old', '2026-05-15', 4)];
    let n = 0;
    const { added, rows } = mergeChronology(existing, [entry({ whatHappened: 'first' }), entry({ whatHappened: 'second' }), entry({ date: '2026-05' })], () => `new${n++}`);
    expect(added.map((r) => [r.id, r.position])).toEqual([
      ['new0', 5],
      ['new1', 6],
      ['new2', 7],
    ]);
    expect(rows.map((r) => r.id)).toEqual(['new2', 'old', 'new0', 'new1']);
    expect(nextPosition(rows)).toBe(8);
    expect(nextPosition([])).toBe(0);
  });

  it('moves a row within its day by swapping positions, and no further', () => {
    const rows = [row('a', '2026-05-15', 1), row('b', '2026-05-15', 2), row('c', '2026-05-15', 3), row('timed', '2026-05-15', 0, { time: '09:00' }), row('other', '2026-05-16', 4)];
    const moved = moveRow(rows, 'c', 'up');
    expect(moved).toEqual({ ok: true, changed: [expect.objectContaining({ id: 'c', position: 2 }), expect.objectContaining({ id: 'b', position: 3 })] });
    const after = rows.map((r) => (moved.ok ? (moved.changed.find((c) => c.id === r.id) ?? r) : r));
    expect(sortChronology(after).map((r) => r.id)).toEqual(['a', 'c', 'b', 'timed', 'other']);
    expect(moveRow(rows, 'a', 'up')).toEqual({ ok: false, reason: 'first' });
    expect(moveRow(rows, 'c', 'down')).toEqual({ ok: false, reason: 'last' });
    expect(moveRow(rows, 'timed', 'up')).toEqual({ ok: false, reason: 'first' });
    expect(moveRow(rows, 'nope', 'up')).toEqual({ ok: false, reason: 'not-found' });
    expect(movable(rows, 'b')).toEqual({ up: true, down: true });
    expect(movable(rows, 'other')).toEqual({ up: false, down: false });
  });
});

describe('review period check', () => {
  const check = reviewPeriodCheck({ from: '2026-03-10', to: '2026-09-30' });
  const message = 'Date of the event must be between 10 March 2026 and 30 September 2026, the period of the review';

  it.each([
    ['2026-03-10', undefined],
    ['2026-09-30', undefined],
    ['2026-03-09', message],
    ['2026-10-01', message],
    // An approximate date that may fall inside the period is allowed; one wholly outside is not.
    ['2026-03', undefined],
    ['2026-09', undefined],
    ['2026-02', message],
    ['2026-10', message],
    ['2026', undefined],
    ['2025', message],
  ])('%s -> %s', (date, expected) => {
    expect(check({ date, dateUncertain: false })).toBe(expected);
  });
});

describe('chronology row schema', () => {
  const errorsFor = (body: unknown, check = anyDate) => {
    const r = chronologyEntrySchema(check).safeParse(body);
    return r.success ? [] : toFieldErrors(r.error).map((e) => [e.name, e.text]);
  };

  it('accepts a complete entry and tidies it', () => {
    const r = chronologyEntrySchema(anyDate).parse({ ...entry({ date: '2026-05', dateUncertain: true }), role: '  Social worker ', time: '', decisionOrAction: '' });
    expect(r).toEqual({ ...entry({ date: '2026-05' }), role: 'Social worker', dateUncertain: false, time: undefined, decisionOrAction: undefined });
    expect(chronologyEntrySchema(anyDate).parse({ ...entry(), dateUncertain: true }).dateUncertain).toBe(true);
  });

  it.each([
    [{ date: '' }, 'date', 'Enter the date of the event'],
    [{ date: undefined }, 'date', 'Enter the date of the event'],
    [{ date: '2026-02-30' }, 'date', 'Date of the event must be a real date'],
    [{ date: '15/05/2026' }, 'date', 'Date of the event must be a real date'],
    [{ time: '25:00' }, 'time', 'Time must be a real time in 24-hour format, like 14:30'],
    [{ date: '2026-05', time: '10:00' }, 'time', 'Remove the time, or enter the day of the event'],
    [{ role: ' ' }, 'role', "Enter the practitioner's role"],
    [{ role: 'x'.repeat(101) }, 'role', "Practitioner's role must be 100 characters or fewer"],
    [{ organisation: '' }, 'organisation', "Enter the practitioner's organisation"],
    [{ whatHappened: '' }, 'whatHappened', 'Enter what happened'],
    [{ whatHappened: 'x'.repeat(5001) }, 'whatHappened', 'What happened must be 5,000 characters or fewer'],
    [{ decisionOrAction: 'x'.repeat(5001) }, 'decisionOrAction', 'Decision or action taken must be 5,000 characters or fewer'],
    [{ childSeen: 'maybe' }, 'childSeen', 'Select whether the child was seen'],
    [{ wishesSought: undefined }, 'wishesSought', "Select whether the child's wishes and feelings were sought"],
    [{ wishesExpressed: '' }, 'wishesExpressed', "Select whether the child's wishes and feelings were expressed"],
    [{ wishesRecorded: true }, 'wishesRecorded', "Select whether the child's wishes and feelings were recorded"],
    [{ sourceRecord: '' }, 'sourceRecord', 'Enter the source record'],
    [{ sourceRecord: 'x'.repeat(301) }, 'sourceRecord', 'Source record must be 300 characters or fewer'],
  ])('%j -> %s: %s', (overrides, name, text) => {
    expect(errorsFor({ ...entry(), ...overrides })).toContainEqual([name, text]);
  });

  it('refuses a date the review-period hook refuses, with its message', () => {
    const check = reviewPeriodCheck({ from: '2026-01-01', to: '2026-04-30' });
    expect(errorsFor(entry({ date: '2026-05-15' }), check)).toEqual([
      ['date', 'Date of the event must be between 1 January 2026 and 30 April 2026, the period of the review'],
    ]);
    expect(errorsFor(entry({ date: '2026-04' }), check)).toEqual([]);
  });

  it('passes the hook what was entered', () => {
    const seen: unknown[] = [];
    chronologyEntrySchema((d) => (seen.push(d), undefined)).parse(entry({ dateUncertain: true }));
    expect(seen).toEqual([{ date: '2026-05-15', dateUncertain: true }]);
  });

  it('refuses unknown fields', () => {
    expect(errorsFor({ ...entry(), childName: 'x' })).toContainEqual(['childName', expect.stringContaining('Remove the field')]);
  });
});

describe('chronology row schema, all problems at once', () => {
  it('reports the review period and a time on a month beside other fields in error', () => {
    const r = chronologyEntrySchema(reviewPeriodCheck({ from: '2026-06-01', to: '2026-06-30' })).safeParse({
      ...entry({ date: '2026-05', time: '10:00' }),
      sourceRecord: '',
    });
    expect(r.success).toBe(false);
    expect(r.success ? [] : toFieldErrors(r.error).map((e) => e.name)).toEqual(['sourceRecord', 'time', 'date']);
  });
});

describe('chronology row versions', () => {
  it('a new row is at version 1; a row stored before versions reads as 1', () => {
    const { added } = mergeChronology([], [entry()], () => 'r1');
    expect(added[0]!.version).toBe(1);
    expect(rowVersion(row('old', '2026-05-15', 1))).toBe(1);
  });

  it('an edit from the version read moves the version on and keeps the row’s id and place', () => {
    const current = row('r1', '2026-05-15', 7, { version: 3 });
    const edited = editChronologyRow(current, entry({ whatHappened: 'Changed' }), 3);
    expect(edited).toEqual({ ok: true, row: { ...entry({ whatHappened: 'Changed' }), id: 'r1', position: 7, version: 4 } });
  });

  it('an edit from an older version is refused, naming the version now', () => {
    expect(editChronologyRow(row('r1', '2026-05-15', 7, { version: 3 }), entry(), 2)).toEqual({ ok: false, current: 3 });
    expect(editChronologyRow(row('r1', '2026-05-15', 7), entry(), 2)).toEqual({ ok: false, current: 1 });
    expect(editChronologyRow(row('r1', '2026-05-15', 7), entry(), 1).ok).toBe(true);
  });

  it('a move keeps each row’s version (only its place changes)', () => {
    const a = row('a', '2026-05-15', 1, { version: 5 });
    const b = row('b', '2026-05-15', 2, { version: 2 });
    const moved = moveRow([a, b], 'b', 'up');
    expect(moved.ok && moved.changed.map((r) => [r.id, r.version])).toEqual([
      ['b', 2],
      ['a', 5],
    ]);
  });
});
