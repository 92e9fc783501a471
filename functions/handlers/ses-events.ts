import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { trackDelivery, type TrackDeliveryResult } from '../domain/email/track-delivery.js';
import { TransientError } from '../domain/errors.js';
import { dependencies } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';
import { deliveryEventOf, sesEventSchema } from '../schemas/ses-event.js';

const { logger, middlewares } = observed('ses-events');

type Result = TrackDeliveryResult | { outcome: 'ignored'; alerted: false };

/**
 * EventBridge target for SES events of the platform's configuration set:
 * records the delivery state of the notification that sent the message and
 * alerts the business manager when one failed. Errors fail the invocation so
 * EventBridge retries (then the dead-letter queue).
 */
export const handler = middy<unknown, Result, Error, Context>().use(middlewares).handler(async (event, context) => {
  const parsed = sesEventSchema.parse(event);
  const delivery = deliveryEventOf(parsed);
  if (!delivery) {
    logger.info('SES event ignored', { detailType: parsed['detail-type'] });
    return { outcome: 'ignored', alerted: false };
  }
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  const result = await trackDelivery(
    { store: deps.store, mailer: deps.mailer, clock: deps.clock, ids: deps.ids, board: config, appBaseUrl: deps.env.APP_BASE_URL },
    delivery.messageId,
    delivery.event,
  );
  // A notification's email carries a `reference` tag: its pointer is written
  // just after SES accepts it, so an early event is retried rather than lost.
  if (result.outcome === 'unknown-message' && parsed.detail.mail.tags?.reference?.length) {
    throw new TransientError('The notification of this message is not recorded yet');
  }
  // Events for emails that are not case notifications (sign-in codes) are routine: debug only.
  const level = result.outcome === 'unknown-message' ? 'debug' : 'info';
  logger[level]('SES event processed', { messageId: delivery.messageId, event: delivery.event.type, ...result });
  return result;
});
