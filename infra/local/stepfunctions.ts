import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { StateMachineSpec } from '../catalogue.js';
import type { Clock } from '../../functions/ports/clock.js';
import { executionArn, LOCAL_REGION, stateMachineArn } from './arns.js';
import { fillPlaceholders, lambdaSubstitutions, prepareDefinition, type AslDefinition, type TaskBinding } from './asl.js';
import { localCredentials } from './dynamodb.js';
import type { LambdaInvoker } from './lambda-runtime.js';
import { closeServer, listen, LOCAL_HOST } from './net.js';
import { describeError, type LocalLog } from './log.js';

/**
 * A local Step Functions service: the AWS JSON 1.0 protocol of the real
 * service (StartExecution, StopExecution, DescribeExecution,
 * ListExecutions, ListStateMachines), so the real SFNClient works against
 * it, with executions run in-process by aws-local-stepfunctions.
 *
 * Durability. Executions are kept in `<dataDir>/stepfunctions/executions.json`.
 * When the runtime starts, every execution still RUNNING is run again from
 * the start with its original input. That is sound only because every task
 * in our workflows is idempotent and reads the case from DynamoDB, the
 * source of truth: a repeated "send the referral emails" sends nothing
 * twice, and a repeated wait re-targets the same deadline from the case.
 *
 * Time. Wait states are not left to the interpreter, which uses Date.now()
 * and setTimeout (ignoring the Clock, and firing at once beyond ~24.8 days).
 * They are rewritten into local tasks that poll the platform Clock, so a
 * FakeClock or an accelerated clock drives them. One wait lasts at most
 * `maxWallClockWaitMs` of real time (6 hours by default) and then passes
 * through early; our workflows re-check the case after every wait, so an
 * early wake-up only costs a re-check.
 *
 * Not supported locally: `.waitForTaskToken` and `.sync` integrations, and
 * any Task that is not one of our Lambdas (it fails with
 * `LocalRuntime.UnsupportedResource` instead of calling AWS).
 */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution as persisted and described. Dates are ISO 8601. */
export interface ExecutionRecord {
  name: string;
  arn: string;
  /** State machine ARN. */
  stateMachine: string;
  /** The input as given to StartExecution (a JSON string). */
  input: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
}

interface ExecutionsFile {
  version: 1;
  executions: ExecutionRecord[];
}

export interface StepFunctionsLocalOptions {
  dataDir: string;
  rootDir: string;
  /** 0 picks a free port. */
  port: number;
  stateMachines: readonly StateMachineSpec[];
  invoker: LambdaInvoker;
  clock: Clock;
  log: LocalLog;
  /** How often a rewritten Wait looks at the clock (real ms). Default 200. */
  waitPollMs?: number;
  /** Longest real time one Wait lasts before passing through. Default 6 hours. */
  maxWallClockWaitMs?: number;
}

/** An AWS-shaped service error: `__type` plus message, HTTP 400 unless said. */
export class SfnServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SfnServiceError';
  }
}

interface PreparedMachine {
  spec: StateMachineSpec;
  arn: string;
  machine: StateMachine;
  tasks: Map<string, TaskBinding>;
  createdAt: Date;
}

interface Running {
  stop(): void;
  settled: Promise<void>;
}

const MAX_INPUT_BYTES = 256 * 1024;
const DEFAULT_MAX_WALL_CLOCK_WAIT_MS = 6 * 60 * 60 * 1000;
// Names: 1–80 characters, none of whitespace, brackets, wildcards, the
// punctuation AWS rejects, or control characters.
// eslint-disable-next-line no-control-regex
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** The running local Step Functions service. */
export class StepFunctionsLocal {
  readonly #opts: StepFunctionsLocalOptions;
  readonly #file: string;
  readonly #machines = new Map<string, PreparedMachine>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #running = new Map<string, Running>();
  readonly #events = new EventEmitter();
  #writes: Promise<void> = Promise.resolve();
  #server: Server | undefined;
  #stopping = false;
  #port = 0;

  private constructor(opts: StepFunctionsLocalOptions) {
    this.#opts = opts;
    this.#file = path.join(opts.dataDir, 'stepfunctions', 'executions.json');
    this.#events.setMaxListeners(0);
  }

  /**
   * Loads and validates the state machines and the persisted executions,
   * and starts listening. Executions are not resumed until {@link resume}.
   */
  static async start(opts: StepFunctionsLocalOptions): Promise<StepFunctionsLocal> {
    const sfn = new StepFunctionsLocal(opts);
    await sfn.#prepareMachines();
    await sfn.#load();
    sfn.#server = createServer((req, res) => void sfn.#handle(req, res));
    sfn.#port = await listen(sfn.#server, opts.port);
    return sfn;
  }

  /** The service endpoint, for `new SFNClient({ endpoint })`. */
  get endpoint(): string {
    return `http://${LOCAL_HOST}:${this.#port}`;
  }

  /** Runs every RUNNING execution again from the start (see the module comment). */
  resume(): void {
    const pending = [...this.#executions.values()].filter((e) => e.status === 'RUNNING' && !this.#running.has(e.arn));
    if (pending.length) this.#opts.log.info(`Resuming ${pending.length} running execution(s)`);
    for (const record of pending) this.#run(record);
  }

  /** A copy of an execution's record, or undefined. */
  getExecution(arn: string): ExecutionRecord | undefined {
    const record = this.#executions.get(arn);
    return record ? { ...record } : undefined;
  }

  /** Copies of all execution records, newest first. */
  listExecutions(): ExecutionRecord[] {
    return this.#sorted([...this.#executions.values()]).map((r) => ({ ...r }));
  }

  /**
   * Resolves with the record once the execution is no longer RUNNING.
   * Rejects if it does not exist or is still running after `timeoutMs`.
   */
  async awaitExecution(arn: string, timeoutMs = 10_000): Promise<ExecutionRecord> {
    const settledRecord = (): ExecutionRecord | undefined => {
      const record = this.#executions.get(arn);
      if (!record) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      return record.status === 'RUNNING' ? undefined : { ...record };
    };
    const now = settledRecord();
    if (now) return now;
    return new Promise<ExecutionRecord>((resolve, reject) => {
      const onSettled = () => {
        clearTimeout(timer);
        resolve(settledRecord() as ExecutionRecord);
      };
      const timer = setTimeout(() => {
        this.#events.off(arn, onSettled);
        reject(new Error(`Execution ${arn} was still RUNNING after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#events.once(arn, onSettled);
    });
  }

  /**
   * Stops serving. Running executions are interrupted but stay RUNNING on
   * disk, so the next start resumes them.
   */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const running = [...this.#running.values()];
    for (const r of running) r.stop();
    await Promise.allSettled(running.map((r) => r.settled));
    await this.#writes;
    if (this.#server) await closeServer(this.#server);
  }

  // ---- state machines -----------------------------------------------------

  async #prepareMachines(): Promise<void> {
    const substitutions = lambdaSubstitutions(this.#opts.invoker.lambdas);
    const maxWait = this.#opts.maxWallClockWaitMs ?? DEFAULT_MAX_WALL_CLOCK_WAIT_MS;
    for (const spec of this.#opts.stateMachines) {
      const file = path.resolve(this.#opts.rootDir, spec.file);
      let definition: AslDefinition;
      try {
        definition = JSON.parse(fillPlaceholders(await readFile(file, 'utf8'), substitutions)) as AslDefinition;
      } catch (cause) {
        throw new Error(`State machine ${spec.id} (${spec.file}) could not be read: ${describeError(cause)}`, { cause });
      }
      const prepared = prepareDefinition(definition, {
        lambdaTimeoutSeconds: (id) => (this.#opts.invoker.has(id) ? this.#opts.invoker.timeoutSeconds(id) : undefined),
        waitTaskTimeoutSeconds: Math.ceil(maxWait / 1000) + 3600,
      });
      for (const note of prepared.notes) this.#opts.log.warn(`${spec.id}: ${note}`);
      for (const [state, binding] of prepared.tasks) {
        if (binding.kind === 'unsupported') this.#opts.log.warn(`${spec.id}: Task ${state} (${binding.resource}) is not supported locally and will fail`);
        if ((binding.kind === 'lambda' || binding.kind === 'lambda-invoke') && !this.#opts.invoker.has(binding.lambdaId)) {
          throw new Error(`State machine ${spec.id}: Task ${state} calls ${binding.lambdaId}, which is not in the catalogue`);
        }
      }
      let machine: StateMachine;
      try {
        machine = new StateMachine(prepared.definition as unknown as StateMachineDefinition);
      } catch (cause) {
        throw new Error(`State machine ${spec.id} (${spec.file}) is not valid ASL: ${describeError(cause)}`, { cause });
      }
      const arn = stateMachineArn(spec.id);
      this.#machines.set(arn, { spec, arn, machine, tasks: prepared.tasks, createdAt: new Date() });
    }
  }

  // ---- persistence --------------------------------------------------------

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const data = JSON.parse(text) as ExecutionsFile;
    for (const record of data.executions) this.#executions.set(record.arn, record);
  }

  /** Queues a write of the whole file (atomic: temp file, then rename). */
  #persist(): void {
    const data: ExecutionsFile = { version: 1, executions: [...this.#executions.values()] };
    const text = JSON.stringify(data, null, 2);
    this.#writes = this.#writes
      .then(async () => {
        await mkdir(path.dirname(this.#file), { recursive: true });
        const temp = `${this.#file}.${process.pid}.tmp`;
        await writeFile(temp, text);
        await rename(temp, this.#file);
      })
      .catch((error: unknown) => this.#opts.log.error(`Could not save executions: ${describeError(error)}`));
  }

  // ---- running ------------------------------------------------------------

  #run(record: ExecutionRecord): void {
    const prepared = this.#machines.get(record.stateMachine);
    if (!prepared) {
      this.#settle(record, { status: 'FAILED', error: 'States.Runtime', cause: 'The state machine no longer exists locally' });
      return;
    }
    const controller = new AbortController();
    const handlers = Object.fromEntries(
      [...prepared.tasks].map(([state, binding]) => [state, this.#taskHandler(binding, state, controller.signal)]),
    );
    const execution = prepared.machine.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: handlers },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: record.arn, Name: record.name, RoleArn: 'arn:aws:iam::000000000000:role/local' },
        StateMachine: { Id: prepared.arn, Name: prepared.spec.id },
      },
    });
    const label = `${prepared.spec.id}/${record.name}`;
    void this.#follow(label, execution.eventLogs);
    const settled = execution.result.then(
      (output) => {
        if (controller.signal.aborted) return;
        this.#settle(record, { status: 'SUCCEEDED', output: JSON.stringify(output) });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ExecutionTimeoutError) {
          this.#settle(record, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' });
          return;
        }
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        const name = cause instanceof Error ? cause.name : 'States.Runtime';
        const message = cause instanceof Error ? cause.message : String(cause);
        this.#opts.log.warn(`${label} failed: ${name}`);
        this.#settle(record, { status: 'FAILED', error: name, cause: message });
      },
    );
    this.#running.set(record.arn, {
      stop: () => {
        controller.abort();
        execution.abort();
      },
      settled,
    });
    void settled.finally(() => this.#running.delete(record.arn));
  }

  /** Logs state transitions by name (never their data) and drains the library's event queue. */
  async #follow(label: string, events: AsyncGenerator<{ type: string; state?: { name: string }; Error?: string }>): Promise<void> {
    try {
      for await (const event of events) {
        if (event.type === 'StateEntered' && event.state) this.#opts.log.info(`${label}: ${event.state.name}`);
        if (event.type === 'StateRetried' && event.state) this.#opts.log.warn(`${label}: retrying ${event.state.name}`);
        if (event.type === 'StateFailed' && event.state) this.#opts.log.warn(`${label}: ${event.state.name} failed (${event.Error ?? 'error'})`);
      }
    } catch (error) {
      this.#opts.log.warn(`${label}: event log ended: ${describeError(error)}`);
    }
  }

  #settle(record: ExecutionRecord, outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>): void {
    if (this.#stopping || record.status !== 'RUNNING') return;
    Object.assign(record, outcome, { stopDate: this.#opts.clock.now().toISOString() });
    this.#persist();
    this.#events.emit(record.arn);
  }

  #taskHandler(binding: TaskBinding, state: string, signal: AbortSignal): (input: unknown) => Promise<never> {
    const invoker = this.#opts.invoker;
    // The library's typings want JSONValue; our handlers speak unknown JSON.
    const cast = (fn: (input: unknown) => Promise<unknown>) => fn as (input: unknown) => Promise<never>;
    switch (binding.kind) {
      case 'lambda':
        return cast((input) => invokeAsStepFunctions(invoker, binding.lambdaId, input));
      case 'lambda-invoke':
        return cast(async (input) => {
          const payload = (input as { Payload?: unknown } | null)?.Payload ?? {};
          const result = await invokeAsStepFunctions(invoker, binding.lambdaId, payload);
          return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
        });
      case 'wait':
        return cast((input) => this.#wait(state, input as WaitParameters, signal));
      case 'unsupported':
        return cast(async () => {
          throw namedError('LocalRuntime.UnsupportedResource', `${binding.resource} is not available in the local runtime`);
        });
    }
  }

  /** A rewritten Wait: resolves with the state's input once the Clock reaches the target. */
  async #wait(state: string, params: WaitParameters, signal: AbortSignal): Promise<unknown> {
    const clock = this.#opts.clock;
    let target: number;
    if (params.seconds !== undefined) {
      if (!Number.isInteger(params.seconds) || params.seconds < 0) {
        throw namedError('States.Runtime', `${state}: Seconds must be a non-negative integer`);
      }
      target = clock.now().getTime() + params.seconds * 1000;
    } else {
      target = typeof params.timestamp === 'string' ? Date.parse(params.timestamp) : NaN;
      if (Number.isNaN(target)) throw namedError('States.Runtime', `${state}: Timestamp is not an ISO 8601 timestamp`);
    }
    const pollMs = this.#opts.waitPollMs ?? 200;
    const maxWall = this.#opts.maxWallClockWaitMs ?? DEFAULT_MAX_WALL_CLOCK_WAIT_MS;
    const wallStart = Date.now();
    while (clock.now().getTime() < target) {
      if (signal.aborted) throw namedError('LocalRuntime.Aborted', 'The execution was stopped');
      if (Date.now() - wallStart >= maxWall) {
        this.#opts.log.info(`${state}: waited ${Math.round(maxWall / 60000)} minutes of real time; passing through early`);
        break;
      }
      await sleep(pollMs, signal);
    }
    return params.input;
  }

  // ---- the AWS JSON 1.0 protocol -----------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw new SfnServiceError('UnknownOperationException', 'Only POST is supported', 404);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
      const body = await readJson(req);
      if (this.#stopping) throw new SfnServiceError('ServiceUnavailable', 'The local service is stopping', 503);
      let result: unknown;
      switch (operation) {
        case 'StartExecution':
          result = this.#startExecution(body);
          break;
        case 'DescribeExecution':
          result = this.#describeExecution(body);
          break;
        case 'StopExecution':
          result = this.#stopExecution(body);
          break;
        case 'ListExecutions':
          result = this.#listExecutions(body);
          break;
        case 'ListStateMachines':
          result = this.#listStateMachines();
          break;
        default:
          throw new SfnServiceError('UnknownOperationException', `Operation ${operation || '(none)'} is not supported locally`);
      }
      send(res, 200, result);
    } catch (error) {
      if (error instanceof SfnServiceError) {
        send(res, error.status, { __type: error.type, message: error.message }, error.type);
        return;
      }
      this.#opts.log.error(`Step Functions request failed: ${describeError(error)}`);
      send(res, 500, { __type: 'InternalServerError', message: 'Internal error' }, 'InternalServerError');
    }
  }

  #machineFor(arn: unknown): PreparedMachine {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new SfnServiceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const machine = this.#machines.get(arn);
    if (!machine) throw new SfnServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  #executionFor(arn: unknown): ExecutionRecord {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new SfnServiceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const record = this.#executions.get(arn);
    if (!record) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  #startExecution(body: Record<string, unknown>): unknown {
    const machine = this.#machineFor(body.stateMachineArn);
    const name = body.name === undefined ? randomUUID() : body.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 80 || INVALID_NAME.test(name)) {
      throw new SfnServiceError('InvalidName', `Invalid Name: '${String(name)}'`);
    }
    const input = body.input === undefined ? '{}' : body.input;
    if (typeof input !== 'string' || Buffer.byteLength(input) > MAX_INPUT_BYTES) {
      throw new SfnServiceError('InvalidExecutionInput', 'Invalid execution input');
    }
    let normalised: string;
    try {
      normalised = JSON.stringify(JSON.parse(input));
    } catch {
      throw new SfnServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not JSON');
    }
    const arn = executionArn(machine.spec.id, name);
    const existing = this.#executions.get(arn);
    if (existing) {
      // As in Standard workflows: a repeat while running with the same input is the same execution.
      if (existing.status === 'RUNNING' && JSON.stringify(JSON.parse(existing.input)) === normalised) {
        return { executionArn: arn, startDate: epochSeconds(existing.startDate) };
      }
      throw new SfnServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const record: ExecutionRecord = {
      name,
      arn,
      stateMachine: machine.arn,
      input,
      status: 'RUNNING',
      startDate: this.#opts.clock.now().toISOString(),
    };
    this.#executions.set(arn, record);
    this.#persist();
    this.#opts.log.info(`Started ${machine.spec.id}/${name}`);
    this.#run(record);
    return { executionArn: arn, startDate: epochSeconds(record.startDate) };
  }

  #describeExecution(body: Record<string, unknown>): unknown {
    const r = this.#executionFor(body.executionArn);
    return {
      executionArn: r.arn,
      stateMachineArn: r.stateMachine,
      name: r.name,
      status: r.status,
      startDate: epochSeconds(r.startDate),
      ...(r.stopDate ? { stopDate: epochSeconds(r.stopDate) } : {}),
      input: r.input,
      inputDetails: { included: true },
      ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.cause !== undefined ? { cause: r.cause } : {}),
    };
  }

  #stopExecution(body: Record<string, unknown>): unknown {
    const record = this.#executionFor(body.executionArn);
    if (record.status === 'RUNNING') {
      this.#running.get(record.arn)?.stop();
      const outcome: Pick<ExecutionRecord, 'status' | 'error' | 'cause'> = { status: 'ABORTED' };
      if (typeof body.error === 'string') outcome.error = body.error;
      if (typeof body.cause === 'string') outcome.cause = body.cause;
      this.#settle(record, outcome);
      this.#opts.log.info(`Stopped ${record.name}`);
    }
    return { stopDate: epochSeconds(record.stopDate ?? this.#opts.clock.now().toISOString()) };
  }

  #listExecutions(body: Record<string, unknown>): unknown {
    const machine = this.#machineFor(body.stateMachineArn);
    const filter = typeof body.statusFilter === 'string' ? body.statusFilter : undefined;
    const all = this.#sorted([...this.#executions.values()].filter((e) => e.stateMachine === machine.arn && (!filter || e.status === filter)));
    const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? Math.min(body.maxResults, 1000) : 100;
    const offset = typeof body.nextToken === 'string' ? Number(Buffer.from(body.nextToken, 'base64').toString('utf8')) || 0 : 0;
    const page = all.slice(offset, offset + max);
    return {
      executions: page.map((r) => ({
        executionArn: r.arn,
        stateMachineArn: r.stateMachine,
        name: r.name,
        status: r.status,
        startDate: epochSeconds(r.startDate),
        ...(r.stopDate ? { stopDate: epochSeconds(r.stopDate) } : {}),
      })),
      ...(offset + max < all.length ? { nextToken: Buffer.from(String(offset + max)).toString('base64') } : {}),
    };
  }

  #listStateMachines(): unknown {
    return {
      stateMachines: [...this.#machines.values()].map((m) => ({
        stateMachineArn: m.arn,
        name: m.spec.id,
        type: 'STANDARD',
        creationDate: m.createdAt.getTime() / 1000,
      })),
    };
  }

  /** Newest first; insertion order breaks ties (a FakeClock gives equal dates). */
  #sorted(records: ExecutionRecord[]): ExecutionRecord[] {
    const order = [...this.#executions.keys()];
    return records.sort((a, b) => b.startDate.localeCompare(a.startDate) || order.indexOf(b.arn) - order.indexOf(a.arn));
  }
}

interface WaitParameters {
  input: unknown;
  seconds?: number;
  timestamp?: string;
}

/**
 * Invokes a Lambda as Step Functions does: on failure the state sees the
 * handler's error name (so Retry/Catch on e.g. `TransientError` match) and
 * a Cause that is the JSON AWS Lambda reports.
 */
async function invokeAsStepFunctions(invoker: LambdaInvoker, lambdaId: string, input: unknown): Promise<unknown> {
  try {
    return await invoker.invoke(lambdaId, input);
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    throw namedError(name, JSON.stringify({ errorType: name, errorMessage: message }));
  }
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function epochSeconds(iso: string): number {
  return new Date(iso).getTime() / 1000;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1024 * 1024) throw new SfnServiceError('ValidationException', 'Request is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new SfnServiceError('SerializationException', 'The request body is not a JSON object');
  }
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

/**
 * Polls DescribeExecution through the real SDK until the execution is no
 * longer RUNNING; for tests that only know the endpoint (e2e).
 */
export async function waitForExecution(
  sfnEndpoint: string,
  executionArn: string,
  { timeoutMs = 10_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ status: string; output?: string; error?: string; cause?: string }> {
  const client = new SFNClient({ endpoint: sfnEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') {
        return { status: described.status ?? 'UNKNOWN', output: described.output, error: described.error, cause: described.cause };
      }
      if (Date.now() > deadline) throw new Error(`Execution ${executionArn} was still RUNNING after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    client.destroy();
  }
}
