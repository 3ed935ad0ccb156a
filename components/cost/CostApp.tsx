'use client';

/**
 * The live cost view of a context (`:cost`): the cluster's ClusterView as it streams in, priced and grouped in
 * the browser by lib/cost. The URL holds the grouping and filters (?by=&ns=&place=); "Share" asks the server to
 * freeze its own current view under the same query into a report and shows the link. With `range=` (24h, 7d, …)
 * it shows what that stretch of time cost instead, from the server's cost ledger.
 */
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { groupsCsv, linesCsv } from '@/lib/cost/csv';
import { buildCostReport } from '@/lib/cost/report';
import { costBasis, summarize } from '@/lib/cost/summary';
import { describeFilters, filterLines, GROUP_BY_LABEL, GROUP_BYS, parseCostQuery, serializeCostQuery } from '@/lib/cost/query';
import type { CostGroup, CostQuery, PlaceFilter } from '@/lib/cost/types';
import { RANGE_PRESETS } from '@/lib/ledger/range';
import { clusterPath, pagePath, REPORTS_PATH } from '@/lib/ui/api-paths';
import type { ShareRequest, ShareResponse } from '@/lib/ui/api-types';
import { ClusterHeader } from '../cluster/ClusterHeader';
import { StateMessage } from '../cluster/StateMessage';
import { StreamProblemMessage } from '../cluster/StreamProblemMessage';
import { useLiveCluster } from '../cluster/useLiveCluster';
import { requestJson } from '../common/request';
import { CostRangeView } from './CostRangeView';
import { CostSummaryView } from './CostSummaryView';
import { download } from './download';
import { COST_KEYS, type PageAction } from './keys';
import { PageFooter, usePageChrome, usePageKeys } from './PageChrome';
import { ShareBox, type ShareState } from './ShareBox';
import { useRightsizing } from './useRightsizing';

const PLACES: { id: PlaceFilter; label: string }[] = [
  { id: 'all', label: 'EC2 + Fargate' },
  { id: 'ec2', label: 'EC2' },
  { id: 'fargate', label: 'Fargate' },
];

/** Where a row of the cost table leads on the cluster screens. */
function linkFor(context: string, g: CostGroup): string | null {
  const [kind, ...rest] = g.key.split(':');
  const value = rest.join(':');
  const q = (p: Record<string, string>) => clusterPath(context, new URLSearchParams(p).toString());
  switch (kind) {
    case 'ns':
      return q({ view: 'pods', ns: value });
    case 'pod': {
      const slash = value.indexOf('/');
      return q({ view: 'pods', ns: value.slice(0, slash), sel: value, open: 'detail' });
    }
    case 'wl': {
      const [ns, , name] = value.split('/');
      return q({ view: 'pods', ns, q: name });
    }
    case 'fp':
      return q({ view: 'profiles', sel: value, open: 'detail' });
    case 'np':
      return q({ view: 'nodepools', sel: value, open: 'detail' });
    case 'ng':
      // Rows of reports shared before node groups became node pools.
      return q({ view: 'nodepools', sel: `nodegroup/${value}`, open: 'detail' });
    case 'cap':
      return q({ view: 'nodes' });
    default:
      return null;
  }
}

export function CostApp({ context }: { context: string }) {
  const router = useRouter();
  const params = useSearchParams();
  const { query, problems } = useMemo(() => parseCostQuery(params), [params]);
  // No range: the live cost now; a range: what that stretch of time cost, from the cost ledger.
  const rangeSpec = params.get('range');
  const { snapshot, connection } = useLiveCluster(context);
  const view = snapshot?.view ?? null;
  const [share, setShare] = useState<ShareState>({ status: 'idle' });
  const usage = useRightsizing(context, query.ns ?? null);

  // The server's prices: the bundled table with whatever AWS answered (Price List, Spot) laid over it.
  const prices = view?.meta.prices ?? null;
  const pods = view?.pods;
  const nodes = view?.nodes;
  const meta = view?.meta;
  const basis = useMemo(() => (pods && nodes && meta ? costBasis({ pods, nodes, meta }, prices) : null), [pods, nodes, meta, prices]);
  const summary = useMemo(() => (basis ? summarize(basis, query) : null), [basis, query]);
  const lines = useMemo(() => (basis ? filterLines(basis.lines, query) : []), [basis, query]);
  const namespaces = useMemo(() => (view ? view.namespaces.map((n) => n.name).sort() : []), [view]);

  const hrefFor = useCallback(
    (next: CostQuery, range: string | null) => {
      const qs = [serializeCostQuery(next), range ? `range=${encodeURIComponent(range)}` : ''].filter(Boolean).join('&');
      return `${pagePath(context, 'cost')}${qs ? `?${qs}` : ''}`;
    },
    [context],
  );
  const setQuery = useCallback((next: CostQuery) => router.replace(hrefFor(next, rangeSpec), { scroll: false }), [router, hrefFor, rangeSpec]);

  const doShare = useCallback(async () => {
    setShare({ status: 'busy' });
    try {
      const request: ShareRequest = { context, query };
      const body = await requestJson<ShareResponse>('POST', REPORTS_PATH, request);
      if (!body.url) throw new Error(`${REPORTS_PATH} answered without a link`);
      setShare({ status: 'done', url: new URL(body.url, window.location.origin).toString(), title: body.title ?? '' });
    } catch (e) {
      setShare({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }, [context, query]);

  const exportCsv = useCallback(
    (rows: 'groups' | 'lines') => {
      if (!summary || !basis) return;
      const text = rows === 'groups' ? groupsCsv(summary) : linesCsv(lines, summary.at, summary.prices);
      download(`farview-${context}-cost-${rows === 'groups' ? summary.query.by : 'lines'}.csv`, text, 'text/csv');
    },
    [summary, basis, lines, context],
  );

  const exportJson = useCallback(() => {
    if (!basis || !view) return;
    const report = buildCostReport(basis, query, { context, clusterName: view.meta.clusterName, region: view.meta.region });
    download(`farview-${context}-cost.json`, JSON.stringify(report, null, 2), 'application/json');
  }, [basis, view, query, context]);

  const chrome = usePageChrome(context, COST_KEYS, namespaces);
  const onAction = useCallback(
    (a: PageAction) => {
      if (chrome.common(a)) return;
      if (a.kind === 'by') setQuery({ ...query, by: a.by });
      else if (a.kind === 'place') setQuery({ ...query, place: a.place });
      // Share and CSV act on the live cost; a range has its own exports.
      else if (a.kind === 'share' && !rangeSpec) void doShare();
      else if (a.kind === 'csv' && !rangeSpec) exportCsv('groups');
    },
    [chrome, query, setQuery, doShare, exportCsv, rangeSpec],
  );
  usePageKeys(COST_KEYS, onAction, chrome.overlayOpen);

  let body: React.ReactNode;
  if (!view || !summary) {
    body =
      connection.status === 'retrying' && connection.problem ? (
        <StreamProblemMessage context={context} problem={connection.problem} retryAt={connection.retryAt} contexts={[]} />
      ) : (
        <StateMessage title={`Connecting to ${context}…`} testId="loading">
          <p className="text-muted">Reading pods and nodes to price them.</p>
        </StateMessage>
      );
  } else if (rangeSpec) {
    body = (
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <CostRangeView context={context} spec={rangeSpec} query={query} linkFor={(g) => linkFor(context, g)} />
      </div>
    );
  } else {
    body = (
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <CostSummaryView summary={summary} lines={lines} linkFor={(g) => linkFor(context, g)} usageAdvice={usage.advice} usageError={usage.error} />
      </div>
    );
  }

  const btn = 'rounded-sm border border-border px-2 py-0.5 hover:border-accent disabled:opacity-50';
  return (
    <div className="flex h-screen flex-col overflow-hidden bg-bg text-fg">
      <ClusterHeader context={context} view={view} status={connection.status} retryAt={connection.retryAt} />
      <main className="flex min-h-0 flex-1 flex-col" aria-label="Cost">
        <div className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-b border-border px-3 py-1.5 font-mono text-[12px]">
          <h1 className="font-sans text-[14px] font-semibold" data-testid="cost-title">
            Cost <span className="text-muted">({describeFilters(query)})</span>
          </h1>
          <nav aria-label="Time range" className="flex flex-wrap items-center gap-1" data-testid="range-bar">
            <span className="text-muted">when</span>
            {[null, ...RANGE_PRESETS].map((r) => (
              <a
                key={r ?? 'now'}
                href={hrefFor(query, r)}
                aria-current={rangeSpec === r ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  router.replace(hrefFor(query, r), { scroll: false });
                }}
                className={`rounded-sm px-1.5 py-0.5 ${rangeSpec === r ? 'bg-[var(--row-selected)] text-fg' : 'text-accent hover:underline'}`}
              >
                {r === null ? 'now' : r === 'mtd' ? 'month' : r}
              </a>
            ))}
          </nav>
          <nav aria-label="Group by" className="flex flex-wrap items-center gap-1">
            <span className="text-muted">by</span>
            {GROUP_BYS.map((by, i) => (
              <a
                key={by}
                href={hrefFor({ ...query, by }, rangeSpec)}
                aria-current={query.by === by ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setQuery({ ...query, by });
                }}
                className={`rounded-sm px-1.5 py-0.5 ${query.by === by ? 'bg-[var(--row-selected)] text-fg' : 'text-accent hover:underline'}`}
              >
                <kbd className="text-muted">{i + 1}</kbd> <span className="whitespace-nowrap">{GROUP_BY_LABEL[by].toLowerCase()}</span>
              </a>
            ))}
          </nav>
          <label className="flex items-center gap-1">
            <span className="text-muted">namespace</span>
            <select
              value={query.ns ?? ''}
              onChange={(e) => setQuery({ ...query, ns: e.target.value || null })}
              className="rounded-sm border border-border bg-bg px-1 py-0.5 text-fg"
            >
              <option value="">all</option>
              {namespaces.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
              {query.ns && !namespaces.includes(query.ns) ? <option value={query.ns}>{query.ns}</option> : null}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <span className="text-muted">side</span>
            <select value={query.place} onChange={(e) => setQuery({ ...query, place: e.target.value as PlaceFilter })} className="rounded-sm border border-border bg-bg px-1 py-0.5 text-fg">
              {PLACES.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <span className="ml-auto flex items-center gap-2">
            <button type="button" className={btn} onClick={() => void doShare()} disabled={!summary || share.status === 'busy' || !!rangeSpec} title={rangeSpec ? 'Shares the live cost; choose “now”' : undefined} data-testid="share">
              {share.status === 'busy' ? 'Sharing…' : 'Share'}
            </button>
            <button type="button" className={btn} onClick={() => exportCsv('groups')} disabled={!summary || !!rangeSpec}>
              CSV
            </button>
            <button type="button" className={btn} onClick={() => exportCsv('lines')} disabled={!summary || !!rangeSpec}>
              CSV (pods)
            </button>
            <button type="button" className={btn} onClick={exportJson} disabled={!summary || !!rangeSpec}>
              JSON
            </button>
            <Link href="/reports" className="text-accent hover:underline">
              reports
            </Link>
            <Link href={pagePath(context, 'whatif')} className="text-accent hover:underline">
              what-if
            </Link>
          </span>
        </div>
        {problems.length ? (
          <p role="status" className="shrink-0 border-b border-border px-3 py-0.5 text-[12px] text-warn">
            {problems.join(' · ')}
          </p>
        ) : null}
        <ShareBox key={share.status === 'done' ? share.url : share.status} state={share} onClose={() => setShare({ status: 'idle' })} />
        {body}
      </main>
      <PageFooter keys={COST_KEYS} onAction={onAction} />
      {chrome.overlay}
    </div>
  );
}
