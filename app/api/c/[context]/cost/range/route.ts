import { parseCostQuery } from '@/lib/cost/query';
import { parseRange } from '@/lib/ledger/range';
import { costRangeFor } from '@/lib/server/cost-range';
import { openSource } from '@/lib/server/http';
import { json, jsonError } from '@/app/api/_lib/http';
import { LEDGER_STORE, toResponse } from '@/app/api/_lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/cost/range?range=24h&by=namespace&ns=NS&place=fargate → CostRangeResponse: what the range
 * cost, by group, with the chart's series, from the cost ledger; and the month to date with its forecast.
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const url = new URL(req.url);
  const { query, problems } = parseCostQuery(url.searchParams);
  if (problems.length) return jsonError(400, { error: 'invalid cost query', detail: problems.join('; '), source: 'request' });
  const { range, problem } = parseRange(url.searchParams.get('range') ?? '24h', Date.now());
  if (!range) return jsonError(400, { error: 'invalid range', detail: problem ?? '', source: 'request' });
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  try {
    return json(await costRangeFor(source, range, query));
  } catch (e) {
    return toResponse(e, { store: LEDGER_STORE });
  }
}
