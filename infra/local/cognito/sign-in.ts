import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UsernameExistsException,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_REGION } from '../arns.js';
import { localCredentials } from '../dynamodb.js';
import { readMailbox, waitForMail } from '../mailbox.js';
import { base32Decode, totpAt } from './totp.js';

/**
 * Signing in against a started local platform, the way the web app does,
 * for tests and tools that need a real token (integration and e2e tests of
 * routes with `auth`). Codes are read from the Mailbox. Local use only.
 */
export interface LocalSignInTarget {
  cognitoEndpoint: string;
  sesEndpoint: string;
  pools: { staff: { clientId: string }; referrer: { clientId: string } };
  /** The emulator's clock for codes (a test's own clock, or real time); authenticator-app codes are computed on it. */
  securityClock?: { now(): Date };
}

/**
 * Authenticator apps set up through these helpers, by email: the secret and
 * the last 30-second step used, as a phone's app would hold them. Tests only.
 */
const apps = new Map<string, { secret: string; lastStep: number }>();

/** Records an app set up elsewhere (an e2e test typing the key), so later sign-ins can use it. */
export function rememberAuthenticatorApp(email: string, secret: string, lastStep: number): void {
  apps.set(email.toLowerCase(), { secret: secret.replace(/\s/g, ''), lastStep });
}

/**
 * The app's code for the first step after the last one used, at most one
 * step ahead of now (the emulator accepts one step of drift), as a person
 * would wait for the next code rather than reuse one.
 */
export function authenticatorCode(email: string, nowMs: number): { code: string; step: number } {
  const app = apps.get(email.toLowerCase());
  if (!app) throw new Error(`No authenticator app was set up for ${email} through the local helpers`);
  const now = Math.floor(nowMs / 30_000);
  const step = Math.max(now - 1, app.lastStep + 1);
  if (step > now + 1) throw new Error('The authenticator app would need a code more than one step ahead: wait for the clock');
  app.lastStep = step;
  return { code: totpAt(base32Decode(app.secret), step * 30_000), step };
}

const nowOf = (target: LocalSignInTarget) => (target.securityClock?.now() ?? new Date()).getTime();

/**
 * Answers MFA_SETUP as the web app does: AssociateSoftwareToken, a code
 * from the new app to VerifySoftwareToken, then MFA_SETUP with the Session.
 */
export async function setUpAuthenticatorAppAtSignIn(
  target: LocalSignInTarget,
  client: CognitoIdentityProviderClient,
  email: string,
  session: string | undefined,
): Promise<AuthenticationResultType> {
  const ClientId = target.pools.staff.clientId;
  const associated = await client.send(new AssociateSoftwareTokenCommand({ Session: session }));
  if (!associated.SecretCode) throw new Error('No secret from AssociateSoftwareToken');
  const step = Math.floor(nowOf(target) / 30_000);
  rememberAuthenticatorApp(email, associated.SecretCode, step - 2);
  const { code } = authenticatorCode(email, nowOf(target));
  const verified = await client.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: code, FriendlyDeviceName: 'test' }));
  const out = await client.send(
    new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: email } }),
  );
  return tokensOf(out.AuthenticationResult);
}

/** Signs a referrer in: signs them up first if the address is new (the PreSignUp trigger still applies). */
export async function signInReferrerLocally(target: LocalSignInTarget, email: string): Promise<AuthenticationResultType> {
  const client = sdk(target);
  const ClientId = target.pools.referrer.clientId;
  try {
    try {
      const { value: signedUp, code } = await withEmailedCode(target, email, 'Your verification code', () =>
        client.send(new SignUpCommand({ ClientId, Username: email, UserAttributes: [{ Name: 'email', Value: email }] })),
      );
      const confirmed = await client.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code, Session: signedUp.Session }));
      const out = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: email }, Session: confirmed.Session }));
      return tokensOf(out.AuthenticationResult);
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    const { value: challenge, code } = await withEmailedCode(target, email, 'Your sign-in code', () =>
      client.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } })),
    );
    const out = await client.send(
      new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code } }),
    );
    return tokensOf(out.AuthenticationResult);
  } finally {
    client.destroy();
  }
}

/**
 * Signs a confirmed staff member in: password, then their second factor:
 * the emailed code (seeded accounts), a code from the authenticator app set
 * up through these helpers, or, with none yet, setting one up (MFA_SETUP).
 */
export async function signInStaffLocally(target: LocalSignInTarget, email: string, password: string): Promise<AuthenticationResultType> {
  const client = sdk(target);
  const ClientId = target.pools.staff.clientId;
  try {
    const before = (await readMailbox(target.sesEndpoint)).length;
    const challenge = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    if (challenge.ChallengeName === 'MFA_SETUP') return await setUpAuthenticatorAppAtSignIn(target, client, email, challenge.Session);
    if (challenge.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      const { code } = authenticatorCode(email, nowOf(target));
      const out = await client.send(
        new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code } }),
      );
      return tokensOf(out.AuthenticationResult);
    }
    if (challenge.ChallengeName !== 'EMAIL_OTP') throw new Error(`Unexpected challenge ${challenge.ChallengeName ?? 'none'}`);
    const code = await emailedCodeSince(target, email, 'Your sign-in code', before);
    const out = await client.send(
      new RespondToAuthChallengeCommand({ ClientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code } }),
    );
    return tokensOf(out.AuthenticationResult);
  } finally {
    client.destroy();
  }
}

function sdk(target: LocalSignInTarget): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: target.cognitoEndpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 1 });
}

function tokensOf(result: AuthenticationResultType | undefined): AuthenticationResultType {
  if (!result?.IdToken) throw new Error('The local pool answered without tokens');
  return result;
}

/** Runs `act` and returns its result with the 8-digit code it emailed to `to`. */
async function withEmailedCode<T>(target: LocalSignInTarget, to: string, subject: string, act: () => Promise<T>): Promise<{ value: T; code: string }> {
  const before = (await readMailbox(target.sesEndpoint)).length;
  const value = await act();
  return { value, code: await emailedCodeSince(target, to, subject, before) };
}

/** The 8-digit code in the first email to `to` with `subject` after the first `before` emails. */
async function emailedCodeSince(target: LocalSignInTarget, to: string, subject: string, before: number): Promise<string> {
  const isIt = (e: { to: string[]; subject: string }) => e.to.includes(to) && e.subject === subject;
  const emails = await waitForMail(target.sesEndpoint, (all) => all.slice(before).some(isIt), { timeoutMs: 5000, intervalMs: 25 });
  const code = /\b(\d{8})\b/.exec(emails.slice(before).find(isIt)?.text ?? '')?.[1];
  if (!code) throw new Error('No code in the email');
  return code;
}
