import type { Metadata } from 'next';
import { ReportList } from '@/components/reports/ReportList';
import { ReportsShell } from '@/components/reports/ReportsShell';
import { isReportId } from '@/lib/store/ids';
import { DEFAULT_REPORT_PAGE, listReports, type ReportSummary } from '@/lib/store/reports';
import { ReportProblem } from './_lib/problem';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared reports — Farview' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** /reports — every shared cost report, newest first (?before=<id> pages on), and a form to compare two. */
export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).before;
  const before = typeof raw === 'string' && isReportId(raw) ? raw : undefined;
  let reports: ReportSummary[] | null = null;
  let problem: unknown = null;
  try {
    reports = await listReports({ limit: DEFAULT_REPORT_PAGE, before });
  } catch (e) {
    problem = e;
  }
  return (
    <ReportsShell crumbs={[{ label: 'reports' }]}>
      <h1 className="text-[16px] font-semibold">Shared reports</h1>
      {reports ? <ReportList reports={reports} next={reports.length === DEFAULT_REPORT_PAGE ? reports[reports.length - 1].id : null} /> : <ReportProblem error={problem} />}
    </ReportsShell>
  );
}
