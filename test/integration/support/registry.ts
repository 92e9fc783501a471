import type { Context } from 'aws-lambda';

/**
 * What the fake handlers saw, per platform. The platform imports the
 * handlers itself, so tests and handlers may not share a module instance;
 * globalThis they always share. Keyed by the platform's APP_BASE_URL, taken
 * from `context.localEnv`, which also proves each invocation got its own
 * platform's env.
 */
export interface RecordedCall {
  fn: string;
  event: unknown;
  requestId: string;
  remainingMs: number;
  env: Readonly<Record<string, string>>;
  clockNow: string | undefined;
}

type LocalContext = Context & { localEnv?: Readonly<Record<string, string>>; localClock?: { now(): Date } };

const store: Map<string, RecordedCall[]> = ((globalThis as { __localRuntimeCalls?: Map<string, RecordedCall[]> }).__localRuntimeCalls ??=
  new Map<string, RecordedCall[]>());

/** Records one invocation; returns the calls so far for that platform. */
export function recordCall(fn: string, event: unknown, context: Context): RecordedCall[] {
  const local = context as LocalContext;
  const env = local.localEnv ?? {};
  const key = env.APP_BASE_URL ?? 'unknown';
  const list = store.get(key) ?? [];
  store.set(key, list);
  list.push({
    fn,
    event,
    requestId: context.awsRequestId,
    remainingMs: context.getRemainingTimeInMillis(),
    env,
    clockNow: local.localClock?.now().toISOString(),
  });
  return list;
}

/** The calls recorded for the platform serving `appUrl`. */
export function callsFor(appUrl: string, fn?: string): RecordedCall[] {
  const list = store.get(appUrl) ?? [];
  return fn ? list.filter((c) => c.fn === fn) : [...list];
}
