import { ec2Reference, otherSideMethod } from '@/lib/cost/other-side';
import { priceInfo } from '@/lib/cost/prices';
import { MAX_WHATIF_BYTES, whatIf, type WhatIfResponse } from '@/lib/cost/whatif';
import { ManifestError } from '@/lib/k8s/manifest';
import { whatIfTypeProblem, type WhatIfDecoded } from '@/lib/cost/whatif-request';
import { parseOffThread, ParserBusyError } from '@/lib/server/parse-off-thread';
import { QuantityError } from '@/lib/fargate/quantity';
import { openSource } from '@/lib/server/http';
import { jsonError, mediaType, readBodyLimited } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/c/[context]/whatif — manifests (YAML or JSON, many documents) → for each pod template, where it would
 * land in this cluster (the live ACTIVE Fargate profiles, or EC2), its Fargate size and price, its EC2 price and
 * every reason Fargate would refuse it. Body: JSON {manifests, namespace?}, JSON {files: [{name, text}], namespace?}
 * for uploads, or the raw text (text/plain, application/yaml) with ?namespace=. Read-only: nothing is applied.
 * 413 above 1 MiB; 422 with the reader's message (file, document and field) for manifests that cannot be read.
 */
export async function POST(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const type = mediaType(req);
  const wrongType = whatIfTypeProblem(type);
  if (wrongType) return jsonError(wrongType.status, wrongType.body);
  const text = await readBodyLimited(req, MAX_WHATIF_BYTES, 'manifests');
  if (text instanceof Response) return text;

  let decoded: WhatIfDecoded;
  try {
    decoded = await parseOffThread('whatif', { type, text, namespace: new URL(req.url).searchParams.get('namespace') });
  } catch (e) {
    if (e instanceof ParserBusyError) {
      return Response.json({ error: 'server busy', detail: e.message, source: 'request' }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } });
    }
    if (e instanceof ManifestError) return jsonError(422, { error: 'manifest cannot be read', detail: e.message, source: 'request', document: e.document, field: e.field });
    throw e;
  }
  if (!decoded.ok) return jsonError(decoded.status, decoded.body);
  const { templates, sources, namespace } = decoded;

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
