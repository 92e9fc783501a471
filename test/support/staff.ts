import {
  AdminSetUserMFAPreferenceCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { setUpAuthenticatorAppAtSignIn } from '../../infra/local/cognito/sign-in.js';
import { readMailbox } from '../../infra/local/mailbox.js';
import type { LocalPlatform } from '../../infra/local/platform.js';
import { eventually } from './eventually.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function codeAfter(platform: LocalPlatform, to: string, subject: string, before: number, pattern: RegExp): Promise<string> {
  const isIt = (e: { to: string[]; subject: string }) => e.to.includes(to) && e.subject.startsWith(subject);
  const all = await eventually(() => readMailbox(platform.sesEndpoint), (mail) => mail.slice(before).some(isIt), `the "${subject}" email to ${to}`, {
    intervalMs: 25,
  });
  const text = all.slice(before).filter(isIt).at(-1)?.text ?? '';
  const m = pattern.exec(text);
  if (!m?.[1]) throw new Error(`No match in the "${subject}" email`);
  return m[1];
}

/**
 * First sign-in of someone the business manager invited: the temporary
 * password from the invitation email, a new password, then setting up an
 * authenticator app (MFA_SETUP), as the web app does.
 *
 * `secondFactor: 'email'` (the default) then switches the account to
 * emailed codes with the local admin credentials, as the seeded accounts
 * have, so tests that sign in through the browser read codes from the
 * Mailbox; `'app'` keeps the app, and signInStaffLocally computes its codes.
 */
export async function firstSignIn(
  platform: LocalPlatform,
  email: string,
  newPassword = 'A-new-Passw0rd-for-tests!',
  { secondFactor = 'email' }: { secondFactor?: 'email' | 'app' } = {},
) {
  const client = new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region: 'eu-west-2', credentials, maxAttempts: 1 });
  const ClientId = platform.pools.staff.clientId;
  try {
    const temporary = await codeAfter(platform, email, 'Your account for', 0, /temporary password is (\S+)/);
    const first = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: email, PASSWORD: temporary } }),
    );
    if (first.ChallengeName !== 'NEW_PASSWORD_REQUIRED') throw new Error(`Expected NEW_PASSWORD_REQUIRED, got ${first.ChallengeName}`);
    const setup = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
      }),
    );
    if (setup.ChallengeName !== 'MFA_SETUP') throw new Error(`Expected MFA_SETUP, got ${setup.ChallengeName}`);
    const tokens = await setUpAuthenticatorAppAtSignIn(platform, client, email, setup.Session);
    if (secondFactor === 'email') {
      const admin = new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region: 'eu-west-2', credentials: platform.adminCredentials, maxAttempts: 1 });
      try {
        await admin.send(
          new AdminSetUserMFAPreferenceCommand({
            UserPoolId: platform.pools.staff.userPoolId,
            Username: email,
            EmailMfaSettings: { Enabled: true, PreferredMfa: true },
            SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
          }),
        );
      } finally {
        admin.destroy();
      }
    }
    return tokens;
  } finally {
    client.destroy();
  }
}

/** Fresh tokens from a refresh token (keeps the same session). */
export async function refresh(platform: LocalPlatform, pool: 'staff' | 'referrer', refreshToken: string) {
  const client = new CognitoIdentityProviderClient({ endpoint: platform.cognitoEndpoint, region: 'eu-west-2', credentials, maxAttempts: 1 });
  try {
    const out = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: platform.pools[pool].clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    return out.AuthenticationResult!;
  } finally {
    client.destroy();
  }
}
