import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PoolDefinition } from './pools.js';

/**
 * What a local user pool keeps on disk: users (with their group
 * memberships), groups, and refresh tokens (hashed). One JSON file per
 * pool under `<dataDir>/cognito/`, replaced atomically on every change so
 * a crash or Ctrl-C never leaves half a file.
 *
 * Codes, challenge sessions and attempt counters are not here: they live
 * in memory only and are gone on restart (a code outliving the process
 * would be of no use to anyone).
 */

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';

/**
 * A staff user's second factors, as Cognito keeps them per user: the
 * emailed code (kept for the accounts seeded locally, so sign-in codes
 * arrive in the Mailbox) and an authenticator app (TOTP). No factor at all
 * means the next sign-in asks to set one up (MFA_SETUP).
 */
export interface StoredMfa {
  email?: boolean;
  /** A verified authenticator app: its base32 secret and the last 30-second step used (a code works once). */
  totp?: { secret: string; enabled: boolean; lastStep?: number };
  preferred?: 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA';
}

export interface StoredUser {
  /** Cognito `sub`; also the Username, as in a pool whose username attribute is email. */
  sub: string;
  /** Attributes as Cognito holds them: strings (`email_verified` is `'true'`/`'false'`). */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  /** scrypt hash (`scrypt$<salt>$<hash>`); absent for passwordless referrers. */
  passwordHash?: string;
  /** FORCE_CHANGE_PASSWORD only: when the temporary password stops working (ISO). */
  temporaryPasswordExpiresAt?: string;
  groups: string[];
  createdAt: string;
  modifiedAt: string;
  /** Staff: second factors. */
  mfa?: StoredMfa;
  /** AssociateSoftwareToken's secret until VerifySoftwareToken proves the app has it. */
  pendingTotpSecret?: string;
}

export interface StoredGroup {
  name: string;
  description: string;
  createdAt: string;
}

export interface StoredRefreshToken {
  /** SHA-256 of the token; the token itself is never written down. */
  hash: string;
  sub: string;
  clientId: string;
  /** One per sign-in: shared by every token of that sign-in, and how access tokens are revoked with it. */
  originJti: string;
  eventId: string;
  /** Seconds since epoch. */
  authTime: number;
  expiresAt: string;
  revoked: boolean;
}

export interface PoolState {
  users: StoredUser[];
  groups: StoredGroup[];
  refreshTokens: StoredRefreshToken[];
}

/** The folder under dataDir the emulator owns (and `--fresh` deletes). */
export const COGNITO_DIR = 'cognito';

/**
 * Writes `data` as JSON to `file` atomically: a temporary file in the same
 * folder, then a rename over the target. `mode` 0o600 because these files
 * hold password hashes and private keys.
 */
export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a JSON file, or undefined if it does not exist. */
export async function readJsonIfExists<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * One pool's state in memory, written through to disk. Writes are chained
 * so two requests finishing together cannot write an older state last.
 */
export class PoolStore {
  readonly file: string;
  state: PoolState;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, state: PoolState) {
    this.file = file;
    this.state = state;
  }

  /** Loads the pool's file (or starts empty) and makes sure the pool's groups exist. */
  static async open(dataDir: string, pool: PoolDefinition, now: Date): Promise<PoolStore> {
    const file = path.join(dataDir, COGNITO_DIR, `${pool.userPoolId}.json`);
    const state = (await readJsonIfExists<PoolState>(file)) ?? { users: [], groups: [], refreshTokens: [] };
    const store = new PoolStore(file, state);
    for (const group of pool.groups) {
      if (!state.groups.some((g) => g.name === group.name)) state.groups.push({ ...group, createdAt: now.toISOString() });
    }
    await store.save(now);
    return store;
  }

  /**
   * Persists the current state. Refresh tokens are dropped a day after they
   * expire: until then a use is answered "expired" rather than "invalid".
   */
  save(now: Date): Promise<void> {
    this.state.refreshTokens = this.state.refreshTokens.filter((t) => new Date(t.expiresAt).getTime() + 86_400_000 > now.getTime());
    const snapshot = structuredClone(this.state);
    const next = this.#writing.then(() => writeJsonAtomic(this.file, snapshot));
    // A failed write must not block the ones after it; the caller still sees the failure.
    this.#writing = next.catch(() => undefined);
    return next;
  }

  /** A user by Username (the sub) or by email, which Cognito accepts as an alias. */
  findUser(username: string): StoredUser | undefined {
    const wanted = username.trim().toLowerCase();
    return this.state.users.find((u) => u.sub === wanted || u.attributes.email?.toLowerCase() === wanted);
  }

  /** Waits for writes in flight (for stop()). */
  flush(): Promise<void> {
    return this.#writing;
  }
}
