import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { checkDeadlines, FAILED_EMAIL_RETRY_MS, type DeadlineCheckResult } from '../domain/alerts/deadline-check.js';
import { actionStore, contributionStore, dependencies, overviewStore, reportStore } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';
import { sendOwedReviewEmails, type NotifyResult } from '../domain/email/notify.js';

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
      contributions: contributionStore(context),
      reports: reportStore(context),
      actions: actionStore(context),
      overview: overviewStore(context),
    },
    reference,
  );
  // A review's emails that became owed with time (a joint-review question
  // referred when its deadline passed, 3.5), or whose send failed or died
  // earlier, go out after the check: time only moves on, so either this sees
  // what the check saw, or the check's nextAt wakes the workflow again after
  // it. A failure here does not end the workflow: the loop tries again soon.
  let owed: NotifyResult | undefined;
  try {
    owed = await sendOwedReviewEmails(
      { store: deps.store, mailer: deps.mailer, clock: deps.clock, ids: deps.ids, board: config, appBaseUrl: deps.env.APP_BASE_URL },
      reference,
    );
  } catch (error) {
    logger.warn('Review emails not all sent; trying again soon', { reference, errorName: (error as Error).name });
    owed = { sent: 0, alreadySent: 0, retryAt: new Date(deps.clock.now().getTime() + FAILED_EMAIL_RETRY_MS).toISOString() };
  }
  if (owed.sent) logger.info('Review emails sent', { reference, sent: owed.sent, resent: owed.resent ?? 0 });
  const parked = (result.parkedNow ?? 0) + (owed.parkedNow ?? 0);
  // The alarm's metric filter counts these (infra/constructs/parked-email-alarm.ts).
  if (parked) logger.error('Emails parked', { reference, parked });
  if (owed.retryAt) {
    // Something owed is not sent yet: look again then, even if the stage's work is otherwise done.
    const nextAt = result.nextAt && result.nextAt < owed.retryAt ? result.nextAt : owed.retryAt;
    Object.assign(result, { done: false, nextAt });
  }
  logger.info('Deadlines checked', { reference, done: result.done, sent: result.sent, nextAt: result.nextAt });
  return result;
});
