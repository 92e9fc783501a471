import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import * as z from 'zod';
import { UnauthorizedError } from '../../functions/domain/errors.js';
import type { Clock } from '../../functions/ports/clock.js';
import type { Caller, TokenVerifier } from '../../functions/ports/identity.js';
import { readJsonIfExists, writeJsonAtomic } from './cognito/store.js';
import { readBody, type MountHandler } from './http-server.js';
import { describeError, type LocalLog } from './log.js';

/**
 * The local runtime's adjustable clock: real time × speed + offset.
 *
 * It exists only in `npm start` (and tests). The AWS build has no such
 * thing: Lambdas there read the system clock, and Step Functions waits on
 * real time. Locally the platform hands this clock to the Lambdas
 * (`context.localClock`), to the Wait states (which poll it) and to the
 * Cognito emulator, so speeding it up or moving it forward moves all of
 * them together.
 *
 * Rules:
 * - It never goes backwards: not on `advance` (negative steps are refused),
 *   not on a speed change (it re-anchors first), not if the machine's clock
 *   steps back, and not across a restart.
 * - Across a restart: `<dataDir>/clock.json` holds the local instant and the
 *   real instant at the last save. On start, local now = saved local + real
 *   time elapsed since then, i.e. **while stopped, time runs at speed 1**
 *   (as a deployed service's world keeps turning while it is down). So a
 *   case waiting on a deadline a week away is still waiting after a lunch
 *   break, and a deadline that passed in real time while stopped has passed.
 * - The speed is not kept: each start takes it from `--clock-speed` /
 *   `CLOCK_SPEED` (default 1). `--fresh` deletes the file: local time = real time.
 */

/** The file under dataDir that holds the clock's state. */
export const CLOCK_FILE = 'clock.json';
/** Where the admin-only control is served, on the web app's origin. */
export const CLOCK_PATH = '/local/clock';
/** Above this, local time would leave the range of a JavaScript Date within a human lifetime. */
export const MAX_CLOCK_SPEED = 10_000_000;
/** The longest single step of `advanceBy`. */
export const MAX_ADVANCE_DAYS = 3660;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A bad speed, step or clock file. The message says what to fix. */
export class ClockSettingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClockSettingError';
  }
}

interface ClockFile {
  version: 1;
  /** Local now at the last save (ISO 8601). */
  localNow: string;
  /** Real now at the last save (ISO 8601). */
  realNow: string;
  /** The speed then; informational only (see the module comment). */
  speed: number;
}

export interface AdjustableClockOptions {
  /** Local now when created. Default: real now. */
  start?: Date | string;
  /** Default 1. */
  speed?: number;
  /** The real-time source (ms since epoch). Default `Date.now`; tests inject their own and never sleep. */
  realNow?: () => number;
  /** Where {@link AdjustableClock.save} writes. Without it the clock is not persisted. */
  file?: string;
}

/** A Clock that runs at `speed` × real time and can be moved forward. Local runtime only. */
export class AdjustableClock implements Clock {
  readonly #realNow: () => number;
  readonly #file: string | undefined;
  #speed: number;
  /** Local ms at the anchor. */
  #anchorLocal: number;
  /** Real ms at the anchor. */
  #anchorReal: number;
  /** The latest instant handed out: now() never returns less. */
  #last = -Infinity;
  #writes: Promise<void> = Promise.resolve();
  #autosave: NodeJS.Timeout | undefined;
  #savedAt: { local: number; real: number; speed: number } | undefined;

  constructor(opts: AdjustableClockOptions = {}) {
    this.#realNow = opts.realNow ?? Date.now;
    this.#file = opts.file;
    this.#speed = assertSpeed(opts.speed ?? 1, 'speed');
    this.#anchorReal = this.#realNow();
    this.#anchorLocal = opts.start === undefined ? this.#anchorReal : new Date(opts.start).getTime();
    if (Number.isNaN(this.#anchorLocal)) throw new ClockSettingError(`The clock's start "${String(opts.start)}" is not a date`);
  }

  /**
   * The clock kept in `<dataDir>/clock.json`: resumed from the file if there
   * is one (local now = saved local + real time elapsed since the save, never
   * less than the saved local), else starting at real now. Saves at once.
   */
  static async open(opts: { dataDir: string; speed?: number; realNow?: () => number }): Promise<AdjustableClock> {
    const file = path.join(opts.dataDir, CLOCK_FILE);
    const realNow = opts.realNow ?? Date.now;
    let saved: ClockFile | undefined;
    try {
      saved = await readJsonIfExists<ClockFile>(file);
    } catch (cause) {
      throw new ClockSettingError(`${file} could not be read (${describeError(cause)}). Delete it, or start with --fresh.`, { cause });
    }
    let start: number | undefined;
    if (saved) {
      const local = Date.parse(saved.localNow);
      const real = Date.parse(saved.realNow);
      if (saved.version !== 1 || Number.isNaN(local) || Number.isNaN(real)) {
        throw new ClockSettingError(`${file} is not a saved local clock. Delete it, or start with --fresh.`);
      }
      // Speed 1 while stopped; a machine clock that went back counts as no time at all.
      start = local + Math.max(0, realNow() - real);
    }
    const clock = new AdjustableClock({ start: start === undefined ? undefined : new Date(start), speed: opts.speed, realNow, file });
    await clock.save();
    return clock;
  }

  now(): Date {
    const computed = this.#anchorLocal + (this.#realNow() - this.#anchorReal) * this.#speed;
    this.#last = Math.max(this.#last, computed);
    return new Date(this.#last);
  }

  get speed(): number {
    return this.#speed;
  }

  /** Runs the clock at `speed` × real time from now on (≥ 1, ≤ MAX_CLOCK_SPEED). Now does not jump. */
  setSpeed(speed: number): void {
    assertSpeed(speed, 'speed');
    this.#reanchor();
    this.#speed = speed;
  }

  /** Moves the clock forward by `ms` (≥ 0; time never goes backwards). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new ClockSettingError('The clock only moves forward: give a step of 0 or more');
    if (ms > MAX_ADVANCE_DAYS * DAY) throw new ClockSettingError(`Advance by at most ${MAX_ADVANCE_DAYS} days at a time`);
    this.#reanchor();
    this.#anchorLocal += ms;
  }

  /** `{ now, speed }` for the control and the start-up banner. */
  describe(): { now: string; speed: number } {
    return { now: this.now().toISOString(), speed: this.#speed };
  }

  /**
   * Writes the local and real instants (and the speed) to the clock file,
   * atomically. Writes are chained, so the last state wins. No-op without a file.
   */
  save(): Promise<void> {
    if (!this.#file) return Promise.resolve();
    const local = this.now().getTime();
    const real = this.#realNow();
    this.#savedAt = { local, real, speed: this.#speed };
    const data: ClockFile = { version: 1, localNow: new Date(local).toISOString(), realNow: new Date(real).toISOString(), speed: this.#speed };
    const file = this.#file;
    const next = this.#writes.then(() => writeJsonAtomic(file, data));
    this.#writes = next.catch(() => undefined);
    return next;
  }

  /**
   * Saves every `intervalMs` (real) while local time runs faster than real
   * time or was moved since the last save, so a killed process loses at
   * most that much of its lead. The timer does not keep Node alive.
   */
  startAutosave(intervalMs: number, log?: LocalLog): void {
    if (!this.#file || this.#autosave) return;
    this.#autosave = setInterval(() => {
      if (!this.#drifted()) return;
      this.save().catch((error: unknown) => log?.error(`Could not save the local clock: ${describeError(error)}`));
    }, intervalMs);
    this.#autosave.unref();
  }

  /** Stops the autosave and writes the state a last time. */
  async close(): Promise<void> {
    if (this.#autosave) clearInterval(this.#autosave);
    this.#autosave = undefined;
    await this.save();
  }

  /** Whether "saved local + real elapsed" would now be behind the clock. */
  #drifted(): boolean {
    if (!this.#savedAt) return true;
    const projected = this.#savedAt.local + (this.#realNow() - this.#savedAt.real);
    return this.now().getTime() > projected;
  }

  #reanchor(): void {
    this.#anchorLocal = this.now().getTime();
    this.#anchorReal = this.#realNow();
  }
}

function assertSpeed(speed: number, name: string, raw: unknown = speed): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 1 || speed > MAX_CLOCK_SPEED) {
    throw new ClockSettingError(`${name} must be a number from 1 (real time) to ${MAX_CLOCK_SPEED}, e.g. 86400 for a day a second; not "${String(raw)}"`);
  }
  return speed;
}

/**
 * Parses a clock speed given on the command line or in the environment
 * (`name` says which, for the message). Throws a ClockSettingError.
 */
export function parseClockSpeed(raw: string, name: string): number {
  const text = raw.trim();
  const speed = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  return assertSpeed(speed, name, raw);
}

/**
 * An ISO 8601 duration in days, hours and minutes (`P1D`, `PT6H`,
 * `P2DT12H30M`), in milliseconds. A day is 24 hours: the clock moves an
 * instant, not a calendar date. Anything else (years, months, weeks,
 * seconds, signs) is refused with a ClockSettingError.
 */
export function parseAdvanceDuration(text: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(text);
  const [, days, hours, minutes] = match ?? [];
  if (!match || (days ?? hours ?? minutes) === undefined || text.endsWith('T')) {
    throw new ClockSettingError(
      text.startsWith('-')
        ? 'The clock only moves forward: advanceBy cannot be negative'
        : 'advanceBy must be an ISO 8601 duration in days, hours and minutes, such as P1D, PT6H or P2DT30M',
    );
  }
  return Number(days ?? 0) * DAY + Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE;
}

const controlRequest = z.union([
  z.strictObject({ advanceBy: z.string().max(40) }),
  z.strictObject({ speed: z.number() }),
]);

const CONTROL_BODY_BYTES = 4096;
/** Only this staff role may move local time. */
const CONTROL_ROLE = 'business-manager';

export interface ClockControlOptions {
  /** The platform clock; without an AdjustableClock the control only reads the time. */
  clock: Clock;
  /** Verifies the staff pool's ID tokens (the platform gives it a CognitoTokenVerifier). */
  verifier: TokenVerifier;
  log: LocalLog;
}

/**
 * The admin-only clock control under {@link CLOCK_PATH}, local runtime only:
 *
 * - `GET /local/clock` → `{ now, speed }` (anyone: local time is no secret).
 * - `POST /local/clock` with `{ "advanceBy": "P1D" }` or `{ "speed": 86400 }`
 *   → `{ now, speed }`, for a signed-in business manager only
 *   (`Authorization: Bearer <ID token>`): 401 without a valid token, 403
 *   for other staff, 400 for a bad or backward step.
 *
 * Waiting executions notice the change on their next poll of the clock.
 */
export function clockControlHandler(opts: ClockControlOptions): MountHandler {
  return async (req, res, url, method) => {
    if (url.pathname !== CLOCK_PATH) {
      await drain(req);
      sendJson(res, 404, { message: 'Not found' });
      return;
    }
    const adjustable = opts.clock instanceof AdjustableClock ? opts.clock : undefined;
    const current = () => adjustable?.describe() ?? { now: opts.clock.now().toISOString(), speed: 1 };
    if (method === 'GET' || method === 'HEAD') {
      await drain(req);
      sendJson(res, 200, current(), {}, method);
      return;
    }
    if (method !== 'POST') {
      await drain(req);
      sendJson(res, 405, { message: 'Method not allowed' }, { allow: 'GET, HEAD, POST' });
      return;
    }
    const body = await readBody(req, CONTROL_BODY_BYTES);
    if (body === 'too-large') {
      sendJson(res, 413, { message: 'Request body is too large' }, { connection: 'close' });
      return;
    }

    // 1. who is asking 2. may they 3. what do they ask 4. move the clock
    const caller = await authenticate(req.headers.authorization, opts.verifier);
    if (!caller) {
      sendJson(res, 401, { message: 'Sign in as the business manager to change the local clock' }, { 'www-authenticate': 'Bearer' });
      return;
    }
    if (caller.pool !== 'staff' || !caller.roles.includes(CONTROL_ROLE)) {
      sendJson(res, 403, { message: 'Only the business manager can change the local clock' });
      return;
    }
    let parsed: z.infer<typeof controlRequest>;
    try {
      parsed = controlRequest.parse(JSON.parse(body.toString('utf8')));
    } catch {
      sendJson(res, 400, { message: 'Send JSON with either advanceBy (an ISO 8601 duration such as P1D or PT6H) or speed (a number, 1 or more)' });
      return;
    }
    if (!adjustable) {
      sendJson(res, 409, { message: 'This platform runs on a clock that cannot be changed' });
      return;
    }
    const before = adjustable.now().toISOString();
    try {
      if ('advanceBy' in parsed) adjustable.advance(parseAdvanceDuration(parsed.advanceBy));
      else adjustable.setSpeed(parsed.speed);
    } catch (error) {
      if (!(error instanceof ClockSettingError)) throw error;
      sendJson(res, 400, { message: error.message });
      return;
    }
    const after = adjustable.describe();
    // Who moved time, never their token.
    const change = 'advanceBy' in parsed ? `advanced by ${parsed.advanceBy}` : `set to speed ${after.speed}`;
    opts.log.warn(`Local clock ${change} by ${caller.email} (${caller.userId}): ${before} → ${after.now}`);
    await adjustable.save();
    sendJson(res, 200, after);
  };
}

/** The caller of a `Bearer` ID token, or undefined when there is none or it does not verify. */
async function authenticate(header: string | undefined, verifier: TokenVerifier): Promise<Caller | undefined> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  try {
    return await verifier.verify(match[1]);
  } catch (error) {
    // Every bad token is an UnauthorizedError; why is not the caller's business.
    if (error instanceof UnauthorizedError) return undefined;
    throw error;
  }
}

async function drain(req: IncomingMessage): Promise<void> {
  await readBody(req, CONTROL_BODY_BYTES);
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}, method = 'POST'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(method === 'HEAD' ? undefined : text);
}
