import { describe, expect, it } from 'vitest';
import { localTableName, toCreateTableInput } from '../../infra/local/table.js';
import { synthesise } from './synth.js';

describe('the local table and the deployed table', () => {
  it('have the same keys, index and stream', () => {
    // Prepare
    const { template } = synthesise();
    const local = toCreateTableInput(localTableName);

    // Act
    const [deployed] = Object.values(template.findResources('AWS::DynamoDB::GlobalTable')) as {
      Properties: Record<string, unknown>;
    }[];
    const p = deployed!.Properties as {
      AttributeDefinitions: unknown[];
      KeySchema: unknown;
      BillingMode: string;
      GlobalSecondaryIndexes: unknown;
      StreamSpecification: { StreamViewType: string };
    };

    // Assess
    const byName = (a: unknown, b: unknown) =>
      String((a as { AttributeName: string }).AttributeName).localeCompare((b as { AttributeName: string }).AttributeName);
    expect([...p.AttributeDefinitions].sort(byName)).toEqual([...(local.AttributeDefinitions ?? [])].sort(byName));
    expect(p.KeySchema).toEqual(local.KeySchema);
    expect(p.BillingMode).toBe(local.BillingMode);
    expect(p.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(p.StreamSpecification.StreamViewType).toBe(local.StreamSpecification?.StreamViewType);
  });
});
