import { routedHandler } from '../middleware/routing.js';
import { dependencies } from '../middleware/dependencies.js';
import { cognitoApiUrl } from '../config/identity.js';

/** GET /api/config: public identifiers the web app needs to sign people in. No secrets: pool and client ids are public by design. */
export const { handler } = routedHandler('api-config', {
  getConfig: async ({ context }) => {
    const deps = dependencies(context);
    const { config } = await deps.boardConfig.get();
    const env = deps.env;
    return {
      body: {
        boardName: config.board.name,
        region: env.AWS_REGION,
        cognitoApiUrl: cognitoApiUrl(env.AWS_REGION, env.COGNITO_ENDPOINT),
        staff: { userPoolId: env.STAFF_USER_POOL_ID, clientId: env.STAFF_CLIENT_ID },
        referrer: { userPoolId: env.REFERRER_USER_POOL_ID, clientId: env.REFERRER_CLIENT_ID },
        allowedReferrerDomains: config.allowedReferrerDomains,
        sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      },
      headers: { 'Cache-Control': 'no-cache' },
    };
  },
});
