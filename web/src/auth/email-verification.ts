import { cognito, CognitoError, type AuthResponse } from './cognito.js';
import { loadPublicConfig } from './public-config.js';
import { currentSession, replaceSession, startSession } from './session.js';

/**
 * A referrer proves they own their work email with a code, passwordless:
 *
 * - first time: SignUp (emails a code) -> ConfirmSignUp -> InitiateAuth
 *   USER_AUTH with the sign-up Session -> tokens
 * - verified before (UsernameExistsException): InitiateAuth USER_AUTH
 *   preferring EMAIL_OTP (emails a code) -> RespondToAuthChallenge -> tokens
 * - signed up but never confirmed (UserNotConfirmedException on sign-in):
 *   ResendConfirmationCode, then as the first time
 *
 * The person sees the same thing in every case ("we've sent a code"), so
 * the page never says whether an address has been used before. The flow's
 * Cognito Session lives in memory only: a reload asks for a new code.
 */
type Mode = 'sign-up' | 'sign-in';

interface Flow {
  email: string;
  mode: Mode;
  session?: string;
}

let flow: Flow | null = null;

/** Cognito usernames here are email addresses, compared without case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** True when a referrer is signed in with this email address. */
export function isVerifiedReferrer(email: string): boolean {
  const session = currentSession('referrer');
  return session !== null && email.trim() !== '' && normaliseEmail(session.email) === normaliseEmail(email);
}

/** The email a code was sent to, if one is waiting to be entered. */
export function pendingEmail(): string | null {
  return flow?.email ?? null;
}

export function forgetVerification(): void {
  flow = null;
}

async function clientId(): Promise<string> {
  return (await loadPublicConfig()).referrer.clientId;
}

/** Starts an EMAIL_OTP sign-in; the code is emailed. */
async function startSignIn(email: string): Promise<void> {
  const ClientId = await clientId();
  try {
    let response = await cognito<AuthResponse>('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId,
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    if (response.ChallengeName === 'SELECT_CHALLENGE') {
      response = await cognito<AuthResponse>('RespondToAuthChallenge', {
        ChallengeName: 'SELECT_CHALLENGE',
        ClientId,
        Session: response.Session,
        ChallengeResponses: { USERNAME: email, ANSWER: 'EMAIL_OTP' },
      });
    }
    if (response.ChallengeName !== 'EMAIL_OTP' || !response.Session) {
      throw new CognitoError('UnexpectedChallenge', `Expected EMAIL_OTP, got ${response.ChallengeName ?? 'no challenge'}`);
    }
    flow = { email, mode: 'sign-in', session: response.Session };
  } catch (error) {
    if (error instanceof CognitoError && error.type === 'UserNotConfirmedException') {
      await cognito('ResendConfirmationCode', { ClientId, Username: email });
      flow = { email, mode: 'sign-up' };
      return;
    }
    throw error;
  }
}

/** Emails a code to the address: sign-up for a new address, sign-in for a known one. Throws CognitoError. */
export async function sendCode(rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  flow = null;
  try {
    const response = await cognito<{ Session?: string }>('SignUp', {
      ClientId: await clientId(),
      Username: email,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    flow = { email, mode: 'sign-up', session: response.Session };
  } catch (error) {
    if (error instanceof CognitoError && error.type === 'UsernameExistsException') {
      await startSignIn(email);
      return;
    }
    throw error;
  }
}

/** Sends another code for the waiting flow. */
export async function resendCode(): Promise<void> {
  if (!flow) throw new CognitoError('NotAuthorizedException', 'No code is waiting');
  if (flow.mode === 'sign-in') {
    await startSignIn(flow.email);
    return;
  }
  await cognito('ResendConfirmationCode', { ClientId: await clientId(), Username: flow.email });
}

export type VerifyOutcome = { kind: 'signed-in' } | { kind: 'another-code'; email: string };

/**
 * Checks the code. Usually ends signed in. After confirming a sign-up
 * without a Session to carry on with, Cognito sends a second code to sign
 * in: the page asks for it.
 */
export async function verifyCode(code: string): Promise<VerifyOutcome> {
  if (!flow) throw new CognitoError('NotAuthorizedException', 'No code is waiting');
  const { email } = flow;
  const ClientId = await clientId();
  let response: AuthResponse;
  if (flow.mode === 'sign-up') {
    const confirmed = await cognito<{ Session?: string }>('ConfirmSignUp', {
      ClientId,
      Username: email,
      ConfirmationCode: code,
      ...(flow.session ? { Session: flow.session } : {}),
    });
    if (!confirmed.Session) {
      await startSignIn(email);
      return { kind: 'another-code', email };
    }
    response = await cognito<AuthResponse>('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId,
      AuthParameters: { USERNAME: email },
      Session: confirmed.Session,
    });
    if (!response.AuthenticationResult) {
      if (response.ChallengeName === 'EMAIL_OTP' && response.Session) {
        flow = { email, mode: 'sign-in', session: response.Session };
        return { kind: 'another-code', email };
      }
      await startSignIn(email);
      return { kind: 'another-code', email };
    }
  } else {
    response = await cognito<AuthResponse>('RespondToAuthChallenge', {
      ChallengeName: 'EMAIL_OTP',
      ClientId,
      Session: flow.session,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
    });
    if (!response.AuthenticationResult) {
      if (response.Session) flow = { ...flow, session: response.Session };
      throw new CognitoError('CodeMismatchException', 'No tokens after the code');
    }
  }
  // A different address replaces any earlier referrer session in this tab.
  replaceSession('referrer');
  await startSession('referrer', response.AuthenticationResult);
  flow = null;
  return { kind: 'signed-in' };
}
