import { createHash } from 'node:crypto';
import type { CaseRecord } from '../../domain/case/case.js';
import type { CaseTask } from '../../domain/case/case.js';
import type { ReviewRecord } from '../../domain/review/review.js';
import { keys, type CaseChildType } from './keys.js';

/**
 * How a case is laid out in the table: a header item (sk `CASE`) with what
 * every page needs, and one child item (sk `CASE#<type>#<id>`) per entry of
 * each list that grows. The domain keeps working on the assembled
 * {@link CaseRecord}; this module splits it into items and puts it back
 * together, so only the items a change touches are written.
 */

type Item = Record<string, unknown>;

/** A child item's content, the list it belongs to, its id and its position in that list. */
export interface ChildEntry {
  childType: CaseChildType;
  id: string;
  order: number;
  data: unknown;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Every list entry of a case's review, as child entries. */
export function childEntries(c: CaseRecord): ChildEntry[] {
  const r = c.review;
  if (!r) return [];
  const out: ChildEntry[] = [];
  r.panel.forEach((m, i) => out.push({ childType: 'PANEL', id: m.id, order: i, data: m }));
  r.records.forEach((x, i) => out.push({ childType: 'RECORDS', id: x.id, order: i, data: x }));
  // Requests and extensions have no id of their own: they are only ever appended, so the position is stable.
  r.extensionRequests.forEach((x, i) => out.push({ childType: 'EXTREQ', id: pad(i), order: i, data: x }));
  r.extensions.forEach((x, i) => out.push({ childType: 'EXTENSION', id: pad(i), order: i, data: x }));
  r.proceedings.forEach((x, i) => out.push({ childType: 'PROCEEDING', id: x.id, order: i, data: x }));
  (r.earlyLessons ?? []).forEach((x, i) => out.push({ childType: 'LESSON', id: x.id, order: i, data: x }));
  r.joint?.boards.forEach((b, i) => out.push({ childType: 'JOINT', id: b.board, order: i, data: b }));
  return out;
}

/** The header's share of a case: the review without its lists. */
export function headerOf(c: CaseRecord): CaseRecord {
  if (!c.review) return c;
  const { panel: _p, records: _r, extensionRequests: _q, extensions: _e, proceedings: _g, earlyLessons: _l, joint, ...rest } = c.review;
  const review = { ...rest, ...(joint ? { joint: { ...joint, boards: [] } } : {}) } as unknown as ReviewRecord;
  return { ...c, review };
}

/** JSON with object keys sorted: DynamoDB gives a map's keys back in any order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A stable digest of a child's content: the condition a change of it is written on. */
export const contentHash = (data: unknown) => createHash('sha256').update(canonicalJson(data)).digest('base64url').slice(0, 22);

export const childKey = (reference: string, e: Pick<ChildEntry, 'childType' | 'id'>) => keys.caseChild(reference, e.childType, e.id);

export function childItem(reference: string, e: ChildEntry): Item {
  return { ...childKey(reference, e), type: 'case-child', reference, childType: e.childType, order: e.order, hash: contentHash(e.data), data: e.data };
}

/** An open task item: in the owner index and the due index while open. */
export function taskItem(reference: string, t: CaseTask): Item {
  return {
    ...keys.task(reference, t.id),
    ...keys.taskOfOwner(t.owner, t.deadline.dueAt, reference, t.id),
    ...keys.openTask(t.deadline.dueAt, reference, t.id),
    type: 'task',
    reference,
    taskId: t.id,
    ...t,
  };
}

/** A task no longer open: out of both sparse indexes (no index keys), kept as a record. */
export function closedTaskItem(reference: string, taskId: string, closedAt: string): Item {
  return { ...keys.task(reference, taskId), type: 'task', reference, taskId, closedAt };
}

/** What the case list shows without reading anything else: top-level attributes, so the index can project them. */
export interface ListFields {
  criteriaOutcome: string;
  /** The open duty due first, if any. */
  nextTask?: CaseTask;
}

export function headerItem(c: CaseRecord, list: ListFields): Item {
  return {
    ...keys.case(c.reference),
    ...keys.caseList(c.receivedAt, c.reference),
    type: 'case',
    ...headerOf(c),
    criteriaOutcome: list.criteriaOutcome,
    ...(list.nextTask ? { nextTask: list.nextTask } : {}),
  };
}

const headerOnly = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'criteriaOutcome', 'nextTask']);

/** Puts a case back together from its header and child items (in any order). */
export function assembleCase(items: readonly Item[]): CaseRecord | undefined {
  const header = items.find((i) => i.type === 'case');
  if (!header) return undefined;
  const c = Object.fromEntries(Object.entries(header).filter(([k]) => !headerOnly.has(k))) as unknown as CaseRecord;
  if (!c.review) return c;
  const lists: Record<CaseChildType, { order: number; data: unknown }[]> = { PANEL: [], RECORDS: [], EXTREQ: [], EXTENSION: [], PROCEEDING: [], LESSON: [], JOINT: [] };
  for (const i of items) {
    if (i.type !== 'case-child') continue;
    lists[i.childType as CaseChildType]?.push({ order: Number(i.order), data: i.data });
  }
  const sorted = <T>(t: CaseChildType) => lists[t].sort((a, b) => a.order - b.order).map((x) => x.data as T);
  const r = c.review;
  const review: ReviewRecord = {
    ...r,
    panel: sorted('PANEL'),
    records: sorted('RECORDS'),
    extensionRequests: sorted('EXTREQ'),
    extensions: sorted('EXTENSION'),
    proceedings: sorted('PROCEEDING'),
    earlyLessons: sorted('LESSON'),
    ...(r.joint ? { joint: { ...r.joint, boards: sorted('JOINT') } } : {}),
  };
  return { ...c, review };
}

/** The list fields of a header item as the case-list index projects them. */
export function listRowOf(item: Item) {
  return {
    reference: String(item.reference),
    status: item.status as CaseRecord['status'],
    receivedAt: String(item.receivedAt),
    criteriaOutcome: String(item.criteriaOutcome ?? ''),
    ...(item.nextTask ? { nextTask: item.nextTask as CaseTask } : {}),
  };
}
