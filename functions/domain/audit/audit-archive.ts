/**
 * The audit archive: every audit event, as the table's stream delivers it,
 * copied to write-once storage (S3 Object Lock in AWS) so the trail is
 * tamper-evident beyond the application and its IAM roles. Pure mapping from
 * a stream record to the object to write; the handler does the I/O.
 */

/** A stream record with its images already turned into plain items. */
export interface AuditStreamRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  /** The stream's sequence number: unique and ordered within the item's shard. */
  sequenceNumber: string;
  /** When DynamoDB made the change (seconds since the epoch), if given. */
  approximateCreationDateTime?: number;
  oldItem?: Record<string, unknown>;
  newItem?: Record<string, unknown>;
}

export interface AuditArchiveObject {
  key: string;
  body: string;
}

const isAudit = (item: Record<string, unknown> | undefined): item is Record<string, unknown> =>
  item?.type === 'audit' && typeof item.pk === 'string' && typeof item.sk === 'string';

/** `CASE#SCR-2026-0001` -> `CASE%23SCR-2026-0001`: one path segment, whatever the key holds. */
const segment = (value: string): string => encodeURIComponent(value);

/**
 * The archive object for a record, or undefined when it is not about an audit
 * event. A new event is archived under its own key (`events/<pk>/<sk>.json`,
 * so a redelivered record writes the same content again); any change to or
 * removal of an existing event, which the application never makes, is
 * archived beside it as evidence (`changes/<pk>/<sk>/<sequence>.json`, with
 * the image before and after), so tampering shows in the archive even though
 * the table lets it happen.
 */
export function auditArchiveObject(record: AuditStreamRecord): AuditArchiveObject | undefined {
  const item = isAudit(record.newItem) ? record.newItem : isAudit(record.oldItem) ? record.oldItem : undefined;
  if (!item) return undefined;
  const pk = segment(item.pk as string);
  const sk = segment(item.sk as string);
  const changedAt =
    record.approximateCreationDateTime !== undefined ? new Date(record.approximateCreationDateTime * 1000).toISOString() : undefined;
  if (record.eventName === 'INSERT') {
    return {
      key: `events/${pk}/${sk}.json`,
      body: JSON.stringify({ archived: 'audit-event', sequenceNumber: record.sequenceNumber, changedAt, event: record.newItem }),
    };
  }
  return {
    key: `changes/${pk}/${sk}/${record.sequenceNumber}.json`,
    body: JSON.stringify({
      archived: record.eventName === 'REMOVE' ? 'audit-event-removed' : 'audit-event-changed',
      sequenceNumber: record.sequenceNumber,
      changedAt,
      before: record.oldItem,
      after: record.newItem,
    }),
  };
}
