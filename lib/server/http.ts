import 'server-only';
/**
 * What the cluster route handlers share: decoding the context from the URL, opening its source, waiting
 * for the first sync, and turning every failure into an ApiError body with the right status.
 */
import type { ApiError } from '../view/model';
import type { ClusterSource } from './cluster-source';
import { ContextError, getClusterSource } from './registry';

/** A JSON ApiError response. A detail that quotes hostile input is cut to 500 characters. */
export function apiError(status: number, body: ApiError): Response {
  const detail = body.detail && body.detail.length > 500 ? `${body.detail.slice(0, 500)}…` : body.detail;
  return Response.json({ ...body, ...(detail === undefined ? {} : { detail }) }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Route params arrive decoded by Next; a name that still holds %XX escapes is decoded once more. */
export function decodeParam(raw: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The context's source, synced (or given up waiting after `waitMs`), or the error Response to return:
 * 400/404 for the context name, 502/503 when the cluster cannot be shown at all.
 */
export async function openSource(rawContext: string, waitMs = 10_000): Promise<ClusterSource | Response> {
  const context = decodeParam(rawContext);
  let source: ClusterSource;
  try {
    source = getClusterSource(context);
  } catch (e) {
    if (e instanceof ContextError) return apiError(e.status, { error: e.message, detail: e.detail, source: 'request' });
    return apiError(500, { error: 'cannot open the context', detail: (e as Error).message, source: 'kubeconfig' });
  }
  await source.ready(waitMs);
  const h = source.health();
  if (!h.ok) return apiError(h.status, { error: h.error, detail: h.detail, source: h.source });
  return source;
}

/** A response body that encodes text chunks as they are read, so a large body is never held whole. */
export function textStream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = chunks[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = it.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(next.value));
    },
  });
}
