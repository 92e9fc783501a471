import { useSyncExternalStore } from 'react';
import { meSchema } from '../../../functions/schemas/api.js';
import { SECTION_PATHS, CHECK_ANSWERS_PATH } from '../form/sections.js';
import { navigate } from '../router.js';
import type { Notice } from '../components/NotificationBanner.js';
import { recordActivity } from './activity.js';
import { cognito, CognitoError, type AuthenticationResult, type AuthResponse } from './cognito.js';
import { CONFIRM_EMAIL_PATH, REFERRER_SIGN_IN_PATH, STAFF_SIGN_IN_PATH } from './paths.js';
import { loadPublicConfig } from './public-config.js';

/**
 * Who is signed in, per user pool. A staff member and a referrer are
 * separate sessions (a staff member may also make a referral).
 *
 * Tokens live in memory and in this tab's sessionStorage, so a reload keeps
 * the person signed in and closing the tab forgets them. Never
 * localStorage or cookies: another tab, or the next person at the computer,
 * must not inherit a session to children's case files.
 */
export type Pool = 'staff' | 'referrer';

export interface Session {
  pool: Pool;
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** When the ID token expires (ms since epoch). */
  expiresAt: number;
  userId: string;
  email: string;
  name?: string;
  /** Staff: Cognito groups that are roles; referrer: ['referrer']. */
  roles: string[];
}

const storageKey = (pool: Pool) => `scr-referral:session:${pool}:v1`;
const listeners = new Set<() => void>();
const sessions: Record<Pool, Session | null> = { staff: load('staff'), referrer: load('referrer') };

/** Claims of a JWT, without checking its signature: the API does that. The browser only reads its own token. */
export function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function load(pool: Pool): Session | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(pool));
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (s.pool !== pool || typeof s.idToken !== 'string' || typeof s.accessToken !== 'string' || typeof s.expiresAt !== 'number') {
      return null;
    }
    return {
      pool,
      idToken: s.idToken,
      accessToken: s.accessToken,
      refreshToken: typeof s.refreshToken === 'string' ? s.refreshToken : undefined,
      expiresAt: s.expiresAt,
      userId: typeof s.userId === 'string' ? s.userId : '',
      email: typeof s.email === 'string' ? s.email : '',
      name: typeof s.name === 'string' ? s.name : undefined,
      roles: Array.isArray(s.roles) ? s.roles.filter((r): r is string => typeof r === 'string') : [],
    };
  } catch {
    return null;
  }
}

function store(pool: Pool): void {
  const session = sessions[pool];
  try {
    if (session) window.sessionStorage.setItem(storageKey(pool), JSON.stringify(session));
    else window.sessionStorage.removeItem(storageKey(pool));
  } catch {
    // Storage blocked: the session lasts as long as this page.
  }
  for (const listener of listeners) listener();
  scheduleRefresh(pool);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pool's session; re-renders on sign-in, refresh and sign-out. */
export function useSession(pool: Pool): Session | null {
  return useSyncExternalStore(subscribe, () => sessions[pool]);
}

export function currentSession(pool: Pool): Session | null {
  return sessions[pool];
}

/** True when any pool has a session: the idle timer runs only then. */
export function anySession(): boolean {
  return sessions.staff !== null || sessions.referrer !== null;
}

export function subscribeSessions(listener: () => void): () => void {
  return subscribe(listener);
}

function fromTokens(pool: Pool, result: AuthenticationResult, previous?: Session | null): Session {
  const claims = decodeJwt(result.IdToken);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).map(String) : [];
  return {
    pool,
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken ?? previous?.refreshToken,
    expiresAt: Math.min(Date.now() + result.ExpiresIn * 1000, exp),
    userId: typeof claims.sub === 'string' ? claims.sub : (previous?.userId ?? ''),
    email: typeof claims.email === 'string' ? claims.email : (previous?.email ?? ''),
    name: typeof claims.name === 'string' ? claims.name : previous?.name,
    roles: pool === 'referrer' ? ['referrer'] : groups.length ? groups : (previous?.roles ?? []),
  };
}

/**
 * Keeps the tokens of a completed sign-in, then asks the API who this is
 * (roles and name as the server sees them). A failing /api/me leaves the
 * token's own claims in place.
 */
export async function startSession(pool: Pool, result: AuthenticationResult): Promise<Session> {
  // Signing in is activity: the idle clock starts now, not at the last visit.
  recordActivity(true);
  sessions[pool] = fromTokens(pool, result);
  store(pool);
  try {
    const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${result.IdToken}`, Accept: 'application/json' } });
    const me = response.ok ? meSchema.safeParse(await response.json()) : null;
    const current = sessions[pool];
    if (me?.success && current && current.idToken === result.IdToken) {
      sessions[pool] = { ...current, userId: me.data.userId, email: me.data.email, name: me.data.name, roles: me.data.roles };
      store(pool);
    }
  } catch {
    // The token's claims will do.
  }
  markServerContact();
  return sessions[pool] ?? fromTokens(pool, result);
}

// ---- Refreshing the ID token ----------------------------------------------

const REFRESH_MARGIN_MS = 2 * 60_000;
const refreshTimers: Record<Pool, number | undefined> = { staff: undefined, referrer: undefined };
const refreshing: Record<Pool, Promise<Session | null> | null> = { staff: null, referrer: null };

function scheduleRefresh(pool: Pool): void {
  window.clearTimeout(refreshTimers[pool]);
  const session = sessions[pool];
  if (!session?.refreshToken || !Number.isFinite(session.expiresAt)) return;
  const wait = Math.max(session.expiresAt - REFRESH_MARGIN_MS - Date.now(), 5_000);
  // Timers are capped at 2^31 ms; an hour-long token is well under that.
  refreshTimers[pool] = window.setTimeout(() => void refreshSession(pool), Math.min(wait, 2 ** 31 - 1));
}

/**
 * Swaps the refresh token for a new ID token. If Cognito refuses (revoked
 * by a sign-out elsewhere, or disabled), the session is over.
 */
export function refreshSession(pool: Pool): Promise<Session | null> {
  refreshing[pool] ??= (async () => {
    const session = sessions[pool];
    if (!session?.refreshToken) return session;
    try {
      const config = await loadPublicConfig();
      const response = await cognito<AuthResponse>('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: config[pool].clientId,
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      });
      if (!response.AuthenticationResult || sessions[pool] !== session) return sessions[pool];
      const next = fromTokens(pool, response.AuthenticationResult, session);
      // Roles and name came from /api/me at sign-in; keep them.
      sessions[pool] = { ...next, roles: session.roles.length ? session.roles : next.roles, name: session.name ?? next.name };
      store(pool);
      return sessions[pool];
    } catch (error) {
      if (error instanceof CognitoError && error.type === 'NotAuthorizedException') {
        endSession(pool, 'expired');
        return null;
      }
      // No answer: try again shortly; the token may still have time left.
      refreshTimers[pool] = window.setTimeout(() => void refreshSession(pool), 30_000);
      return sessions[pool];
    } finally {
      refreshing[pool] = null;
    }
  })();
  return refreshing[pool];
}

/** An ID token with at least a minute to run, refreshing first if needed; null when signed out. */
export async function freshIdToken(pool: Pool): Promise<string | null> {
  let session = sessions[pool];
  if (!session) return null;
  if (session.expiresAt - Date.now() < 60_000) session = await refreshSession(pool);
  if (!session || session.expiresAt <= Date.now()) {
    if (sessions[pool]) endSession(pool, 'expired');
    return null;
  }
  return session.idToken;
}

// ---- Server contact (for the idle timer's keep-alive) ---------------------

let lastServerContact = Date.now();
export function markServerContact(): void {
  lastServerContact = Date.now();
}
export function msSinceServerContact(): number {
  return Date.now() - lastServerContact;
}

// ---- Ending a session -----------------------------------------------------

export type EndReason = 'signed-out' | 'expired' | 'idle';

function forget(pool: Pool): void {
  if (!sessions[pool]) return;
  sessions[pool] = null;
  store(pool);
}

const REFERRAL_FORM_PATHS = new Set<string>([...Object.values(SECTION_PATHS), CHECK_ANSWERS_PATH, CONFIRM_EMAIL_PATH]);

function noticeFor(reason: EndReason, idleMinutes: number | undefined): Notice {
  if (reason === 'signed-out') return { kind: 'success', heading: 'You have signed out' };
  if (reason === 'idle') {
    const minutes = idleMinutes ? `${idleMinutes} ${idleMinutes === 1 ? 'minute' : 'minutes'}` : 'a while';
    return {
      kind: 'important',
      heading: 'You have been signed out',
      text: `We signed you out because you had not done anything for ${minutes}. This protects the information in the service.`,
    };
  }
  return { kind: 'important', heading: 'You have been signed out', text: 'Your session has ended. Sign in again to continue.' };
}

/**
 * The session is over (a 401, a refused refresh, or the idle limit): forget
 * the tokens and go to the pool's sign-in page saying so. A referrer in the
 * middle of the referral form goes back to confirming their email, and the
 * draft is kept either way.
 */
export function endSession(pool: Pool, reason: Exclude<EndReason, 'signed-out'>): void {
  const ended = sessions[pool];
  if (!ended) return;
  forget(pool);
  // Revoke the refresh token too, in the background: nobody should be able to pick this session up again.
  void revoke(ended, reason === 'idle');
  const idle = idleMinutesNow();
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  const notice = noticeFor(reason, idle);
  if (pool === 'staff') {
    const staffPage = !REFERRAL_FORM_PATHS.has(path) && !path.startsWith('/your-referrals') && path !== '/';
    if (staffPage) navigate(STAFF_SIGN_IN_PATH, { replace: true, state: { notice, returnTo: path + window.location.search } });
    return;
  }
  if (REFERRAL_FORM_PATHS.has(path)) {
    navigate(CONFIRM_EMAIL_PATH, { replace: true, state: { notice, returnTo: path === CONFIRM_EMAIL_PATH ? undefined : path } });
  } else if (path.startsWith('/your-referrals')) {
    navigate(REFERRER_SIGN_IN_PATH, { replace: true, state: { notice } });
  }
}

let idleMinutesCache: number | undefined;
function idleMinutesNow(): number | undefined {
  return idleMinutesCache;
}
export function rememberIdleMinutes(minutes: number): void {
  idleMinutesCache = minutes;
}

/**
 * Signs out on purpose: ends the server session, revokes the tokens at
 * Cognito (GlobalSignOut), then forgets them. The last two happen even if
 * the first fails: the person asked to be signed out.
 */
export async function signOut(pool: Pool): Promise<void> {
  const session = sessions[pool];
  if (!session) return;
  await revoke(session, true);
  forget(pool);
}

/** Ends the server session (if asked) and revokes the tokens at Cognito; failures are not the person's problem. */
async function revoke(session: Session, endServerSession: boolean): Promise<void> {
  if (endServerSession) {
    try {
      await fetch('/api/session/sign-out', {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.idToken}`, Accept: 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      // Carry on: Cognito's sign-out still revokes the refresh token.
    }
  }
  try {
    await cognito('GlobalSignOut', { AccessToken: session.accessToken });
  } catch {
    // Already revoked or expired: nothing more to do.
  }
}

/** The notice a sign-in page shows after a deliberate sign-out. */
export const signedOutNotice = (): Notice => noticeFor('signed-out', undefined);

/** Forget a session without telling anyone (a new verified email replaces the old referrer session). */
export function replaceSession(pool: Pool): void {
  forget(pool);
}
