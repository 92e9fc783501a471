import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as z from 'zod';
import type { Clock } from '../../../functions/ports/clock.js';
import { HandlerNotFoundError, LambdaTimeoutError, type LambdaInvoker } from '../lambda-runtime.js';
import { describeError, type LocalLog } from '../log.js';
import { CognitoError, MESSAGES } from './errors.js';
import type { SigningKey } from './keys.js';
import type { PoolMailer } from './mail.js';
import { LIMITS, passwordPolicyViolation, type PoolDefinition, type PoolKind } from './pools.js';
import { isOperation, parseInput, SIGNED_OPERATIONS, type Input, type OperationName } from './schemas.js';
import { hashPassword, maskEmail, newCode, newOpaqueToken, newTemporaryPassword, sameHash, sha256, verifyPassword } from './secrets.js';
import type { PoolStore, StoredMfa, StoredUser } from './store.js';
import { newSignIn, signTokens, verifyAccessToken, type SignInContext } from './tokens.js';
import { newTotpSecret, verifyTotp } from './totp.js';

/** One local user pool: its definition, its persisted state and its signing key. */
export interface LocalPool {
  def: PoolDefinition;
  store: PoolStore;
  key: SigningKey;
  /** `iss` of its tokens: issuerFor(poolId, region, COGNITO_ENDPOINT). */
  issuer: string;
}

export interface CognitoServiceOptions {
  pools: readonly LocalPool[];
  region: string;
  clock: Clock;
  mailer: PoolMailer;
  /** Runs the pools' Cognito triggers (the catalogue's `cognitoTrigger` Lambdas). */
  invoker: LambdaInvoker;
  log: LocalLog;
}

/** The step a challenge Session stands for. */
type Challenge =
  | { kind: 'NEW_PASSWORD_REQUIRED'; sub: string }
  | { kind: 'SELECT_CHALLENGE'; username: string }
  | {
      kind: 'EMAIL_OTP';
      /** What the person typed: an unknown user gets a session too, so answers do not reveal who has an account. */
      username: string;
      sub: string | undefined;
      codeHash: string | undefined;
      codeExpiresAt: number;
      failures: number;
    }
  /** From SignUp: lets ConfirmSignUp hand back a sign-in Session. */
  | { kind: 'SIGN_UP'; sub: string }
  /** From ConfirmSignUp: InitiateAuth USER_AUTH with it signs in without a second code. */
  | { kind: 'SIGNED_UP'; sub: string }
  /**
   * Staff with no second factor: set up an authenticator app with
   * AssociateSoftwareToken and VerifySoftwareToken (each hands back a new
   * Session), then answer MFA_SETUP with the verified Session.
   */
  | { kind: 'MFA_SETUP'; sub: string; secret?: string; verified: boolean; failures: number }
  /** Staff with an authenticator app: its current code. */
  | { kind: 'SOFTWARE_TOKEN_MFA'; sub: string; failures: number };

interface AuthSession {
  poolId: string;
  clientId: string;
  expiresAt: number;
  challenge: Challenge;
}

/** Per email address, per pool: password failures and code sends. */
interface Throttle {
  failedPasswords: number;
  lockedUntil: number;
  codeSends: number[];
}

interface PendingConfirmation {
  codeHash: string;
  expiresAt: number;
  failures: number;
}

/** A ForgotPassword code. Unknown users get one too (with no hash), so the answers do not reveal who has an account. */
interface PendingReset {
  codeHash: string | undefined;
  expiresAt: number;
  failures: number;
}

type AttributeType = { Name: string; Value?: string };
type Json = Record<string, unknown>;

const emailSchema = z.email();

/**
 * The subset of the Cognito user pools API the project uses, with
 * Cognito's answers and errors. Transport-free: `call(operation, input)`
 * takes the parsed JSON body; `http.ts` speaks the protocol.
 */
export class CognitoService {
  readonly #opts: CognitoServiceOptions;
  readonly #byPoolId: Map<string, LocalPool>;
  readonly #byClientId: Map<string, LocalPool>;
  /** Challenge sessions by SHA-256 of the Session string. In memory only. */
  readonly #sessions = new Map<string, AuthSession>();
  readonly #throttles = new Map<string, Throttle>();
  readonly #confirmations = new Map<string, PendingConfirmation>();
  /** Password reset codes by pool and email address. In memory only. */
  readonly #passwordResets = new Map<string, PendingReset>();

  constructor(opts: CognitoServiceOptions) {
    this.#opts = opts;
    this.#byPoolId = new Map(opts.pools.map((p) => [p.def.userPoolId, p]));
    this.#byClientId = new Map(opts.pools.map((p) => [p.def.clientId, p]));
  }

  /** A pool by kind. */
  pool(kind: PoolKind): LocalPool {
    const pool = this.#opts.pools.find((p) => p.def.kind === kind);
    if (!pool) throw new Error(`No ${kind} pool`);
    return pool;
  }

  /** A pool by id, for the JWKS and discovery documents. */
  poolById(userPoolId: string): LocalPool | undefined {
    return this.#byPoolId.get(userPoolId);
  }

  /**
   * Runs one operation. `signature` is what the transport found: admin
   * operations need a SigV4 signature made with the local admin
   * credentials (printed by `npm start`), as IAM would require in AWS, so
   * neither the web app nor anyone else on this computer can call them
   * with made-up credentials.
   */
  async call(operation: string, input: unknown, { signature }: { signature: 'valid' | 'missing' | 'invalid' }): Promise<Json> {
    if (!isOperation(operation)) {
      throw new CognitoError('UnknownOperationException', `The operation ${operation} is not supported by the local Cognito emulator.`);
    }
    if (SIGNED_OPERATIONS.has(operation) && signature === 'missing') {
      throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token', { status: 403 });
    }
    if (SIGNED_OPERATIONS.has(operation) && signature !== 'valid') {
      throw new CognitoError(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Sign admin requests with the local admin credentials that npm start prints.',
        { status: 403 },
      );
    }
    this.#prune();
    return this.#dispatch(operation, input);
  }

  #dispatch(op: OperationName, input: unknown): Promise<Json> {
    switch (op) {
      case 'InitiateAuth':
        return this.initiateAuth(parseInput(op, input));
      case 'RespondToAuthChallenge':
        return this.respondToAuthChallenge(parseInput(op, input));
      case 'SignUp':
        return this.signUp(parseInput(op, input));
      case 'ConfirmSignUp':
        return this.confirmSignUp(parseInput(op, input));
      case 'ResendConfirmationCode':
        return this.resendConfirmationCode(parseInput(op, input));
      case 'ForgotPassword':
        return this.forgotPassword(parseInput(op, input));
      case 'ConfirmForgotPassword':
        return this.confirmForgotPassword(parseInput(op, input));
      case 'GetUser':
        return this.getUser(parseInput(op, input));
      case 'GlobalSignOut':
        return this.globalSignOut(parseInput(op, input));
      case 'RevokeToken':
        return this.revokeToken(parseInput(op, input));
      case 'AdminCreateUser':
        return this.adminCreateUser(parseInput(op, input));
      case 'AdminGetUser':
        return this.adminGetUser(parseInput(op, input));
      case 'ListUsers':
        return this.listUsers(parseInput(op, input));
      case 'AdminAddUserToGroup':
        return this.adminSetGroup(parseInput(op, input), true);
      case 'AdminRemoveUserFromGroup':
        return this.adminSetGroup(parseInput(op, input), false);
      case 'AdminListGroupsForUser':
        return this.adminListGroupsForUser(parseInput(op, input));
      case 'ListUsersInGroup':
        return this.listUsersInGroup(parseInput(op, input));
      case 'AdminDisableUser':
        return this.adminSetEnabled(parseInput(op, input), false);
      case 'AdminEnableUser':
        return this.adminSetEnabled(parseInput(op, input), true);
      case 'AdminUserGlobalSignOut':
        return this.adminUserGlobalSignOut(parseInput(op, input));
      case 'AssociateSoftwareToken':
        return this.associateSoftwareToken(parseInput(op, input));
      case 'VerifySoftwareToken':
        return this.verifySoftwareToken(parseInput(op, input));
      case 'SetUserMFAPreference':
        return this.setUserMfaPreference(parseInput(op, input));
      case 'AdminSetUserMFAPreference':
        return this.adminSetUserMfaPreference(parseInput(op, input));
      case 'AdminResetUserPassword':
        return this.adminResetUserPassword(parseInput(op, input));
    }
  }

  // ---------------------------------------------------------------- sign-in

  async initiateAuth(input: Input<'InitiateAuth'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    const flow = input.AuthFlow;
    if (!(pool.def.authFlows as readonly string[]).includes(flow)) {
      throw new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`);
    }
    const params = input.AuthParameters ?? {};
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
        return this.#passwordAuth(pool, input.ClientId, required(params, 'USERNAME'), required(params, 'PASSWORD'));
      case 'USER_AUTH':
        return this.#userAuth(pool, input.ClientId, required(params, 'USERNAME'), params.PREFERRED_CHALLENGE, input.Session);
      default:
        return this.#refresh(pool, input.ClientId, required(params, 'REFRESH_TOKEN'));
    }
  }

  /**
   * Staff: password, then (first time) a new password, then the emailed
   * code. Unknown users and wrong passwords get the same answer and count
   * the same towards the lockout.
   */
  async #passwordAuth(pool: LocalPool, clientId: string, username: string, password: string): Promise<Json> {
    const now = this.#now();
    const user = pool.store.findUser(username);
    const throttle = this.#throttle(pool, user?.attributes.email ?? username);
    if (throttle.lockedUntil > now) throw new CognitoError('NotAuthorizedException', MESSAGES.passwordAttemptsExceeded);
    const ok = await verifyPassword(password, user?.passwordHash);
    if (!ok || !user) {
      throttle.failedPasswords += 1;
      if (throttle.failedPasswords >= LIMITS.passwordFailures) {
        throttle.failedPasswords = 0;
        throttle.lockedUntil = now + LIMITS.lockoutMs;
      }
      throw new CognitoError('NotAuthorizedException', MESSAGES.badCredentials);
    }
    throttle.failedPasswords = 0;
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
    if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', MESSAGES.userNotConfirmed);
    // After AdminResetUserPassword the old password no longer signs in: the emailed code sets a new one.
    if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', MESSAGES.passwordResetRequired);
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      if (user.temporaryPasswordExpiresAt && new Date(user.temporaryPasswordExpiresAt).getTime() <= now) {
        throw new CognitoError('NotAuthorizedException', MESSAGES.temporaryPasswordExpired);
      }
      const session = this.#newSession(pool, clientId, { kind: 'NEW_PASSWORD_REQUIRED', sub: user.sub }, LIMITS.authSessionMs);
      const { email_verified, email, name } = user.attributes;
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.sub,
          requiredAttributes: '[]',
          userAttributes: JSON.stringify({ email_verified, email, ...(name ? { name } : {}) }),
        },
      };
    }
    return this.#secondFactor(pool, clientId, username, user);
  }

  /**
   * After the password, MFA (required for staff): the authenticator app if
   * the user has one (unless they prefer the emailed code and have it), the
   * emailed code if they have that, or else MFA_SETUP: set up an app now.
   */
  async #secondFactor(pool: LocalPool, clientId: string, username: string, user: StoredUser): Promise<Json> {
    if (!pool.def.mfaRequired) return this.#tokens(pool, clientId, user);
    const mfa = user.mfa ?? {};
    if (mfa.totp?.enabled && !(mfa.preferred === 'EMAIL_OTP' && mfa.email)) {
      const session = this.#newSession(pool, clientId, { kind: 'SOFTWARE_TOKEN_MFA', sub: user.sub, failures: 0 }, LIMITS.authSessionMs);
      return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} };
    }
    if (mfa.email) return this.#startEmailOtp(pool, clientId, username, user);
    const session = this.#newSession(pool, clientId, { kind: 'MFA_SETUP', sub: user.sub, verified: false, failures: 0 }, LIMITS.authSessionMs);
    return { ChallengeName: 'MFA_SETUP', Session: session, ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } };
  }

  /** Referrers: an emailed code as the only factor, or straight in with ConfirmSignUp's Session. */
  async #userAuth(pool: LocalPool, clientId: string, username: string, preferred: string | undefined, sessionValue: string | undefined): Promise<Json> {
    if (sessionValue !== undefined) {
      const session = this.#takeSession(sessionValue, pool, clientId);
      const user = pool.store.findUser(username);
      if (session.challenge.kind !== 'SIGNED_UP' || !user || user.sub !== session.challenge.sub) {
        throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
      }
      this.#sessions.delete(sha256(sessionValue));
      if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
      return this.#tokens(pool, clientId, user);
    }
    const user = pool.store.findUser(username);
    // Cognito says these two even with user-existence errors prevented.
    if (user?.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', MESSAGES.userNotConfirmed);
    if (user && !user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
    if (preferred !== 'EMAIL_OTP') {
      // No (or an unavailable) preference: Cognito lists what the user may choose.
      const session = this.#newSession(pool, clientId, { kind: 'SELECT_CHALLENGE', username }, LIMITS.authSessionMs);
      return { ChallengeName: 'SELECT_CHALLENGE', Session: session, AvailableChallenges: ['EMAIL_OTP'], ChallengeParameters: {} };
    }
    return this.#startEmailOtp(pool, clientId, username, user);
  }

  /**
   * Emails a sign-in code and opens the EMAIL_OTP challenge. For an
   * unknown user nothing is sent but the answer looks the same.
   */
  async #startEmailOtp(pool: LocalPool, clientId: string, username: string, user: StoredUser | undefined): Promise<Json> {
    const email = user?.attributes.email ?? username;
    this.#takeCodeQuota(pool, email);
    const code = newCode();
    if (user) await this.#opts.mailer.send({ kind: 'sign-in-code', to: email, code, minutes: LIMITS.codeMs / 60_000 });
    const session = this.#newSession(
      pool,
      clientId,
      { kind: 'EMAIL_OTP', username, sub: user?.sub, codeHash: user ? sha256(code) : undefined, codeExpiresAt: this.#now() + LIMITS.codeMs, failures: 0 },
      LIMITS.authSessionMs,
    );
    return {
      ChallengeName: 'EMAIL_OTP',
      Session: session,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: maskEmail(email) },
    };
  }

  async respondToAuthChallenge(input: Input<'RespondToAuthChallenge'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    const session = this.#takeSession(input.Session, pool, input.ClientId);
    const sessionKey = sha256(input.Session);
    const responses = input.ChallengeResponses ?? {};
    const username = required(responses, 'USERNAME');
    const challenge = session.challenge;
    if (challenge.kind !== input.ChallengeName) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);

    switch (challenge.kind) {
      case 'NEW_PASSWORD_REQUIRED': {
        const user = pool.store.findUser(username);
        if (!user || user.sub !== challenge.sub) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        const newPassword = required(responses, 'NEW_PASSWORD');
        const violation = passwordPolicyViolation(newPassword);
        // The session survives a refused password, so the person can try another.
        if (violation) throw new CognitoError('InvalidPasswordException', `Password does not conform to policy: ${violation}`);
        this.#sessions.delete(sessionKey);
        if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
        user.passwordHash = await hashPassword(newPassword);
        user.status = 'CONFIRMED';
        delete user.temporaryPasswordExpiresAt;
        await this.#touch(pool, user);
        return this.#secondFactor(pool, input.ClientId, username, user);
      }
      case 'MFA_SETUP': {
        const user = pool.store.findUser(username);
        // Only a Session that VerifySoftwareToken has proved finishes the sign-in.
        if (!user || user.sub !== challenge.sub || !challenge.verified) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        this.#sessions.delete(sessionKey);
        if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
        return this.#tokens(pool, input.ClientId, user);
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const user = pool.store.findUser(username);
        if (!user || user.sub !== challenge.sub) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        const code = required(responses, 'SOFTWARE_TOKEN_MFA_CODE');
        const totp = user.mfa?.totp;
        const step = totp?.enabled ? verifyTotp(totp.secret, code.trim(), this.#now()) : undefined;
        // A code works once: a step already used (or an older one) is refused.
        if (!totp || step === undefined || (totp.lastStep !== undefined && step <= totp.lastStep)) {
          challenge.failures += 1;
          if (challenge.failures >= LIMITS.totpAttempts) {
            this.#sessions.delete(sessionKey);
            throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
          }
          throw new CognitoError('CodeMismatchException', MESSAGES.codeMismatch);
        }
        this.#sessions.delete(sessionKey);
        if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
        totp.lastStep = step;
        await this.#touch(pool, user);
        return this.#tokens(pool, input.ClientId, user);
      }
      case 'SELECT_CHALLENGE': {
        if (!sameUsername(pool, username, challenge.username)) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        if (responses.ANSWER !== 'EMAIL_OTP') throw new CognitoError('InvalidParameterException', 'The challenge chosen in ANSWER is not available for this user.');
        this.#sessions.delete(sessionKey);
        return this.#startEmailOtp(pool, input.ClientId, challenge.username, pool.store.findUser(challenge.username));
      }
      case 'EMAIL_OTP': {
        if (!sameUsername(pool, username, challenge.username)) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        const code = required(responses, 'EMAIL_OTP_CODE');
        if (this.#now() >= challenge.codeExpiresAt) {
          this.#sessions.delete(sessionKey);
          throw new CognitoError('ExpiredCodeException', MESSAGES.codeExpired);
        }
        if (!challenge.codeHash || !sameHash(sha256(code.trim()), challenge.codeHash)) {
          challenge.failures += 1;
          if (challenge.failures >= LIMITS.codeAttempts) {
            this.#sessions.delete(sessionKey);
            throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
          }
          throw new CognitoError('CodeMismatchException', MESSAGES.codeMismatch);
        }
        // A code works once.
        this.#sessions.delete(sessionKey);
        const user = challenge.sub ? pool.store.findUser(challenge.sub) : undefined;
        if (!user) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
        if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
        // Receiving the code proves the address.
        if (user.attributes.email_verified !== 'true') {
          user.attributes.email_verified = 'true';
          await this.#touch(pool, user);
        }
        return this.#tokens(pool, input.ClientId, user);
      }
      default:
        throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
    }
  }

  async #refresh(pool: LocalPool, clientId: string, refreshToken: string): Promise<Json> {
    const hash = sha256(refreshToken);
    const record = pool.store.state.refreshTokens.find((t) => sameHash(t.hash, hash));
    if (!record || record.clientId !== clientId) throw new CognitoError('NotAuthorizedException', MESSAGES.refreshInvalid);
    const user = pool.store.findUser(record.sub);
    if (!user) throw new CognitoError('NotAuthorizedException', MESSAGES.refreshInvalid);
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
    if (record.revoked) throw new CognitoError('NotAuthorizedException', MESSAGES.refreshRevoked);
    if (new Date(record.expiresAt).getTime() <= this.#now()) throw new CognitoError('NotAuthorizedException', MESSAGES.refreshExpired);
    // Same sign-in: origin_jti, event_id and auth_time carry over; no new refresh token (no rotation).
    const signIn: SignInContext = { originJti: record.originJti, eventId: record.eventId, authTime: record.authTime };
    const tokens = await signTokens({ issuer: pool.issuer, clientId, key: pool.key }, user, signIn, new Date(this.#now()));
    return {
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: tokens.accessToken, ExpiresIn: tokens.expiresIn, IdToken: tokens.idToken, TokenType: 'Bearer' },
    };
  }

  /** Issues tokens for a new sign-in and records its refresh token (hashed). */
  async #tokens(pool: LocalPool, clientId: string, user: StoredUser): Promise<Json> {
    const now = new Date(this.#now());
    const signIn = newSignIn(now);
    const tokens = await signTokens({ issuer: pool.issuer, clientId, key: pool.key }, user, signIn, now);
    const refreshToken = newOpaqueToken(96);
    pool.store.state.refreshTokens.push({
      hash: sha256(refreshToken),
      sub: user.sub,
      clientId,
      ...signIn,
      expiresAt: new Date(now.getTime() + LIMITS.refreshTokenSeconds * 1000).toISOString(),
      revoked: false,
    });
    await pool.store.save(now);
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: tokens.accessToken,
        ExpiresIn: tokens.expiresIn,
        IdToken: tokens.idToken,
        RefreshToken: refreshToken,
        TokenType: 'Bearer',
      },
    };
  }

  // ---------------------------------------------------------------- sign-up

  async signUp(input: Input<'SignUp'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    if (!pool.def.selfSignUp) throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool');
    if (input.Password !== undefined) {
      throw new CognitoError('InvalidParameterException', 'This user pool signs in with an emailed code only: SignUp takes no Password.');
    }
    const attributes = userAttributes(input.Username, input.UserAttributes ?? []);
    if (pool.store.findUser(attributes.email)) throw new CognitoError('UsernameExistsException', MESSAGES.usernameExists);
    // Check the quota before the trigger runs, so a refused request has no side effects; take it once the user exists.
    this.#checkCodeQuota(pool, attributes.email);

    const sub = randomUUID();
    const trigger = await this.#preSignUp(pool, 'PreSignUp_SignUp', sub, attributes, input.ClientId, input.ValidationData, input.ClientMetadata);
    // Two sign-ups for one address can race past the first check while the trigger runs.
    if (pool.store.findUser(attributes.email)) throw new CognitoError('UsernameExistsException', MESSAGES.usernameExists);

    const nowIso = new Date(this.#now()).toISOString();
    const user: StoredUser = {
      sub,
      attributes: { ...attributes, email_verified: trigger.autoVerifyEmail ? 'true' : 'false' },
      status: trigger.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED',
      enabled: true,
      groups: [],
      createdAt: nowIso,
      modifiedAt: nowIso,
    };
    pool.store.state.users.push(user);
    await pool.store.save(new Date(this.#now()));

    if (trigger.autoConfirmUser) {
      const session = this.#newSession(pool, input.ClientId, { kind: 'SIGNED_UP', sub }, LIMITS.signUpSignInSessionMs);
      return { UserConfirmed: true, UserSub: sub, Session: session };
    }
    await this.#sendConfirmationCode(pool, user);
    const session = this.#newSession(pool, input.ClientId, { kind: 'SIGN_UP', sub }, LIMITS.authSessionMs);
    return { UserConfirmed: false, UserSub: sub, Session: session, CodeDeliveryDetails: deliveryDetails(attributes.email) };
  }

  async confirmSignUp(input: Input<'ConfirmSignUp'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    const user = pool.store.findUser(input.Username);
    // With user-existence errors prevented, Cognito answers an unknown user as a wrong code.
    if (!user) throw new CognitoError('CodeMismatchException', MESSAGES.verificationCodeMismatch);
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    const key = confirmationKey(pool, user);
    const pending = this.#confirmations.get(key);
    if (!pending || this.#now() >= pending.expiresAt) {
      this.#confirmations.delete(key);
      throw new CognitoError('ExpiredCodeException', MESSAGES.codeExpired);
    }
    if (!sameHash(sha256(input.ConfirmationCode.trim()), pending.codeHash)) {
      pending.failures += 1;
      if (pending.failures >= LIMITS.codeAttempts) {
        this.#confirmations.delete(key);
        throw new CognitoError('TooManyFailedAttemptsException', MESSAGES.tooManyFailedCodes);
      }
      throw new CognitoError('CodeMismatchException', MESSAGES.verificationCodeMismatch);
    }
    this.#confirmations.delete(key);
    user.status = 'CONFIRMED';
    user.attributes.email_verified = 'true';
    await this.#touch(pool, user);

    // Sign-in after sign-up: only with SignUp's own, unexpired Session. Without
    // one the account is still confirmed and the person signs in with a code.
    if (input.Session === undefined) return {};
    const session = this.#sessions.get(sha256(input.Session));
    const valid =
      session?.challenge.kind === 'SIGN_UP' &&
      session.challenge.sub === user.sub &&
      session.poolId === pool.def.userPoolId &&
      session.clientId === input.ClientId &&
      session.expiresAt > this.#now();
    this.#sessions.delete(sha256(input.Session));
    if (!valid) return {};
    return { Session: this.#newSession(pool, input.ClientId, { kind: 'SIGNED_UP', sub: user.sub }, LIMITS.signUpSignInSessionMs) };
  }

  async resendConfirmationCode(input: Input<'ResendConfirmationCode'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    const user = pool.store.findUser(input.Username);
    if (!user) {
      // Same answer, and the same quota, as for a real account.
      this.#takeCodeQuota(pool, input.Username);
      return { CodeDeliveryDetails: deliveryDetails(input.Username) };
    }
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
    this.#checkCodeQuota(pool, user.attributes.email ?? input.Username);
    await this.#sendConfirmationCode(pool, user);
    return { CodeDeliveryDetails: deliveryDetails(user.attributes.email ?? input.Username) };
  }

  async #sendConfirmationCode(pool: LocalPool, user: StoredUser): Promise<void> {
    const email = user.attributes.email as string;
    this.#takeCodeQuota(pool, email);
    const code = newCode();
    this.#confirmations.set(confirmationKey(pool, user), { codeHash: sha256(code), expiresAt: this.#now() + LIMITS.codeMs, failures: 0 });
    await this.#opts.mailer.send({ kind: 'verification-code', to: email, code, minutes: LIMITS.codeMs / 60_000 });
  }

  // ---------------------------------------------------------------- password reset

  /**
   * Emails a password reset code. As Cognito does with user-existence errors
   * prevented, an unknown or disabled user gets the same answer and uses
   * the same quota, but no email is sent. A new code replaces the last one.
   * An invited user who has not signed in yet (FORCE_CHANGE_PASSWORD) is
   * refused as Cognito refuses them: their invitation is the way in.
   */
  async forgotPassword(input: Input<'ForgotPassword'>): Promise<Json> {
    const pool = this.#passwordPool(input.ClientId);
    const user = pool.store.findUser(input.Username);
    if (user?.enabled && user.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('NotAuthorizedException', MESSAGES.passwordCannotBeReset);
    const known = user?.enabled && (user.status === 'CONFIRMED' || user.status === 'RESET_REQUIRED') ? user : undefined;
    // Account recovery EMAIL_ONLY: email MFA disqualifies email for recovery (else one inbox would be both
    // factors), so Cognito refuses a user whose MFA is the emailed code, as if they had no verified email.
    if (known && (known.attributes.email_verified !== 'true' || known.mfa?.email)) throw new CognitoError('InvalidParameterException', MESSAGES.noVerifiedEmail);
    const email = (user?.attributes.email ?? input.Username).trim();
    this.#takeCodeQuota(pool, email);
    const code = newCode();
    this.#passwordResets.set(resetKey(pool, email), { codeHash: known ? sha256(code) : undefined, expiresAt: this.#now() + LIMITS.codeMs, failures: 0 });
    if (known) await this.#opts.mailer.send({ kind: 'password-reset-code', to: email, code, minutes: LIMITS.codeMs / 60_000 });
    return { CodeDeliveryDetails: deliveryDetails(email) };
  }

  /**
   * Sets a new password with a ForgotPassword code: 1. the password policy
   * (a refused password leaves the code usable) 2. the code: single use,
   * 5 minutes, 3 wrong tries 3. the new password, status CONFIRMED, and
   * password lockout cleared. Sign-in afterwards still takes the emailed
   * code (MFA). Existing sign-ins are left alone, as Cognito leaves them:
   * ConfirmForgotPassword revokes no refresh tokens (AdminUserGlobalSignOut does).
   */
  async confirmForgotPassword(input: Input<'ConfirmForgotPassword'>): Promise<Json> {
    const pool = this.#passwordPool(input.ClientId);
    const violation = passwordPolicyViolation(input.Password);
    if (violation) throw new CognitoError('InvalidPasswordException', `Password does not conform to policy: ${violation}`);
    const user = pool.store.findUser(input.Username);
    const email = (user?.attributes.email ?? input.Username).trim();
    const key = resetKey(pool, email);
    const pending = this.#passwordResets.get(key);
    if (!pending) throw new CognitoError('CodeMismatchException', MESSAGES.verificationCodeMismatch);
    if (this.#now() >= pending.expiresAt) {
      this.#passwordResets.delete(key);
      throw new CognitoError('ExpiredCodeException', MESSAGES.codeExpired);
    }
    const usable = user?.enabled && (user.status === 'CONFIRMED' || user.status === 'RESET_REQUIRED') ? user : undefined;
    if (!usable || !pending.codeHash || !sameHash(sha256(input.ConfirmationCode.trim()), pending.codeHash)) {
      pending.failures += 1;
      if (pending.failures >= LIMITS.codeAttempts) {
        this.#passwordResets.delete(key);
        throw new CognitoError('TooManyFailedAttemptsException', MESSAGES.tooManyFailedCodes);
      }
      throw new CognitoError('CodeMismatchException', MESSAGES.verificationCodeMismatch);
    }
    // A code works once.
    this.#passwordResets.delete(key);
    usable.passwordHash = await hashPassword(input.Password);
    usable.status = 'CONFIRMED';
    delete usable.temporaryPasswordExpiresAt;
    // Proving the address and choosing a new password ends a lockout from wrong passwords.
    const throttle = this.#throttle(pool, email);
    throttle.failedPasswords = 0;
    throttle.lockedUntil = 0;
    await this.#touch(pool, usable);
    return {};
  }

  /** The pool of a client that signs in with passwords; the referrers' pool has none to reset. */
  #passwordPool(clientId: string): LocalPool {
    const pool = this.#client(clientId);
    if (!pool.def.authFlows.includes('USER_PASSWORD_AUTH')) {
      throw new CognitoError('InvalidParameterException', 'This user pool signs in with an emailed code only: it has no passwords to reset.');
    }
    return pool;
  }

  // ---------------------------------------------------------------- access-token operations

  async getUser(input: Input<'GetUser'>): Promise<Json> {
    const { pool, user } = await this.#byAccessToken(input.AccessToken);
    return {
      Username: user.sub,
      UserAttributes: attributeList(user),
      ...mfaSettingsOf(pool, user),
    };
  }

  async globalSignOut(input: Input<'GlobalSignOut'>): Promise<Json> {
    const { pool, user } = await this.#byAccessToken(input.AccessToken);
    await this.#revokeAll(pool, user);
    return {};
  }

  async revokeToken(input: Input<'RevokeToken'>): Promise<Json> {
    const pool = this.#client(input.ClientId);
    const hash = sha256(input.Token);
    const record = pool.store.state.refreshTokens.find((t) => sameHash(t.hash, hash));
    // RFC 7009: an unknown token is not an error.
    if (!record) return {};
    if (record.clientId !== input.ClientId) throw new CognitoError('NotAuthorizedException', 'The token was not issued to this client.');
    record.revoked = true;
    await pool.store.save(new Date(this.#now()));
    return {};
  }

  /** Resolves and checks an access token: signature, expiry, and not signed out. */
  async #byAccessToken(token: string): Promise<{ pool: LocalPool; user: StoredUser }> {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new CognitoError('NotAuthorizedException', MESSAGES.accessInvalid);
    }
    const pool = this.#opts.pools.find((p) => p.issuer === iss);
    if (!pool) throw new CognitoError('NotAuthorizedException', MESSAGES.accessInvalid);
    const claims = await verifyAccessToken({ issuer: pool.issuer, key: pool.key }, token, new Date(this.#now()));
    if (claims === 'expired') throw new CognitoError('NotAuthorizedException', MESSAGES.accessExpired);
    if (claims === 'invalid') throw new CognitoError('NotAuthorizedException', MESSAGES.accessInvalid);
    const signIn = pool.store.state.refreshTokens.find((t) => t.originJti === claims.originJti);
    if (!signIn || signIn.revoked) throw new CognitoError('NotAuthorizedException', MESSAGES.accessRevoked);
    const user = pool.store.findUser(claims.sub);
    if (!user) throw new CognitoError('NotAuthorizedException', MESSAGES.accessInvalid);
    if (!user.enabled) throw new CognitoError('NotAuthorizedException', MESSAGES.userDisabled);
    return { pool, user };
  }

  /** Revokes every refresh token of the user, and with them (by origin_jti) their access tokens. */
  async #revokeAll(pool: LocalPool, user: StoredUser): Promise<void> {
    for (const t of pool.store.state.refreshTokens) if (t.sub === user.sub) t.revoked = true;
    await pool.store.save(new Date(this.#now()));
  }

  // ---------------------------------------------------------------- admin

  async adminCreateUser(input: Input<'AdminCreateUser'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const existing = pool.store.findUser(input.Username);
    const sendEmail = input.MessageAction !== 'SUPPRESS';
    if (sendEmail && !(input.DesiredDeliveryMediums ?? ['EMAIL']).includes('EMAIL')) {
      throw new CognitoError('InvalidParameterException', 'DesiredDeliveryMediums must include EMAIL: the local pools send no SMS.');
    }
    if (input.TemporaryPassword !== undefined) {
      const violation = passwordPolicyViolation(input.TemporaryPassword);
      if (violation) throw new CognitoError('InvalidPasswordException', `Password does not conform to policy: ${violation}`);
    }
    const temporaryPassword = input.TemporaryPassword ?? newTemporaryPassword();
    const now = this.#now();

    let user: StoredUser;
    if (input.MessageAction === 'RESEND') {
      if (!existing) throw new CognitoError('UserNotFoundException', MESSAGES.userNotFound);
      if (existing.status !== 'FORCE_CHANGE_PASSWORD') {
        throw new CognitoError('UnsupportedUserStateException', `Resend not possible. ${existing.sub} status is not FORCE_CHANGE_PASSWORD.`);
      }
      user = existing;
    } else {
      if (existing) throw new CognitoError('UsernameExistsException', MESSAGES.adminUsernameExists);
      const attributes = userAttributes(input.Username, input.UserAttributes ?? [], { allowEmailVerified: true });
      const sub = randomUUID();
      const trigger = await this.#preSignUp(pool, 'PreSignUp_AdminCreateUser', sub, attributes, undefined, undefined, input.ClientMetadata);
      if (pool.store.findUser(attributes.email)) throw new CognitoError('UsernameExistsException', MESSAGES.adminUsernameExists);
      const nowIso = new Date(now).toISOString();
      user = {
        sub,
        attributes: { email_verified: trigger.autoVerifyEmail ? 'true' : 'false', ...attributes },
        status: 'FORCE_CHANGE_PASSWORD',
        enabled: true,
        groups: [],
        createdAt: nowIso,
        modifiedAt: nowIso,
      };
      pool.store.state.users.push(user);
    }
    user.passwordHash = await hashPassword(temporaryPassword);
    user.temporaryPasswordExpiresAt = new Date(now + LIMITS.temporaryPasswordMs).toISOString();
    await this.#touch(pool, user);
    if (sendEmail) {
      await this.#opts.mailer.send({
        kind: 'invitation',
        to: user.attributes.email as string,
        temporaryPassword,
        days: LIMITS.temporaryPasswordMs / 86_400_000,
      });
    }
    return { User: userType(user) };
  }

  async adminGetUser(input: Input<'AdminGetUser'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const user = this.#user(pool, input.Username);
    const type = userType(user);
    return {
      Username: type.Username,
      UserAttributes: type.Attributes,
      UserCreateDate: type.UserCreateDate,
      UserLastModifiedDate: type.UserLastModifiedDate,
      Enabled: type.Enabled,
      UserStatus: type.UserStatus,
      ...mfaSettingsOf(pool, user),
    };
  }

  async listUsers(input: Input<'ListUsers'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const matches = input.Filter ? parseFilter(input.Filter) : () => true;
    const users = sortedUsers(pool).filter(matches);
    const { page, next } = paginate(users, input.Limit, input.PaginationToken);
    return {
      Users: page.map((u) => {
        const type = userType(u);
        if (input.AttributesToGet?.length) type.Attributes = type.Attributes.filter((a) => input.AttributesToGet?.includes(a.Name));
        return type;
      }),
      ...(next ? { PaginationToken: next } : {}),
    };
  }

  async adminSetGroup(input: Input<'AdminAddUserToGroup'>, member: boolean): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    this.#group(pool, input.GroupName);
    const user = this.#user(pool, input.Username);
    const has = user.groups.includes(input.GroupName);
    if (member && !has) user.groups.push(input.GroupName);
    if (!member && has) user.groups = user.groups.filter((g) => g !== input.GroupName);
    if (member !== has) await this.#touch(pool, user);
    return {};
  }

  async adminListGroupsForUser(input: Input<'AdminListGroupsForUser'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const user = this.#user(pool, input.Username);
    const groups = pool.store.state.groups.filter((g) => user.groups.includes(g.name));
    const { page, next } = paginate(groups, input.Limit, input.NextToken);
    return {
      Groups: page.map((g) => ({
        GroupName: g.name,
        UserPoolId: pool.def.userPoolId,
        Description: g.description,
        CreationDate: epochSeconds(g.createdAt),
        LastModifiedDate: epochSeconds(g.createdAt),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  async listUsersInGroup(input: Input<'ListUsersInGroup'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    this.#group(pool, input.GroupName);
    const users = sortedUsers(pool).filter((u) => u.groups.includes(input.GroupName));
    const { page, next } = paginate(users, input.Limit, input.NextToken);
    return { Users: page.map(userType), ...(next ? { NextToken: next } : {}) };
  }

  async adminSetEnabled(input: Input<'AdminDisableUser'>, enabled: boolean): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const user = this.#user(pool, input.Username);
    user.enabled = enabled;
    await this.#touch(pool, user);
    // Disabling ends every session at once, not when the tokens run out.
    if (!enabled) await this.#revokeAll(pool, user);
    return {};
  }

  async adminUserGlobalSignOut(input: Input<'AdminUserGlobalSignOut'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    await this.#revokeAll(pool, this.#user(pool, input.Username));
    return {};
  }

  // ---------------------------------------------------------------- authenticator app (TOTP) and admin reset

  /**
   * Starts setting up an authenticator app: a new secret, to show as a QR
   * code and as text. With an AccessToken (a signed-in user adding or
   * replacing their app) the secret waits for VerifySoftwareToken; with an
   * MFA_SETUP Session it rides on a new Session.
   */
  async associateSoftwareToken(input: Input<'AssociateSoftwareToken'>): Promise<Json> {
    const secret = newTotpSecret();
    if (input.AccessToken) {
      const { pool, user } = await this.#byAccessToken(input.AccessToken);
      user.pendingTotpSecret = secret;
      await this.#touch(pool, user);
      return { SecretCode: secret };
    }
    const { pool, session, key } = this.#mfaSetupSession(input.Session);
    this.#sessions.delete(key);
    const next = this.#newSession(pool, session.clientId, { kind: 'MFA_SETUP', sub: (session.challenge as { sub: string }).sub, secret, verified: false, failures: 0 }, LIMITS.authSessionMs);
    return { SecretCode: secret, Session: next };
  }

  /** Proves the app has the secret with a current code; the code's step cannot sign in again. */
  async verifySoftwareToken(input: Input<'VerifySoftwareToken'>): Promise<Json> {
    if (input.AccessToken) {
      const { pool, user } = await this.#byAccessToken(input.AccessToken);
      if (!user.pendingTotpSecret) throw new CognitoError('SoftwareTokenMFANotFoundException', MESSAGES.totpNotAssociated);
      const step = verifyTotp(user.pendingTotpSecret, input.UserCode, this.#now());
      if (step === undefined) throw new CognitoError('EnableSoftwareTokenMFAException', MESSAGES.totpMismatch);
      // A new app replaces the old one at once; whether it is used for MFA is SetUserMFAPreference's to say.
      user.mfa = { ...user.mfa, totp: { secret: user.pendingTotpSecret, enabled: user.mfa?.totp?.enabled ?? false, lastStep: step } };
      delete user.pendingTotpSecret;
      await this.#touch(pool, user);
      return { Status: 'SUCCESS' };
    }
    const { pool, session, key } = this.#mfaSetupSession(input.Session);
    const challenge = session.challenge as Extract<Challenge, { kind: 'MFA_SETUP' }>;
    if (!challenge.secret) throw new CognitoError('SoftwareTokenMFANotFoundException', MESSAGES.totpNotAssociated);
    const step = verifyTotp(challenge.secret, input.UserCode, this.#now());
    if (step === undefined) {
      challenge.failures += 1;
      if (challenge.failures >= LIMITS.totpAttempts) this.#sessions.delete(key);
      throw new CognitoError('EnableSoftwareTokenMFAException', MESSAGES.totpMismatch);
    }
    const user = pool.store.findUser(challenge.sub);
    if (!user) throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
    user.mfa = { ...user.mfa, totp: { secret: challenge.secret, enabled: true, lastStep: step }, preferred: 'SOFTWARE_TOKEN_MFA' };
    delete user.pendingTotpSecret;
    await this.#touch(pool, user);
    this.#sessions.delete(key);
    const next = this.#newSession(pool, session.clientId, { kind: 'MFA_SETUP', sub: user.sub, secret: challenge.secret, verified: true, failures: 0 }, LIMITS.authSessionMs);
    return { Status: 'SUCCESS', Session: next };
  }

  /** The signed-in user's own MFA choices. In a pool that requires MFA, one factor must stay on. */
  async setUserMfaPreference(input: Input<'SetUserMFAPreference'>): Promise<Json> {
    const { pool, user } = await this.#byAccessToken(input.AccessToken);
    const mfa = applyMfaPreference(user.mfa, input.SoftwareTokenMfaSettings, input.EmailMfaSettings);
    if (pool.def.mfaRequired && !mfa.email && !mfa.totp?.enabled) {
      throw new CognitoError('InvalidParameterException', 'MFA is required for this user pool: at least one MFA method must stay enabled.');
    }
    user.mfa = mfa;
    await this.#touch(pool, user);
    return {};
  }

  /**
   * An administrator's change to a user's MFA. Turning the app off forgets
   * it (a lost phone must not come back); with no factor left, the next
   * sign-in asks to set one up (MFA_SETUP).
   */
  async adminSetUserMfaPreference(input: Input<'AdminSetUserMFAPreference'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const user = this.#user(pool, input.Username);
    const mfa = applyMfaPreference(user.mfa, input.SoftwareTokenMfaSettings, input.EmailMfaSettings);
    if (input.SoftwareTokenMfaSettings?.Enabled === false) delete mfa.totp;
    user.mfa = mfa;
    delete user.pendingTotpSecret;
    await this.#touch(pool, user);
    return {};
  }

  /**
   * AdminResetUserPassword: the user's status becomes RESET_REQUIRED (their
   * password no longer signs in) and a code is emailed, as ForgotPassword
   * would, so the same account-recovery rules apply: refused while the
   * user's MFA is the emailed code, and for an invited user who has not
   * signed in yet (their invitation is resent instead).
   */
  async adminResetUserPassword(input: Input<'AdminResetUserPassword'>): Promise<Json> {
    const pool = this.#poolId(input.UserPoolId);
    const user = this.#user(pool, input.Username);
    if (user.status !== 'CONFIRMED' && user.status !== 'RESET_REQUIRED') throw new CognitoError('NotAuthorizedException', MESSAGES.passwordCannotBeReset);
    if (user.attributes.email_verified !== 'true' || user.mfa?.email) throw new CognitoError('InvalidParameterException', MESSAGES.noVerifiedEmail);
    const email = user.attributes.email as string;
    this.#takeCodeQuota(pool, email);
    const code = newCode();
    this.#passwordResets.set(resetKey(pool, email), { codeHash: sha256(code), expiresAt: this.#now() + LIMITS.codeMs, failures: 0 });
    user.status = 'RESET_REQUIRED';
    await this.#touch(pool, user);
    await this.#opts.mailer.send({ kind: 'sign-in-reset-code', to: email, code, minutes: LIMITS.codeMs / 60_000 });
    return {};
  }

  /** The live MFA_SETUP challenge for a Session, from whichever pool issued it. */
  #mfaSetupSession(value: string | undefined): { pool: LocalPool; session: AuthSession; key: string } {
    if (!value) throw new CognitoError('InvalidParameterException', 'Either AccessToken or Session is required.');
    const key = sha256(value);
    const session = this.#sessions.get(key);
    const pool = session ? this.#byPoolId.get(session.poolId) : undefined;
    if (!session || !pool || session.challenge.kind !== 'MFA_SETUP') throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(key);
      throw new CognitoError('NotAuthorizedException', MESSAGES.sessionExpired);
    }
    return { pool, session, key };
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Makes sure a staff account exists, confirmed, with a permanent password
   * and in `group`. Leaves an existing account's password and status
   * alone (someone may have changed them locally); adds a missing group.
   */
  async ensureStaffUser(account: { email: string; name: string; group: string }, password: string): Promise<void> {
    const pool = this.pool('staff');
    this.#group(pool, account.group);
    let user = pool.store.findUser(account.email);
    if (!user) {
      const nowIso = new Date(this.#now()).toISOString();
      user = {
        sub: randomUUID(),
        attributes: { email: account.email, email_verified: 'true', name: account.name },
        status: 'CONFIRMED',
        enabled: true,
        passwordHash: await hashPassword(password),
        groups: [],
        createdAt: nowIso,
        modifiedAt: nowIso,
      };
      pool.store.state.users.push(user);
    }
    if (!user.groups.includes(account.group)) user.groups.push(account.group);
    // Seeded accounts get their second factor by email (the Mailbox), so `npm start` works without a phone.
    // Someone who set up an app locally, or was reset by the business manager, keeps what they have.
    if (!user.mfa && user.status === 'CONFIRMED') user.mfa = { email: true, preferred: 'EMAIL_OTP' };
    await this.#touch(pool, user);
  }

  // ---------------------------------------------------------------- helpers

  async #preSignUp(
    pool: LocalPool,
    triggerSource: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser',
    sub: string,
    attributes: Record<string, string>,
    clientId: string | undefined,
    validationData: AttributeType[] | undefined,
    clientMetadata: Record<string, string> | undefined,
  ): Promise<{ autoConfirmUser: boolean; autoVerifyEmail: boolean }> {
    const spec = this.#opts.invoker.lambdas.find((l) => l.cognitoTrigger?.pool === pool.def.kind && l.cognitoTrigger.trigger === 'preSignUp');
    if (!spec) return { autoConfirmUser: false, autoVerifyEmail: false };
    // The standard PreSignUp trigger event (Cognito's Lambda trigger reference).
    const event = {
      version: '1',
      region: this.#opts.region,
      userPoolId: pool.def.userPoolId,
      userName: sub,
      callerContext: { awsSdkVersion: 'aws-sdk-js-local', clientId: clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
      triggerSource,
      request: {
        userAttributes: { ...attributes },
        validationData: validationData ? Object.fromEntries(validationData.map((a) => [a.Name, a.Value ?? ''])) : null,
        ...(clientMetadata ? { clientMetadata } : {}),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    };
    let result: unknown;
    try {
      result = await this.#opts.invoker.invoke(spec.id, event);
    } catch (error) {
      if (error instanceof HandlerNotFoundError || error instanceof LambdaTimeoutError) {
        this.#opts.log.error(`Cognito PreSignUp trigger ${spec.id} could not run: ${describeError(error)}`);
        throw new CognitoError('UnexpectedLambdaException', `PreSignUp invocation failed due to error ${error instanceof LambdaTimeoutError ? 'TimeoutError' : 'AccessDeniedException'}.`);
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new CognitoError('UserLambdaValidationException', `PreSignUp failed with error ${message}.`);
    }
    const response = (result as { response?: { autoConfirmUser?: unknown; autoVerifyEmail?: unknown } } | null)?.response;
    return { autoConfirmUser: response?.autoConfirmUser === true, autoVerifyEmail: response?.autoVerifyEmail === true };
  }

  #now(): number {
    return this.#opts.clock.now().getTime();
  }

  #client(clientId: string): LocalPool {
    const pool = this.#byClientId.get(clientId);
    if (!pool) throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return pool;
  }

  #poolId(userPoolId: string): LocalPool {
    const pool = this.#byPoolId.get(userPoolId);
    if (!pool) throw new CognitoError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
    return pool;
  }

  #user(pool: LocalPool, username: string): StoredUser {
    const user = pool.store.findUser(username);
    if (!user) throw new CognitoError('UserNotFoundException', MESSAGES.userNotFound);
    return user;
  }

  #group(pool: LocalPool, name: string): void {
    if (!pool.store.state.groups.some((g) => g.name === name)) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
  }

  async #touch(pool: LocalPool, user: StoredUser): Promise<void> {
    user.modifiedAt = new Date(this.#now()).toISOString();
    await pool.store.save(new Date(this.#now()));
  }

  #newSession(pool: LocalPool, clientId: string, challenge: Challenge, lifetimeMs: number): string {
    const value = newOpaqueToken();
    this.#sessions.set(sha256(value), { poolId: pool.def.userPoolId, clientId, expiresAt: this.#now() + lifetimeMs, challenge });
    return value;
  }

  /** The live session for `value`, or Cognito's NotAuthorizedException. */
  #takeSession(value: string, pool: LocalPool, clientId: string): AuthSession {
    const session = this.#sessions.get(sha256(value));
    if (!session || session.poolId !== pool.def.userPoolId || session.clientId !== clientId) {
      throw new CognitoError('NotAuthorizedException', MESSAGES.invalidSession);
    }
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(sha256(value));
      throw new CognitoError('NotAuthorizedException', MESSAGES.sessionExpired);
    }
    return session;
  }

  #throttle(pool: LocalPool, email: string): Throttle {
    const key = `${pool.def.userPoolId}|${email.trim().toLowerCase()}`;
    let t = this.#throttles.get(key);
    if (!t) {
      t = { failedPasswords: 0, lockedUntil: 0, codeSends: [] };
      this.#throttles.set(key, t);
    }
    return t;
  }

  /** Throws LimitExceededException if another code to `email` would exceed the quota. */
  #checkCodeQuota(pool: LocalPool, email: string): Throttle {
    const t = this.#throttle(pool, email);
    const since = this.#now() - LIMITS.codeWindowMs;
    t.codeSends = t.codeSends.filter((at) => at > since);
    if (t.codeSends.length >= LIMITS.codesPerWindow) throw new CognitoError('LimitExceededException', MESSAGES.limitExceeded);
    return t;
  }

  #takeCodeQuota(pool: LocalPool, email: string): void {
    this.#checkCodeQuota(pool, email).codeSends.push(this.#now());
  }

  /** Forgets sessions long expired and throttles with nothing left to count. */
  #prune(): void {
    const now = this.#now();
    // Expired sessions stay an hour so their use is answered "session is expired".
    for (const [key, s] of this.#sessions) if (s.expiresAt + 3_600_000 < now) this.#sessions.delete(key);
    for (const [key, c] of this.#confirmations) if (c.expiresAt < now) this.#confirmations.delete(key);
    // Expired reset codes stay an hour too, so their use is answered "expired" for known and unknown users alike.
    for (const [key, r] of this.#passwordResets) if (r.expiresAt + 3_600_000 < now) this.#passwordResets.delete(key);
    for (const [key, t] of this.#throttles) {
      if (t.failedPasswords === 0 && t.lockedUntil <= now && t.codeSends.every((at) => at <= now - LIMITS.codeWindowMs)) this.#throttles.delete(key);
    }
  }
}

// ---------------------------------------------------------------- pure helpers

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new CognitoError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

function sameUsername(pool: LocalPool, a: string, b: string): boolean {
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
  const ua = pool.store.findUser(a);
  return ua !== undefined && ua === pool.store.findUser(b);
}

function confirmationKey(pool: LocalPool, user: StoredUser): string {
  return `${pool.def.userPoolId}|${user.sub}`;
}

function resetKey(pool: LocalPool, email: string): string {
  return `${pool.def.userPoolId}|${email.trim().toLowerCase()}`;
}

type MfaSettings = { Enabled?: boolean | undefined; PreferredMfa?: boolean | undefined } | undefined;

/** SetUserMFAPreference's rules: enabling the app needs a verified one; a preference names an enabled factor. */
function applyMfaPreference(current: StoredMfa | undefined, software: MfaSettings, email: MfaSettings): StoredMfa {
  const mfa: StoredMfa = { ...current, ...(current?.totp ? { totp: { ...current.totp } } : {}) };
  if (software?.Enabled === true) {
    if (!mfa.totp) throw new CognitoError('InvalidParameterException', MESSAGES.totpNotVerified);
    mfa.totp.enabled = true;
  }
  if (software?.Enabled === false && mfa.totp) mfa.totp.enabled = false;
  if (email?.Enabled !== undefined) mfa.email = email.Enabled;
  if (software?.PreferredMfa && mfa.totp?.enabled) mfa.preferred = 'SOFTWARE_TOKEN_MFA';
  else if (email?.PreferredMfa && mfa.email) mfa.preferred = 'EMAIL_OTP';
  if (mfa.preferred === 'SOFTWARE_TOKEN_MFA' && !mfa.totp?.enabled) delete mfa.preferred;
  if (mfa.preferred === 'EMAIL_OTP' && !mfa.email) delete mfa.preferred;
  return mfa;
}

/** GetUser's and AdminGetUser's MFA members. */
function mfaSettingsOf(pool: LocalPool, user: StoredUser): Json {
  if (!pool.def.mfaRequired) return {};
  const list = [...(user.mfa?.email ? ['EMAIL_OTP'] : []), ...(user.mfa?.totp?.enabled ? ['SOFTWARE_TOKEN_MFA'] : [])];
  return { UserMFASettingList: list, ...(user.mfa?.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}) };
}

function deliveryDetails(email: string): Json {
  return { Destination: maskEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

/**
 * The attributes a person may set: email (which must be the username, as
 * the pools sign in by email) and name. `email_verified` only from an admin.
 */
function userAttributes(username: string, list: AttributeType[], opts: { allowEmailVerified?: boolean } = {}): Record<string, string> & { email: string } {
  const allowed = new Set(['email', 'name', ...(opts.allowEmailVerified ? ['email_verified'] : [])]);
  const attributes: Record<string, string> = {};
  for (const a of list) {
    if (!allowed.has(a.Name)) throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${a.Name}: Attribute does not exist in the schema or is not writable.`);
    attributes[a.Name] = a.Value ?? '';
  }
  const email = username.trim();
  if (!emailSchema.safeParse(email).success) throw new CognitoError('InvalidParameterException', 'Username should be an email.');
  if (attributes.email !== undefined && attributes.email.trim().toLowerCase() !== email.toLowerCase()) {
    throw new CognitoError('InvalidParameterException', 'The email attribute must be the same as the username.');
  }
  if (attributes.email_verified !== undefined && !['true', 'false'].includes(attributes.email_verified)) {
    throw new CognitoError('InvalidParameterException', 'email_verified must be true or false.');
  }
  return { ...attributes, email };
}

function epochSeconds(iso: string): number {
  return new Date(iso).getTime() / 1000;
}

function attributeList(user: StoredUser): { Name: string; Value: string }[] {
  return [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))];
}

/** Cognito's UserType (timestamps as epoch seconds, as the JSON 1.1 protocol carries them). */
function userType(user: StoredUser) {
  return {
    Username: user.sub,
    Attributes: attributeList(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function sortedUsers(pool: LocalPool): StoredUser[] {
  return [...pool.store.state.users].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.sub.localeCompare(b.sub));
}

function paginate<T>(items: T[], limit: number | undefined, token: string | undefined): { page: T[]; next: string | undefined } {
  let start = 0;
  if (token) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
  }
  const size = limit || 60;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return { page, next: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

/**
 * ListUsers' Filter: `attribute = "value"` (exact) or `attribute ^= "value"`
 * (prefix), on the attributes Cognito allows in filters.
 */
function parseFilter(filter: string): (user: StoredUser) => boolean {
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match) throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  const [, attribute = '', operator, rawValue = ''] = match;
  const value = rawValue.replace(/\\(.)/g, '$1');
  const read: Record<string, (u: StoredUser) => string | undefined> = {
    username: (u) => u.sub,
    sub: (u) => u.sub,
    email: (u) => u.attributes.email,
    name: (u) => u.attributes.name,
    'cognito:user_status': (u) => u.status,
    status: (u) => (u.enabled ? 'Enabled' : 'Disabled'),
  };
  const get = read[attribute];
  if (!get) throw new CognitoError('InvalidParameterException', `Invalid search attribute: ${attribute}`);
  // Cognito compares emails and usernames without regard to case.
  const fold = attribute === 'email' || attribute === 'username';
  const norm = (s: string) => (fold ? s.toLowerCase() : s);
  return (user) => {
    const actual = get(user);
    if (actual === undefined) return false;
    return operator === '=' ? norm(actual) === norm(value) : norm(actual).startsWith(norm(value));
  };
}
