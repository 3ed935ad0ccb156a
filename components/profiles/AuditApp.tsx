'use client';
/**
 * The audit log of a context (`:audit`): every write made through Farview — created, replaced and deleted
 * profiles, workload restarts, and the refused attempts — with who, when, what and how it went, newest first.
 * Each entry opens to the request as it was recorded. Replace plans that never finished are called out, with
 * the way to resume them.
 */
import { useCallback, useEffect, useState } from 'react';
import { replacePlans } from '@/lib/profiles/replace-plan';
import type { AuditEntry } from '@/lib/store/audit';
import { clusterPath } from '@/lib/ui/api-paths';
import { formatAge } from '@/lib/ui/format';
import { useNow } from '../cluster/useNow';
import { PageFooter, usePageChrome, usePageKeys } from '../cost/PageChrome';
import type { PageAction, PageKey } from '../cost/keys';
import { newProfilePage, sendJson } from './api';
import { BUTTON, ErrorBox } from './bits';

const KEYS: readonly PageKey[] = [
  { keys: [':'], description: 'command bar: po, svc, fp, cost, whatif, audit, ctx…', action: { kind: 'command' }, footer: 'command' },
  { keys: ['?'], description: 'this help', action: { kind: 'help' }, footer: 'help' },
  { keys: ['t'], description: 'toggle dark / light theme', action: { kind: 'theme' } },
  { keys: ['Escape'], description: 'back to the cluster screens', action: { kind: 'back' }, footer: 'back' },
];

interface Page {
  entries: AuditEntry[];
  next: number | null;
}

const PAGE = 100;

export function AuditApp({ context }: { context: string }) {
  const now = useNow(5000);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const url = useCallback((before?: number) => `/api/audit?${new URLSearchParams({ context, limit: String(PAGE), ...(before ? { before: String(before) } : {}) })}`, [context]);

  const refresh = useCallback(
    (signal?: AbortSignal) =>
      sendJson<Page>('GET', url(), undefined, signal).then(
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
        (e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
        },
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
      const p = await sendJson<Page>('GET', url(next));
      setEntries((old) => [...(old ?? []), ...p.entries]);
      setNext(p.next);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [next, url]);

  const chrome = usePageChrome(context, KEYS, []);
  const onAction = useCallback((a: PageAction) => void chrome.common(a), [chrome]);
  usePageKeys(KEYS, onAction, chrome.overlayOpen);

  const pending = entries ? replacePlans(entries, { context, pending: true }) : [];

  return (
    <div className="flex min-h-screen flex-col bg-bg text-fg">
      <header className="flex h-[26px] shrink-0 items-center gap-3 border-b border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap">
        <span className="font-sans text-[13px] font-semibold text-accent">Farview</span>
        <span>
          <span className="text-muted">ctx </span>
          {context}
        </span>
        <a href={clusterPath(context, 'view=profiles')} className="text-accent hover:underline">
          profiles
        </a>
        <a href={newProfilePage(context)} className="text-accent hover:underline">
          new profile
        </a>
      </header>
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
            <table className="w-full border-collapse text-left font-mono text-[12px] tabular-nums" aria-label="Audit entries" data-testid="audit-table">
              <thead>
                <tr className="text-muted">
                  {['WHEN', 'AGE', 'WHO', 'ACTION', 'TARGET', 'RESULT', 'DETAIL'].map((h) => (
                    <th key={h} scope="col" className="pr-3 font-semibold whitespace-nowrap">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
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
      <PageFooter keys={KEYS} />
      {chrome.overlay}
    </div>
  );
}
