/**
 * `npm start`: the whole platform on this machine, no AWS account needed.
 *
 *   npm start               keep the data in .local-data/ from last time
 *   npm start -- --fresh    start with an empty table and no executions
 *   npm start -- --clock-speed 86400
 *                           run local time a day every real second
 *                           (also CLOCK_SPEED; the flag wins; 1 = real time)
 *
 * Ports: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), SFN_PORT (8083),
 * S3_PORT (4569, attached files, kept in .local-data/s3).
 * Board configuration: BOARD_CONFIG_FILE (infra/config/board.example.json).
 * Password of the seeded staff accounts: LOCAL_STAFF_PASSWORD
 * (Local-dev-only-Passw0rd!); it exists only in this local runtime.
 * Local time is kept in .local-data/clock.json and can also be moved
 * forward by the business manager at /local/clock (see clock.ts); neither
 * exists in the AWS build.
 */
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BoardConfigError, parseBoardConfig } from '../../functions/config/board.js';
import { seededAccountLabel } from './account-labels.js';
import { ClockSettingError, parseClockSpeed } from './clock.js';
import { assertJava, JavaMissingError } from './dynamodb.js';
import { LOCAL_HOST } from './net.js';
import { loadBoardConfig, PlatformStartError, repoRoot, startLocalPlatform, type LocalPlatform } from './platform.js';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PlatformStartError(`${name} must be a port number (0-65535), not "${raw}"`);
  }
  return port;
}

/** Fails with a message naming the variable if a fixed port is taken. */
async function assertPortFree(port: number, variable: string): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, LOCAL_HOST, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new PlatformStartError(
      `Port ${port} (${variable}) is already in use. Stop whatever uses it (perhaps another npm start), or choose another port, e.g. ${variable}=0 npm start for a free one.`,
    );
  }
}

/** Newest modification time under `dir` (recursively), 0 if it does not exist. */
async function newestMtime(target: string): Promise<number> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Builds the web app with Vite when web/dist is missing or older than its sources. */
async function buildWebIfStale(): Promise<void> {
  const web = path.join(repoRoot, 'web');
  const configFile = path.join(web, 'vite.config.ts');
  const built = await newestMtime(path.join(web, 'dist', 'index.html'));
  const sources = Math.max(
    await newestMtime(path.join(web, 'src')),
    await newestMtime(path.join(web, 'index.html')),
    await newestMtime(configFile),
  );
  if (built > 0 && built >= sources) return;
  if ((await newestMtime(configFile)) === 0) {
    console.warn('[local] web/vite.config.ts is missing, so the web app is not built; the API still runs.');
    return;
  }
  console.log(built === 0 ? '[local] Building the web app…' : '[local] Web sources changed; rebuilding the web app…');
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
}

/** `--fresh` and `--clock-speed N` (else CLOCK_SPEED, else 1); anything else stops with the usage. */
function parseCommandLine(argv: string[]): { fresh: boolean; clockSpeed: number } {
  let values: { fresh?: boolean; 'clock-speed'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { fresh: { type: 'boolean' }, 'clock-speed': { type: 'string' } }, strict: true }));
  } catch (cause) {
    throw new PlatformStartError(
      `${(cause as Error).message}\nUsage: npm start [-- [--fresh] [--clock-speed N]]   (N from 1, real time, to e.g. 86400, a day a second)`,
      { cause },
    );
  }
  const flag = values['clock-speed'];
  const env = process.env.CLOCK_SPEED;
  let clockSpeed = 1;
  if (flag !== undefined) clockSpeed = parseClockSpeed(flag, '--clock-speed');
  else if (env !== undefined && env !== '') clockSpeed = parseClockSpeed(env, 'CLOCK_SPEED');
  return { fresh: values.fresh ?? false, clockSpeed };
}

/** A local instant as people in the Board's area read it. */
function londonTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'long' }).format(at);
}

async function main(): Promise<void> {
  const { fresh, clockSpeed } = parseCommandLine(process.argv.slice(2));
  const options = {
    dataDir: path.join(repoRoot, '.local-data'),
    fresh,
    port: portFromEnv('PORT', 3000),
    dynamoPort: portFromEnv('DYNAMODB_PORT', 8000),
    sesPort: portFromEnv('SES_PORT', 8005),
    sfnPort: portFromEnv('SFN_PORT', 8083),
    s3Port: portFromEnv('S3_PORT', 4569),
    boardConfigFile: process.env.BOARD_CONFIG_FILE || 'infra/config/board.example.json',
    clockSpeed,
  };

  // Everything that can be wrong with this machine or the config, before the slow parts.
  const board = parseBoardConfig(JSON.parse(await loadBoardConfig(options.boardConfigFile)));
  assertJava();
  await assertPortFree(options.port, 'PORT');
  await assertPortFree(options.dynamoPort, 'DYNAMODB_PORT');
  await assertPortFree(options.sesPort, 'SES_PORT');
  await assertPortFree(options.sfnPort, 'SFN_PORT');
  await assertPortFree(options.s3Port, 'S3_PORT');

  await buildWebIfStale();
  console.log(`[local] Starting${fresh ? ' from nothing (--fresh)' : ''}; data in .local-data/`);
  const platform: LocalPlatform = await startLocalPlatform(options);

  const rows: [string, string][] = [
    ['Referral form', platform.appUrl],
    ['API', platform.apiUrl],
    ['OpenAPI', `${platform.apiUrl}/openapi.json`],
    ['Mailbox', platform.mailboxUrl],
    ['DynamoDB Local', `${platform.dynamoEndpoint} (table ${platform.tableName})`],
    ['Step Functions (local)', platform.sfnEndpoint],
    ['S3 (attached files)', `${platform.s3Endpoint} (bucket ${platform.filesBucket})`],
    ['Cognito (local)', platform.cognitoEndpoint],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('\nThe platform is running:\n');
  for (const [label, url] of rows) console.log(`  ${label.padEnd(width)}  ${url}`);

  const { accounts, password } = platform.localStaff;
  const emailWidth = Math.max(...accounts.map((a) => a.email.length));
  console.log(`\nSign in locally as (staff, at ${platform.appUrl}/sign-in):\n`);
  for (const a of accounts) console.log(`  ${a.email.padEnd(emailWidth)}  ${seededAccountLabel(a, board)}`);
  console.log(`\n  Password: ${password}`);
  console.log('  This password and these accounts exist only in this local runtime (set LOCAL_STAFF_PASSWORD to change it).');
  console.log('  Sign-in codes arrive in the Mailbox. Referrers sign up themselves with an allowed work email.');
  console.log('  Invited accounts set up an authenticator app at first sign-in (the page shows the key as text too).');
  const admin = platform.adminCredentials;
  console.log(`\nLocal admin credentials (the local Cognito's admin API refuses requests not signed with them):`);
  console.log(`  AWS_ACCESS_KEY_ID=${admin.accessKeyId}  AWS_SECRET_ACCESS_KEY=${admin.secretAccessKey}`);
  console.log(`  Kept in .local-data/cognito/admin-credentials.json; --fresh makes new ones.`);
  const now = platform.clock.now();
  // Said only when local time is not simply real time: sped up, or moved forward earlier.
  if (clockSpeed !== 1 || Math.abs(now.getTime() - Date.now()) > 60_000) {
    console.log(`\nLocal time: ${londonTime(now)}${clockSpeed !== 1 ? `, running ${clockSpeed}× real time` : ''}.`);
    console.log(`  The business manager can move it forward at ${platform.appUrl}/local/time (or POST ${platform.clockUrl}); --fresh resets it to real time.`);
    console.log('  This clock exists only in this local runtime.');
  }
  console.log('\nPress Ctrl-C to stop.\n');

  let stoppingSince = 0;
  const shutdown = (signal: string) => {
    if (stoppingSince) {
      // Ctrl-C reaches us twice (from the terminal's process group and
      // relayed by tsx), so only a later one means "stop waiting". The exit
      // hook and the watchdog still take java down.
      if (Date.now() - stoppingSince < 2000) return;
      console.log('[local] Forced exit');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n[local] ${signal}: stopping…`);
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[local] Could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((error: unknown) => {
  if (
    error instanceof BoardConfigError ||
    error instanceof JavaMissingError ||
    error instanceof PlatformStartError ||
    error instanceof ClockSettingError
  ) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error('\nThe local platform could not start:', error);
  }
  process.exit(1);
});
