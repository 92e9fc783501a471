import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dependencies } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';
import { sendNotification } from '../domain/email/notify.js';
import { outboxEffects } from '../domain/case/outbox.js';
import { TransientError } from '../domain/errors.js';

const { logger, middlewares } = observed('case-stream');

/**
 * The outbox: what must follow a change to a case follows it from the
 * table's stream, so it happens even if the request that made the change
 * died straight after. A new case starts its decision workflow (named by the
 * reference; a redelivered record starts nothing twice); a recorded
 * recommendation or decision sends its emails (each once) and a finished
 * stage's workflow is stopped. A decided review, and every later change to
 * it, starts the review workflow for that version of the case. Failures are reported per record so only
 * those are retried.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().use(middlewares).handler(async (event, context) => {
  const deps = dependencies(context);
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const effects = outboxEffects(record.eventName, record.dynamodb?.OldImage, record.dynamodb?.NewImage);
    if (!effects) continue;
    try {
      const { config } = effects.notifications.length ? await deps.boardConfig.get() : { config: undefined };
      if (effects.startDecisionWorkflow) {
        const { executionArn } = await deps.workflows.start('decision', effects.reference, { reference: effects.reference });
        logger.info('Decision workflow started', { reference: effects.reference, executionArn });
      }
      for (const kind of effects.notifications) {
        const result = await sendNotification(
          { store: deps.store, mailer: deps.mailer, clock: deps.clock, ids: deps.ids, board: config!, appBaseUrl: deps.env.APP_BASE_URL },
          effects.reference,
          kind,
        );
        logger.info('Notification processed', { reference: effects.reference, notification: kind, ...result });
        if (result.parkedNow) logger.error('Emails parked', { reference: effects.reference, parked: result.parkedNow });
        // Another attempt holds a claim it has not recorded: not sent yet, so the record is
        // retried until that claim is settled or goes stale (and is sent again).
        if (result.inFlight) throw new TransientError(`${result.inFlight} email(s) claimed but not yet recorded`);
      }
      if (effects.stopDecisionWorkflow) {
        await deps.workflows.stop('decision', effects.reference, 'The decision stage is complete');
        logger.info('Decision workflow stopped: stage complete', { reference: effects.reference });
      }
      if (effects.reviewWorkflow) {
        if (effects.reviewWorkflow.stop) {
          await deps.workflows.stop('review', effects.reviewWorkflow.stop, 'The review changed: a new execution follows its timetable');
        }
        const { executionArn } = await deps.workflows.start('review', effects.reviewWorkflow.start, { reference: effects.reference });
        logger.info('Review workflow started', { reference: effects.reference, executionArn });
      }
    } catch (error) {
      logger.error('Outbox effect failed', { reference: effects.reference, errorName: (error as Error).name });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
});
