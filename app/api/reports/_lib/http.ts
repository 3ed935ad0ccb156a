import 'server-only';
/**
 * Request plumbing for the report and what-if routes: bodies read with a hard byte limit (413 past it, without
 * buffering the rest), JSON errors in the ApiError shape, and store failures mapped to HTTP statuses.
 */
import { StoreError } from '@/lib/store/errors';
import type { ApiError } from '@/lib/view/model';

/** A JSON error response that is never cached. */
export function jsonError(status: number, body: ApiError & Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/**
 * The request body as UTF-8 text, or a 413 Response once it passes `maxBytes` (checked against Content-Length
 * first, then while reading, so a lying or absent length changes nothing).
 */
export async function readBodyLimited(req: Request, maxBytes: number, what: string): Promise<string | Response> {
  const tooLarge = (size: string) =>
    jsonError(413, { error: `${what} too large`, detail: `the request body is ${size}, more than the ${sizeText(maxBytes)} limit`, source: 'request' });
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(sizeText(declared));
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(`at least ${sizeText(total)}`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

/** A store failure as the response to send: 400 bad input, 413 too large, 503 unreachable, 500 otherwise. */
export function storeErrorResponse(e: unknown): Response {
  if (e instanceof StoreError) {
    const status = e.code === 'invalid_input' ? 400 : e.code === 'too_large' ? 413 : e.code === 'unavailable' ? 503 : 500;
    const error = e.code === 'too_large' ? 'report too large' : e.code === 'unavailable' ? 'report store unavailable' : e.code === 'invalid_input' ? 'invalid report' : 'report store failed';
    return jsonError(status, { error, detail: e.message, source: 'store' });
  }
  return jsonError(500, { error: 'report store failed', detail: e instanceof Error ? e.message : String(e), source: 'store' });
}

/** The media type of a request, lower-case, without parameters. */
export function mediaType(req: Request): string {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}
