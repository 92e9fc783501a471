import type { FieldError } from '../../../functions/schemas/errors.js';
import { referralCreatedSchema, type Referral, type ReferralCreated } from '../../../functions/schemas/referral.js';

/** What happened to one attempt to send the referral. */
export type SubmitOutcome =
  | { kind: 'created'; created: ReferralCreated }
  /** 400: the server's schema found problems (same wording as the form's). */
  | { kind: 'invalid'; message: string; errors: FieldError[] }
  /** 409: this draft's key was already used for different answers. */
  | { kind: 'conflict'; message: string }
  /** 413, 415, 429, 5xx, an unexpected answer, or no answer at all. */
  | { kind: 'unavailable'; status?: number; message?: string };

function isFieldError(value: unknown): value is FieldError {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.href === 'string' && typeof v.text === 'string';
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Sends the referral to `POST /api/referrals`. The idempotency key belongs
 * to the draft: sending the same answers again (after a timeout or a lost
 * connection) returns the same reference instead of a second referral.
 */
export async function submitReferral(referral: Referral, idempotencyKey: string): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/referrals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(referral),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'unavailable' };
  }

  const body = await readJson(response);
  const message = typeof body.message === 'string' ? body.message : undefined;

  if (response.status === 200 || response.status === 201) {
    const created = referralCreatedSchema.safeParse(body);
    return created.success ? { kind: 'created', created: created.data } : { kind: 'unavailable', status: response.status };
  }
  if (response.status === 400) {
    const errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
    if (errors.length) return { kind: 'invalid', message: message ?? 'There is a problem', errors };
  }
  if (response.status === 409) {
    return { kind: 'conflict', message: message ?? 'This referral was already sent with different answers' };
  }
  // Only statuses below 500 carry a message meant for people.
  return { kind: 'unavailable', status: response.status, message: response.status < 500 ? message : undefined };
}
