import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dependencies, makeLogger } from '../middleware/dependencies.js';

const logger = makeLogger('case-stream');

/**
 * The outbox: every new case written to the table starts its decision
 * workflow, named by the reference. StartExecution is idempotent for the
 * same name and input, so a redelivered stream record starts nothing twice.
 * Failures are reported per record so only those are retried.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(async (event, context) => {
  const deps = dependencies(context);
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.type?.S !== 'case' || image.sk?.S !== 'CASE') continue;
    const reference = image.reference?.S;
    if (!reference) continue;
    try {
      const { executionArn } = await deps.workflows.start('decision', reference, { reference });
      logger.info('Decision workflow started', { reference, executionArn });
    } catch (error) {
      logger.error('Could not start decision workflow', { reference, errorName: (error as Error).name });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
});
