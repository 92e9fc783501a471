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
 * Cognito refused to send a code, so none was sent and the page must not
 * say one was: `ask-business-manager` when email cannot be used for
 * recovery (the account's second factor is the emailed code, or it has no
 * verified address), `use-invitation` for an invited user who has not
 * signed in yet.
 */
export class PasswordResetRefusedError extends Error {
  readonly reason: 'ask-business-manager' | 'use-invitation';
  constructor(reason: PasswordResetRefusedError['reason'], options?: ErrorOptions) {
    super(reason === 'use-invitation' ? 'Invited user: use the invitation' : 'Email recovery refused', options);
    this.name = 'PasswordResetRefusedError';
    this.reason = reason;
  }
}

/**
 * Asks Cognito to email a reset code. An unknown or disabled address is
 * answered by Cognito as a real one (so the page says "if it has an
 * account"); a refusal is thrown as a {@link PasswordResetRefusedError},
 * never passed off as a code sent. Also throws for too many codes or a
 * service problem.
 */
export async function requestPasswordReset(rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const config = await loadPublicConfig();
  try {
    await cognito('ForgotPassword', { ClientId: config.staff.clientId, Username: email });
  } catch (error) {
    if (error instanceof CognitoError && error.type === 'InvalidParameterException') throw new PasswordResetRefusedError('ask-business-manager', { cause: error });
    if (error instanceof CognitoError && error.type === 'NotAuthorizedException') throw new PasswordResetRefusedError('use-invitation', { cause: error });
    // With user-existence errors not prevented, an unknown address: nothing sent, and the page only ever says "if it has an account".
    if (!(error instanceof CognitoError && error.type === 'UserNotFoundException')) throw error;
  }
  pendingEmail = email;
}

/** A code is already on its way (the business manager reset this sign-in): go straight to entering it. */
export function expectResetCode(rawEmail: string): void {
  pendingEmail = rawEmail.trim().toLowerCase();
}

/** What the page says when Cognito refused to send a code. */
export function resetRefusedMessage(error: PasswordResetRefusedError): string {
  return error.reason === 'use-invitation'
    ? 'You cannot reset your password until you have signed in for the first time. Use the temporary password in your invitation email, or ask your business manager to send the invitation again'
    : 'We cannot email you a code to reset your password. Ask your business manager to reset your sign-in';
}

/** Sets the new password with the emailed code; throws the CognitoError for a wrong code or a refused password. */
export async function confirmPasswordReset(code: string, password: string, email = pendingEmail): Promise<void> {
  if (!email) throw new CognitoError('NotAuthorizedException', 'No password reset is waiting');
  pendingEmail = email.trim().toLowerCase();
  const config = await loadPublicConfig();
  await cognito('ConfirmForgotPassword', { ClientId: config.staff.clientId, Username: pendingEmail, ConfirmationCode: code, Password: password });
  pendingEmail = null;
}

export function forgetPasswordReset(): void {
  pendingEmail = null;
}
