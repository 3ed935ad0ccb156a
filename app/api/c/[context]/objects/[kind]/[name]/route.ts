import { apiError, decodeParam, openSource } from '@/lib/server/http';
import { objectYaml } from '@/lib/view/object-yaml';
import type { KubeObject } from '@/lib/view/kube';
import { KIND_LIST, kindByObjectName } from '@/lib/view/kinds';
import type { SourceId } from '@/lib/view/model';
import { json } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The listed kinds (lib/view/kinds) that name their objects for this route; pods have their own detail route.
const SERVED = KIND_LIST.filter((k) => k.objectNames?.length);

/** GET /api/c/[context]/objects/[kind]/[name]?namespace= → { yaml } of a node, namespace, or a namespaced object (needs ?namespace=) such as a service or ingress. */
export async function GET(req: Request, { params }: { params: Promise<{ context: string; kind: string; name: string }> }): Promise<Response> {
  const p = await params;
  const kind = kindByObjectName(decodeParam(p.kind));
  if (!kind) return apiError(400, { error: 'unsupported kind', detail: `kind must be one of ${SERVED.map((k) => k.resource).join(', ')}; got "${decodeParam(p.kind)}"`, source: 'request' });
  const resource = kind.resource;
  const sourceId = resource as SourceId;
  const namespace = new URL(req.url).searchParams.get('namespace');
  if (kind.api.namespaced && !namespace) return apiError(400, { error: 'namespace required', detail: `${resource} need ?namespace=`, source: 'request' });
  const source = await openSource(p.context);
  if (source instanceof Response) return source;
  const name = decodeParam(p.name);
  const key = kind.api.namespaced ? `${namespace}/${name}` : name;
  const obj: KubeObject | undefined = source.getObject(resource, key);
  if (!obj) {
    const st = source.statusOf(sourceId);
    if (st && st.state !== 'ok' && st.state !== 'stale') return apiError(503, { error: `${resource} are not visible`, detail: st.message ?? st.state, source: sourceId });
    return apiError(404, { error: 'not found', detail: `no ${kind.kind.toLowerCase()} ${key}`, source: sourceId });
  }
  return json({ yaml: objectYaml(obj) });
}
