import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UsernameExistsException,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_REGION } from '../arns.js';
import { localCredentials } from '../dynamodb.js';
import { readMailbox, waitForMail } from '../mailbox.js';

/**
 * Signing in against a started local platform, the way the web app does,
 * for tests and tools that need a real token (integration and e2e tests of
 * routes with `auth`). Codes are read from the Mailbox. Local use only.
 */
export interface LocalSignInTarget {
  cognitoEndpoint: string;
  sesEndpoint: string;
  pools: { staff: { clientId: string }; referrer: { clientId: string } };
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

/** Signs a confirmed staff member in: password, then the emailed code. */
export async function signInStaffLocally(target: LocalSignInTarget, email: string, password: string): Promise<AuthenticationResultType> {
  const client = sdk(target);
  const ClientId = target.pools.staff.clientId;
  try {
    const { value: challenge, code } = await withEmailedCode(target, email, 'Your sign-in code', () =>
      client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: email, PASSWORD: password } })),
    );
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
  const isIt = (e: { to: string[]; subject: string }) => e.to.includes(to) && e.subject === subject;
  const emails = await waitForMail(target.sesEndpoint, (all) => all.slice(before).some(isIt), { timeoutMs: 5000, intervalMs: 25 });
  const code = /\b(\d{8})\b/.exec(emails.slice(before).find(isIt)?.text ?? '')?.[1];
  if (!code) throw new Error('No code in the email');
  return { value, code };
}
