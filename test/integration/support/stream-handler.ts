import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { recordCall } from './registry.js';

/**
 * Test-only stream consumer: records each batch. A new item whose pk starts
 * with `fail-once#` makes the first delivery fail, to exercise the retry.
 */
export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  const calls = recordCall('test-stream', event, context);
  for (const record of event.Records) {
    const pk = record.dynamodb?.Keys?.pk?.S ?? '';
    const seenBefore = calls
      .slice(0, -1)
      .filter((c) => c.fn === 'test-stream')
      .some((c) => (c.event as DynamoDBStreamEvent).Records.some((r) => r.dynamodb?.SequenceNumber === record.dynamodb?.SequenceNumber));
    if (pk.startsWith('fail-once#') && !seenBefore) throw new Error('first delivery fails');
  }
}
