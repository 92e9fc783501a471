import { cognito, CognitoError } from './cognito.js';
import { currentSession, freshIdToken } from './session.js';

/**
 * Authenticator-app (TOTP) MFA for a signed-in staff member, with their
 * access token: AssociateSoftwareToken gives a secret, VerifySoftwareToken
 * proves the app has it, SetUserMFAPreference makes it their second factor
 * (and turns the emailed code off, so email can reset their password:
 * Cognito will not let one inbox be both the second factor and the way back in).
 */

export interface MfaStatus {
  app: boolean;
  email: boolean;
}

async function accessToken(): Promise<string> {
  // Refreshes first if the tokens are about to expire; the access token comes with them.
  await freshIdToken('staff');
  const session = currentSession('staff');
  if (!session) throw new CognitoError('NotAuthorizedException', 'Not signed in');
  return session.accessToken;
}

/** Which second factors the signed-in person has. */
export async function mfaStatus(): Promise<MfaStatus> {
  const out = await cognito<{ UserMFASettingList?: string[] }>('GetUser', { AccessToken: await accessToken() });
  const list = out.UserMFASettingList ?? [];
  return { app: list.includes('SOFTWARE_TOKEN_MFA'), email: list.includes('EMAIL_OTP') };
}

/** A new secret for the app (replaces any earlier one once confirmed). */
export async function startAppSetup(): Promise<string> {
  const out = await cognito<{ SecretCode?: string }>('AssociateSoftwareToken', { AccessToken: await accessToken() });
  if (!out.SecretCode) throw new CognitoError('ServiceError', 'No secret in the answer');
  return out.SecretCode;
}

/** Checks a code from the app, then makes the app the person's second factor. */
export async function confirmAppSetup(code: string): Promise<void> {
  const token = await accessToken();
  await cognito('VerifySoftwareToken', { AccessToken: token, UserCode: code, FriendlyDeviceName: 'Authenticator app' });
  await cognito('SetUserMFAPreference', {
    AccessToken: token,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    EmailMfaSettings: { Enabled: false, PreferredMfa: false },
  });
}
