import { cognito, CognitoError, type AuthResponse } from './cognito.js';
import { loadPublicConfig } from './public-config.js';
import { startSession } from './session.js';

/**
 * Staff sign-in: email and password, then the emailed code (the second
 * factor), or a new password on an invited user's first sign-in. Cognito's
 * Session between the steps lives in memory only; the password is never
 * kept once InitiateAuth has it.
 */
export type StaffStep = 'code' | 'new-password' | 'done';

interface Pending {
  email: string;
  session: string;
  challenge: 'EMAIL_OTP' | 'NEW_PASSWORD_REQUIRED';
}

let pending: Pending | null = null;
let returnTo: string | undefined;

export function pendingStaffSignIn(): { email: string; challenge: Pending['challenge'] } | null {
  return pending ? { email: pending.email, challenge: pending.challenge } : null;
}

/** Where to go after signing in: the page the session ended on, if any. */
export function setReturnTo(path: string | undefined): void {
  returnTo = path && path.startsWith('/') && !path.startsWith('//') ? path : undefined;
}
export function takeReturnTo(): string | undefined {
  const path = returnTo;
  returnTo = undefined;
  return path;
}

async function next(email: string, response: AuthResponse): Promise<StaffStep> {
  if (response.AuthenticationResult) {
    pending = null;
    await startSession('staff', response.AuthenticationResult);
    return 'done';
  }
  if ((response.ChallengeName === 'EMAIL_OTP' || response.ChallengeName === 'NEW_PASSWORD_REQUIRED') && response.Session) {
    pending = { email, session: response.Session, challenge: response.ChallengeName };
    return response.ChallengeName === 'EMAIL_OTP' ? 'code' : 'new-password';
  }
  pending = null;
  throw new CognitoError('UnexpectedChallenge', `Sign-in asked for ${response.ChallengeName ?? 'nothing'}`);
}

export async function startStaffSignIn(rawEmail: string, password: string): Promise<StaffStep> {
  const email = rawEmail.trim().toLowerCase();
  pending = null;
  const config = await loadPublicConfig();
  const response = await cognito<AuthResponse>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.staff.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  return next(email, response);
}

async function respond(challenge: Pending['challenge'], answers: Record<string, string>): Promise<StaffStep> {
  if (!pending || pending.challenge !== challenge) throw new CognitoError('NotAuthorizedException', 'No sign-in is waiting');
  const { email, session } = pending;
  const config = await loadPublicConfig();
  const response = await cognito<AuthResponse>('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: config.staff.clientId,
    Session: session,
    ChallengeResponses: { USERNAME: email, ...answers },
  });
  return next(email, response);
}

export const answerStaffCode = (code: string) => respond('EMAIL_OTP', { EMAIL_OTP_CODE: code });
export const answerNewPassword = (password: string) => respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: password });

export function forgetStaffSignIn(): void {
  pending = null;
}
