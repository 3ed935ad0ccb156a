import { REPORT_STORE, toResponse } from '@/app/api/_lib/errors';
import { jsonError } from '@/app/api/_lib/http';
import { loadCostReport } from '@/app/reports/_lib/load';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/reports/[id] → {id, kind, title, context, createdAt, payloadBytes, query, report}: the report exactly as
 * shared. Reports never change, so the answer may be cached. 404 for unknown or malformed ids.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  try {
    const loaded = await loadCostReport(id);
    if (!loaded) return jsonError(404, { error: 'no such report', detail: `no report has the id ${JSON.stringify(id.slice(0, 80))}`, source: 'request' });
    return Response.json(
      { ...loaded.meta, report: loaded.report },
      { headers: { 'Cache-Control': 'private, max-age=86400, immutable', 'Content-Disposition': `inline; filename="farview-report-${loaded.meta.id}.json"` } },
    );
  } catch (e) {
    return toResponse(e, { store: REPORT_STORE });
  }
}
