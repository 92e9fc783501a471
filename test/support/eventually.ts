/**
 * The one way a test waits for something asynchronous: poll a condition
 * until it holds, never sleep a fixed time. Shared by the integration and
 * end-to-end suites.
 *
 * The default timeout is generous on purpose: DynamoDB Local is a JVM that
 * runs much slower while it compiles hot paths, and on a busy 2-core machine
 * a step that takes 200 ms on a quiet one can take several seconds. A
 * passing test never waits for the timeout, so a long one costs nothing
 * until something is really wrong. `TEST_WAIT_SCALE` multiplies every
 * timeout (e.g. 2 on a very slow machine).
 */

export interface WaitOptions {
  /** Give up after this long (default {@link DEFAULT_WAIT_MS}), multiplied by `TEST_WAIT_SCALE`. */
  timeoutMs?: number;
  /** Pause between two checks (default 50 ms). */
  intervalMs?: number;
}

const scale = (() => {
  const n = Number(process.env.TEST_WAIT_SCALE ?? 1);
  return Number.isFinite(n) && n > 0 ? n : 1;
})();

/** How long a wait lasts unless told otherwise. */
export const DEFAULT_WAIT_MS = 45_000;

/** A timeout in milliseconds, scaled for the machine (`TEST_WAIT_SCALE`). */
export const waitMs = (ms: number): number => Math.round(ms * scale);

const preview = (value: unknown): string => {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 1000);
  } catch {
    return String(value);
  }
};

/**
 * Calls `fn` until `ok` accepts its result, and returns that result. On
 * timeout it fails naming `what` and showing the last result; an error
 * thrown by `fn` or `ok` fails at once (it is a bug, not a wait).
 */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  options: WaitOptions | number = {},
): Promise<T> {
  const { timeoutMs = DEFAULT_WAIT_MS, intervalMs = 50 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const limit = waitMs(timeoutMs);
  const deadline = Date.now() + limit;
  for (;;) {
    const value = await fn();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${limit} ms waiting for ${what}; last: ${preview(value)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * `eventually` for a check that returns its answer or nothing: waits until
 * `check` returns a value other than `undefined` or `false`, and returns it.
 */
export function waitUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what = 'the condition',
  options: WaitOptions | number = {},
): Promise<T> {
  return eventually(check, (v) => v !== undefined && v !== false, what, options) as Promise<T>;
}
