import { chronologyDateParts, chronologySortKey, type ChronologyRow } from '../contributions/chronology.js';

/**
 * The integrated chronology of the overview report (procedure Appendix B,
 * "The facts"): every accepted contribution's chronology rows merged into
 * one, in date and time order, each row attributed to the organisation that
 * contributed it. Pure: the use cases load the accepted contributions and
 * their rows, the report drafts and exports call the same functions.
 *
 * ## Order (the rule a reader can rely on)
 * 1. By date and time exactly as one IMR's chronology is ordered
 *    (`chronologySortKey`): a less precise date sorts at the START of what it
 *    covers ("2026" before "January 2026" before "1 January 2026"); on a
 *    day, rows with no time before rows with a time, earliest first; an
 *    uncertain day sorts as that day.
 * 2. Rows that still tie keep the organisations' order as given (the order
 *    the contributions were asked for), and within one organisation the
 *    order its author set (`position`): an author's same-day order is never
 *    reshuffled by the merge.
 * 3. Last the row's id, so the order is total and the same everywhere.
 *
 * ## Groups
 * The overview author may group rows from different organisations about
 * the same event: all on the same day, at least two organisations, each row
 * in at most one group. A group is stored as its own child item of the case
 * (see `ChronologyGroup`); `groupRows` checks and makes one, `ungroup`
 * removes one, and `applyGroups` shows a group's rows together, at the place
 * of its first row.
 */

/** The rows of one accepted contribution, as its organisation gave them. */
export interface ChronologyInput {
  /** The contributing organisation (the contribution's, not the practitioner's). */
  organisation: string;
  contributionId: string;
  rows: readonly ChronologyRow[];
}

/** One row of the integrated chronology. */
export interface IntegratedRow {
  /** Unique across the integrated chronology: `<contributionId>:<rowId>`. */
  key: string;
  contributionId: string;
  /** The contributing organisation the row is attributed to. */
  organisation: string;
  /** The row as its IMR holds it (its own `organisation` is the practitioner's). */
  row: ChronologyRow;
  /** The child was seen (the row answers "yes"). */
  childSeen: boolean;
  /** The child's wishes and feelings were sought or expressed (either answers "yes"). */
  wishesAndFeelings: boolean;
  /** The group the author put the row in, when `applyGroups` found one. */
  groupId?: string;
}

/** Rows from different organisations about the same event, grouped by the overview author. */
export interface ChronologyGroup {
  id: string;
  /** `IntegratedRow.key` of each row, in reading order. */
  rowKeys: string[];
  /** What the event was, in the author's words (optional). */
  label?: string;
  createdAt: string;
  createdBy: string;
}

/** Most rows one group holds: an event seen by every organisation of a large review, with room. */
export const GROUP_ROW_LIMIT = 20;

export const rowKeyOf = (contributionId: string, rowId: string) => `${contributionId}:${rowId}`;

/**
 * Merges every accepted contribution's rows into one chronology (the order
 * above). Each sort key is computed once; 5,000 rows from ten organisations
 * are measured in `test/bench/integrated-chronology.ts`.
 */
export function mergeChronologies(inputs: readonly ChronologyInput[]): IntegratedRow[] {
  const keyed: { sortKey: string; input: number; position: number; id: string; out: IntegratedRow }[] = [];
  inputs.forEach((input, index) => {
    for (const row of input.rows) {
      keyed.push({
        sortKey: chronologySortKey(row),
        input: index,
        position: row.position,
        id: row.id,
        out: {
          key: rowKeyOf(input.contributionId, row.id),
          contributionId: input.contributionId,
          organisation: input.organisation,
          row,
          childSeen: row.childSeen === 'yes',
          wishesAndFeelings: row.wishesSought === 'yes' || row.wishesExpressed === 'yes',
        },
      });
    }
  });
  keyed.sort((a, b) => {
    if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
    if (a.input !== b.input) return a.input - b.input;
    if (a.position !== b.position) return a.position - b.position;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return keyed.map((k) => k.out);
}

/** What the reader chose to see: only rows where the child was seen, and/or where wishes and feelings were sought or expressed. */
export interface ChronologyFilter {
  childSeen?: boolean;
  wishesAndFeelings?: boolean;
}

/** The rows the filter keeps (every filter chosen must hold), in the same order. */
export function filterRows<T extends Pick<IntegratedRow, 'childSeen' | 'wishesAndFeelings'>>(rows: readonly T[], filter: ChronologyFilter): T[] {
  return rows.filter((r) => (!filter.childSeen || r.childSeen) && (!filter.wishesAndFeelings || r.wishesAndFeelings));
}

export type GroupResult = { ok: true; group: ChronologyGroup } | { ok: false; error: string };

/**
 * Groups rows about the same event (chosen by the overview author). Refused,
 * with a message a person can act on, when: fewer than two rows, a row is not
 * in the chronology, the rows are not all on one day (a day, not a month or
 * a year), they come from one organisation only, or a row is already in
 * another group.
 */
export function groupRows(
  rows: readonly IntegratedRow[],
  groups: readonly ChronologyGroup[],
  request: { id: string; rowKeys: readonly string[]; label?: string; at: string; by: string },
): GroupResult {
  const wanted = [...new Set(request.rowKeys)];
  if (wanted.length < 2) return { ok: false, error: 'Select at least two rows to group' };
  if (wanted.length > GROUP_ROW_LIMIT) return { ok: false, error: `A group can have up to ${GROUP_ROW_LIMIT} rows` };
  const byKey = new Map(rows.map((r) => [r.key, r] as const));
  const chosen: IntegratedRow[] = [];
  for (const key of wanted) {
    const r = byKey.get(key);
    if (!r) return { ok: false, error: 'A row you selected is no longer in the integrated chronology: reload the page' };
    chosen.push(r);
  }
  const days = new Set(chosen.map((r) => r.row.date));
  if (days.size !== 1 || chronologyDateParts(chosen[0]!.row.date)?.precision !== 'day') {
    return { ok: false, error: 'Select rows on the same day: only rows about the same event can be grouped' };
  }
  if (new Set(chosen.map((r) => r.organisation)).size < 2) {
    return { ok: false, error: 'Select rows from at least two organisations: a group joins what different organisations recorded about one event' };
  }
  const taken = new Set(groups.flatMap((g) => g.rowKeys));
  if (chosen.some((r) => taken.has(r.key))) return { ok: false, error: 'A row you selected is already in a group: ungroup it first' };
  // Reading order, so the stored group reads as the chronology does.
  const order = new Map(rows.map((r, i) => [r.key, i] as const));
  const rowKeys = chosen.map((r) => r.key).sort((a, b) => order.get(a)! - order.get(b)!);
  const label = request.label?.trim();
  return { ok: true, group: { id: request.id, rowKeys, ...(label ? { label } : {}), createdAt: request.at, createdBy: request.by } };
}

/** The groups without the one named (unchanged when there is no such group). */
export function ungroup(groups: readonly ChronologyGroup[], groupId: string): ChronologyGroup[] {
  return groups.filter((g) => g.id !== groupId);
}

/**
 * The chronology as the author and the report show it: each group's rows
 * together, at the place of the group's first row, in reading order, each
 * marked with its `groupId`. A group row no longer in the chronology is
 * left out; a group left with fewer than two rows shows its row ungrouped.
 */
export function applyGroups(rows: readonly IntegratedRow[], groups: readonly ChronologyGroup[]): IntegratedRow[] {
  const present = new Set(rows.map((r) => r.key));
  const groupOf = new Map<string, string>();
  for (const g of groups) {
    const live = g.rowKeys.filter((k) => present.has(k) && !groupOf.has(k));
    if (live.length < 2) continue;
    for (const k of live) groupOf.set(k, g.id);
  }
  const members = new Map<string, IntegratedRow[]>();
  for (const r of rows) {
    const id = groupOf.get(r.key);
    if (id) members.set(id, [...(members.get(id) ?? []), { ...r, groupId: id }]);
  }
  const out: IntegratedRow[] = [];
  const placed = new Set<string>();
  for (const r of rows) {
    const id = groupOf.get(r.key);
    if (!id) {
      out.push(r);
    } else if (!placed.has(id)) {
      placed.add(id);
      out.push(...members.get(id)!);
    }
  }
  return out;
}
