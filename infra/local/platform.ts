import { mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lambdas as catalogueLambdas, stateMachines as catalogueStateMachines, type LambdaSpec, type StateMachineSpec } from '../catalogue.js';
import { parseBoardConfig } from '../../functions/config/board.js';
import { issuerFor } from '../../functions/config/identity.js';
import { CognitoTokenVerifier } from '../../functions/adapters/aws/cognito-token-verifier.js';
import { systemClock, type Clock } from '../../functions/ports/clock.js';
import { LOCAL_REGION, stateMachineArn } from './arns.js';
import { AdjustableClock, CLOCK_FILE, CLOCK_PATH, clockControlHandler } from './clock.js';
import {
  COGNITO_DIR,
  COGNITO_PATH,
  DEFAULT_LOCAL_STAFF_PASSWORD,
  passwordPolicyViolation,
  startLocalCognito,
  type LocalCognito,
  type SeededAccount,
} from './cognito/index.js';
import { ensureTable, localDynamoClient, startDynamoLocal, type DynamoLocal } from './dynamodb.js';
import { startLocalHttpServer, type BoundRoute, type LocalHttpServer } from './http-server.js';
import { LambdaInvoker } from './lambda-runtime.js';
import { createLog, describeError } from './log.js';
import { startSesLocal, type SesLocal } from './ses.js';
import { startS3Local, type S3Local } from './s3.js';
import { SesEventEmitter } from './ses-events.js';
import { StepFunctionsLocal, type ExecutionRecord } from './stepfunctions.js';
import { TableStreamPoller } from './streams.js';
import { OutboxRecovery } from './outbox-recovery.js';
import { localTableName } from './table.js';

/** The repository root (this file is infra/local/platform.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalPlatformOptions {
  /** Where DynamoDB, executions and stream positions are kept. */
  dataDir: string;
  /** Start from nothing: delete what this runtime keeps in `dataDir` first. */
  fresh?: boolean;
  /** Web app and API. 0 picks a free port. Default 3000. */
  port?: number;
  /** DynamoDB Local. 0 picks a free port. Default 8000. */
  dynamoPort?: number;
  /** SES emulator and mailbox viewer. 0 picks a free port. Default 8005. */
  sesPort?: number;
  /** Step Functions. 0 picks a free port. Default 8083. */
  sfnPort?: number;
  /**
   * S3 (s3rver) holding attached files. Default 0 (a free port), so tests that
   * start several platforms need not name one; `npm start` passes S3_PORT (4569).
   */
  s3Port?: number;
  /** Board configuration JSON. Default infra/config/board.example.json. */
  boardConfigFile?: string;
  /**
   * Drives Wait states, the Cognito emulator and handlers (`context.localClock`).
   * Default: an AdjustableClock kept in `<dataDir>/clock.json` (see clock.ts),
   * running at `clockSpeed`. A given clock is used as it is (not persisted);
   * the `/local/clock` control can change it only if it is an AdjustableClock.
   */
  clock?: Clock;
  /** Speed of the default clock (1 = real time, 86400 = a day a second). Ignored with `clock`. Default 1. */
  clockSpeed?: number;
  /** Leave out the info lines of the runtime's log. */
  quiet?: boolean;
  /** Built web app. Default web/dist. */
  webDist?: string;
  /** The Lambdas to serve. Default: the catalogue's. Tests may replace them. */
  lambdas?: readonly LambdaSpec[];
  /** Added to `lambdas`: test-only routes, stream consumers or ASL tasks. */
  extraLambdas?: readonly LambdaSpec[];
  /** The state machines to run. Default: the catalogue's. */
  stateMachines?: readonly StateMachineSpec[];
  /** How often a Wait looks at the clock (real ms). Default 200. */
  waitPollMs?: number;
  /** Longest real time one Wait lasts before passing through early. Default 6 hours. */
  maxWallClockWaitMs?: number;
  /** Pause between stream polls (ms). Default 250. */
  streamPollMs?: number;
  /** Pause between looks at the mailbox for new emails to make SES events of (ms). Default 250. */
  sesEventPollMs?: number;
  /**
   * Password of the seeded local staff accounts. Default: env
   * LOCAL_STAFF_PASSWORD, else `Local-dev-only-Passw0rd!`. Must meet the
   * staff password policy.
   */
  seedStaffPassword?: string;
  /** SESSION_IDLE_MINUTES for the Lambdas. Default 30. */
  sessionIdleMinutes?: number;
}

export interface LocalPlatform {
  /** The web app, e.g. http://localhost:3000 (also APP_BASE_URL). */
  appUrl: string;
  /** The API base, `${appUrl}/api`. */
  apiUrl: string;
  /** The SES emulator's mailbox viewer. */
  mailboxUrl: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  sfnEndpoint: string;
  /** The S3 API (s3rver) of attached files (S3_ENDPOINT), and its bucket (FILES_BUCKET). */
  s3Endpoint: string;
  filesBucket: string;
  /** The local Cognito emulator (COGNITO_ENDPOINT): `${appUrl}/local/cognito`. */
  cognitoEndpoint: string;
  /** The admin-only clock control: `${appUrl}/local/clock` (local runtime only). */
  clockUrl: string;
  /** The platform's clock (an AdjustableClock unless a test gave its own). */
  clock: Clock;
  /** Credentials the local Cognito's admin API requires (SigV4), as the Lambdas use them; printed by `npm start`. */
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  /** The clock of security limits (sign-in codes, authenticator-app codes, tokens): real time unless a test gave its own clock. */
  securityClock: Clock;
  /** The two user pools and their web clients. */
  pools: LocalCognito['pools'];
  /** Staff accounts seeded for local sign-in, and their (local-only) password. */
  localStaff: { password: string; accounts: SeededAccount[] };
  tableName: string;
  /** The Lambda environment (see functions/config/env.ts). */
  env: Record<string, string>;
  /** ARN of a state machine by id, e.g. `decision`. */
  stateMachineArn(id: string): string;
  /** Resolves once the execution is no longer RUNNING (rejects after `timeoutMs`). */
  awaitExecution(executionArn: string, timeoutMs?: number): Promise<ExecutionRecord>;
  /** Stops everything this platform started (java included). Safe to call twice. */
  stop(): Promise<void>;
}

/** Stops start-up: the message says what to fix. */
export class PlatformStartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PlatformStartError';
  }
}

/** The subfolders of dataDir this runtime owns (and `fresh` deletes). */
const OWNED_DIRS = ['dynamodb', 'stepfunctions', 'streams', 's3', COGNITO_DIR];

/**
 * Starts the local runtime: DynamoDB Local with the table, the SES
 * emulator, the Step Functions service, the stream → Lambda pollers, the
 * Cognito emulator (both user pools, seeded staff accounts) and the web +
 * API server. Everything listens on loopback.
 *
 * Several platforms can run in one process (tests do): each holds its own
 * ports, data and env. Handlers get the env as `context.localEnv` (see
 * LocalLambdaContext). `process.env` is also set to this platform's env, for
 * code that reads it directly; with two platforms the last one started wins
 * there, and stopping it restores what was before.
 */
export async function startLocalPlatform(opts: LocalPlatformOptions): Promise<LocalPlatform> {
  const log = createLog(opts.quiet);
  const dataDir = path.resolve(opts.dataDir);
  const lambdas = [...(opts.lambdas ?? catalogueLambdas), ...(opts.extraLambdas ?? [])];
  const stateMachines = opts.stateMachines ?? catalogueStateMachines;
  const boardConfig = await loadBoardConfig(opts.boardConfigFile);
  const seedStaffPassword = opts.seedStaffPassword ?? (process.env.LOCAL_STAFF_PASSWORD || DEFAULT_LOCAL_STAFF_PASSWORD);
  const weakness = passwordPolicyViolation(seedStaffPassword);
  if (weakness) {
    throw new PlatformStartError(
      `LOCAL_STAFF_PASSWORD does not meet the staff password policy (at least 12 characters with upper and lower case letters, a digit and a symbol): ${weakness}`,
    );
  }

  if (opts.fresh) {
    for (const dir of OWNED_DIRS) await rm(path.join(dataDir, dir), { recursive: true, force: true });
    await rm(path.join(dataDir, CLOCK_FILE), { force: true });
  }
  await mkdir(dataDir, { recursive: true });
  // Loaded before anything reads the time, so a restart resumes from the saved local time.
  const ownClock = opts.clock ? undefined : await AdjustableClock.open({ dataDir, speed: opts.clockSpeed ?? 1 });
  const clock: Clock = opts.clock ?? (ownClock as AdjustableClock);
  // Sign-in codes, token lifetimes and idle sessions are wall-clock security limits, not
  // procedure time: under an accelerated clock they still run at real speed, so a user can
  // stay signed in while watching a month pass. A test's own clock drives both.
  const securityClock: Clock = opts.clock ?? systemClock;

  // Filled in once every port is known, before anything can invoke a handler.
  const env: Record<string, string> = {};
  const invoker = new LambdaInvoker({ rootDir: repoRoot, lambdas, env, clock, securityClock, log });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn(`While stopping: ${describeError(error)}`);
      }
    }
  };

  try {
    if (ownClock) {
      ownClock.startAutosave(1000, log);
      // Pushed first, so it is saved last, after the executions stop.
      stops.push(() => ownClock.close());
    }
    const dynamo: DynamoLocal = await startDynamoLocal({ dbDir: path.join(dataDir, 'dynamodb'), port: opts.dynamoPort ?? 8000, log });
    stops.push(() => dynamo.stop());
    const dynamoClient = localDynamoClient(dynamo.endpoint);
    stops.push(async () => dynamoClient.destroy());
    await ensureTable(dynamoClient, localTableName, log);

    const ses: SesLocal = await startSesLocal(opts.sesPort ?? 8005);
    stops.push(() => ses.stop());

    const sfn = await StepFunctionsLocal.start({
      dataDir,
      rootDir: repoRoot,
      port: opts.sfnPort ?? 8083,
      stateMachines,
      invoker,
      clock,
      log,
      waitPollMs: opts.waitPollMs,
      maxWallClockWaitMs: opts.maxWallClockWaitMs,
    });
    stops.push(() => sfn.stop());

    // Attached files: a real S3 API the browser uploads to with presigned URLs (so the pages' CSP lists it).
    const s3: S3Local = await startS3Local({ port: opts.s3Port ?? 0, directory: path.join(dataDir, 's3') });
    stops.push(() => s3.stop());

    const routes: BoundRoute[] = lambdas.flatMap((l) => (l.routes ?? []).map((r) => ({ ...r, lambdaId: l.id })));
    const http: LocalHttpServer = await startLocalHttpServer({
      port: opts.port ?? 3000,
      webDist: path.resolve(repoRoot, opts.webDist ?? 'web/dist'),
      routes,
      invoker,
      log,
      filesOrigin: s3.endpoint,
    });
    stops.push(() => http.stop());

    const appUrl = `http://localhost:${http.port}`;
    await s3.allowOrigins([appUrl]);
    // On the app's origin, so the browser reaches it under the CSP's connect-src 'self'.
    const cognito = await startLocalCognito({
      dataDir,
      appUrl,
      region: LOCAL_REGION,
      clock: securityClock,
      sesEndpoint: ses.endpoint,
      board: parseBoardConfig(JSON.parse(boardConfig)),
      invoker,
      log,
      seedStaffPassword,
    });
    stops.push(() => cognito.stop());
    http.mount(COGNITO_PATH, cognito.handle);
    // The same verifier class the Lambdas use, for the staff pool only, on the security clock.
    const staffVerifier = new CognitoTokenVerifier(
      [{ pool: 'staff', issuer: issuerFor(cognito.pools.staff.userPoolId, LOCAL_REGION, cognito.endpoint), clientId: cognito.pools.staff.clientId }],
      () => securityClock.now(),
    );
    http.mount(CLOCK_PATH, clockControlHandler({ clock, verifier: staffVerifier, log }));

    Object.assign(env, {
      TABLE_NAME: localTableName,
      AWS_REGION: LOCAL_REGION,
      APP_BASE_URL: appUrl,
      BOARD_CONFIG: boardConfig,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      SFN_ENDPOINT: sfn.endpoint,
      S3_ENDPOINT: s3.endpoint,
      FILES_BUCKET: s3.bucket,
      // The overview report's PDF exports are printed by the machine's Chromium (functions/adapters/pdf).
      ...(existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } : {}),
      COGNITO_ENDPOINT: cognito.endpoint,
      STAFF_USER_POOL_ID: cognito.pools.staff.userPoolId,
      STAFF_CLIENT_ID: cognito.pools.staff.clientId,
      REFERRER_USER_POOL_ID: cognito.pools.referrer.userPoolId,
      REFERRER_CLIENT_ID: cognito.pools.referrer.clientId,
      SESSION_IDLE_MINUTES: String(opts.sessionIdleMinutes ?? 30),
      // The local admin credentials: the Cognito emulator's admin API checks the signature (DynamoDB Local, SES and SFN accept any).
      AWS_ACCESS_KEY_ID: cognito.adminCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: cognito.adminCredentials.secretAccessKey,
      ...Object.fromEntries(stateMachines.map((s) => [s.arnEnv, stateMachineArn(s.id)])),
    });
    Object.freeze(env);
    stops.push(applyProcessEnv(env));

    // Crash safety (issue 12): what the previous run claimed and never recorded is sent again,
    // and every case that owes a workflow has one, whatever the stream delivered.
    const recovery = new OutboxRecovery({
      dynamo: dynamoClient,
      tableName: localTableName,
      referencePrefix: parseBoardConfig(JSON.parse(boardConfig)).board.referencePrefix,
      sfnEndpoint: sfn.endpoint,
      stateMachineIds: stateMachines.map((m) => m.id),
      log,
    });
    stops.push(async () => recovery.stop());
    await recovery.markAbandonedClaims();

    http.ready();
    sfn.resume();
    if (stateMachines.some((m) => m.id === 'decision' || m.id === 'review')) await recovery.reconcile('start-up');
    for (const l of lambdas.filter((l) => l.tableStream)) {
      const poller = new TableStreamPoller({
        lambdaId: l.id,
        tableName: localTableName,
        dynamo: dynamoClient,
        dynamoEndpoint: dynamo.endpoint,
        dataDir,
        invoker,
        log,
        pollMs: opts.streamPollMs,
        onRecordsLost: (why) => void recovery.reconcile(`stream records lost: ${why}`),
      });
      poller.start();
      stops.push(() => poller.stop());
    }
    // SES's sending events, as the configuration set's EventBridge rule delivers them in AWS.
    const sesEventLambdas = lambdas.filter((l) => l.sesEvents).map((l) => l.id);
    if (sesEventLambdas.length > 0) {
      const emitter = new SesEventEmitter({
        sesEndpoint: ses.endpoint,
        invoker,
        lambdaIds: sesEventLambdas,
        clock,
        log,
        pollMs: opts.sesEventPollMs,
      });
      emitter.start();
      stops.push(() => emitter.stop());
    }

    let stopped: Promise<void> | undefined;
    return {
      appUrl,
      apiUrl: `${appUrl}/api`,
      mailboxUrl: `${ses.endpoint}/`,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      sfnEndpoint: sfn.endpoint,
      s3Endpoint: s3.endpoint,
      filesBucket: s3.bucket,
      cognitoEndpoint: cognito.endpoint,
      clockUrl: `${appUrl}${CLOCK_PATH}`,
      clock,
      securityClock,
      adminCredentials: cognito.adminCredentials,
      pools: cognito.pools,
      localStaff: { password: seedStaffPassword, accounts: cognito.seededStaff },
      tableName: localTableName,
      env,
      stateMachineArn,
      awaitExecution: (arn, timeoutMs) => sfn.awaitExecution(arn, timeoutMs),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Reads and validates the Board configuration (path relative to the
 * repository root; default infra/config/board.example.json). Returns it as
 * compact JSON for BOARD_CONFIG. Throws a BoardConfigError naming each bad
 * field, or a PlatformStartError if the file is not JSON.
 */
export async function loadBoardConfig(boardConfigFile = 'infra/config/board.example.json'): Promise<string> {
  const file = path.resolve(repoRoot, boardConfigFile);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new PlatformStartError(`Board configuration ${file} could not be read as JSON: ${describeError(cause)}`, { cause });
  }
  // Throws a BoardConfigError naming each bad field.
  parseBoardConfig(raw, `Board configuration (${path.relative(process.cwd(), file) || file})`);
  return JSON.stringify(raw);
}

/**
 * Sets process.env to `env` and returns the undo. The undo only restores if
 * this platform's values are still the ones in effect (a platform started
 * later has not overwritten them).
 */
function applyProcessEnv(env: Readonly<Record<string, string>>): () => Promise<void> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return async () => {
    if (process.env.APP_BASE_URL !== env.APP_BASE_URL) return;
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
