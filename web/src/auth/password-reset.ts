import { cognito, CognitoError } from './cognito.js';
import { loadPublicConfig } from './public-config.js';

/**
 * Staff password reset: ForgotPassword emails a code, ConfirmForgotPassword
 * sets the new password with it. It signs no one in: afterwards the person
 * signs in as usual, with the new password and then the emailed code (MFA).
 * The email address between the two pages lives in memory only.
 */

let pendingEmail: string | null = null;

/** The address a reset code was asked for, if any. */
export function pendingPasswordReset(): string | null {
  return pendingEmail;
}

/**
 * Asks Cognito to email a reset code. Resolves the same way whether or not
 * the address has an account: Cognito answers an unknown or disabled user
 * as a real one, and an invited user who has not signed in yet
 * (NotAuthorizedException: they use their invitation instead) is not told
 * apart here either. Throws only for too many codes or a service problem.
 */
export async function requestPasswordReset(rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const config = await loadPublicConfig();
  try {
    await cognito('ForgotPassword', { ClientId: config.staff.clientId, Username: email });
  } catch (error) {
    if (!(error instanceof CognitoError) || !['NotAuthorizedException', 'UserNotFoundException', 'InvalidParameterException'].includes(error.type)) {
      throw error;
    }
  }
  pendingEmail = email;
}

/** Sets the new password with the emailed code; throws the CognitoError for a wrong code or a refused password. */
export async function confirmPasswordReset(code: string, password: string): Promise<void> {
  if (!pendingEmail) throw new CognitoError('NotAuthorizedException', 'No password reset is waiting');
  const config = await loadPublicConfig();
  await cognito('ConfirmForgotPassword', { ClientId: config.staff.clientId, Username: pendingEmail, ConfirmationCode: code, Password: password });
  pendingEmail = null;
}

export function forgetPasswordReset(): void {
  pendingEmail = null;
}
