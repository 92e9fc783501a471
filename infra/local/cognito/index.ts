import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BoardConfig } from '../../../functions/config/board.js';
import { issuerFor } from '../../../functions/config/identity.js';
import type { StaffRole } from '../../../functions/domain/access/roles.js';
import type { Clock } from '../../../functions/ports/clock.js';
import type { LambdaInvoker } from '../lambda-runtime.js';
import type { LocalLog } from '../log.js';
import { cognitoRequestHandler, COGNITO_PATH } from './http.js';
import { loadOrCreateSigningKey } from './keys.js';
import { PoolMailer } from './mail.js';
import { LOCAL_POOLS, passwordPolicyViolation, type PoolKind } from './pools.js';
import { CognitoService, type LocalPool } from './service.js';
import { PoolStore } from './store.js';
import { loadOrCreateAdminCredentials, type LocalAdminCredentials } from './sigv4.js';

export { COGNITO_PATH } from './http.js';
export { COGNITO_DIR } from './store.js';
export { LOCAL_POOLS, passwordPolicyViolation } from './pools.js';

/**
 * The password of the seeded staff accounts when LOCAL_STAFF_PASSWORD is
 * not set. It exists only in the local runtime: the deployed pools have no
 * seeded accounts and invite people with a temporary password.
 */
export const DEFAULT_LOCAL_STAFF_PASSWORD = 'Local-dev-only-Passw0rd!';

/** The auditor account seeded for local use (the Board configuration names no auditor). */
export const LOCAL_AUDITOR = { email: 'auditor@example.org', name: 'Local auditor' } as const;

export interface LocalCognitoOptions {
  dataDir: string;
  /** The web app's origin; the emulator lives at `${appUrl}/local/cognito`. */
  appUrl: string;
  region: string;
  clock: Clock;
  sesEndpoint: string;
  board: BoardConfig;
  invoker: LambdaInvoker;
  log: LocalLog;
  /** Password of the seeded staff accounts (must meet the staff password policy). */
  seedStaffPassword: string;
}

export interface SeededAccount {
  email: string;
  name: string;
  role: StaffRole;
}

export interface LocalCognito {
  /** COGNITO_ENDPOINT: `${appUrl}/local/cognito`. */
  endpoint: string;
  pools: Record<PoolKind, { userPoolId: string; clientId: string }>;
  /** The staff accounts seeded from the Board configuration (and the local auditor). */
  seededStaff: SeededAccount[];
  /** What admin requests must be signed with (the local Lambdas' AWS credentials); kept in `<dataDir>/cognito/`. */
  adminCredentials: LocalAdminCredentials;
  /** Serves requests under {@link COGNITO_PATH}. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the local Cognito emulator: loads (or creates) both pools and
 * their signing keys under `<dataDir>/cognito/`, and seeds the staff
 * accounts. Idempotent across restarts.
 */
export async function startLocalCognito(opts: LocalCognitoOptions): Promise<LocalCognito> {
  const violation = passwordPolicyViolation(opts.seedStaffPassword);
  if (violation) throw new Error(`The local staff password does not meet the staff password policy: ${violation}`);
  const endpoint = `${opts.appUrl}${COGNITO_PATH}`;
  const now = opts.clock.now();
  const pools: LocalPool[] = [];
  for (const def of Object.values(LOCAL_POOLS)) {
    pools.push({
      def,
      store: await PoolStore.open(opts.dataDir, def, now),
      key: await loadOrCreateSigningKey(opts.dataDir, def.userPoolId),
      issuer: issuerFor(def.userPoolId, opts.region, endpoint),
    });
  }
  const mailer = new PoolMailer({
    sesEndpoint: opts.sesEndpoint,
    from: opts.board.board.emailFrom,
    boardName: opts.board.board.name,
    signInUrl: `${opts.appUrl}/sign-in`,
  });
  const service = new CognitoService({ pools, region: opts.region, clock: opts.clock, mailer, invoker: opts.invoker, log: opts.log });

  const seededStaff: SeededAccount[] = [
    { ...opts.board.businessManager, role: 'business-manager' },
    { ...opts.board.subCommitteeChair, role: 'sub-committee-chair' },
    { ...opts.board.boardChair, role: 'board-chair' },
    { ...LOCAL_AUDITOR, role: 'auditor' },
    // Outside the Board, locally only: the statutory recipients read the notification
    // record (6.1-6.4) and other Boards' chairs answer joint-review questions (3.4)
    // by signing in. In AWS the business manager invites them.
    { ...opts.board.ofstedNationalBusinessUnit, role: 'external-reader' },
    { ...opts.board.strategicHealthAuthority, role: 'external-reader' },
    { ...opts.board.childrensServicesAdviser, role: 'external-reader' },
    ...opts.board.otherBoardChairs.map(({ name, email }) => ({ name, email, role: 'external-reader' as const })),
  ];
  for (const account of seededStaff) {
    await service.ensureStaffUser({ email: account.email, name: account.name, group: account.role }, opts.seedStaffPassword);
  }

  const adminCredentials = await loadOrCreateAdminCredentials(opts.dataDir);
  const handle = cognitoRequestHandler(service, opts.log, adminCredentials);
  return {
    endpoint,
    pools: {
      staff: { userPoolId: LOCAL_POOLS.staff.userPoolId, clientId: LOCAL_POOLS.staff.clientId },
      referrer: { userPoolId: LOCAL_POOLS.referrer.userPoolId, clientId: LOCAL_POOLS.referrer.clientId },
    },
    seededStaff,
    adminCredentials,
    handle,
    stop: async () => {
      mailer.destroy();
      await Promise.all(pools.map((p) => p.store.flush()));
    },
  };
}
