import Link from 'next/link';
import { ReportsShell } from '@/components/reports/ReportsShell';

/** A report link that leads nowhere: unknown or malformed id. */
export default function ReportNotFound() {
  return (
    <ReportsShell crumbs={[{ href: '/reports', label: 'reports' }, { label: 'not found' }]}>
      <div className="max-w-[80ch] space-y-1" data-testid="report-not-found">
        <h1 className="text-[16px] font-semibold">No such report</h1>
        <p className="text-[13px]">
          No shared report has this id. Check that the link was copied whole (a report id is 22 characters), or pick one from{' '}
          <Link href="/reports" className="text-accent underline">
            the list of shared reports
          </Link>
          .
        </p>
      </div>
    </ReportsShell>
  );
}
