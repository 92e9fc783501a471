import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AuditEvent, CaseMember } from '../../domain/case/case.js';
import type { OverviewRecord } from '../../domain/report/overview-author.js';
import type { ChronologyGroup } from '../../domain/report/integrated-chronology.js';
import type { OverviewStore, Versioned } from '../../ports/overview-store.js';
import type { GenogramContent, WhatWasKnown } from '../../schemas/overview.js';
import { auditItem, memberItem } from './dynamo-case-store.js';
import { keys, type Key } from './keys.js';
import { absentOrRemoved, isLive, presentAndLive, tombstoneItem } from './tombstone.js';

type Item = Record<string, unknown>;
type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
const strip = ({ pk: _pk, sk: _sk, type: _type, ...rest }: Item) => rest;

/**
 * The overview report's facts on the one table, beside the case:
 * `OVERVIEW#AUTHOR`, `OVERVIEW#GENOGRAM`, `OVERVIEW#KNOWN` and
 * `CHRONOGROUP#<id>` under `CASE#<ref>`. Writes are transactions with their
 * audit event, each conditional on the version read.
 */
export class DynamoOverviewStore implements OverviewStore {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getOverview(reference: string): Promise<OverviewRecord | undefined> {
    const item = await this.#get(keys.overviewAuthor(reference));
    return item ? (strip(item) as unknown as OverviewRecord) : undefined;
  }

  async putOverview(record: OverviewRecord, expectedVersion: number, audit: AuditEvent, change: { member?: CaseMember & { receivedAt: string }; removeMember?: { userId: string } } = {}): Promise<boolean> {
    const items: TransactItems = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.overviewAuthor(record.reference), type: 'overview-author', ...record },
          ...this.#at(expectedVersion),
        },
      },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    if (change.member) {
      const { receivedAt, ...member } = change.member;
      items.push({ Put: { TableName: this.tableName, Item: memberItem(member, receivedAt) } });
    }
    // The member item becomes a tombstone (no index keys, so the case leaves their list; the functions may not delete items).
    if (change.removeMember) items.push({ Put: { TableName: this.tableName, Item: tombstoneItem(keys.member(record.reference, change.removeMember.userId), 'member', audit) } });
    return this.#transact(items);
  }

  async listChronologyGroups(reference: string): Promise<ChronologyGroup[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.chronologyGroupPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items
      .filter((i) => isLive(i, 'chronology-group'))
      .map((i) => {
        const { reference: _r, ...group } = strip(i);
        return group as unknown as ChronologyGroup;
      })
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async addChronologyGroup(reference: string, group: ChronologyGroup, audit: AuditEvent): Promise<void> {
    const absent = absentOrRemoved('chronology-group');
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.chronologyGroup(reference, group.id), type: 'chronology-group', reference, ...group },
              ConditionExpression: absent.expression,
              ExpressionAttributeNames: absent.names,
              ExpressionAttributeValues: absent.values,
            },
          },
          { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
  }

  async removeChronologyGroup(reference: string, groupId: string, audit: AuditEvent): Promise<boolean> {
    const live = presentAndLive('chronology-group');
    return this.#transact([
      // A tombstone, not a Delete (the functions may not delete items): only over a live group.
      {
        Put: {
          TableName: this.tableName,
          Item: tombstoneItem(keys.chronologyGroup(reference, groupId), 'chronology-group', audit),
          ConditionExpression: live.expression,
          ExpressionAttributeNames: live.names,
          ExpressionAttributeValues: live.values,
        },
      },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  getGenogram(reference: string): Promise<Versioned<GenogramContent>> {
    return this.#getVersioned<GenogramContent>(keys.overviewGenogram(reference));
  }

  putGenogram(reference: string, content: GenogramContent, expectedVersion: number, savedBy: string, savedAt: string, audit: AuditEvent): Promise<boolean> {
    return this.#putVersioned(keys.overviewGenogram(reference), 'overview-genogram', content, expectedVersion, savedBy, savedAt, audit);
  }

  getWhatWasKnown(reference: string): Promise<Versioned<WhatWasKnown>> {
    return this.#getVersioned<WhatWasKnown>(keys.overviewKnown(reference));
  }

  putWhatWasKnown(reference: string, content: WhatWasKnown, expectedVersion: number, savedBy: string, savedAt: string, audit: AuditEvent): Promise<boolean> {
    return this.#putVersioned(keys.overviewKnown(reference), 'overview-known', content, expectedVersion, savedBy, savedAt, audit);
  }

  async #getVersioned<T>(key: Key): Promise<Versioned<T>> {
    const item = await this.#get(key);
    if (!item) return { version: 0 };
    return { content: item.content as T, version: item.version as number, savedAt: item.savedAt as string, savedBy: item.savedBy as string };
  }

  #putVersioned(key: Key, type: string, content: unknown, expectedVersion: number, savedBy: string, savedAt: string, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      { Put: { TableName: this.tableName, Item: { ...key, type, content, version: expectedVersion + 1, savedBy, savedAt }, ...this.#at(expectedVersion) } },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async #get(key: Key): Promise<Item | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  }

  /** The condition that the stored item is at `version` (0: there is none). */
  #at(version: number) {
    return version === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } };
  }

  async #transact(items: TransactItems): Promise<boolean> {
    try {
      await this.ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }
}
