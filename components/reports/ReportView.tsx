/**
 * One shared report as whoever opens the link sees it: what it is (context, grouping, filters, moment,
 * prices), the exports, a way to compare it with an earlier report, and the frozen cost view itself.
 */
import Link from 'next/link';
import { formatMoment } from '@/lib/cost/prices';
import { describeFilters, GROUP_BY_LABEL, serializeCostQuery } from '@/lib/cost/query';
import { reportLines, type CostReport } from '@/lib/cost/report';
import type { ReportSummary } from '@/lib/view/model';
import { pagePath, reportPath } from '@/lib/ui/api-paths';
import { CostSummaryView } from '../cost/CostSummaryView';
import { PrintButton } from './PrintButton';

export interface ReportViewProps {
  meta: ReportSummary;
  report: CostReport;
  /** Other reports to compare with (newest first), this one excluded. */
  others: ReportSummary[];
}

export function ReportView({ meta, report, others }: ReportViewProps) {
  const q = serializeCostQuery(report.query);
  const api = reportPath(meta.id);
  const link = 'text-accent hover:underline';
  return (
    <article className="flex flex-col gap-4" aria-labelledby="report-title" data-testid="report">
      <header className="flex flex-col gap-1">
        <h1 id="report-title" className="text-[16px] font-semibold">
          {meta.title}
        </h1>
        <p className="font-mono text-[12px] text-muted" data-testid="report-meta">
          Shared {formatMoment(meta.createdAt)} · context <span className="text-fg">{report.context}</span>
          {report.clusterName && report.clusterName !== report.context ? ` (cluster ${report.clusterName})` : ''}
          {report.region ? ` · ${report.region}` : ''} · by {GROUP_BY_LABEL[report.query.by].toLowerCase()} · {describeFilters(report.query)} · figures at{' '}
          {formatMoment(report.at)}
        </p>
        <p className="text-[12px] text-muted print:hidden">
          These figures are frozen: they do not change when the cluster or the price table does.{' '}
          <Link href={`${pagePath(report.context, 'cost')}${q ? `?${q}` : ''}`} className="text-accent underline">
            The live view now
          </Link>
          .
        </p>
      </header>
      <div className="flex flex-wrap items-center gap-3 font-mono text-[12px] print:hidden" role="group" aria-label="Export">
        <a href={`${api}/csv`} className={link} download data-testid="export-csv">
          CSV
        </a>
        <a href={`${api}/csv?rows=lines`} className={link} download data-testid="export-csv-lines">
          CSV (every pod)
        </a>
        <a href={api} className={link} data-testid="export-json">
          JSON
        </a>
        <PrintButton />
        {others.length ? (
          <form action="/reports/compare" method="get" className="flex items-center gap-1">
            <input type="hidden" name="b" value={meta.id} />
            <label className="flex items-center gap-1">
              <span className="text-muted">compare with</span>
              <select name="a" className="max-w-[50ch] rounded-sm border border-border bg-bg px-1 py-0.5 text-fg" data-testid="compare-with">
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {formatMoment(o.createdAt)} — {o.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-sm border border-border px-2 py-0.5 hover:border-accent">
              Compare
            </button>
          </form>
        ) : null}
      </div>
      <CostSummaryView summary={report.summary} lines={reportLines(report)} usageAdvice={report.rightsizing} />
    </article>
  );
}
