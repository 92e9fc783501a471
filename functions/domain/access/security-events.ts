import type { AuditEvent } from '../case/case.js';

/**
 * Security events (a refused case, a viewed action link) are counted, not
 * written one row per request: one item per person, per kind of event, per
 * minute, with a counter. A signed-in user hammering 404s or reloading an
 * emailed link therefore adds at most one item a minute per kind, and the
 * refusals beyond a limit are answered 429 without touching the case.
 * Refusals are spread over several partitions per day (by a hash of the
 * user id) so no single partition takes them all.
 */

/** The length of one counting window. */
export const SECURITY_WINDOW_MS = 60_000;
/** Partitions per day for refused access (`SECURITY#<day>#<n>`). */
export const SECURITY_SHARDS = 16;
/** Refusals one person may cause in one window before the answer is 429. */
export const REFUSALS_PER_WINDOW = 30;

/** `2026-12-01T14:46Z`: the minute an instant falls in (UTC). */
export function windowOf(at: string): string {
  return `${at.slice(0, 16)}Z`;
}

/** `2026-12-01`: the UTC day of an instant. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}

/** Which of the day's partitions a user's refusals go to: FNV-1a of the user id. */
export function shardOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SECURITY_SHARDS;
}

/** Whether a refusal counted `count` times in its window is past the limit. */
export const overRefusalLimit = (count: number): boolean => count > REFUSALS_PER_WINDOW;

/** The event, as stored: the first occurrence in its window, with how many there were. */
export type CountedAuditEvent = AuditEvent & { count: number; lastAt: string };
