import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { sendNotification, sendOwedReviewEmails, type NotifyResult } from '../domain/email/notify.js';
import { dependencies } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';

const { logger, middlewares } = observed('workflow-notify');

const inputSchema = z.strictObject({
  reference: z.string().regex(/^[A-Z]{2,6}-\d{4}-\d{4,}$/),
  /** `review-owed`: whatever the review stage owes now (statutory notifications, records requests, joint-review questions). */
  notification: z.enum(['referral-received', 'review-owed']),
});

/**
 * Step Functions task: send one notification's emails, each once. A failed
 * send fails the task (TransientError) so the state machine retries with
 * backoff; an email that keeps failing is parked and the task succeeds; one
 * another attempt holds is left to the check loop, which looks again when its
 * claim goes stale.
 */
export const handler = middy<unknown, NotifyResult, Error, Context>().use(middlewares).handler(
  async (event, context) => {
    const input = inputSchema.parse(event);
    const deps = dependencies(context);
    const { config } = await deps.boardConfig.get();
    const notifyDeps = {
      store: deps.store,
      mailer: deps.mailer,
      clock: deps.clock,
      ids: deps.ids,
      board: config,
      appBaseUrl: deps.env.APP_BASE_URL,
    };
    const result =
      input.notification === 'review-owed'
        ? await sendOwedReviewEmails(notifyDeps, input.reference)
        : await sendNotification(notifyDeps, input.reference, input.notification);
    logger.info('Notification processed', { reference: input.reference, notification: input.notification, ...result });
    // The alarm's metric filter counts these (infra/constructs/parked-email-alarm.ts).
    if (result.parkedNow) logger.error('Emails parked', { reference: input.reference, parked: result.parkedNow });
    return result;
  },
);
