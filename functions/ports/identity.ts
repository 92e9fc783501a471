import type { Role, StaffRole } from '../domain/access/roles.js';

/** The signed-in person making a request, from a verified token. Never from a header, query or environment switch. */
export interface Caller {
  /** Cognito `sub`: stable user id. */
  userId: string;
  email: string;
  pool: 'staff' | 'referrer';
  /** Staff: their Cognito groups that are roles. Referrer: ['referrer']. */
  roles: Role[];
  /** Cognito `origin_jti`: one per sign-in, the same across refreshes: the server-side session id. */
  sessionId: string;
  /** When the person authenticated (seconds since epoch). */
  authTime: number;
}

/** Verifies a bearer token (a Cognito ID token) against the pool's JWKS; throws UnauthorizedError. */
export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export interface StaffUser {
  userId: string;
  email: string;
  name: string;
  role: StaffRole | undefined;
  enabled: boolean;
  status: string;
  createdAt: string;
}

/** Staff accounts (the staff user pool's admin API). */
export interface UserDirectory {
  /** Creates an account; the pool emails a temporary password. */
  invite(input: { email: string; name: string; role: StaffRole }): Promise<StaffUser>;
  list(): Promise<StaffUser[]>;
  get(userId: string): Promise<StaffUser | undefined>;
  setRole(userId: string, role: StaffRole): Promise<void>;
  setEnabled(userId: string, enabled: boolean): Promise<void>;
  /** Ends every session of the user at the identity provider. */
  signOutEverywhere(userId: string): Promise<void>;
  /**
   * Resets a signed-up user's sign-in: forgets their authenticator app,
   * emails them a code to choose a new password (their old one stops
   * working) and ends their sessions. Their next sign-in sets up an app.
   */
  resetSignIn(userId: string): Promise<void>;
  /** Emails an invited user (who has not signed in yet) a new invitation with a new temporary password. */
  reinvite(userId: string): Promise<void>;
}
