import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AuditEvent } from '../../domain/case/case.js';
import type { TermsOfReference, TorDraft, TorVersion } from '../../domain/review/terms-of-reference.js';
import type { TermsOfReferenceStore } from '../../ports/terms-of-reference-store.js';
import { auditItem } from './dynamo-case-store.js';
import { keys } from './keys.js';
import { absentOrRemoved, tombstoneItem } from './tombstone.js';

type Item = Record<string, unknown>;

/**
 * The terms of reference on the case's partition: `TOR#DRAFT` (the open
 * draft, with its revision) and `TOR#v0001`... (each agreed version, never
 * overwritten). Every write goes with its audit event in one transaction.
 */
export class DynamoTermsOfReferenceStore implements TermsOfReferenceStore {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getTermsOfReference(reference: string): Promise<TermsOfReference> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const out = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':prefix': keys.torPrefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const strip = ({ pk: _pk, sk: _sk, type: _t, reference: _r, ...rest }: Item) => rest;
    const draft = items.find((i) => i.type === 'tor-draft');
    const versions = items
      .filter((i) => i.type === 'tor-version')
      .map((i) => strip(i) as unknown as TorVersion)
      .sort((a, b) => a.version - b.version);
    return { ...(draft ? { draft: strip(draft) as unknown as TorDraft } : {}), versions };
  }

  async saveTorDraft(reference: string, draft: TorDraft, expectedRevision: number, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.torDraft(reference), type: 'tor-draft', reference, ...draft },
          ...this.#draftAt(expectedRevision),
        },
      },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  async agreeTorVersion(reference: string, version: TorVersion, expectedRevision: number, audit: AuditEvent): Promise<boolean> {
    return this.#transact([
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.torVersion(reference, version.version), type: 'tor-version', reference, ...version },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      // The draft closes; with none open (agreeing the last version's text again after edits in the page), check none appeared meanwhile.
      // Closing rewrites it as a tombstone (the functions may not delete items), which reads as no draft.
      expectedRevision === 0
        ? { ConditionCheck: { TableName: this.tableName, Key: keys.torDraft(reference), ...this.#draftAt(0) } }
        : { Put: { TableName: this.tableName, Item: tombstoneItem(keys.torDraft(reference), 'tor-draft', audit), ...this.#draftAt(expectedRevision) } },
      { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  }

  /** The condition that the stored draft is at `revision` (0: there is none, or only the tombstone of a closed one). */
  #draftAt(revision: number) {
    const absent = absentOrRemoved('tor-draft');
    return revision === 0
      ? { ConditionExpression: absent.expression, ExpressionAttributeNames: absent.names, ExpressionAttributeValues: absent.values }
      : { ConditionExpression: '#revision = :revision', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':revision': revision } };
  }

  async #transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>): Promise<boolean> {
    try {
      await this.ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }
}
