import 'server-only';
import { randomBytes } from 'node:crypto';
import { StoreError } from '@/lib/store/errors';
import { UnreadableReportError } from './load';

/** A store or payload failure as a message on the page: what went wrong and what to do. */
export function ReportProblem({ error }: { error: unknown }) {
  let title = 'The report cannot be shown';
  // Store failures name data directories, pids and SQL: the log gets them, the page (maybe public) a reference.
  const ref = randomBytes(4).toString('hex');
  let detail = `The server's log has the details, under [${ref}].`;
  let hint = 'Reload the page; if it persists, check the server log.';
  if (error instanceof StoreError && error.code === 'unavailable') {
    title = 'The report store is unavailable';
    hint = 'Check DATABASE_URL (PostgreSQL) or FARVIEW_DATA_DIR (the embedded store) on the Farview server, then reload.';
  } else if (error instanceof UnreadableReportError) {
    title = 'This report was stored in a form this version cannot read';
    detail = error.message;
    hint = 'The link is right; the stored data is not what this version of Farview expects.';
  }
  if (!(error instanceof UnreadableReportError)) console.error(`farview: report page failed [${ref}]:`, error);
  return (
    <div role="alert" className="max-w-[90ch] space-y-1" data-testid="report-problem">
      <h1 className="text-[15px] font-semibold text-err">{title}</h1>
      <p className="font-mono text-[12px]">{detail}</p>
      <p className="text-[12px] text-muted">{hint}</p>
    </div>
  );
}
