'use client';

import type { ApiError } from '@/lib/view/model';

/** A failed API call, carrying the server's {error, detail, source} when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.detail ? `${body.error}: ${body.detail}` : body.error);
    this.name = 'ApiRequestError';
  }
}

/** GET a JSON route; non-2xx answers and network failures become ApiRequestError with a readable message. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError(0, { error: 'the Farview server cannot be reached', detail: e instanceof Error ? e.message : String(e), source: 'request' });
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (body ?? {}) as Partial<ApiError>;
    throw new ApiRequestError(res.status, {
      error: typeof b.error === 'string' ? b.error : `${url} answered ${res.status} ${res.statusText}`,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      source: b.source,
    });
  }
  if (body === null) throw new ApiRequestError(res.status, { error: `${url} did not answer with JSON`, source: 'request' });
  return body as T;
}
