import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChronologySnapshots } from '../../ports/chronology-snapshots.js';
import type { ChronologyRow } from '../../domain/contributions/chronology.js';
import { keys } from './keys.js';

/** Each part's compressed rows stay well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300 * 1024;

/** Rows gzipped into parts no larger than {@link PART_BYTES}, halving a part until it fits. */
function partsOf(rows: readonly ChronologyRow[]): Buffer[] {
  const packed = gzipSync(JSON.stringify(rows));
  if (packed.length <= PART_BYTES || rows.length <= 1) return [packed];
  const half = Math.ceil(rows.length / 2);
  return [...partsOf(rows.slice(0, half)), ...partsOf(rows.slice(half))];
}

/**
 * Read copies of accepted contributions' chronologies on the one table:
 * `CASE#<ref>` / `CHRONOSNAP#<contributionId>#<acceptedAt>#<part>`, each part
 * gzipped JSON with the number of parts, so a copy half written is seen as
 * missing (and made again) rather than read short.
 */
export class DynamoChronologySnapshots implements ChronologySnapshots {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(reference: string, contributionId: string, acceptedAt: string): Promise<ChronologyRow[] | undefined> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.chronologySnapshotPrefix(contributionId, acceptedAt) },
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const parts = Number(items[0]?.parts ?? 0);
    if (parts === 0 || items.length !== parts) return undefined;
    // Sort keys end in the zero-padded part number: the query returns them in order.
    return items.flatMap((i) => JSON.parse(gunzipSync(i.rows as Uint8Array).toString('utf8')) as ChronologyRow[]);
  }

  async put(reference: string, contributionId: string, acceptedAt: string, rows: readonly ChronologyRow[]): Promise<void> {
    const parts = partsOf(rows);
    // One PutItem per part: the Lambdas have no BatchWriteItem right (it can delete; see the platform stack's table grant).
    // A copy with a part missing is read as absent and made again, so a failure part-way loses nothing.
    await Promise.all(
      parts.map((packed, part) =>
        this.ddb.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...keys.chronologySnapshot(reference, contributionId, acceptedAt, part), type: 'chronology-snapshot', reference, contributionId, acceptedAt, parts: parts.length, rows: packed },
          }),
        ),
      ),
    );
  }
}
