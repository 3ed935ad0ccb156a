'use client';
/**
 * The profile routes as the browser calls them. Answers that are not 2xx become ApiRequestError with the
 * server's {error, detail, source} (and the validation `issues` when it sent them), so every failure can be
 * shown as the server worded it.
 */
import type { ValidationIssue } from '@/lib/profiles/validate';
import type { ApiError } from '@/lib/view/model';
import { ApiRequestError } from '../cluster/fetchJson';

export { ApiRequestError };

const seg = encodeURIComponent;

export const profilesPath = (context: string) => `/api/c/${seg(context)}/profiles`;
export const previewPath = (context: string) => `${profilesPath(context)}/preview`;
export const profilePath = (context: string, name: string) => `${profilesPath(context)}/${seg(name)}`;
export const replacePath = (context: string, name: string) => `${profilePath(context, name)}/replace`;
export const restartPath = (context: string, name: string) => `${profilePath(context, name)}/restart-workloads`;
/** The form page; `replace` opens it prefilled to replace that profile. */
export const newProfilePage = (context: string, replace?: string) => `/c/${seg(context)}/profiles/new${replace ? `?replace=${seg(replace)}` : ''}`;

/** An error answer as the profile routes send it. */
export type ErrorBody = ApiError & { issues?: ValidationIssue[] };

/** The validation issues an ApiRequestError carried, if any. */
export function issuesOf(e: unknown): ValidationIssue[] {
  return e instanceof ApiRequestError && Array.isArray((e.body as ErrorBody).issues) ? ((e.body as ErrorBody).issues ?? []) : [];
}

/** Sends JSON and reads JSON; the browser adds Origin and the session cookie itself. */
export async function sendJson<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
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
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError(0, { error: 'The Farview server cannot be reached', detail: e instanceof Error ? e.message : String(e), source: 'request' });
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (parsed ?? {}) as Partial<ErrorBody>;
    const err: ErrorBody = {
      error: typeof b.error === 'string' ? b.error : `${url} answered ${res.status} ${res.statusText}`,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      source: b.source,
      ...(Array.isArray(b.issues) ? { issues: b.issues } : {}),
    };
    throw new ApiRequestError(res.status, err);
  }
  if (parsed === null) throw new ApiRequestError(res.status, { error: `${url} did not answer with JSON`, source: 'request' });
  return parsed as T;
}
