import { roleLabels, staffRoles } from '../../../functions/domain/access/roles.js';

/**
 * The two local user pools and the rules they share with the Cognito pools
 * the CDK stack deploys. Ids look like Cognito's (`<region>_<suffix>`) so
 * code that parses them (the issuer, the region prefix) works unchanged.
 */

export type PoolKind = 'staff' | 'referrer';

/** InitiateAuth flows a pool's app client accepts. */
export type AuthFlow = 'USER_PASSWORD_AUTH' | 'USER_AUTH' | 'REFRESH_TOKEN_AUTH';

export interface PoolDefinition {
  kind: PoolKind;
  userPoolId: string;
  clientId: string;
  /** Flows the app client allows (ExplicitAuthFlows). */
  authFlows: readonly AuthFlow[];
  /** Self sign-up (SignUp) is open; otherwise only AdminCreateUser makes accounts. */
  selfSignUp: boolean;
  /**
   * Staff: MFA required after the password (MfaConfiguration ON): an
   * authenticator app (SOFTWARE_TOKEN_MFA), or the emailed code for
   * accounts that have it (the locally seeded ones). A user with neither
   * is asked to set up an app (MFA_SETUP).
   */
  mfaRequired: boolean;
  /** Issuer shown in authenticator apps next to the account. */
  totpIssuer?: string;
  /** Groups created with the pool (staff roles for the staff pool). */
  groups: readonly { name: string; description: string }[];
}

export const LOCAL_POOLS: Readonly<Record<PoolKind, PoolDefinition>> = {
  staff: {
    kind: 'staff',
    userPoolId: 'eu-west-2_localstaff',
    clientId: 'local-staff-web',
    authFlows: ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'],
    selfSignUp: false,
    mfaRequired: true,
    groups: staffRoles.map((name) => ({ name, description: roleLabels[name] })),
  },
  referrer: {
    kind: 'referrer',
    userPoolId: 'eu-west-2_localreferrers',
    clientId: 'local-referrer-web',
    authFlows: ['USER_AUTH', 'REFRESH_TOKEN_AUTH'],
    selfSignUp: true,
    mfaRequired: false,
    groups: [],
  },
};

const MINUTE = 60_000;

/** Lifetimes and limits. Mirrors Cognito's and the project's hardening rules. */
export const LIMITS = {
  /** ID and access tokens. */
  accessTokenSeconds: 15 * 60,
  /** Refresh tokens; a refresh keeps the sign-in's origin_jti and auth_time. */
  refreshTokenSeconds: 8 * 60 * 60,
  /** Emailed codes (sign-in and sign-up). */
  codeMs: 5 * MINUTE,
  codeDigits: 8,
  /** Wrong answers that end one challenge (or kill one sign-up code). */
  codeAttempts: 3,
  /** Codes emailed to one address within `codeWindowMs`. */
  codesPerWindow: 5,
  codeWindowMs: 15 * MINUTE,
  /** Wrong passwords in a row that lock password sign-in for `lockoutMs`. */
  passwordFailures: 5,
  lockoutMs: 15 * MINUTE,
  /**
   * A challenge's Session (Cognito's AuthSessionValidity, at most 15
   * minutes). The emailed code inside it dies sooner, after `codeMs`.
   */
  authSessionMs: 15 * MINUTE,
  /** The Session ConfirmSignUp hands back for sign-in without a second code (Cognito's default 3 minutes). */
  signUpSignInSessionMs: 3 * MINUTE,
  /** Wrong authenticator-app codes that end one challenge. */
  totpAttempts: 5,
  /** AdminCreateUser's temporary password (TemporaryPasswordValidityDays: 3 in infra/constructs/user-pools.ts). */
  temporaryPasswordMs: 3 * 24 * 60 * MINUTE,
} as const;

/** The staff pool's password policy, as the CDK stack sets it. */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/** Cognito's symbol set for password policies. */
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

/**
 * The first rule a password breaks, worded as Cognito words it
 * (`Password does not conform to policy: ...`), or undefined if it conforms.
 */
export function passwordPolicyViolation(password: string): string | undefined {
  const p = PASSWORD_POLICY;
  if (password.length < p.minLength) return 'Password not long enough';
  if (p.requireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (p.requireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (p.requireDigits && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (p.requireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) return 'Password must have symbol characters';
  return undefined;
}

export { SYMBOLS as PASSWORD_SYMBOLS };
