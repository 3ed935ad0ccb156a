'use client';
/**
 * Every JSON call the browser makes. A non-2xx answer and a network failure both become ApiRequestError with
 * the server's {error, detail, source} (and validation `issues` when it sent them), so every failure can be
 * shown as the server worded it; an abort stays an AbortError.
 */
import type { ErrorBody } from '@/lib/ui/api-types';

/** A failed API call, carrying the server's {error, detail, source} when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.detail ? `${body.error}: ${body.detail}` : body.error);
    this.name = 'ApiRequestError';
  }
}

/** True for the rejection of a call whose AbortSignal fired: nothing to show. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Calls `onError` unless the failure is an abort: the catch of every call made from an effect. */
export function unlessAborted(onError: (e: unknown) => void): (e: unknown) => void {
  return (e) => {
    if (!isAbort(e)) onError(e);
  };
}

/** Sends JSON (when there is a body) and reads JSON; the browser adds Origin and the session cookie itself. */
export function requestJson<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return send<T>(method, url, body, signal, 'The Farview server cannot be reached');
}

/** GET a JSON route. Its unreachable message is lower-case: the cluster screens show it after a colon. */
export function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return send<T>('GET', url, undefined, signal, 'the Farview server cannot be reached');
}

async function send<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body: unknown, signal: AbortSignal | undefined, unreachable: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      signal,
      cache: 'no-store',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiRequestError(0, { error: unreachable, detail: e instanceof Error ? e.message : String(e), source: 'request' });
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (parsed ?? {}) as Partial<ErrorBody>;
    throw new ApiRequestError(res.status, {
      error: typeof b.error === 'string' ? b.error : `${url} answered ${res.status} ${res.statusText}`,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      source: b.source,
      ...(Array.isArray(b.issues) ? { issues: b.issues } : {}),
    });
  }
  if (parsed === null) throw new ApiRequestError(res.status, { error: `${url} did not answer with JSON`, source: 'request' });
  return parsed as T;
}

/** The validation issues an ApiRequestError carried, if any. */
export function issuesOf(e: unknown): NonNullable<ErrorBody['issues']> {
  return e instanceof ApiRequestError && Array.isArray(e.body.issues) ? e.body.issues : [];
}
