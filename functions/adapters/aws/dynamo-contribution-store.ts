import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ContributionLinkWrites, ContributionsOfPerson, ContributionStore } from '../../ports/contribution-store.js';
import type { AuditEvent } from '../../domain/case/case.js';
import type { Contribution, DisciplinaryMatter } from '../../domain/contributions/contributions.js';
import type { ImrSection } from '../../domain/contributions/imr.js';
import type { ChronologyRow } from '../../domain/contributions/chronology.js';
import { auditItem } from './dynamo-case-store.js';
import { keys } from './keys.js';
import { absentOrRemoved, isLive, presentAndLive, tombstoneItem } from './tombstone.js';

const stored = new Set(['pk', 'sk', 'type']);
const norm = (email: string) => email.trim().toLowerCase();
const fromItem = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !stored.has(k))) as unknown as Contribution;

/** A chronology row's write condition: new (absent), or still at the position (and version) read. */
function rowCondition(previousPosition?: number, previousVersion?: number): { ConditionExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  // A new row: none there, or only the tombstone of one removed.
  if (previousPosition === undefined) {
    const absent = absentOrRemoved('chronology-row');
    return { ConditionExpression: absent.expression, ExpressionAttributeNames: absent.names, ExpressionAttributeValues: absent.values };
  }
  if (previousVersion === undefined) return { ConditionExpression: '#position = :previous', ExpressionAttributeNames: { '#position': 'position' }, ExpressionAttributeValues: { ':previous': previousPosition } };
  return {
    // A row stored before rows had versions is at version 1.
    ConditionExpression: previousVersion === 1 ? '#position = :previous AND (attribute_not_exists(#version) OR #version = :version)' : '#position = :previous AND #version = :version',
    ExpressionAttributeNames: { '#position': 'position', '#version': 'version' },
    ExpressionAttributeValues: { ':previous': previousPosition, ':version': previousVersion },
  };
}

/** Contributions on the one table: `CASE#<ref>` / `CONTRIB#<id>`, beside the case but outside its read. */
export class DynamoContributionStore implements ContributionStore, ContributionLinkWrites, ContributionsOfPerson {
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
    return (await this.#query(reference, keys.chronologyPrefix(contributionId))).filter((i) => isLive(i, 'chronology-row')).map((i) => {
      const { reference: _r, contributionId: _c, ...row } = fromItem(i) as unknown as ChronologyRow & { reference: string; contributionId: string };
      return row;
    });
  }

  async getChronologyRow(reference: string, contributionId: string, rowId: string): Promise<ChronologyRow | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.chronologyRow(reference, contributionId, rowId), ConsistentRead: true }));
    if (!isLive(out.Item, 'chronology-row')) return undefined;
    const { reference: _r, contributionId: _c, ...row } = fromItem(out.Item) as unknown as ChronologyRow & { reference: string; contributionId: string };
    return row;
  }

  async putChronologyRows(reference: string, contributionId: string, rows: { row: ChronologyRow; previousPosition?: number; previousVersion?: number }[], audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            ...rows.map(({ row, previousPosition, previousVersion }) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...keys.chronologyRow(reference, contributionId, row.id), type: 'chronology-row', reference, contributionId, ...row },
                ...rowCondition(previousPosition, previousVersion),
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
    const live = presentAndLive('chronology-row');
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            // A tombstone, not a Delete (the functions may not delete items): only over a live row.
            {
              Put: {
                TableName: this.tableName,
                Item: tombstoneItem(keys.chronologyRow(reference, contributionId, rowId), 'chronology-row', audit),
                ConditionExpression: live.expression,
                ExpressionAttributeNames: live.names,
                ExpressionAttributeValues: live.values,
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
            ...this.#pointerWrites(contribution),
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
            ...this.#pointerWrites(contribution),
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
  /**
   * The pointers of "Your contributions", written with the contribution:
   * one for each person acting on it now (senior officer, current author),
   * re-put so their sort key follows the due date; and the pointer of every
   * author who declined put again without its index keys, so it leaves the
   * sparse index and they no longer find it (a Put, not a Delete: the
   * functions have no right to delete items, which keeps the audit trail
   * safe). Who acts on it follows from the contribution itself, so no
   * earlier read is needed.
   */
  #pointerWrites(c: Contribution) {
    const acting = [...new Set([c.seniorOfficer.email, ...(c.author ? [c.author.email] : [])].map(norm))];
    const gone = [...new Set(c.declinedAuthors.map((d) => norm(d.email)))].filter((e) => !acting.includes(e));
    return [
      ...acting.map((email) => ({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.contributionPointer(c.reference, email, c.id),
            ...keys.contributionOfPerson(email, c.due.dueAt, c.reference, c.id),
            type: 'contribution-pointer',
            reference: c.reference,
            contributionId: c.id,
            email,
            acting: true,
          },
        },
      })),
      ...gone.map((email) => ({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.contributionPointer(c.reference, email, c.id), type: 'contribution-pointer', reference: c.reference, contributionId: c.id, email, acting: false },
        },
      })),
    ];
  }

  async listContributionsOf(email: string): Promise<Contribution[]> {
    const who = norm(email);
    const found: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.contributionPersonPartition(who) },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey,
        }),
      );
      found.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    // The pointer's sort key ends with the contribution's id; its partition is the case's.
    const wanted = found.map((p) => ({ pk: p.pk as string, sk: `${keys.contributionPrefix}${String(p.sk).slice(String(p.sk).lastIndexOf('#') + 1)}` }));
    const contributions: Contribution[] = [];
    for (let i = 0; i < wanted.length; i += 100) {
      let request: Record<string, unknown>[] | undefined = wanted.slice(i, i + 100);
      for (let attempt = 0; request && request.length > 0 && attempt < 8; attempt++) {
        const out = await this.ddb.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: request } } }));
        contributions.push(...(out.Responses?.[this.tableName] ?? []).map(fromItem));
        request = out.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request && request.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
      if (request && request.length > 0) throw new Error('Contributions could not all be read: try again');
    }
    // The index is eventually consistent: keep only those that still name the person.
    return contributions
      .filter((c) => norm(c.seniorOfficer.email) === who || (c.author && norm(c.author.email) === who))
      .sort((a, b) => a.due.dueAt.localeCompare(b.due.dueAt) || a.reference.localeCompare(b.reference) || a.id.localeCompare(b.id));
  }
}
