import type { Context } from 'aws-lambda';
import { recordCall } from './registry.js';

class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Test-only workflow task: records the call; `{ fail: true }` in the input throws PermanentError. */
export async function handler(event: { step?: string; input?: { fail?: boolean } }, context: Context): Promise<unknown> {
  recordCall('test-task', event, context);
  if (event.input?.fail) throw new PermanentError('asked to fail');
  return { step: event.step, ok: true };
}
