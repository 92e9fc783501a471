import { cognito, CognitoError, type AuthResponse } from './cognito.js';
import { loadPublicConfig } from './public-config.js';
import { startSession } from './session.js';

/**
 * Staff sign-in: email and password, then the second factor: a code from
 * their authenticator app (SOFTWARE_TOKEN_MFA), or the emailed code for
 * accounts that still have it; an invited user first chooses a new
 * password, and anyone without a second factor sets up an authenticator
 * app (MFA_SETUP). Cognito's Session between the steps, and the app's
 * secret while it is being set up, live in memory only; the password is
 * never kept once InitiateAuth has it.
 */
export type StaffStep = 'code' | 'new-password' | 'app-setup' | 'app-code' | 'done';

type Challenge = 'EMAIL_OTP' | 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';
const STEPS: Record<Challenge, StaffStep> = {
  EMAIL_OTP: 'code',
  NEW_PASSWORD_REQUIRED: 'new-password',
  MFA_SETUP: 'app-setup',
  SOFTWARE_TOKEN_MFA: 'app-code',
};
const isChallenge = (name: string | undefined): name is Challenge => name !== undefined && Object.hasOwn(STEPS, name);

interface Pending {
  email: string;
  session: string;
  challenge: Challenge;
  /** MFA_SETUP: the secret AssociateSoftwareToken gave, shown until the app is confirmed. */
  secret?: string;
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
  if (isChallenge(response.ChallengeName) && response.Session) {
    pending = { email, session: response.Session, challenge: response.ChallengeName };
    return STEPS[response.ChallengeName];
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
export const answerAppCode = (code: string) => respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code });

/** MFA_SETUP: the app's secret for this sign-in (asked for once, then kept with the Session). */
export async function appSetupSecret(): Promise<string> {
  if (!pending || pending.challenge !== 'MFA_SETUP') throw new CognitoError('NotAuthorizedException', 'No sign-in is waiting');
  if (pending.secret) return pending.secret;
  const waiting = pending;
  const out = await cognito<{ SecretCode?: string; Session?: string }>('AssociateSoftwareToken', { Session: waiting.session });
  if (!out.SecretCode || !out.Session) throw new CognitoError('ServiceError', 'No secret in the answer');
  waiting.session = out.Session;
  waiting.secret = out.SecretCode;
  return out.SecretCode;
}

/** MFA_SETUP: checks a code from the newly set-up app, then finishes signing in. */
export async function confirmAppSetupAtSignIn(code: string): Promise<StaffStep> {
  if (!pending || pending.challenge !== 'MFA_SETUP' || !pending.secret) throw new CognitoError('NotAuthorizedException', 'No sign-in is waiting');
  const waiting = pending;
  const out = await cognito<{ Session?: string }>('VerifySoftwareToken', { Session: waiting.session, UserCode: code, FriendlyDeviceName: 'Authenticator app' });
  if (!out.Session) throw new CognitoError('ServiceError', 'No session in the answer');
  waiting.session = out.Session;
  return respond('MFA_SETUP', {});
}
export const answerNewPassword = (password: string) => respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: password });

export function forgetStaffSignIn(): void {
  pending = null;
}
