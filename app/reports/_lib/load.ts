import 'server-only';
/**
 * Reading shared cost reports from the store for the report pages and routes: the stored row plus its payload
 * checked field by field (a report written by another version, or damaged, is an error that says which field).
 */
import { parseCostReport, REPORT_KIND, type CostReport } from '@/lib/cost/report';
import { getReport, type ReportSummary } from '@/lib/store/reports';

export class UnreadableReportError extends Error {
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`report ${id} cannot be shown: ${reason}`);
    this.name = 'UnreadableReportError';
  }
}

export interface LoadedReport {
  meta: ReportSummary;
  report: CostReport;
}

/**
 * The cost report with this id, or null when there is none (malformed ids included).
 * @throws UnreadableReportError when the stored payload is not a cost report this version can read
 * @throws StoreError when the store cannot be reached
 */
export async function loadCostReport(id: string): Promise<LoadedReport | null> {
  const row = await getReport(id);
  if (!row) return null;
  if (row.kind !== REPORT_KIND) throw new UnreadableReportError(id, `it is a "${row.kind}" report, not a cost report`);
  const parsed = parseCostReport(row.payload);
  if (!parsed.ok) throw new UnreadableReportError(id, parsed.error);
  const { payload: _payload, ...meta } = row;
  void _payload;
  return { meta, report: parsed.report };
}
