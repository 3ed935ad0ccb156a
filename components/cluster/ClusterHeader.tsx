'use client';

import { memo, useMemo } from 'react';
import type { ClusterView } from '@/lib/view/model';
import { clusterEffectiveHourlyUSD } from '@/lib/cost/effective';
import { pricesText } from '@/lib/cost/prices';
import { formatUSD } from '@/lib/ui/format';
import { freshness, sourceProblems, type StreamStatus } from '@/lib/ui/freshness';
import { TONE_TEXT } from '@/lib/ui/tone';
import { pagePath } from '@/lib/ui/api-paths';
import { KeyButton } from './KeyActions';
import { useNow } from './useNow';

interface Props {
  context: string;
  view: ClusterView | null;
  status: StreamStatus;
  retryAt: number | null;
}

function Sep() {
  return (
    <span aria-hidden className="text-border">
      │
    </span>
  );
}

function Stat({ label, value, tone = '' }: { label: string; value: string | number; tone?: string }) {
  return (
    <span className="whitespace-nowrap">
      <span className="text-muted">{label} </span>
      <span className={`tabular-nums ${tone}`}>{value}</span>
    </span>
  );
}

/**
 * The top bar: which cluster, how many nodes and pods on each side, what it costs per hour, and how
 * fresh the data is; below it, a banner for data sources that are in error or forbidden. Memoized: it
 * ticks on its own clock and need not re-render with every filter keystroke or cursor move.
 */
export const ClusterHeader = memo(function ClusterHeader({ context, view, status, retryAt }: Props) {
  const now = useNow(1000);
  const meta = view?.meta ?? null;
  const totals = view?.totals ?? null;
  const fresh = freshness(status, retryAt, meta?.sources ?? null, now);
  const problems = sourceProblems(meta?.sources ?? null);
  const discounts = meta?.discounts ?? null;
  const effective = useMemo(() => (view && view.meta.discounts ? clusterEffectiveHourlyUSD(view) : null), [view]);

  return (
    <header className="shrink-0 border-b border-border bg-panel font-mono text-[12px]">
      <div className="flex h-[26px] items-center gap-x-3 overflow-hidden px-2 whitespace-nowrap">
        {/* The facts may be cut on a narrow screen; the freshness after them never is. */}
        <div className="flex min-w-0 flex-1 items-center gap-x-3 overflow-hidden">
        <h1 className="font-sans text-[13px] font-semibold text-accent">Farview</h1>
        <Stat label="ctx" value={context} />
        {meta?.clusterName && meta.clusterName !== context ? <Stat label="cluster" value={meta.clusterName} /> : null}
        {meta?.region ? <span className="max-sm:hidden">{meta.region}</span> : null}
        {meta?.kubernetesVersion ? (
          <span className="max-md:hidden">
            <Stat label="k8s" value={meta.kubernetesVersion} />
          </span>
        ) : null}
        {totals ? (
          <>
            <Sep />
            <Stat label="EC2 nodes" value={totals.ec2.nodes} tone="text-ec2" />
            <Stat label="Fargate nodes" value={totals.fargate.nodes} tone="text-fargate" />
            <Sep />
            <span className="whitespace-nowrap">
              <span className="text-muted">pods </span>
              <span className="text-muted">EC2 </span>
              <span className="text-ec2 tabular-nums">{totals.ec2.pods}</span>
              <span className="text-muted"> · Fargate </span>
              <span className="text-fargate tabular-nums">{totals.fargate.pods}</span>
              <span className="text-muted"> · Pending </span>
              <span className={`tabular-nums ${totals.pendingPods ? 'text-pending' : ''}`}>{totals.pendingPods}</span>
            </span>
            <Sep />
            <a
              href={pagePath(context, 'cost')}
              className="whitespace-nowrap tabular-nums hover:underline"
              title={`${meta?.prices ? `${pricesText(meta.prices)}. ` : ''}${discounts ? `List price; after your discounts (${discounts.text}) ${formatUSD(effective ?? totals.hourlyUSD)}/h. ` : ''}Open the cost view`}
            >
              {formatUSD(totals.hourlyUSD)}/h
              {discounts && effective !== null ? (
                <span className="max-2xl:hidden">
                  <span className="text-muted"> list · </span>
                  {formatUSD(effective)}/h<span className="text-muted"> yours</span>
                </span>
              ) : null}
            </a>
          </>
        ) : null}
        </div>
        <KeyButton action="theme" keyName="t">
          theme
        </KeyButton>
        <span role="status" aria-live="polite" data-testid="freshness" className={`shrink-0 whitespace-nowrap ${TONE_TEXT[fresh.tone]}`}>
          {fresh.text}
        </span>
      </div>
      {problems.length ? (
        <ul aria-label="Data source problems" data-testid="source-banner" className="border-t border-border px-2 py-0.5 font-sans text-[12px]">
          {problems.map((p) => (
            <li key={p.id} className={TONE_TEXT[p.tone]}>
              {p.text}
            </li>
          ))}
        </ul>
      ) : null}
    </header>
  );
});
