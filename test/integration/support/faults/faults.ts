import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';
import { dependencies } from '../../../../functions/middleware/dependencies.js';
import type { NotificationRecord } from '../../../../functions/domain/case/case.js';
import type { OutgoingEmail } from '../../../../functions/ports/mailer.js';

/**
 * Fault injection for the crash-safety test (issue 12): kills "the process"
 * at one step of one email's send. The email senders (case-stream,
 * workflow-notify, workflow-check-deadlines) are replaced by wrappers (the
 * other files in this folder) that run the real handler with a store and
 * mailer that, once the armed fault fires, behave as a dead process: a
 * workflow task never returns (the execution stays RUNNING, as after a kill),
 * a stream batch fails (its records are not checkpointed), and nothing more
 * is written or sent. The test then stops the platform and starts it again
 * on the same data, as a person would after a crash.
 *
 * State lives on globalThis: the platform imports the handlers itself, so
 * the test and the handlers may not share module instances.
 */
export type FaultPoint = 'after-claim' | 'after-ses-accepted' | 'before-record';

export interface Fault {
  point: FaultPoint;
  /** The case; any case when left out. */
  reference?: string;
  /** The email: notification kind (prefix, e.g. `alert:`) and recipient role. */
  kind: string;
  recipientRole: string;
}

interface FaultState {
  armed?: Fault;
  fired: boolean;
  dead: boolean;
  /**
   * Which "process" is alive: bumped by {@link restarted} at each restart. An
   * invocation begun in an earlier one belongs to a killed process and stays
   * dead for good (it never sends, writes or fires a fault again), however
   * late its in-flight calls return.
   */
  generation: number;
  /** SES refusing: sends to `to` throw `errorName` (throttled, or failing) `times` more times. */
  failing?: { to: string; times: number; errorName: string; seen: number };
}

interface Invocation {
  kind: 'workflow' | 'stream';
  /** The process generation the invocation began in. */
  generation: number;
}

const g = globalThis as { __scrFaults?: FaultState; __scrFaultScope?: AsyncLocalStorage<Invocation> };
export const faults: FaultState = (g.__scrFaults ??= { fired: false, dead: false, generation: 0 });
const scope = (g.__scrFaultScope ??= new AsyncLocalStorage<Invocation>());

/** The current invocation is of a dead process: the fault fired in it, or it began before the last restart. */
function isDead(): boolean {
  const invocation = scope.getStore();
  return invocation !== undefined && (faults.dead || invocation.generation !== faults.generation);
}

export function arm(fault: Fault): void {
  Object.assign(faults, { armed: fault, fired: false, dead: false });
}

/** Nothing armed, nobody dead, SES healthy. */
export function disarm(): void {
  Object.assign(faults, { armed: undefined, fired: false, dead: false, failing: undefined });
}

/**
 * The platform was stopped and started again: nothing armed, and the new
 * process is alive while every invocation of an earlier one stays dead for
 * good (a killed process never resumes, however late its calls return).
 */
export function restarted(): void {
  disarm();
  faults.generation++;
}

/** SES refuses the next `times` sends to `to` (Infinity: until disarmed) with an error named `errorName`. */
export function failSends(to: string, times: number, errorName = 'ThrottlingException'): void {
  faults.failing = { to: to.toLowerCase(), times, errorName, seen: 0 };
}

class SesRefused extends Error {
  constructor(name: string) {
    super('SES refused the email (fault injection)');
    this.name = name;
  }
}

const matches = (r: { reference: string; kind: string; recipientRole: string }) =>
  faults.armed !== undefined &&
  !faults.fired &&
  (faults.armed.reference === undefined || r.reference === faults.armed.reference) &&
  r.kind.startsWith(faults.armed.kind) &&
  r.recipientRole === faults.armed.recipientRole;

class Killed extends Error {
  constructor() {
    super('The process was killed (fault injection)');
    this.name = 'Killed';
  }
}

/** What a call made after the kill does: a workflow task hangs for ever, a stream batch fails. */
function dead(): Promise<never> {
  if (scope.getStore()?.kind === 'stream') return Promise.reject(new Killed());
  return new Promise<never>(() => {});
}

function fire(): Promise<never> {
  faults.fired = true;
  faults.dead = true;
  return dead();
}

const patched = new WeakSet<object>();

/** Wraps a real email-sending handler so the armed fault can kill it. */
export function faulty<E, R>(real: (event: E, context: Context) => Promise<R>, kind: 'workflow' | 'stream') {
  return (event: E, context: Context): Promise<R> => {
    const deps = dependencies(context);
    if (!patched.has(deps)) {
      patched.add(deps);
      const store = deps.store;
      const mailer = deps.mailer;
      deps.store = new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const inScope = scope.getStore() !== undefined;
            if (isDead()) return dead();
            if (inScope && prop === 'recordNotificationSent' && faults.armed?.point === 'before-record' && matches(args[0] as NotificationRecord)) return fire();
            const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
            // A call in flight when the process died returns into a dead process.
            if (isDead()) return dead();
            if (
              inScope &&
              prop === 'claimNotification' &&
              faults.armed?.point === 'after-claim' &&
              (result as { claimed?: boolean }).claimed &&
              matches(args[0] as NotificationRecord)
            ) {
              return fire();
            }
            return result;
          };
        },
      });
      deps.mailer = {
        async send(email: OutgoingEmail) {
          const inScope = scope.getStore() !== undefined;
          if (isDead()) return dead();
          const failing = faults.failing;
          if (inScope && failing && failing.times > 0 && email.to.some((t) => t.toLowerCase() === failing.to)) {
            failing.times--;
            failing.seen++;
            throw new SesRefused(failing.errorName);
          }
          const sent = await mailer.send(email);
          if (isDead()) return dead();
          const tags = email.tags;
          const key = { reference: tags.reference ?? '', kind: tags.notification ?? '', recipientRole: tags.recipientRole ?? '' };
          // Alerts are tagged by alert kind and deadline: match them by recipient address.
          if (tags.deadline) Object.assign(key, { kind: `alert:${tags.deadline}`, recipientRole: `to:${email.to[0]?.toLowerCase()}` });
          if (inScope && faults.armed?.point === 'after-ses-accepted' && matches(key)) return fire();
          return sent;
        },
      };
    }
    return scope.run({ kind, generation: faults.generation }, () => real(event, context));
  };
}
