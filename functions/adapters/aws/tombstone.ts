import type { AuditEvent } from '../../domain/case/case.js';
import type { Key } from './keys.js';

/**
 * The Lambdas have no right to delete items (no dynamodb:DeleteItem, so no
 * `Delete` in a transaction either: see infra/stacks/platform-stack.ts), which
 * keeps the audit trail safe. An item that leaves a list is instead rewritten
 * as a tombstone: its keys, `type: '<type>-removed'`, when, by whom and the
 * audit event that removed it, and nothing else (no index keys, so it leaves
 * every GSI; no content). Every read of that kind keeps only `type === <type>`.
 */
export const removedType = (type: string) => `${type}-removed`;

/** The tombstone that replaces a `type` item at `key`, written with `audit`. */
export function tombstoneItem(key: Key, type: string, audit: AuditEvent): Record<string, unknown> {
  const by = audit.actor.kind === 'user' ? audit.actor.userId : audit.actor.kind === 'system' ? `system:${audit.actor.component}` : undefined;
  return { pk: key.pk, sk: key.sk, type: removedType(type), removedAt: audit.at, ...(by ? { removedBy: by } : {}), removedEvent: audit.eventId };
}

/** True for a live item of `type`: a missing item or a tombstone is not one. */
export const isLive = (item: Record<string, unknown> | undefined, type: string): item is Record<string, unknown> => item?.type === type;

/**
 * Conditions (with their names and values, merged by the caller) for an item
 * that must be absent: never written, or removed (a tombstone).
 */
export const absentOrRemoved = (type: string) => ({
  expression: '(attribute_not_exists(pk) OR #tombType = :tombRemoved)',
  names: { '#tombType': 'type' } as Record<string, string>,
  values: { ':tombRemoved': removedType(type) } as Record<string, unknown>,
});

/** Condition for an item that must be there and live (not a tombstone). */
export const presentAndLive = (type: string) => ({
  expression: '(attribute_exists(pk) AND #tombType = :tombLive)',
  names: { '#tombType': 'type' } as Record<string, string>,
  values: { ':tombLive': type } as Record<string, unknown>,
});
