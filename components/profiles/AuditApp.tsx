'use client';
/**
 * The audit log of a context (`:audit`): every write made through Farview — created, replaced and deleted
 * profiles, workload restarts, and the refused attempts — with who, when, what and how it went, newest first.
 * Each entry opens to the request as it was recorded. Replace plans that never finished are called out, with
 * the way to resume them.
 */
import { useCallback, useEffect, useState } from 'react';
import { replacePlans } from '@/lib/profiles/replace-plan';
import type { AuditPage } from '@/lib/ui/api-types';
import { auditPath, clusterPath, newProfilePage } from '@/lib/ui/api-paths';
import { formatAge } from '@/lib/ui/format';
import { useNow } from '../cluster/useNow';
import { PageFrame, useCommonPageChrome } from '../cost/PageChrome';
import { AUDIT_KEYS } from '../cost/keys';
import { ErrorBox } from '../common/ErrorBox';
import { requestJson, unlessAborted } from '../common/request';
import { LIST_TABLE, ListHead } from '../common/Table';
import { BUTTON } from './Controls';

const PAGE = 100;

const AUDIT_COLUMNS = ['WHEN', 'AGE', 'WHO', 'ACTION', 'TARGET', 'RESULT', 'DETAIL'];

export function AuditApp({ context }: { context: string }) {
  const now = useNow(5000);
  const [entries, setEntries] = useState<AuditPage['entries'] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const url = useCallback((before?: number) => auditPath(context, PAGE, before), [context]);

  const refresh = useCallback(
    (signal?: AbortSignal) =>
      requestJson<AuditPage>('GET', url(), undefined, signal).then(
        (p) => {
          // Keep older pages already loaded: only the newest page is re-read.
          setEntries((old) => {
            if (!old) return p.entries;
            const newest = new Set(p.entries.map((e) => e.id));
            const lowest = p.entries.length ? p.entries[p.entries.length - 1].id : Infinity;
            return [...p.entries, ...old.filter((e) => !newest.has(e.id) && e.id < lowest)];
          });
          setNext((n) => (n === null ? p.next : n));
          setError(null);
        },
        unlessAborted(setError),
      ),
    [url],
  );

  useEffect(() => {
    const ac = new AbortController();
    void refresh(ac.signal);
    const t = setInterval(() => void refresh(ac.signal), 5000);
    return () => {
      clearInterval(t);
      ac.abort();
    };
  }, [refresh]);

  const more = useCallback(async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const p = await requestJson<AuditPage>('GET', url(next));
      setEntries((old) => [...(old ?? []), ...p.entries]);
      setNext(p.next);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [next, url]);

  const chrome = useCommonPageChrome(context, AUDIT_KEYS, []);

  const pending = entries ? replacePlans(entries, { context, pending: true }) : [];

  return (
    <PageFrame
      onAction={chrome.onAction}
      context={context}
      keys={AUDIT_KEYS}
      overlay={chrome.overlay}
      links={
        <>
          <a href={clusterPath(context, 'view=profiles')} className="text-accent hover:underline">
            profiles
          </a>
          <a href={newProfilePage(context)} className="text-accent hover:underline">
            new profile
          </a>
        </>
      }
    >
      <main className="flex flex-1 flex-col gap-3 p-3 text-[13px]" aria-labelledby="audit-title">
        <div className="flex items-baseline gap-3">
          <h1 id="audit-title" className="text-[15px] font-semibold">
            Audit log
          </h1>
          <span className="text-[12px] text-muted">changes made through Farview to {context}, newest first</span>
          <button type="button" className={`${BUTTON} ml-auto`} onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        {error ? <ErrorBox error={error} /> : null}
        {pending.length ? (
          <div className="rounded border border-warn/60 p-2 font-mono text-[12px]" data-testid="audit-pending">
            {pending.map((s) => (
              <p key={s.plan.id}>
                <span className="text-warn">Unfinished replace</span> of {s.plan.oldName} by {s.plan.spec.fargateProfileName} ({s.steps.join(' → ') || 'no step yet'}).{' '}
                <a className="text-accent underline" href={newProfilePage(context)}>
                  Resume it from the profile form
                </a>
              </p>
            ))}
          </div>
        ) : null}
        {entries === null && !error ? <p className="text-muted">Reading the audit log…</p> : null}
        {entries && entries.length === 0 ? <p className="text-muted">Nothing has been changed through Farview in {context} yet.</p> : null}
        {entries && entries.length ? (
          <div className="overflow-x-auto" role="region" aria-label="Audit entries" tabIndex={0}>
            <table className={LIST_TABLE} aria-label="Audit entries" data-testid="audit-table">
              <ListHead headers={AUDIT_COLUMNS} />
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="align-top hover:bg-[var(--row-hover)]" data-testid="audit-row">
                    <td className="pr-3 whitespace-nowrap">{e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</td>
                    <td className="pr-3 whitespace-nowrap text-muted">{formatAge(e.at, now)}</td>
                    <td className="pr-3 whitespace-nowrap">{e.actor}</td>
                    <td className="pr-3 whitespace-nowrap">{e.action}</td>
                    <td className="max-w-[36ch] truncate pr-3" title={e.target}>
                      {e.target}
                    </td>
                    <td className={`pr-3 whitespace-nowrap font-semibold ${e.result === 'ok' ? 'text-ok' : 'text-err'}`}>{e.result}</td>
                    <td className="min-w-[30ch] pr-3">
                      <details>
                        <summary className="cursor-pointer">{e.detail ?? '—'}</summary>
                        <pre tabIndex={0} aria-label="The request as recorded" className="mt-1 max-h-[240px] overflow-auto rounded-sm bg-panel p-1 text-[11px]">{JSON.stringify(e.request, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {next !== null ? (
          <button type="button" className={`${BUTTON} self-start`} disabled={loadingMore} onClick={() => void more()}>
            {loadingMore ? 'Reading…' : 'Older entries'}
          </button>
        ) : null}
      </main>
    </PageFrame>
  );
}
