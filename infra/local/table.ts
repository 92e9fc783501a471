import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** What "My tasks" shows of a task item, projected into the task indexes. */
const taskAttributes = ['reference', 'taskId', 'label', 'owner', 'deadline', 'openedAt', 'deadlineSetAt'];

/**
 * The cases table, described once. The CDK stack maps it onto
 * `dynamodb.TableV2` props and the local runtime turns it into a CreateTable
 * call, so the two cannot drift apart. The name is not part of it: CDK
 * prefixes it per stage, locally it is {@link localTableName}.
 */
export const tableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      /** The case list (headers, newest first) and the cases a user is on (member items): list fields only. */
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'INCLUDE',
      nonKeyAttributes: ['type', 'reference', 'status', 'receivedAt', 'criteriaOutcome', 'nextTask', 'userId', 'email', 'role', 'addedAt', 'addedBy'],
    },
    {
      /** Sparse: each open task item, under its owner (an office or a named person), soonest due first. */
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      projection: 'INCLUDE',
      nonKeyAttributes: taskAttributes,
    },
    {
      /** Sparse: every open task item by due instant, so what is overdue is one range read. */
      indexName: 'gsi3',
      partitionKey: { name: 'gsi3pk', type: 'S' },
      sortKey: { name: 'gsi3sk', type: 'S' },
      projection: 'INCLUDE',
      nonKeyAttributes: taskAttributes,
    },
  ],
  /** The outbox reads both images: what a case was and what it became. */
  stream: 'NEW_AND_OLD_IMAGES',
  billingMode: 'PAY_PER_REQUEST',
} as const;

export type TableDefinition = typeof tableDefinition;
export type IndexDefinition = TableDefinition['globalSecondaryIndexes'][number];

/** The table's name in the local runtime. */
export const localTableName = 'scr-cases';

/** The CreateTable request for {@link tableDefinition} under the given name. */
export function toCreateTableInput(tableName: string, def: TableDefinition = tableDefinition): CreateTableCommandInput {
  const attributes = new Map<string, 'S'>();
  for (const key of [def.partitionKey, def.sortKey, ...def.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]) {
    attributes.set(key.name, key.type);
  }
  return {
    TableName: tableName,
    BillingMode: def.billingMode,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: g.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: g.projection, NonKeyAttributes: [...g.nonKeyAttributes] },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream },
  };
}
