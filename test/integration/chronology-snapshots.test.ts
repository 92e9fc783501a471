import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal, ensureTable, localDynamoClient, type DynamoLocal } from '../../infra/local/dynamodb.js';
import { DynamoChronologySnapshots } from '../../functions/adapters/aws/dynamo-chronology-snapshots.js';
import { keys } from '../../functions/adapters/aws/keys.js';
import type { ChronologyRow } from '../../functions/domain/contributions/chronology.js';

/**
 * The read copies of accepted contributions' chronology rows on DynamoDB
 * Local: what is put is read back whole and in order, a large chronology is
 * split into parts under the item limit, a copy with a part missing reads as
 * none, and a copy belongs to one acceptance only.
 */
const tableName = 'scr-chronology-snapshots';
const reference = 'SCR-2026-0042';
let dynamo: DynamoLocal;
let ddb: DynamoDBDocumentClient;
let dataDir = '';

const row = (n: number, whatHappened = `Invented event ${n}: contact recorded and information shared.`): ChronologyRow =>
  ({
    id: `r${n}`,
    position: n,
    date: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    dateUncertain: false,
    role: 'Health visitor',
    organisation: 'Community Health',
    whatHappened,
    sourceRecord: `Record ${n}`,
    childSeen: n % 3 === 0 ? 'yes' : 'no',
    wishesSought: 'not-recorded',
    wishesExpressed: 'not-recorded',
  }) as unknown as ChronologyRow;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-chrono-snap-'));
  const log = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };
  dynamo = await startDynamoLocal({ dbDir: dataDir, port: 0, log: log as never });
  const client = localDynamoClient(dynamo.endpoint);
  await ensureTable(client, tableName, log as never);
  ddb = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const parts = async (contributionId: string, acceptedAt: string) =>
  (
    await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':prefix': keys.chronologySnapshotPrefix(contributionId, acceptedAt) },
      }),
    )
  ).Items ?? [];

describe('read copies of accepted chronologies', () => {
  const snapshots = () => new DynamoChronologySnapshots(ddb, tableName);

  it('reads back what was put, whole and in order, in one part; none for another acceptance', async () => {
    const rows = Array.from({ length: 500 }, (_, n) => row(n));
    expect(await snapshots().get(reference, 'c1', '2026-11-01T10:00:00.000Z')).toBeUndefined();
    await snapshots().put(reference, 'c1', '2026-11-01T10:00:00.000Z', rows);
    expect(await snapshots().get(reference, 'c1', '2026-11-01T10:00:00.000Z')).toEqual(rows);
    expect(await parts('c1', '2026-11-01T10:00:00.000Z')).toHaveLength(1);
    expect(await snapshots().get(reference, 'c1', '2026-11-02T10:00:00.000Z')).toBeUndefined();
  });

  it('splits a chronology too large for one item into parts, each under the item limit, and reads them back in order', async () => {
    // Hex of random bytes compresses only to about half: 600 rows of 2,000 characters are about 600 KB gzipped.
    const rows = Array.from({ length: 600 }, (_, n) => row(n, randomBytes(1000).toString('hex')));
    await snapshots().put(reference, 'c2', '2026-11-01T10:00:00.000Z', rows);
    const stored = await parts('c2', '2026-11-01T10:00:00.000Z');
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const item of stored) expect((item.rows as Uint8Array).length).toBeLessThan(350 * 1024);
    expect(await snapshots().get(reference, 'c2', '2026-11-01T10:00:00.000Z')).toEqual(rows);
  });

  it('a copy with a part missing reads as none, so it is made again rather than read short', async () => {
    const stored = await parts('c2', '2026-11-01T10:00:00.000Z');
    await ddb.send(new DeleteCommand({ TableName: tableName, Key: { pk: stored[1]!.pk, sk: stored[1]!.sk } }));
    expect(await snapshots().get(reference, 'c2', '2026-11-01T10:00:00.000Z')).toBeUndefined();
  });
});
