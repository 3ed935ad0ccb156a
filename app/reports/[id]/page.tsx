import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReportView } from '@/components/reports/ReportView';
import { ReportsShell } from '@/components/reports/ReportsShell';
import { listReports } from '@/lib/store/reports';
import { loadCostReport, type LoadedReport } from '../_lib/load';
import { ReportProblem } from '../_lib/problem';
import { mayBrowseReports } from '../_lib/viewer';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  try {
    const loaded = await loadCostReport((await params).id);
    return { title: loaded ? `${loaded.meta.title} — Farview` : 'No such report — Farview' };
  } catch {
    return { title: 'Report — Farview' };
  }
}

/** /reports/[id] — one shared cost report, exactly as it was shared. Unknown or malformed ids are 404. */
export default async function ReportPage({ params }: { params: Params }) {
  const { id } = await params;
  let loaded: LoadedReport | null;
  try {
    loaded = await loadCostReport(id);
  } catch (e) {
    return (
      <ReportsShell crumbs={[{ href: '/reports', label: 'reports' }, { label: id.slice(0, 22) }]}>
        <ReportProblem error={e} />
      </ReportsShell>
    );
  }
  if (!loaded) notFound();
  // Earlier reports of the same context first: the natural "before" of a comparison. Only for those who may
  // browse reports: a public link shows its own report and nothing of the others.
  const recent = (await mayBrowseReports()) ? await listReports({ limit: 100 }).catch(() => []) : [];
  const sameContext = recent.filter((r) => r.id !== id && r.context === loaded.meta.context);
  const earlier = sameContext.filter((r) => r.createdAt <= loaded.meta.createdAt);
  return (
    <ReportsShell crumbs={[{ href: '/reports', label: 'reports' }, { label: loaded.meta.id }]}>
      <ReportView meta={loaded.meta} report={loaded.report} others={earlier.length ? earlier : sameContext} />
    </ReportsShell>
  );
}
