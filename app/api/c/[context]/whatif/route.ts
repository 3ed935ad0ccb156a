import { isNamespaceName } from '@/lib/cost/query';
import { ec2Reference, otherSideMethod } from '@/lib/cost/other-side';
import { priceInfo } from '@/lib/cost/prices';
import { MAX_WHATIF_BYTES, whatIf, type WhatIfResponse } from '@/lib/cost/whatif';
import { ManifestError, readManifests, type PodTemplate } from '@/lib/k8s/manifest';
import { QuantityError } from '@/lib/fargate/quantity';
import { openSource } from '@/lib/server/http';
import { jsonError, mediaType, readBodyLimited } from '@/app/api/reports/_lib/http';


export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const YAML_TYPES = new Set(['text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/**
 * POST /api/c/[context]/whatif — manifests (YAML or JSON, many documents) → for each pod template, where it would
 * land in this cluster (the live ACTIVE Fargate profiles, or EC2), its Fargate size and price, its EC2 price and
 * every reason Fargate would refuse it. Body: JSON {manifests, namespace?}, JSON {files: [{name, text}], namespace?}
 * for uploads, or the raw text (text/plain, application/yaml) with ?namespace=. Read-only: nothing is applied.
 * 413 above 1 MiB; 422 with the reader's message (file, document and field) for manifests that cannot be read.
 */
export async function POST(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const type = mediaType(req);
  if (type !== 'application/json' && !YAML_TYPES.has(type)) {
    return jsonError(415, { error: 'unsupported media type', detail: 'send JSON {manifests, namespace?} or the manifests as text/plain or application/yaml', source: 'request' });
  }
  const text = await readBodyLimited(req, MAX_WHATIF_BYTES, 'manifests');
  if (text instanceof Response) return text;

  // Pasted text is one input; uploaded files are read one by one so documents and errors name their file.
  let inputs: { name: string | null; text: string }[] = [{ name: null, text }];
  let namespace = new URL(req.url).searchParams.get('namespace') ?? 'default';
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return jsonError(400, { error: 'invalid request', detail: `the body is not JSON: ${(e as Error).message}`, source: 'request' });
    }
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (Array.isArray(b.files)) {
      inputs = [];
      for (const [i, f] of b.files.entries()) {
        const file = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
        if (typeof file.name !== 'string' || typeof file.text !== 'string') {
          return jsonError(400, { error: 'invalid request', detail: `files[${i}] must be {name, text} with two strings`, source: 'request' });
        }
        inputs.push({ name: file.name.slice(0, 255), text: file.text });
      }
    } else if (typeof b.manifests === 'string') {
      inputs = [{ name: null, text: b.manifests }];
    } else {
      return jsonError(400, { error: 'invalid request', detail: 'send manifests (the YAML or JSON text, as a string) or files ([{name, text}])', source: 'request' });
    }
    if (b.namespace !== undefined && b.namespace !== null) {
      if (typeof b.namespace !== 'string') return jsonError(400, { error: 'invalid request', detail: 'namespace must be a string', source: 'request' });
      namespace = b.namespace;
    }
  }
  if (!isNamespaceName(namespace)) {
    return jsonError(400, { error: 'invalid namespace', detail: `${JSON.stringify(namespace.slice(0, 80))} is not a namespace name (lower-case letters, digits and dashes, at most 63)`, source: 'request' });
  }
  if (inputs.every((i) => i.text.trim() === '')) return jsonError(400, { error: 'no manifests', detail: 'paste or upload at least one Kubernetes manifest', source: 'request' });

  const templates: PodTemplate[] = [];
  const sources: (string | null)[] = [];
  for (const input of inputs) {
    try {
      for (const t of readManifests(input.text, { maxBytes: MAX_WHATIF_BYTES })) {
        templates.push(t);
        sources.push(input.name);
      }
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      const detail = input.name ? `${input.name}: ${e.message}` : e.message;
      return jsonError(422, { error: 'manifest cannot be read', detail, source: 'request', file: input.name, document: e.document, field: e.field });
    }
  }
  if (templates.length === 0) {
    return jsonError(422, { error: 'no pod templates', detail: 'the manifests hold no Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob', source: 'request' });
  }

  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const { view } = source.snapshot();
  const ec2Nodes = view.nodes.filter((n) => n.computeType === 'ec2');
  const prices = source.prices ? priceInfo(source.prices, ec2Nodes.map((n) => n.instanceType).filter((t): t is string => !!t)) : null;
  const reference = ec2Reference(view.nodes, prices);
  let result;
  try {
    result = whatIf(templates, {
      profiles: view.profiles.map((p) => ({ name: p.name, status: p.status, selectors: p.selectors })),
      hasEc2Nodes: ec2Nodes.some((n) => n.ready),
      prices: source.prices,
      reference,
      defaultNamespace: namespace,
    });
  } catch (e) {
    if (e instanceof QuantityError) return jsonError(422, { error: 'manifest cannot be read', detail: e.message, source: 'request' });
    throw e;
  }
  const notes: string[] = [];
  const eks = source.statusOf('eks');
  if (eks && eks.state !== 'ok') notes.push(`Fargate profiles may be incomplete: the EKS source is ${eks.state}${eks.message ? ` (${eks.message})` : ''}, so templates may show EC2 where a profile would take them.`);
  if (!prices) notes.push(`No price table for region ${view.meta.region ?? '(unknown)'}: sizes are shown without prices.`);
  const res: WhatIfResponse = {
    context: view.meta.context,
    region: view.meta.region,
    at: view.meta.generatedAt,
    prices,
    reference,
    defaultNamespace: namespace,
    profiles: view.profiles.map((p) => ({ name: p.name, status: p.status })),
    rows: result.rows.map((r, i) => ({ ...r, source: sources[i] })),
    totals: result.totals,
    ec2Method: otherSideMethod(reference, prices).ec2,
    notes,
  };
  return Response.json(res, { headers: { 'Cache-Control': 'no-store' } });
}
