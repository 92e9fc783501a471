import { lambdaArn, lambdaIdFromArn } from './arns.js';

/**
 * Turning an ASL file into what the local interpreter runs: placeholders
 * filled as CDK's `definitionSubstitutions` would, Wait states handed to the
 * local runtime's clock, and every Task bound to an in-process handler.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type AslState = { Type: string; [key: string]: Json | undefined };
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [key: string]: Json | Record<string, AslState> | undefined;
}

/** Replaces every `${Name}` in the ASL text; an unknown name is an error, as in CDK. */
export function fillPlaceholders(text: string, substitutions: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`ASL placeholder ${whole} has no value (known: ${Object.keys(substitutions).join(', ') || 'none'})`);
    return value;
  });
}

/** The substitutions for catalogue Lambdas: `aslPlaceholder` → local Lambda ARN. */
export function lambdaSubstitutions(lambdas: readonly { id: string; aslPlaceholder?: string }[]): Record<string, string> {
  return Object.fromEntries(lambdas.filter((l) => l.aslPlaceholder).map((l) => [l.aslPlaceholder as string, lambdaArn(l.id)]));
}

/** What a rewritten Wait state computes its target instant from. */
export type WaitSpec = { kind: 'seconds' } | { kind: 'timestamp' };

/** How a Task state is served locally. */
export type TaskBinding =
  | { kind: 'lambda'; lambdaId: string }
  | { kind: 'lambda-invoke'; lambdaId: string }
  | { kind: 'wait'; spec: WaitSpec }
  | { kind: 'unsupported'; resource: string };

/** Resource given to rewritten Wait states; served in-process, never called. */
export const LOCAL_WAIT_RESOURCE = lambdaArn('local-runtime-wait');

/** Largest timeout Node's setTimeout holds (about 24.8 days) before firing at once. */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export interface PrepareOptions {
  /** Lambda timeout per function id, for Tasks that set no TimeoutSeconds. */
  lambdaTimeoutSeconds: (lambdaId: string) => number | undefined;
  /** TimeoutSeconds of a rewritten Wait: longer than the longest wall-clock wait. */
  waitTaskTimeoutSeconds: number;
}

export interface PreparedDefinition {
  definition: AslDefinition;
  /** Binding per state name (names are unique across a whole state machine). */
  tasks: Map<string, TaskBinding>;
  /** Notes for the log, e.g. a timeout that was dropped. */
  notes: string[];
}

/**
 * Rewrites a definition (already free of placeholders) for the local
 * interpreter. Works on a copy.
 *
 * - Wait → Task with Resource {@link LOCAL_WAIT_RESOURCE}, whose Parameters
 *   carry the effective input and the Seconds/Timestamp (or their paths,
 *   resolved by the interpreter's own JSONPath) so the local handler can
 *   wait on the platform Clock and hand the input back unchanged. InputPath,
 *   OutputPath, Next and End keep their meaning.
 * - Task without TimeoutSeconds: the interpreter would stop it after 60 s;
 *   AWS lets a Lambda run to its own timeout, so the Lambda's timeout (plus
 *   a margin) is set instead.
 * - Timeouts beyond what setTimeout can hold are capped (Tasks) or dropped
 *   (the whole machine), because they would otherwise fire at once.
 */
export function prepareDefinition(source: AslDefinition, opts: PrepareOptions): PreparedDefinition {
  const definition = structuredClone(source);
  const tasks = new Map<string, TaskBinding>();
  const notes: string[] = [];
  if (definition.TimeoutSeconds !== undefined && definition.TimeoutSeconds > MAX_TIMER_SECONDS) {
    notes.push(`state machine TimeoutSeconds ${definition.TimeoutSeconds} is beyond the local timer range and is not enforced locally`);
    delete definition.TimeoutSeconds;
  }
  rewriteStates(definition.States, tasks, notes, opts);
  return { definition, tasks, notes };
}

function rewriteStates(
  states: Record<string, AslState>,
  tasks: Map<string, TaskBinding>,
  notes: string[],
  opts: PrepareOptions,
  seen = new Set<string>(),
): void {
  for (const [name, state] of Object.entries(states)) {
    // Local handlers are keyed by state name, so a repeated name would be ambiguous.
    if (seen.has(name)) throw new Error(`State name ${name} is used twice; ASL requires unique state names`);
    seen.add(name);
    if (state.Type === 'Wait') {
      states[name] = rewriteWait(state);
      tasks.set(name, { kind: 'wait', spec: { kind: state.Seconds !== undefined || state.SecondsPath !== undefined ? 'seconds' : 'timestamp' } });
      (states[name] as AslState).TimeoutSeconds = opts.waitTaskTimeoutSeconds;
      continue;
    }
    if (state.Type === 'Task') {
      const binding = bindTask(state);
      tasks.set(name, binding);
      const lambdaId = binding.kind === 'lambda' || binding.kind === 'lambda-invoke' ? binding.lambdaId : undefined;
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        const lambdaTimeout = lambdaId ? opts.lambdaTimeoutSeconds(lambdaId) : undefined;
        state.TimeoutSeconds = (lambdaTimeout ?? 60) + 5;
      } else if (typeof state.TimeoutSeconds === 'number' && state.TimeoutSeconds > MAX_TIMER_SECONDS) {
        notes.push(`${name}: TimeoutSeconds capped at ${MAX_TIMER_SECONDS} locally`);
        state.TimeoutSeconds = MAX_TIMER_SECONDS;
      }
      continue;
    }
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      for (const branch of state.Branches as unknown as AslDefinition[]) rewriteStates(branch.States, tasks, notes, opts, seen);
      continue;
    }
    if (state.Type === 'Map') {
      const processor = (state.ItemProcessor ?? state.Iterator) as unknown as AslDefinition | undefined;
      if (processor) rewriteStates(processor.States, tasks, notes, opts, seen);
      continue;
    }
  }
}

function rewriteWait(wait: AslState): AslState {
  const parameters: Record<string, Json> = { 'input.$': '$' };
  if (wait.Seconds !== undefined) parameters.seconds = wait.Seconds;
  else if (wait.SecondsPath !== undefined) parameters['seconds.$'] = wait.SecondsPath;
  else if (wait.Timestamp !== undefined) parameters.timestamp = wait.Timestamp;
  else if (wait.TimestampPath !== undefined) parameters['timestamp.$'] = wait.TimestampPath;
  else throw new Error('A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath');
  const task: AslState = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, Parameters: parameters };
  for (const key of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End'] as const) {
    if (wait[key] !== undefined) task[key] = wait[key];
  }
  return task;
}

function bindTask(task: AslState): TaskBinding {
  const resource = typeof task.Resource === 'string' ? task.Resource : '';
  const direct = lambdaIdFromArn(resource);
  if (direct) return { kind: 'lambda', lambdaId: direct };
  if (resource === 'arn:aws:states:::lambda:invoke') {
    const params = task.Parameters;
    const fn = params && typeof params === 'object' && !Array.isArray(params) ? params.FunctionName : undefined;
    const id = typeof fn === 'string' ? lambdaIdFromArn(fn) : undefined;
    if (id) return { kind: 'lambda-invoke', lambdaId: id };
  }
  return { kind: 'unsupported', resource };
}
