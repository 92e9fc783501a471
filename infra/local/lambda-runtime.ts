import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { LambdaSpec } from '../catalogue.js';
import type { Clock } from '../../functions/ports/clock.js';
import { lambdaArn } from './arns.js';
import { describeError, type LocalLog } from './log.js';

/**
 * The Lambda context the local runtime passes to every handler.
 *
 * Contract with `functions/middleware` (the dependencies factory):
 * - `localEnv` is the Lambda environment of the platform that made the
 *   call. Handlers must prefer it over `process.env` when present, because
 *   two platforms can run in one test process and `process.env` can only
 *   hold one of them (the last one started, see `startLocalPlatform`).
 * - `localClock` is the platform's Clock (a FakeClock in tests, the system
 *   clock under `npm start`). Handlers should prefer it over `systemClock`
 *   when present, so that deadlines computed by handlers agree with the
 *   clock that drives the workflows' Wait states.
 * Neither is set in AWS.
 */
export interface LocalLambdaContext extends Context {
  localEnv: Readonly<Record<string, string>>;
  localClock: Clock;
  /** Wall-clock security limits (token expiry, idle sessions): real time under an accelerated clock. */
  localSecurityClock: Clock;
}

/** A Lambda handler as exported by `functions/handlers/<id>.ts`. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The Lambda timed out; Step Functions sees this error name from AWS Lambda too. */
export class LambdaTimeoutError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Sandbox.Timedout';
  }
}

/** The handler module could not be loaded or does not export `handler`. */
export class HandlerNotFoundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandlerNotFoundError';
  }
}

/**
 * Without a timeout in the catalogue a local Lambda gets this many seconds.
 * Generous on purpose: a first import compiles TypeScript on the fly.
 */
const DEFAULT_TIMEOUT_SECONDS = 30;

export interface LambdaInvokerOptions {
  rootDir: string;
  lambdas: readonly LambdaSpec[];
  /** The Lambda environment. Filled in by the platform before the first call. */
  env: Readonly<Record<string, string>>;
  clock: Clock;
  /** Token expiry and idle sessions; defaults to `clock`. */
  securityClock?: Clock;
  log: LocalLog;
}

/**
 * Runs the handlers in-process, as Lambda would: one event, a fresh
 * context, the function's timeout, and JSON in and out (so a handler cannot
 * hand back a live object that would not survive Lambda's serialisation).
 */
export class LambdaInvoker {
  readonly #opts: LambdaInvokerOptions;
  readonly #specs: Map<string, LambdaSpec>;

  constructor(opts: LambdaInvokerOptions) {
    this.#opts = opts;
    this.#specs = new Map(opts.lambdas.map((l) => [l.id, l]));
  }

  /** The specs this invoker knows. */
  get lambdas(): readonly LambdaSpec[] {
    return this.#opts.lambdas;
  }

  has(id: string): boolean {
    return this.#specs.has(id);
  }

  spec(id: string): LambdaSpec {
    const spec = this.#specs.get(id);
    if (!spec) throw new HandlerNotFoundError(`No Lambda with id ${id} in the catalogue`);
    return spec;
  }

  /** Timeout of a function in seconds, as the local runtime enforces it. */
  timeoutSeconds(id: string): number {
    return this.spec(id).timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  }

  /**
   * Invokes function `id` with `event`. Rejects with the handler's own error
   * (its `name` intact, so ASL Retry/Catch match as in AWS) or with a
   * {@link LambdaTimeoutError}.
   */
  async invoke(id: string, event: unknown): Promise<unknown> {
    const spec = this.spec(id);
    const handler = await this.#load(spec);
    const timeoutMs = this.timeoutSeconds(id) * 1000;
    const deadline = Date.now() + timeoutMs;
    const context = this.#context(spec, deadline);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LambdaTimeoutError(`${id} timed out after ${timeoutMs / 1000} seconds`)),
        timeoutMs,
      );
    });
    try {
      // JSON round trips mimic Lambda's serialisation on both sides.
      const result = await Promise.race([handler(roundTrip(event), context), timeout]);
      return roundTrip(result);
    } finally {
      clearTimeout(timer);
    }
  }

  async #load(spec: LambdaSpec): Promise<LambdaHandler> {
    const file = path.resolve(this.#opts.rootDir, spec.entry);
    let mod: { handler?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    } catch (cause) {
      this.#opts.log.error(`Could not load the handler of ${spec.id} (${spec.entry}): ${describeError(cause)}`);
      throw new HandlerNotFoundError(`Could not load ${spec.entry}`, { cause });
    }
    if (typeof mod.handler !== 'function') {
      throw new HandlerNotFoundError(`${spec.entry} does not export a handler function`);
    }
    return mod.handler as LambdaHandler;
  }

  #context(spec: LambdaSpec, deadline: number): LocalLambdaContext {
    const requestId = randomUUID();
    const unsupported = () => {
      throw new Error('Callback-style completion is not supported; return a promise');
    };
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: spec.id,
      functionVersion: '$LATEST',
      invokedFunctionArn: lambdaArn(spec.id),
      memoryLimitInMB: String(spec.memoryMb ?? 1024),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${spec.id}`,
      logStreamName: `local/${requestId}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: unsupported,
      fail: unsupported,
      succeed: unsupported,
      localEnv: this.#opts.env,
      localClock: this.#opts.clock,
      localSecurityClock: this.#opts.securityClock ?? this.#opts.clock,
    };
  }
}

function roundTrip(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
