import middy from '@middy/core';
import type { Context, PreSignUpTriggerEvent } from 'aws-lambda';
import { dependencies } from '../middleware/dependencies.js';
import { observed } from '../middleware/observability.js';
import { isAllowedReferrerEmail, REFUSED_SIGN_UP_LOG } from '../domain/intake/referrer-domains.js';

const { logger, middlewares } = observed('cognito-pre-sign-up');

/**
 * Referrer pool PreSignUp trigger: only work email addresses on domains the
 * Board allows may verify. Cognito shows a thrown error's message to the caller,
 * and throwing is the only way a trigger can refuse, so a refusal is also a
 * Lambda error: it is logged with REFUSED_SIGN_UP_LOG first, which the stack
 * counts as the RefusedSignUps metric and subtracts in the error alarm.
 */
export const handler = middy<PreSignUpTriggerEvent, PreSignUpTriggerEvent, Error, Context>().use(middlewares).handler(async (event, context) => {
  const deps = dependencies(context);
  const { config } = await deps.boardConfig.get();
  const email = String(event.request.userAttributes.email ?? event.userName ?? '');
  if (!isAllowedReferrerEmail(email, config.allowedReferrerDomains)) {
    logger.info(REFUSED_SIGN_UP_LOG);
    throw new Error('Enter a work email address from a partner agency, like name@nhs.net');
  }
  // Passwordless referrers confirm with the emailed code; nothing is auto-confirmed.
  event.response.autoConfirmUser = false;
  event.response.autoVerifyEmail = false;
  return event;
});
