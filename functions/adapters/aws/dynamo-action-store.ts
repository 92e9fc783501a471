import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ActionHeaderChange, ActionStore } from '../../ports/action-store.js';
import type { AuditEvent } from '../../domain/case/case.js';
import type { PlanAction } from '../../domain/actions/actions.js';
import { auditItem } from './dynamo-case-store.js';
import { keys } from './keys.js';

const stored = new Set(['pk', 'sk', 'type', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);
const fromItem = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !stored.has(k))) as unknown as PlanAction;
const byNumber = (a: PlanAction, b: PlanAction) => a.number - b.number;

/** Actions on the one table: `CASE#<ref>` / `ACTION#<id>`, beside the case but outside its read; gsi1 `ACTIONS` lists the Board's. */
export class DynamoActionStore implements ActionStore {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listActions(reference: string): Promise<PlanAction[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.actionPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items.map(fromItem).sort(byNumber);
  }

  async getAction(reference: string, actionId: string): Promise<PlanAction | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.action(reference, actionId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async putAction(action: PlanAction, expectedVersion: number | undefined, audit: AuditEvent, header?: ActionHeaderChange): Promise<boolean> {
    const item = {
      ...keys.action(action.reference, action.id),
      ...keys.boardAction(action.createdAt, action.reference, action.id),
      // In its owner's index only while open: a Put of a done action drops the keys.
      ...(action.status === 'done' ? {} : keys.actionOfOwner(action.owner.email, action.due.dueAt, action.reference, action.id)),
      type: 'action',
      ...action,
    };
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    const headerUpdate = header
      ? [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.case(action.reference),
              UpdateExpression: 'SET actionPlan = :plan, version = :next, scheduleFingerprint = :fp, scheduleVersion = :sv',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: {
                ':plan': header.next.actionPlan,
                ':next': header.next.version,
                ':fp': header.next.scheduleFingerprint,
                ':sv': header.next.scheduleVersion,
                ':expected': header.expectedVersion,
              },
            },
          },
        ]
      : [];
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ...condition } },
            ...headerUpdate,
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  async listBoardActions(): Promise<PlanAction[]> {
    const actions = await this.#readIndex('gsi1', 'gsi1pk', keys.boardActionPartition);
    return actions.sort((a, b) => a.reference.localeCompare(b.reference) || byNumber(a, b));
  }

  async listOpenActionsOf(email: string): Promise<PlanAction[]> {
    const actions = await this.#readIndex('gsi2', 'gsi2pk', keys.actionOwnerPartition(email.trim().toLowerCase()));
    return actions.filter((a) => a.status !== 'done').sort((a, b) => a.due.dueAt.localeCompare(b.due.dueAt) || a.reference.localeCompare(b.reference) || byNumber(a, b));
  }

  /** The items under one partition of a sparse index: the index projects few attributes, so the items are read in batches of 100. */
  async #readIndex(indexName: string, partitionKey: string, partition: string): Promise<PlanAction[]> {
    const keysFound: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: '#p = :pk',
          ExpressionAttributeNames: { '#p': partitionKey },
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey,
        }),
      );
      keysFound.push(...(out.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk })));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const actions: PlanAction[] = [];
    for (let i = 0; i < keysFound.length; i += 100) {
      let request: Record<string, unknown>[] | undefined = keysFound.slice(i, i + 100);
      for (let attempt = 0; request && request.length > 0 && attempt < 8; attempt++) {
        const out = await this.ddb.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: request } } }));
        actions.push(...(out.Responses?.[this.tableName] ?? []).map(fromItem));
        request = out.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request && request.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
      if (request && request.length > 0) throw new Error('Actions could not all be read: try again');
    }
    return actions;
  }
}
