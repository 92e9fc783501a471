import { describe, expect, it } from 'vitest';
import type { ChronologyRow } from '../../functions/domain/contributions/chronology.js';
import {
  applyGroups,
  filterRows,
  groupRows,
  mergeChronologies,
  ungroup,
  type ChronologyGroup,
  type ChronologyInput,
} from '../../functions/domain/report/integrated-chronology.js';

const row = (id: string, date: string, position: number, extra: Partial<ChronologyRow> = {}): ChronologyRow => ({
  date,
  dateUncertain: false,
  role: 'Practitioner',
  organisation: 'Somewhere',
  whatHappened: `Event ${id}`,
  childSeen: 'no',
  wishesSought: 'no',
  wishesExpressed: 'no',
  wishesRecorded: 'no',
  sourceRecord: 'Record',
  id,
  position,
  ...extra,
});

const ids = (rows: { row: { id: string } }[]) => rows.map((r) => r.row.id);

describe('mergeChronologies', () => {
  it('merges every organisation’s rows in date and time order, each attributed to its organisation', () => {
    // Prepare: rows given out of order, as a store returns them
    const inputs: ChronologyInput[] = [
      { organisation: 'Police', contributionId: 'c-police', rows: [row('p2', '2026-03-10', 1, { time: '18:00' }), row('p1', '2026-01-05', 0)] },
      { organisation: 'Health', contributionId: 'c-health', rows: [row('h1', '2026-03-10', 0, { time: '09:15' }), row('h2', '2026-02-01', 1)] },
      { organisation: 'School', contributionId: 'c-school', rows: [row('s1', '2026-03-10', 0)] },
    ];

    // Act
    const merged = mergeChronologies(inputs);

    // Assess: on 10 March the row with no time first, then 09:15, then 18:00
    expect(ids(merged)).toEqual(['p1', 'h2', 's1', 'h1', 'p2']);
    expect(merged.map((r) => r.organisation)).toEqual(['Police', 'Health', 'School', 'Health', 'Police']);
    expect(merged[0]!.key).toBe('c-police:p1');
    expect(merged[0]!.contributionId).toBe('c-police');
  });

  it('sorts approximate dates at the start of what they cover; an uncertain day as that day', () => {
    const inputs: ChronologyInput[] = [
      { organisation: 'A', contributionId: 'a', rows: [row('day', '2026-05-01', 0), row('month', '2026-05', 1), row('year', '2026', 2)] },
      { organisation: 'B', contributionId: 'b', rows: [row('uncertain', '2026-04-30', 0, { dateUncertain: true }), row('june', '2026-06', 1), row('2025', '2025-12-31', 2)] },
    ];

    const merged = mergeChronologies(inputs);

    expect(ids(merged)).toEqual(['2025', 'year', 'uncertain', 'month', 'day', 'june']);
  });

  it('keeps each author’s same-day order and the organisations’ order for rows that tie', () => {
    // Prepare: positions say b2 before b1 (the author moved them); A was asked first
    const inputs: ChronologyInput[] = [
      { organisation: 'A', contributionId: 'a', rows: [row('a2', '2026-05-01', 7), row('a1', '2026-05-01', 3)] },
      { organisation: 'B', contributionId: 'b', rows: [row('b1', '2026-05-01', 5), row('b2', '2026-05-01', 2)] },
    ];

    const merged = mergeChronologies(inputs);

    expect(ids(merged)).toEqual(['a1', 'a2', 'b2', 'b1']);
    // The same answer from the inputs in another order of rows (the store's order does not matter)
    expect(ids(mergeChronologies(inputs.map((i) => ({ ...i, rows: [...i.rows].reverse() }))))).toEqual(['a1', 'a2', 'b2', 'b1']);
  });

  it('carries the child-seen and wishes-and-feelings flags, and filters by them', () => {
    const merged = mergeChronologies([
      {
        organisation: 'A',
        contributionId: 'a',
        rows: [
          row('seen', '2026-01-01', 0, { childSeen: 'yes' }),
          row('sought', '2026-01-02', 1, { wishesSought: 'yes' }),
          row('expressed-and-seen', '2026-01-03', 2, { wishesExpressed: 'yes', childSeen: 'yes' }),
          row('recorded-only', '2026-01-04', 3, { wishesRecorded: 'yes', childSeen: 'not-recorded' }),
        ],
      },
    ]);

    expect(merged.map((r) => [r.row.id, r.childSeen, r.wishesAndFeelings])).toEqual([
      ['seen', true, false],
      ['sought', false, true],
      ['expressed-and-seen', true, true],
      ['recorded-only', false, false],
    ]);
    expect(ids(filterRows(merged, { childSeen: true }))).toEqual(['seen', 'expressed-and-seen']);
    expect(ids(filterRows(merged, { wishesAndFeelings: true }))).toEqual(['sought', 'expressed-and-seen']);
    expect(ids(filterRows(merged, { childSeen: true, wishesAndFeelings: true }))).toEqual(['expressed-and-seen']);
    expect(filterRows(merged, {})).toHaveLength(4);
  });

  it('returns nothing for no contributions', () => {
    expect(mergeChronologies([])).toEqual([]);
  });
});

describe('grouping rows about the same event', () => {
  const merged = mergeChronologies([
    { organisation: 'Police', contributionId: 'p', rows: [row('p1', '2026-03-10', 0, { time: '18:00' }), row('p2', '2026-03-11', 1), row('p3', '2026-03', 2)] },
    { organisation: 'Health', contributionId: 'h', rows: [row('h1', '2026-03-10', 0, { time: '09:15' }), row('h2', '2026-03-10', 1, { time: '12:00' })] },
    { organisation: 'School', contributionId: 's', rows: [row('s1', '2026-03-10', 0, { time: '11:00' }), row('s2', '2026-03', 1)] },
  ]);
  const request = (rowKeys: string[], extra: { label?: string } = {}) => ({ id: 'g1', rowKeys, at: '2026-04-01T10:00:00.000Z', by: 'author@example.org', ...extra });

  it('groups rows of one day from different organisations, in reading order', () => {
    const result = groupRows(merged, [], request(['p:p1', 'h:h1'], { label: ' Strategy discussion ' }));

    expect(result).toEqual({
      ok: true,
      group: { id: 'g1', rowKeys: ['h:h1', 'p:p1'], label: 'Strategy discussion', createdAt: '2026-04-01T10:00:00.000Z', createdBy: 'author@example.org' },
    });
  });

  it.each([
    [['p:p1'], 'Select at least two rows to group'],
    [['p:p1', 'p:p1'], 'Select at least two rows to group'],
    [['p:p1', 'p:p2'], 'Select rows on the same day: only rows about the same event can be grouped'],
    [['p:p3', 's:s2'], 'Select rows on the same day: only rows about the same event can be grouped'],
    [['h:h1', 'h:h2'], 'Select rows from at least two organisations: a group joins what different organisations recorded about one event'],
    [['p:p1', 'x:gone'], 'A row you selected is no longer in the integrated chronology: reload the page'],
  ])('refuses %j: %s', (rowKeys, error) => {
    expect(groupRows(merged, [], request(rowKeys))).toEqual({ ok: false, error });
  });

  it('refuses a row already in another group, and allows it once ungrouped', () => {
    const first = groupRows(merged, [], request(['p:p1', 'h:h1']));
    if (!first.ok) throw new Error(first.error);

    const again = groupRows(merged, [first.group], { ...request(['h:h1', 's:s1']), id: 'g2' });
    const groups = ungroup([first.group], 'g1');
    const afterUngroup = groupRows(merged, groups, { ...request(['h:h1', 's:s1']), id: 'g2' });

    expect(again).toEqual({ ok: false, error: 'A row you selected is already in a group: ungroup it first' });
    expect(groups).toEqual([]);
    expect(afterUngroup.ok).toBe(true);
    expect(ungroup([first.group], 'no-such')).toEqual([first.group]);
  });

  it('shows a group’s rows together at its first row’s place, marked with the group', () => {
    const group: ChronologyGroup = { id: 'g1', rowKeys: ['h:h1', 'p:p1'], createdAt: 'x', createdBy: 'y' };

    const shown = applyGroups(merged, [group]);

    // Reading order is p3, s2 (March), h1 09:15, s1 11:00, h2 12:00, p1 18:00, p2: p1 moves up beside h1.
    expect(shown.map((r) => r.key)).toEqual(['p:p3', 's:s2', 'h:h1', 'p:p1', 's:s1', 'h:h2', 'p:p2']);
    expect(shown.filter((r) => r.groupId === 'g1').map((r) => r.key)).toEqual(['h:h1', 'p:p1']);
    expect(shown).toHaveLength(merged.length);
  });

  it('shows a group whose rows went (a contribution no longer there) as plain rows', () => {
    const group: ChronologyGroup = { id: 'g1', rowKeys: ['h:h1', 'gone:x'], createdAt: 'x', createdBy: 'y' };

    const shown = applyGroups(merged, [group]);

    expect(shown.map((r) => r.key)).toEqual(merged.map((r) => r.key));
    expect(shown.every((r) => r.groupId === undefined)).toBe(true);
  });
});
