import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AuditEvent } from '../../domain/case/case.js';
import type { FileOwner, FileRecord } from '../../domain/files/files.js';
import type { FileRecords } from '../../ports/files.js';
import { auditItem } from './dynamo-case-store.js';
import { keys } from './keys.js';

const fileItem = (r: FileRecord) => ({ ...keys.file(r.reference, r.owner.kind, r.owner.id, r.fileId), type: 'file', ...r });

function recordOf(item: Record<string, unknown> | undefined): FileRecord | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest as unknown as FileRecord;
}

/** Attached files' metadata on the platform's table, each change with its audit event in one transaction. */
export class DynamoFileRecords implements FileRecords {
  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: FileRecord, audit: AuditEvent): Promise<void> {
    await this.ddb.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: fileItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
  }

  async get(reference: string, owner: FileOwner, fileId: string): Promise<FileRecord | undefined> {
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.file(reference, owner.kind, owner.id, fileId), ConsistentRead: true }));
    return recordOf(out.Item);
  }

  async settle(next: FileRecord, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: fileItem(next),
                ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending' },
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async list(reference: string, owner: FileOwner): Promise<FileRecord[]> {
    const out: FileRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.ddb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.file(reference, owner.kind, owner.id, '').pk, ':prefix': keys.filesOfOwnerPrefix(owner.kind, owner.id) },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const r = recordOf(item);
        if (r) out.push(r);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.ddb.send(new PutCommand({ TableName: this.tableName, Item: auditItem(event), ConditionExpression: 'attribute_not_exists(pk)' }));
  }
}
