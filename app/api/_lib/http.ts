import 'server-only';
/**
 * Request plumbing every route shares: JSON answers that are never cached, bodies read with a hard byte limit
 * (413 past it, without buffering the rest), and the media type of a request.
 */
import type { ApiError } from '@/lib/view/model';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The second argument of a handler under /api/c/[context]. */
export type ContextParams = { params: Promise<{ context: string }> };

/** The second argument of a handler under /api/c/[context]/profiles/[name]. */
export type ProfileParams = { params: Promise<{ context: string; name: string }> };

/** A JSON answer that is never cached. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** A JSON error response that is never cached. */
export function jsonError(status: number, body: ApiError & Record<string, unknown>): Response {
  return json(body, status);
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

/** The media type of a request, lower-case, without parameters. */
export function mediaType(req: Request): string {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Forms and small JSON commands; anything larger is not one. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The JSON body of a request, or the 400/413/415 Response to send. An empty body reads as {}. */
export async function readJson(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown | Response> {
  const type = mediaType(req);
  const text = await readBodyLimited(req, maxBytes, 'request');
  if (text instanceof Response) return text;
  if (text.trim() === '') return {};
  if (type !== 'application/json') {
    return jsonError(415, { error: 'unsupported media type', detail: 'send Content-Type: application/json', source: 'request' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return jsonError(400, { error: 'invalid request', detail: `the body is not JSON: ${(e as Error).message}`, source: 'request' });
  }
}
