import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CompareView } from '@/components/reports/CompareView';
import { ReportsShell } from '@/components/reports/ReportsShell';
import { compareReports } from '@/lib/cost/compare';
import { isGroupBy } from '@/lib/cost/query';
import { loadCostReport, type LoadedReport } from '../_lib/load';
import { ReportProblem } from '../_lib/problem';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compare reports — Farview' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** /reports/compare?a=<before>&b=<after>[&by=] — what changed between two reports, and why. Unknown ids are 404. */
export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const a = one(sp.a);
  const b = one(sp.b);
  const by = one(sp.by);
  const crumbs = [{ href: '/reports', label: 'reports' }, { label: 'compare' }];
  if (!a || !b) {
    return (
      <ReportsShell crumbs={crumbs}>
        <div role="alert" className="space-y-1">
          <h1 className="text-[15px] font-semibold text-err">Two reports are needed</h1>
          <p className="text-[12px]">
            Pass the earlier report as <code>a</code> and the later one as <code>b</code>: /reports/compare?a=&lt;id&gt;&amp;b=&lt;id&gt;. Pick them on{' '}
            <Link href="/reports" className="text-accent underline">
              the list of reports
            </Link>
            .
          </p>
        </div>
      </ReportsShell>
    );
  }
  let before: LoadedReport | null;
  let after: LoadedReport | null;
  try {
    [before, after] = await Promise.all([loadCostReport(a), loadCostReport(b)]);
  } catch (e) {
    return (
      <ReportsShell crumbs={crumbs}>
        <ReportProblem error={e} />
      </ReportsShell>
    );
  }
  if (!before || !after) notFound();
  const c = compareReports(before.report, after.report, by && isGroupBy(by) ? by : after.report.query.by);
  return (
    <ReportsShell crumbs={crumbs}>
      <CompareView c={c} a={before.meta} b={after.meta} />
    </ReportsShell>
  );
}
