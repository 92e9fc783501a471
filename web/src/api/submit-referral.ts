import type { FieldError } from '../../../functions/schemas/errors.js';
import { referralCreatedSchema, type Referral, type ReferralCreated } from '../../../functions/schemas/referral.js';
import { endSession, freshIdToken, markServerContact } from '../auth/session.js';
import { isFieldError, readJson } from './client.js';

/** What happened to one attempt to send the referral. */
export type SubmitOutcome =
  | { kind: 'created'; created: ReferralCreated }
  /** 400: the server's schema found problems (same wording as the form's). */
  | { kind: 'invalid'; message: string; errors: FieldError[] }
  /** 409: this draft's key was already used for different answers. */
  | { kind: 'conflict'; message: string }
  /** No referrer session, or the API said 401: the email must be confirmed (again). */
  | { kind: 'signed-out' }
  /** 413, 415, 429, 5xx, an unexpected answer, or no answer at all. */
  | { kind: 'unavailable'; status?: number; message?: string }
  /** 503: busy or briefly unreachable; nothing was lost and the same request may be sent again shortly. */
  | { kind: 'busy'; retryAfterSeconds?: number };

/**
 * Sends the referral to `POST /api/referrals` as the signed-in referrer
 * (their ID token proves the email on the referral is theirs). The
 * idempotency key belongs to the draft: sending the same answers again
 * (after a timeout or a lost connection) returns the same reference
 * instead of a second referral.
 */
export async function submitReferral(referral: Referral, idempotencyKey: string): Promise<SubmitOutcome> {
  const token = await freshIdToken('referrer');
  if (!token) return { kind: 'signed-out' };
  let response: Response;
  try {
    response = await fetch('/api/referrals', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': idempotencyKey,
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(referral),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'unavailable' };
  }
  markServerContact();

  const body = await readJson(response);
  const message = typeof body.message === 'string' ? body.message : undefined;

  if (response.status === 200 || response.status === 201) {
    const created = referralCreatedSchema.safeParse(body);
    return created.success ? { kind: 'created', created: created.data } : { kind: 'unavailable', status: response.status };
  }
  if (response.status === 401) {
    // Goes to "Confirm your email address" saying so; the draft stays.
    endSession('referrer', 'expired');
    return { kind: 'signed-out' };
  }
  if (response.status === 400) {
    const errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
    if (errors.length) return { kind: 'invalid', message: message ?? 'There is a problem', errors };
  }
  if (response.status === 409) {
    return { kind: 'conflict', message: message ?? 'This referral was already sent with different answers' };
  }
  if (response.status === 503) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    return { kind: 'busy', ...(Number.isInteger(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  }
  // Only statuses below 500 carry a message meant for people.
  return { kind: 'unavailable', status: response.status, message: response.status < 500 ? message : undefined };
}
