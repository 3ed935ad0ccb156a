import 'server-only';
/**
 * Plumbing shared by the Fargate profile routes: the write gate (Origin, read-only, editor role) with its
 * refusals recorded in the audit log, a JSON body read with a size limit, the context's live source, and
 * ProfileWriteError turned into {error, detail, source} with its status.
 */
import { jsonError, mediaType, readBodyLimited } from '@/app/api/reports/_lib/http';
import type { ClusterSource } from '@/lib/server/cluster-source';
import { decodeParam, openSource } from '@/lib/server/http';
import { ProfileWriteError, storeAuditLog } from '@/lib/server/profile-writes';
import { guardWrite, type Actor } from '@/lib/server/write-guard';

/** Profile forms are small; anything larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

const NO_STORE = { 'Cache-Control': 'no-store' };

/** A JSON answer that is never cached. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** The JSON body of a request, or the 400/413/415 Response to send. An empty body reads as {}. */
export async function readJson(req: Request): Promise<unknown | Response> {
  const type = mediaType(req);
  const text = await readBodyLimited(req, MAX_BODY_BYTES, 'request');
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

/** A thrown error as the answer: ProfileWriteError keeps its status and body, anything else is a 500. */
export function errorResponse(e: unknown): Response {
  if (e instanceof ProfileWriteError) return json(e.body, e.status);
  console.error('farview: profile route failed:', e);
  return jsonError(500, { error: 'internal error', detail: e instanceof Error ? e.message : String(e), source: 'request' });
}

export interface WriteCall {
  source: ClusterSource;
  body: unknown;
  actor: Actor;
}

/**
 * Runs a write: gate first (a refusal is recorded in the audit log too), then the body, then the source,
 * then `fn`, whose result is sent with `status`.
 * @param action the audit action, e.g. "fargate-profile.delete"
 * @param what the object, e.g. "fargate-profile/test2-fargate"
 */
export async function writeRoute(
  req: Request,
  rawContext: string,
  action: string,
  what: string,
  fn: (call: WriteCall) => Promise<unknown>,
  status = 200,
): Promise<Response> {
  const context = decodeParam(rawContext);
  const gate = guardWrite(req);
  if (!gate.ok) {
    await storeAuditLog
      .record({ actor: gate.actor, action, target: `${context}/${what}`, context, request: { method: req.method, refused: true }, result: 'error', detail: `${gate.body.error}: ${gate.body.detail ?? ''}` })
      .catch(() => undefined);
    return json(gate.body, gate.status);
  }
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const source = await openSource(context);
  if (source instanceof Response) return source;
  try {
    return json(await fn({ source, body, actor: gate.actor }), status);
  } catch (e) {
    return errorResponse(e);
  }
}
