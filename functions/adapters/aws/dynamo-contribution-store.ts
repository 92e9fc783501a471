import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ContributionLinkWrites, ContributionStore } from '../../ports/contribution-store.js';
import type { AuditEvent } from '../../domain/case/case.js';
import type { Contribution, DisciplinaryMatter } from '../../domain/contributions/contributions.js';
import type { ImrSection } from '../../domain/contributions/imr.js';
import type { ChronologyRow } from '../../domain/contributions/chronology.js';
import { auditItem } from './dynamo-case-store.js';
import { keys } from './keys.js';

const stored = new Set(['pk', 'sk', 'type']);
const fromItem = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !stored.has(k))) as unknown as Contribution;

/** Contributions on the one table: `CASE#<ref>` / `CONTRIB#<id>`, beside the case but outside its read. */
export class DynamoContributionStore implements ContributionStore, ContributionLinkWrites {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listContributions(reference: string): Promise<Contribution[]> {
    const items = await this.#query(reference, keys.contributionPrefix);
    return items.map(fromItem).sort((a, b) => (a.commissionedAt < b.commissionedAt ? -1 : a.commissionedAt > b.commissionedAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async listDisciplinaryMatters(reference: string, contributionId: string): Promise<DisciplinaryMatter[]> {
    const items = await this.#query(reference, keys.disciplinaryPrefix(contributionId));
    return items
      .map((i) => fromItem(i) as unknown as DisciplinaryMatter)
      .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.id < b.id ? -1 : 1));
  }

  async addDisciplinaryMatter(matter: DisciplinaryMatter, audit: AuditEvent): Promise<void> {
    const item = { ...keys.disciplinaryMatter(matter.reference, matter.contributionId, matter.id), type: 'disciplinary-matter', ...matter };
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
  }

  async listImrSections(reference: string, contributionId: string): Promise<ImrSection[]> {
    return (await this.#query(reference, keys.imrPrefix(contributionId))).map((i) => fromItem(i) as unknown as ImrSection);
  }

  async putImrSection(section: ImrSection, expectedVersion: number | undefined, audit: AuditEvent): Promise<boolean> {
    const item = { ...keys.imrSection(section.reference, section.contributionId, section.section), type: 'imr-section', ...section };
    return this.#putWithAudit(item, expectedVersion, audit);
  }

  async listChronology(reference: string, contributionId: string): Promise<ChronologyRow[]> {
    return (await this.#query(reference, keys.chronologyPrefix(contributionId))).map((i) => {
      const { reference: _r, contributionId: _c, ...row } = fromItem(i) as unknown as ChronologyRow & { reference: string; contributionId: string };
      return row;
    });
  }

  async getChronologyRow(reference: string, contributionId: string, rowId: string): Promise<ChronologyRow | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.chronologyRow(reference, contributionId, rowId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { reference: _r, contributionId: _c, ...row } = fromItem(out.Item) as unknown as ChronologyRow & { reference: string; contributionId: string };
    return row;
  }

  async putChronologyRows(reference: string, contributionId: string, rows: { row: ChronologyRow; previousPosition?: number }[], audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            ...rows.map(({ row, previousPosition }) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...keys.chronologyRow(reference, contributionId, row.id), type: 'chronology-row', reference, contributionId, ...row },
                ...(previousPosition === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: '#position = :previous', ExpressionAttributeNames: { '#position': 'position' }, ExpressionAttributeValues: { ':previous': previousPosition } }),
              },
            })),
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

  async deleteChronologyRow(reference: string, contributionId: string, rowId: string, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.tableName, Key: keys.chronologyRow(reference, contributionId, rowId), ConditionExpression: 'attribute_exists(pk)' } },
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

  async #putWithAudit(item: Record<string, unknown>, expectedVersion: number | undefined, audit: AuditEvent): Promise<boolean> {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ...condition } },
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

  async #query(reference: string, prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async getContribution(reference: string, contributionId: string): Promise<Contribution | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.contribution(reference, contributionId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async putContribution(contribution: Contribution, expectedVersion: number | undefined, audit: AuditEvent): Promise<boolean> {
    const item = { ...keys.contribution(contribution.reference, contribution.id), type: 'contribution', ...contribution };
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ...condition } },
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
  async putContributionUsingLink(contribution: Contribution, expectedVersion: number, tokenHash: string, audit: AuditEvent): Promise<boolean> {
    const item = { ...keys.contribution(contribution.reference, contribution.id), type: 'contribution', ...contribution };
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } } },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.actionLink(tokenHash),
                UpdateExpression: 'SET usedAt = :at',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
                ExpressionAttributeValues: { ':at': audit.at },
              },
            },
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
}
