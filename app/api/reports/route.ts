import { rightsizingFor } from '@/lib/server/rightsizing';
import { forReport } from '@/lib/usage/schema';
import { buildCostReport, REPORT_KIND, reportTitle } from '@/lib/cost/report';
import { costBasis } from '@/lib/cost/summary';
import { openSource } from '@/lib/server/http';
import { identify, originProblem } from '@/lib/server/write-guard';
import { StoreError } from '@/lib/store/errors';
import { countReportsBy, createReport, DEFAULT_REPORT_PAGE, deleteReportsBefore, listReports, MAX_REPORT_PAGE } from '@/lib/store/reports';
import { setting } from '@/lib/server/config';
import { REPORT_STORE, toResponse } from '@/app/api/_lib/errors';
import { json, jsonError, mediaType, readBodyLimited } from '@/app/api/_lib/http';
import type { ShareResponse } from '@/lib/ui/api-types';
import { MAX_SHARE_BODY_BYTES, parseShare } from './_lib/share';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const SWEEP_EVERY_MS = 60 * 60 * 1000;
const SWEPT = Symbol.for('farview.reports.swept.v1');

/** Deletes the reports past FARVIEW_REPORT_RETENTION_DAYS, at most once an hour per process. */
async function sweepExpiredReports(nowMs: number): Promise<void> {
  const days = setting(process.env, 'FARVIEW_REPORT_RETENTION_DAYS');
  const g = globalThis as unknown as Record<symbol, number | undefined>;
  if (days === 0 || nowMs - (g[SWEPT] ?? 0) < SWEEP_EVERY_MS) return;
  g[SWEPT] = nowMs;
  const gone = await deleteReportsBefore(new Date(nowMs - days * 24 * 60 * 60 * 1000));
  if (gone > 0) console.log(`farview: deleted ${gone} report(s) older than ${days} days (FARVIEW_REPORT_RETENTION_DAYS)`);
}

/**
 * POST /api/reports {context, query: {by, ns, place}, title?} → 201 {id, url, title, createdAt}.
 * Freezes the context's cost view as the server holds it now (not figures sent by the client) into an
 * immutable report. Same-origin only (Origin must be this server). 400 bad body, 403 cross-site, 404 unknown
 * context, 413 oversized body or report, 415 not JSON, 429 the user's quota of stored reports (FARVIEW_REPORT_QUOTA)
 * is reached, 503 store or cluster unavailable.
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

  // Anyone who may look may share (a report freezes only what they can already see), up to their quota.
  const who = identify(req)?.name ?? 'anonymous';
  try {
    await sweepExpiredReports(Date.now());
    const quota = setting(process.env, 'FARVIEW_REPORT_QUOTA');
    const held = await countReportsBy(who);
    if (held >= quota) {
      const days = setting(process.env, 'FARVIEW_REPORT_RETENTION_DAYS');
      const expiry = days > 0 ? `reports are deleted after ${days} days (FARVIEW_REPORT_RETENTION_DAYS)` : 'reports are kept forever here (FARVIEW_REPORT_RETENTION_DAYS=0)';
      return jsonError(429, { error: 'report quota reached', detail: `${who} has ${held} stored reports, the most FARVIEW_REPORT_QUOTA (${quota}) allows on this server; ${expiry}.`, source: 'store' });
    }
  } catch (e) {
    return toResponse(e, { store: REPORT_STORE });
  }

  const source = await openSource(parsed.context);
  if (source instanceof Response) return source;
  const { view } = source.snapshot();
  const report = buildCostReport(costBasis(view, source.prices), parsed.query, {
    context: parsed.context,
    clusterName: view.meta.clusterName,
    region: view.meta.region,
  });
  try {
    report.rightsizing = forReport(await rightsizingFor(source, { namespace: parsed.query.ns ?? undefined }));
  } catch (e) {
    // Without its usage history the report still holds every cost figure; it then shows no usage section.
    console.error('farview: the report goes without right-sizing on usage:', e instanceof Error ? e.message : e);
  }
  const title = parsed.title ?? reportTitle(report);
  try {
    const { id, createdAt } = await createReport({ kind: REPORT_KIND, title, context: parsed.context, query: parsed.query, payload: report, createdBy: who });
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
    return toResponse(e, { store: REPORT_STORE });
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
    return json({ reports, next: reports.length === limit ? reports[reports.length - 1].id : null });
  } catch (e) {
    return toResponse(e, { store: REPORT_STORE });
  }
}
