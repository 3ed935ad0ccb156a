import { apiError, decodeParam, openSource } from '@/lib/server/http';
import { objectYaml } from '@/lib/view/object-yaml';
import type { KubeObject } from '@/lib/view/kube';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const KINDS: Record<string, 'nodes' | 'services' | 'namespaces'> = {
  nodes: 'nodes',
  node: 'nodes',
  services: 'services',
  service: 'services',
  namespaces: 'namespaces',
  namespace: 'namespaces',
};

/** GET /api/c/[context]/objects/[kind]/[name]?namespace= → { yaml } of a node, service (needs ?namespace=) or namespace. */
export async function GET(req: Request, { params }: { params: Promise<{ context: string; kind: string; name: string }> }): Promise<Response> {
  const p = await params;
  const resource = KINDS[decodeParam(p.kind).toLowerCase()];
  if (!resource) return apiError(400, { error: 'unsupported kind', detail: `kind must be one of nodes, services, namespaces; got "${decodeParam(p.kind)}"`, source: 'request' });
  const namespace = new URL(req.url).searchParams.get('namespace');
  if (resource === 'services' && !namespace) return apiError(400, { error: 'namespace required', detail: 'services need ?namespace=', source: 'request' });
  const source = await openSource(p.context);
  if (source instanceof Response) return source;
  const name = decodeParam(p.name);
  const key = resource === 'services' ? `${namespace}/${name}` : name;
  const obj: KubeObject | undefined = source.getObject(resource, key);
  if (!obj) {
    const st = source.statusOf(resource);
    if (st && st.state !== 'ok' && st.state !== 'stale') return apiError(503, { error: `${resource} are not visible`, detail: st.message ?? st.state, source: resource });
    return apiError(404, { error: 'not found', detail: `no ${resource.replace(/s$/, '')} ${key}`, source: resource });
  }
  return Response.json({ yaml: objectYaml(obj) }, { headers: { 'Cache-Control': 'no-store' } });
}
