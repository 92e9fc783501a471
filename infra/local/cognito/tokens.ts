import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { SigningKey } from './keys.js';
import { LIMITS } from './pools.js';
import type { StoredUser } from './store.js';

/** One sign-in: what every token issued for it (and its refreshes) shares. */
export interface SignInContext {
  originJti: string;
  eventId: string;
  /** Seconds since epoch. */
  authTime: number;
}

export interface TokenIssuer {
  issuer: string;
  clientId: string;
  key: SigningKey;
}

/** Starts a sign-in at `now`. */
export function newSignIn(now: Date): SignInContext {
  return { originJti: randomUUID(), eventId: randomUUID(), authTime: Math.floor(now.getTime() / 1000) };
}

/**
 * Signs an ID token and an access token with exactly Cognito's claims
 * (and the header Cognito uses: `kid` and `alg` only). Groups are read
 * from the user now, so a refresh picks up a changed role as Cognito's
 * does.
 */
export async function signTokens(
  issuerInfo: TokenIssuer,
  user: StoredUser,
  signIn: SignInContext,
  now: Date,
): Promise<{ idToken: string; accessToken: string; expiresIn: number }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + LIMITS.accessTokenSeconds;
  const groups = user.groups.length ? { 'cognito:groups': [...user.groups] } : {};
  const header = { kid: issuerInfo.key.kid, alg: 'RS256' };

  // Claim order follows Cognito's tokens (it helps when comparing by eye).
  const idClaims: JWTPayload = {
    sub: user.sub,
    ...groups,
    email_verified: user.attributes.email_verified === 'true',
    iss: issuerInfo.issuer,
    'cognito:username': user.sub,
    origin_jti: signIn.originJti,
    aud: issuerInfo.clientId,
    event_id: signIn.eventId,
    token_use: 'id',
    auth_time: signIn.authTime,
    ...(user.attributes.name ? { name: user.attributes.name } : {}),
    exp,
    iat,
    jti: randomUUID(),
    email: user.attributes.email,
  };
  const accessClaims: JWTPayload = {
    sub: user.sub,
    ...groups,
    iss: issuerInfo.issuer,
    client_id: issuerInfo.clientId,
    origin_jti: signIn.originJti,
    event_id: signIn.eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: signIn.authTime,
    exp,
    iat,
    jti: randomUUID(),
    username: user.sub,
  };
  const [idToken, accessToken] = await Promise.all([
    new SignJWT(idClaims).setProtectedHeader(header).sign(issuerInfo.key.privateKey),
    new SignJWT(accessClaims).setProtectedHeader(header).sign(issuerInfo.key.privateKey),
  ]);
  return { idToken, accessToken, expiresIn: LIMITS.accessTokenSeconds };
}

/** The claims of an access token the emulator itself accepts (GetUser, GlobalSignOut). */
export interface AccessClaims {
  sub: string;
  originJti: string;
  clientId: string;
}

/**
 * Verifies an access token of this pool at `now`. Returns 'expired' or
 * 'invalid' rather than throwing, so the caller words the Cognito error.
 */
export async function verifyAccessToken(issuerInfo: Omit<TokenIssuer, 'clientId'>, token: string, now: Date): Promise<AccessClaims | 'expired' | 'invalid'> {
  try {
    const { payload } = await jwtVerify(token, issuerInfo.key.publicKey, {
      issuer: issuerInfo.issuer,
      algorithms: ['RS256'],
      currentDate: now,
    });
    if (payload.token_use !== 'access' || typeof payload.sub !== 'string' || typeof payload.origin_jti !== 'string' || typeof payload.client_id !== 'string') {
      return 'invalid';
    }
    return { sub: payload.sub, originJti: payload.origin_jti, clientId: payload.client_id };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return 'expired';
    return 'invalid';
  }
}
