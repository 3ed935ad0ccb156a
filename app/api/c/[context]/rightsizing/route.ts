import { openSource } from '@/lib/server/http';
import { MAX_RIGHTSIZING_DAYS, rightsizingFor } from '@/lib/server/rightsizing';
import { json, jsonError } from '@/app/api/_lib/http';
import { toResponse, USAGE_STORE } from '@/app/api/_lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/rightsizing?days=7&namespace=NS → RightsizingResponse: a recommendation (or "not enough
 * history") per running workload, from the usage history of the last `days` days.
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const url = new URL(req.url);
  const daysText = url.searchParams.get('days') ?? '7';
  const days = /^\d{1,3}$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days >= 1 && days <= MAX_RIGHTSIZING_DAYS)) {
    return jsonError(400, { error: 'invalid days', detail: `days must be a whole number from 1 to ${MAX_RIGHTSIZING_DAYS}, got "${daysText}"`, source: 'request' });
  }
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  try {
    return json(await rightsizingFor(source, { days, namespace: url.searchParams.get('namespace') || undefined }));
  } catch (e) {
    return toResponse(e, { store: USAGE_STORE });
  }
}
