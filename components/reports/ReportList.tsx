/**
 * The saved reports, newest first, and a form to compare two of them. Works without JavaScript: links and a
 * GET form.
 */
import Link from 'next/link';
import { formatMoment } from '@/lib/cost/prices';
import type { ReportSummary } from '@/lib/view/model';
import { FigureTable, TD, type Column } from '../common/Table';

const COLUMNS: Column[] = [{ label: 'SHARED' }, { label: 'REPORT' }, { label: 'CONTEXT' }, { label: 'SIZE', num: true }];

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} B`;
}

function Picker({ name, label, reports, selected }: { name: 'a' | 'b'; label: string; reports: ReportSummary[]; selected: string | undefined }) {
  return (
    <label className="flex items-center gap-1">
      <span className="text-muted">{label}</span>
      <select name={name} defaultValue={selected} className="max-w-[60ch] rounded-sm border border-border bg-bg px-1 py-0.5 text-fg" data-testid={`compare-${name}`}>
        {reports.map((r) => (
          <option key={r.id} value={r.id}>
            {formatMoment(r.createdAt)} — {r.title}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ReportList({ reports, next }: { reports: ReportSummary[]; next: string | null }) {
  if (!reports.length) {
    return (
      <p className="text-muted" data-testid="reports-empty">
        No report has been shared yet. Open a cluster&apos;s cost view (<kbd className="text-accent">:cost</kbd>) and press{' '}
        <kbd className="text-accent">s</kbd> or “Share”.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {reports.length >= 2 ? (
        <form action="/reports/compare" method="get" className="flex flex-wrap items-center gap-2 font-mono text-[12px]" aria-label="Compare two reports">
          <Picker name="a" label="before" reports={reports} selected={reports[1].id} />
          <Picker name="b" label="after" reports={reports} selected={reports[0].id} />
          <button type="submit" className="rounded-sm border border-border px-2 py-0.5 hover:border-accent" data-testid="compare-submit">
            Compare
          </button>
        </form>
      ) : null}
      <FigureTable label="Saved reports" caption="Saved reports, newest first" testId="report-list" columns={COLUMNS}>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} data-testid="report-list-row" className="hover:bg-[var(--row-hover)]">
              <td className={`${TD} text-muted`}>{formatMoment(r.createdAt)}</td>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <Link href={`/reports/${r.id}`} className="text-accent hover:underline">
                  {r.title}
                </Link>
              </th>
              <td className={TD}>{r.context}</td>
              <td className={`${TD} text-right text-muted`}>{sizeText(r.payloadBytes)}</td>
            </tr>
          ))}
        </tbody>
      </FigureTable>
      {next ? (
        <Link href={`/reports?before=${encodeURIComponent(next)}`} className="font-mono text-[12px] text-accent hover:underline">
          older reports →
        </Link>
      ) : null}
    </div>
  );
}
