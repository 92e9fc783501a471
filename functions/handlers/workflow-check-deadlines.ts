import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { checkDeadlines, type DeadlineCheckResult } from '../domain/deadline-check.js';
import { dependencies } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';
import { sendOwedReviewEmails } from '../domain/notify.js';

const { logger, middlewares } = observed('workflow-check-deadlines');

const inputSchema = z.strictObject({ reference: z.string().regex(/^[A-Z]{2,6}-\d{4}-\d{4,}$/) });

/**
 * Step Functions task, run in a loop with a Wait until `nextAt`: sends the
 * reminders and escalations now due, once each, and says when to look again.
 */
export const handler = middy<unknown, DeadlineCheckResult, Error, Context>().use(middlewares).handler(async (event, context) => {
  const { reference } = inputSchema.parse(event);
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  const result = await checkDeadlines(
    {
      store: deps.store,
      mailer: deps.mailer,
      clock: deps.clock,
      ids: deps.ids,
      board: config,
      calendar: deps.calendar,
      appBaseUrl: deps.env.APP_BASE_URL,
    },
    reference,
  );
  // A review's emails that became owed with time (a joint-review question
  // referred when its deadline passed, 3.5) go out after the check: time only
  // moves on, so either this sees what the check saw, or the check's nextAt
  // (the deadline's first escalation) wakes the workflow again after it.
  const owed = await sendOwedReviewEmails(
    { store: deps.store, mailer: deps.mailer, clock: deps.clock, ids: deps.ids, board: config, appBaseUrl: deps.env.APP_BASE_URL },
    reference,
  );
  if (owed.sent) logger.info('Review emails sent', { reference, sent: owed.sent });
  logger.info('Deadlines checked', { reference, done: result.done, sent: result.sent, nextAt: result.nextAt });
  return result;
});
