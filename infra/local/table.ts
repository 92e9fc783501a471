import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

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
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      projection: 'ALL',
    },
  ],
  /** The outbox reads both images: what a case was and what it became. */
  stream: 'NEW_AND_OLD_IMAGES',
  billingMode: 'PAY_PER_REQUEST',
} as const;

export type TableDefinition = typeof tableDefinition;

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
      Projection: { ProjectionType: g.projection },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream },
  };
}
