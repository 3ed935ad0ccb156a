import { buildCostReport, REPORT_KIND, reportTitle } from '@/lib/cost/report';
import { costBasis } from '@/lib/cost/summary';
import { openSource } from '@/lib/server/http';
import { originProblem } from '@/lib/server/write-guard';
import { StoreError } from '@/lib/store/errors';
import { createReport, DEFAULT_REPORT_PAGE, listReports, MAX_REPORT_PAGE } from '@/lib/store/reports';
import { jsonError, mediaType, readBodyLimited, storeErrorResponse } from './_lib/http';
import { MAX_SHARE_BODY_BYTES, parseShare, type ShareResponse } from './_lib/share';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/reports {context, query: {by, ns, place}, title?} → 201 {id, url, title, createdAt}.
 * Freezes the context's cost view as the server holds it now (not figures sent by the client) into an
 * immutable report. Same-origin only (Origin must be this server). 400 bad body, 403 cross-site, 404 unknown
 * context, 413 oversized body or report, 415 not JSON, 503 store or cluster unavailable.
 */
export async function POST(req: Request): Promise<Response> {
  const cross = originProblem(req);
  if (cross) return jsonError(403, { ...cross, source: 'request' });
  if (mediaType(req) !== 'application/json') {
    return jsonError(415, { error: 'unsupported media type', detail: 'send Content-Type: application/json with {context, query, title?}', source: 'request' });
  }
  const text = await readBodyLimited(req, MAX_SHARE_BODY_BYTES, 'share request');
  if (text instanceof Response) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return jsonError(400, { error: 'invalid share request', detail: `the body is not JSON: ${(e as Error).message}`, source: 'request' });
  }
  const parsed = parseShare(body);
  if (!parsed.ok) return jsonError(400, { error: 'invalid share request', detail: parsed.detail, source: 'request' });

  const source = await openSource(parsed.context);
  if (source instanceof Response) return source;
  const { view } = source.snapshot();
  const report = buildCostReport(costBasis(view, source.prices), parsed.query, {
    context: parsed.context,
    clusterName: view.meta.clusterName,
    region: view.meta.region,
  });
  const title = parsed.title ?? reportTitle(report);
  try {
    const { id, createdAt } = await createReport({ kind: REPORT_KIND, title, context: parsed.context, query: parsed.query, payload: report });
    const url = `/reports/${id}`;
    const res: ShareResponse = { id, url, title, createdAt };
    return Response.json(res, { status: 201, headers: { Location: url, 'Cache-Control': 'no-store' } });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'too_large') {
      return jsonError(413, {
        error: 'report too large',
        detail: `${e.message}: this view has ${report.lines.rows.length} pods and nodes; share a narrower one (one namespace, or one side)`,
        source: 'store',
      });
    }
    return storeErrorResponse(e);
  }
}

/** GET /api/reports?limit=&before= → {reports, next}: saved reports newest first, without payloads. */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const rawLimit = url.searchParams.get('limit');
  const limit = rawLimit === null ? DEFAULT_REPORT_PAGE : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPORT_PAGE) {
    return jsonError(400, { error: 'invalid limit', detail: `limit must be a whole number from 1 to ${MAX_REPORT_PAGE}, got ${JSON.stringify(rawLimit)}`, source: 'request' });
  }
  const before = url.searchParams.get('before') ?? undefined;
  try {
    const reports = await listReports({ limit, before });
    return Response.json({ reports, next: reports.length === limit ? reports[reports.length - 1].id : null }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return storeErrorResponse(e);
  }
}
