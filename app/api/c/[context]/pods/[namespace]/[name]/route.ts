import { apiError, decodeParam, openSource } from '@/lib/server/http';
import { podYaml } from '@/lib/view/object-yaml';
import type { PodDetail, PodSizing } from '@/lib/view/model';
import { json } from '@/app/api/_lib/http';

const ZERO = { cpuMillis: 0, memoryBytes: 0 };
const EMPTY_SIZING: PodSizing = {
  containers: [],
  longRunning: ZERO,
  initMax: ZERO,
  overhead: ZERO,
  effective: ZERO,
  fargateMemoryBytes: 0,
  ephemeralStorageBytes: 0,
  size: null,
  capacityProvisioned: null,
  tooLargeReason: null,
  sidecarsUnverified: false,
};

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/pods/[namespace]/[name] → PodDetail: the row, the sizing chain, the pod's events and
 * its YAML with env values and the last-applied manifest removed.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }): Promise<Response> {
  const p = await params;
  const source = await openSource(p.context);
  if (source instanceof Response) return source;
  const namespace = decodeParam(p.namespace);
  const name = decodeParam(p.name);
  const d = source.podDetail(namespace, name);
  if (!d) {
    const pods = source.statusOf('pods');
    if (pods && pods.state !== 'ok' && pods.state !== 'stale') {
      return apiError(503, { error: 'pods are not visible', detail: pods.message ?? pods.state, source: 'pods' });
    }
    return apiError(404, { error: 'pod not found', detail: `no pod ${name} in namespace ${namespace}`, source: 'pods' });
  }
  const body: PodDetail = { pod: d.pod, sizing: d.sizing ?? EMPTY_SIZING, events: d.events, yaml: podYaml(d.object) };
  // A pod whose quantities do not parse is still shown, with the reason.
  if (!d.sizing) body.sizingError = d.pod.findings.find((f) => f.rule === 'invalid-quantity')?.message ?? 'the pod cannot be sized';
  return json(body);
}
