import { groupsCsv, linesCsv } from '@/lib/cost/csv';
import { reportLines } from '@/lib/cost/report';
import { REPORT_STORE, toResponse } from '@/app/api/_lib/errors';
import { jsonError } from '@/app/api/_lib/http';
import { loadCostReport } from '@/app/reports/_lib/load';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/reports/[id]/csv?rows=groups|lines → the report as CSV: its grouped rows with the total (default), or
 * every pod and idle-capacity line. Every row names the moment and the prices. 404 for unknown ids.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const rows = new URL(req.url).searchParams.get('rows') ?? 'groups';
  if (rows !== 'groups' && rows !== 'lines') {
    return jsonError(400, { error: 'invalid rows', detail: `rows must be groups or lines, got ${JSON.stringify(rows.slice(0, 40))}`, source: 'request' });
  }
  try {
    const loaded = await loadCostReport(id);
    if (!loaded) return jsonError(404, { error: 'no such report', detail: `no report has the id ${JSON.stringify(id.slice(0, 80))}`, source: 'request' });
    const r = loaded.report;
    const csv = rows === 'groups' ? groupsCsv(r.summary) : linesCsv(reportLines(r), r.at, r.prices);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="farview-report-${loaded.meta.id}-${rows}.csv"`,
        'Cache-Control': 'private, max-age=86400, immutable',
      },
    });
  } catch (e) {
    return toResponse(e, { store: REPORT_STORE });
  }
}
