'use client';

/**
 * The cost page over a time range: from the cost ledger (GET …/cost/range), what the range cost by the chosen
 * grouping, as a stacked chart and a table that add up to the same total, the month to date with its forecast,
 * and how much of the range was filled in after a time Farview was not recording.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { rangeGroupsCsv } from '@/lib/cost/csv';
import { GROUP_BY_LABEL, serializeCostQuery } from '@/lib/cost/query';
import type { CostGroup, CostQuery } from '@/lib/cost/types';
import type { CostRangeResponse } from '@/lib/ledger/types';
import { costRangePath } from '@/lib/ui/api-paths';
import { formatAge, formatUSD } from '@/lib/ui/format';
import { StateMessage } from '../cluster/StateMessage';
import { fetchJson } from '../common/request';
import { FigureTable, NUM, TD } from '../common/Table';
import { CostChart } from './CostChart';
import { download } from './download';
import { Money } from './Money';

const REFRESH_MS = 30_000;

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded border border-border bg-panel px-2 py-1" data-testid={testId}>
      <div className="text-[11px] text-muted uppercase">{label}</div>
      <div className="font-mono text-[14px]">{children}</div>
    </div>
  );
}

function RangeRow({ g, total, share, linkFor }: { g: CostGroup; total?: boolean; share: number; linkFor: (g: CostGroup) => string | null }) {
  const href = total ? null : linkFor(g);
  return (
    <tr data-testid={total ? 'range-total' : 'range-row'} data-key={g.key} className={total ? 'font-semibold' : g.idle ? 'text-muted italic' : 'hover:bg-[var(--row-hover)]'}>
      <th scope="row" className={`${TD} max-w-[48ch] truncate text-left font-normal ${total ? 'font-semibold' : ''}`} title={g.label}>
        {href ? (
          <a href={href} className="text-accent hover:underline">
            {g.label}
          </a>
        ) : (
          g.label
        )}
      </th>
      <td className={NUM}>{g.idle || g.key === 'cluster' ? <span className="text-muted">—</span> : g.pods}</td>
      <td className={NUM}>
        <Money usd={g.accruedUSD} hint="cost in the range" testId="range-cost" />
      </td>
      <td className={NUM}>
        <Money usd={g.hourlyUSD} per="h" hint="the range's cost over its hours" />
      </td>
      <td className={NUM}>{total ? '100 %' : `${(share * 100).toFixed(1)} %`}</td>
    </tr>
  );
}

export function CostRangeView({ context, spec, query, linkFor }: { context: string; spec: string; query: CostQuery; linkFor: (g: CostGroup) => string | null }) {
  const qs = serializeCostQuery(query);
  const q = useQuery({
    queryKey: ['cost-range', context, spec, qs],
    queryFn: ({ signal }) => fetchJson<CostRangeResponse>(`${costRangePath(context)}?range=${encodeURIComponent(spec)}${qs ? `&${qs}` : ''}`, signal),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  if (q.error && !q.data) {
    return (
      <StateMessage title="The cost history cannot be read" testId="range-error">
        <p className="text-err">{q.error instanceof Error ? q.error.message : String(q.error)}</p>
        <p className="text-muted">The live cost (now) does not need it: choose “now” above.</p>
      </StateMessage>
    );
  }
  const r = q.data;
  if (!r) {
    return (
      <StateMessage title="Reading the cost history…" testId="range-loading">
        <p className="text-muted">Adding up what every pod, node and the control plane cost in the range.</p>
      </StateMessage>
    );
  }
  const t = r.total;
  const since = r.coverage.recordingSince ? Date.parse(r.coverage.recordingSince) : null;
  const asOf = Date.parse(r.asOf);
  return (
    <div className="space-y-3" data-testid="cost-range">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
        <Stat label={`cost, ${r.range.label}`} testId="range-total-stat">
          <Money usd={t.accruedUSD} hint={`${r.range.from} to ${r.range.to}`} />
        </Stat>
        <Stat label="month to date">
          <Money usd={r.month.spentUSD} hint={`since ${r.month.from}`} />
        </Stat>
        <Stat label="forecast to month end" testId="forecast">
          <span title={r.month.method}>{formatUSD(r.month.forecastUSD)}</span>
          <span className="ml-1 text-[11px] text-muted">at {formatUSD(r.month.runRateUSD)}/h</span>
        </Stat>
        <Stat label="filled in after a gap">
          <Money usd={r.coverage.reconstructedUSD} hint="reconstructed from pod and node start times for a time Farview was not recording" />
        </Stat>
      </div>
      <div className="flex items-center gap-2 text-[12px]">
        <button type="button" className="rounded-sm border border-border px-2 py-0.5 hover:border-accent" onClick={() => download(`farview-${context}-cost-${query.by}-${spec.replace(/[^a-z0-9]+/gi, '_')}.csv`, rangeGroupsCsv(r, query.by), 'text/csv')}>
          CSV of the range
        </button>
        <button type="button" className="rounded-sm border border-border px-2 py-0.5 hover:border-accent" onClick={() => download(`farview-${context}-cost-${spec.replace(/[^a-z0-9]+/gi, '_')}.json`, JSON.stringify(r, null, 2), 'application/json')}>
          JSON of the range
        </button>
      </div>
      <p className="text-[12px] text-muted" data-testid="range-coverage">
        {since ? `Recording since ${formatAge(new Date(since).toISOString(), asOf)} ago on this server. ` : 'Not recording yet on this server. '}
        What ran before, or while Farview was down, is filled in from the pods&apos; and nodes&apos; start times and counted as
        “filled in”. Forecast: {r.month.method}.{r.coverage.problem ? <span className="text-warn"> The ledger: {r.coverage.problem}.</span> : null}
      </p>
      <section aria-label="Cost over time" className="rounded border border-border bg-panel p-2">
        <h2 className="mb-1 font-sans text-[12px] font-semibold tracking-wide text-muted uppercase">
          Cost per {r.range.stepMs >= 86_400_000 ? `${r.range.stepMs / 86_400_000} d` : r.range.stepMs >= 3_600_000 ? `${r.range.stepMs / 3_600_000} h` : `${r.range.stepMs / 60_000} min`}, by{' '}
          {GROUP_BY_LABEL[query.by].toLowerCase()}
        </h2>
        <CostChart series={r.series} />
      </section>
      <FigureTable
        label={`Cost in the range by ${GROUP_BY_LABEL[query.by].toLowerCase()}`}
        caption={`What ${r.range.label} cost, by ${GROUP_BY_LABEL[query.by].toLowerCase()}`}
        testId="range-table"
        columns={[{ label: GROUP_BY_LABEL[query.by].toUpperCase() }, { label: 'PODS', num: true }, { label: 'COST', num: true }, { label: 'AVG $/H', num: true }, { label: 'SHARE', num: true }]}
      >
        <tbody>
          {r.groups.map((g) => (
            <RangeRow key={g.key} g={g} share={t.accruedUSD > 0 ? g.accruedUSD / t.accruedUSD : 0} linkFor={linkFor} />
          ))}
        </tbody>
        <tfoot>
          <RangeRow g={t} total share={1} linkFor={linkFor} />
        </tfoot>
      </FigureTable>
      <section aria-label="Top movers" className="rounded border border-border bg-panel p-2" data-testid="movers">
        <h2 className="mb-1 font-sans text-[12px] font-semibold tracking-wide text-muted uppercase">
          Top movers against the previous {r.range.label.startsWith('last ') ? r.range.label.slice(5) : 'span of the same length'}: {formatUSD(r.previous.totalUSD)} then,{' '}
          {formatUSD(t.accruedUSD)} now
        </h2>
        {r.previous.movers.length ? (
          <FigureTable
            label="Top movers"
            caption={`The groups whose cost changed most from ${r.previous.from} – ${r.previous.to} to the range`}
            testId="movers-table"
            columns={[{ label: GROUP_BY_LABEL[query.by].toUpperCase() }, { label: 'BEFORE', num: true }, { label: 'NOW', num: true }, { label: 'CHANGE', num: true }]}
          >
            <tbody>
              {r.previous.movers.map((m) => (
                <tr key={m.key} className="hover:bg-[var(--row-hover)]">
                  <th scope="row" className={`${TD} max-w-[48ch] truncate text-left font-normal`} title={m.label}>
                    {m.label}
                  </th>
                  <td className={NUM}>
                    <Money usd={m.beforeUSD} hint={`${r.previous.from} to ${r.previous.to}`} />
                  </td>
                  <td className={NUM}>
                    <Money usd={m.nowUSD} hint="in the range" />
                  </td>
                  <td className={`${NUM} ${m.changeUSD > 0 ? 'text-warn' : 'text-ok'}`}>
                    {m.changeUSD > 0 ? '+' : '−'}
                    <Money usd={Math.abs(m.changeUSD)} hint="now less before" />
                  </td>
                </tr>
              ))}
            </tbody>
          </FigureTable>
        ) : (
          <p className="text-[12px] text-muted">Nothing changed against the span before.</p>
        )}
      </section>
    </div>
  );
}
