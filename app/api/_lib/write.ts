import 'server-only';
/**
 * A write route's frame: the write gate (Origin, read-only, editor role) with its refusals recorded in the
 * audit log, a JSON body read with a size limit, the context's live source, and failures through toResponse.
 */
import type { ClusterSource } from '@/lib/server/cluster-source';
import { decodeParam, openSource } from '@/lib/server/http';
import { storeAuditLog } from '@/lib/server/profile-writes';
import { guardWrite, type Actor } from '@/lib/server/write-guard';
import { toResponse } from './errors';
import { json, readJson } from './http';

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
    return toResponse(e);
  }
}
