import { useCallback, useEffect, useState } from 'react';
import type * as z from 'zod';
import type { FieldError } from '../../../functions/schemas/errors.js';
import { endSession, freshIdToken, markServerContact, type Pool } from '../auth/session.js';

/** What one signed-in API call came to. A 401 has already ended the session and moved on. */
export type ApiResult<T> =
  | { kind: 'ok'; data: T }
  /** 400 with field errors, in GOV.UK wording. */
  | { kind: 'invalid'; message: string; errors: FieldError[] }
  /** 404, which is also the answer for a case you are not on. */
  | { kind: 'not-found' }
  | { kind: 'forbidden'; message?: string }
  | { kind: 'conflict'; message?: string }
  | { kind: 'signed-out' }
  /** 5xx, another 4xx, an unexpected body, or no answer at all. */
  | { kind: 'unavailable'; status?: number; message?: string };

export function isFieldError(value: unknown): value is FieldError {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.href === 'string' && typeof v.text === 'string';
}

export async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Parses a 2xx body; a body that does not fit is 'unavailable'. */
  schema?: z.ZodType<T>;
  /** Extra request headers (an emailed link's X-Action-Token). */
  headers?: Record<string, string>;
}

/** Sends one request with `Authorization: Bearer <ID token>` and returns the raw response, or an outcome when there is none to read. */
async function send(pool: Pool, path: string, init: RequestInit): Promise<Response | Exclude<ApiResult<never>, { kind: 'ok' }>> {
  const token = await freshIdToken(pool);
  if (!token) return { kind: 'signed-out' };
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { kind: 'unavailable' };
  }
  markServerContact();
  if (response.status === 401) {
    endSession(pool, 'expired');
    return { kind: 'signed-out' };
  }
  return response;
}

/** Calls the signed-in API as the pool's signed-in person. */
export async function apiRequest<T = unknown>(pool: Pool, path: string, options: RequestOptions<T> = {}): Promise<ApiResult<T>> {
  const { method = 'GET', body, schema } = options;
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const sent = await send(pool, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!(sent instanceof Response)) return sent;
  const response = sent;
  const json = await readJson(response);
  const message = typeof json.message === 'string' ? json.message : undefined;
  if (response.ok) {
    if (!schema) return { kind: 'ok', data: json as T };
    const parsed = schema.safeParse(json);
    return parsed.success ? { kind: 'ok', data: parsed.data } : { kind: 'unavailable', status: response.status };
  }
  if (response.status === 400) {
    const errors = Array.isArray(json.errors) ? json.errors.filter(isFieldError) : [];
    if (errors.length) return { kind: 'invalid', message: message ?? 'There is a problem', errors };
  }
  if (response.status === 404) return { kind: 'not-found' };
  if (response.status === 403) return { kind: 'forbidden', message };
  if (response.status === 409) return { kind: 'conflict', message };
  return { kind: 'unavailable', status: response.status, message: response.status < 500 ? message : undefined };
}

/** Fetches a file with the bearer token (a plain link cannot carry it). */
export async function apiDownload(pool: Pool, path: string): Promise<{ kind: 'ok'; blob: Blob } | Exclude<ApiResult<never>, { kind: 'ok' }>> {
  const sent = await send(pool, path, { method: 'GET', headers: { Accept: 'text/csv' } });
  if (!(sent instanceof Response)) return sent;
  if (sent.status === 404) return { kind: 'not-found' };
  if (sent.status === 403) return { kind: 'forbidden' };
  if (!sent.ok) return { kind: 'unavailable', status: sent.status };
  return { kind: 'ok', blob: await sent.blob() };
}

/** Saves a blob under a file name, through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before revoking.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type LoadState<T> = { kind: 'loading' } | ApiResult<T>;

/** GETs a resource when the component mounts; `reload` fetches it again. */
export function useApiGet<T>(pool: Pool, path: string | null, schema: z.ZodType<T>): { state: LoadState<T>; reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    void apiRequest(pool, path, { schema }).then((result) => {
      if (live) setState(result);
    });
    return () => {
      live = false;
    };
    // The schema is a module constant: fetch again on a new path or a reload only.
  }, [pool, path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
