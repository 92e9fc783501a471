import type { ChronologyRow } from '../domain/contributions/chronology.js';

/**
 * A read copy of an accepted contribution's chronology rows, kept beside the
 * case so the integrated chronology reads a few items instead of one per
 * row. Accepted rows never change (a contribution is edited only while in
 * progress or returned, and accepted is final), so a copy keyed by the
 * contribution and its acceptance instant is never stale: it is made on the
 * first read after acceptance and read from then on.
 */
export interface ChronologySnapshots {
  /** The copy for this acceptance, or undefined when there is none (or it is incomplete). */
  get(reference: string, contributionId: string, acceptedAt: string): Promise<ChronologyRow[] | undefined>;
  /** Keeps a copy of the rows as read, for this acceptance. */
  put(reference: string, contributionId: string, acceptedAt: string, rows: readonly ChronologyRow[]): Promise<void>;
}
