/**
 * Two reports side by side: per group what it cost before and after, the change, and why (more pods, bigger
 * sizes or requests, price changes), with the split of the change into those three parts.
 */
import { comparisonSpan, type GroupChange, type ReportComparison } from '@/lib/cost/compare';
import { formatMoment, provenance } from '@/lib/cost/prices';
import { GROUP_BY_LABEL, GROUP_BYS } from '@/lib/cost/query';
import type { ReportSummary } from '@/lib/view/model';
import { exactUSD, Money } from '../cost/Money';
import { FigureTable, TD as CELL, type Column } from '../common/Table';

// Rows carry their reasons in the last column, which wraps: cells align to the top.
const TD = `${CELL} align-top`;
const NUM = `${TD} text-right`;

const FIGURE_COLUMNS: Column[] = [
  { label: 'PODS BEFORE', num: true },
  { label: '$/H BEFORE', num: true },
  { label: 'PODS AFTER', num: true },
  { label: '$/H AFTER', num: true },
  { label: 'CHANGE $/H', num: true },
  { label: '$/MONTH', num: true },
  { label: 'COUNT', num: true, title: 'more or fewer pods (nodes, for idle rows) at the before-cost per pod' },
  { label: 'SIZE', num: true, title: 'bigger or smaller Fargate sizes and EC2 requests, at the before-prices' },
  { label: 'PRICE', num: true, title: 'the after-pods at the after-prices minus at the before-prices' },
  { label: 'WHY' },
];

function Delta({ usd, per }: { usd: number; per: 'h' | 'mo' }) {
  const tone = usd > 1e-9 ? 'text-err' : usd < -1e-9 ? 'text-ok' : 'text-muted';
  const sign = usd > 1e-9 ? '+' : '';
  return (
    <span className={`tabular-nums ${tone}`} data-usd={usd} title={`${exactUSD(usd)}/${per === 'h' ? 'h' : 'mo'}`}>
      {sign}
      <Money usd={usd} />
    </span>
  );
}

function Row({ g, total }: { g: GroupChange; total?: boolean }) {
  return (
    <tr data-testid={total ? 'compare-total' : 'compare-row'} data-key={g.key} className={total ? 'font-semibold' : g.idle ? 'italic' : ''}>
      <th scope="row" className={`${TD} max-w-[44ch] truncate text-left font-normal ${total ? 'font-semibold' : ''}`} title={g.label}>
        {g.label}
      </th>
      <td className={NUM}>{g.before ? g.before.units : '—'}</td>
      <td className={NUM}>{g.before ? <Money usd={g.before.hourlyUSD} per="h" /> : '—'}</td>
      <td className={NUM}>{g.after ? g.after.units : '—'}</td>
      <td className={NUM}>{g.after ? <Money usd={g.after.hourlyUSD} per="h" /> : '—'}</td>
      <td className={NUM} data-testid="delta">
        <Delta usd={g.deltaHourlyUSD} per="h" />
      </td>
      <td className={NUM}>
        <Delta usd={g.deltaMonthlyUSD} per="mo" />
      </td>
      <td className={NUM}>
        <Delta usd={g.effects.count} per="h" />
      </td>
      <td className={NUM}>
        <Delta usd={g.effects.size} per="h" />
      </td>
      <td className={NUM}>
        <Delta usd={g.effects.price} per="h" />
      </td>
      <td className={`${TD} whitespace-normal`} data-testid="why">
        {g.reasons.join('; ')}
      </td>
    </tr>
  );
}

function Side({ label, meta, at, prices }: { label: string; meta: ReportSummary; at: string; prices: ReportComparison['before']['prices'] }) {
  return (
    <div className="min-w-[40ch] flex-1 rounded border border-border bg-panel px-3 py-2 text-[12px]">
      <div className="text-[11px] text-muted uppercase">{label}</div>
      <a href={`/reports/${meta.id}`} className="text-accent hover:underline">
        {meta.title}
      </a>
      <div className="font-mono text-muted">
        shared {formatMoment(meta.createdAt)} · {provenance(prices, at)}
      </div>
    </div>
  );
}

export function CompareView({ c, a, b }: { c: ReportComparison; a: ReportSummary; b: ReportSummary }) {
  const changed = c.groups.filter((g) => Math.abs(g.deltaHourlyUSD) > 1e-9);
  const same = c.groups.length - changed.length;
  return (
    <article className="flex flex-col gap-3" aria-labelledby="compare-title" data-testid="compare">
      <h1 id="compare-title" className="text-[16px] font-semibold">
        What changed, by {GROUP_BY_LABEL[c.by].toLowerCase()}
      </h1>
      <p className="font-mono text-[12px] text-muted">{comparisonSpan(c)}</p>
      <div className="flex flex-wrap gap-2">
        <Side label="Before" meta={a} at={c.before.at} prices={c.before.prices} />
        <Side label="After" meta={b} at={c.after.at} prices={c.after.prices} />
      </div>
      <nav aria-label="Group by" className="flex flex-wrap items-center gap-1 font-mono text-[12px] print:hidden">
        <span className="text-muted">by</span>
        {GROUP_BYS.map((by) => (
          <a
            key={by}
            href={`/reports/compare?a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}&by=${by}`}
            aria-current={c.by === by ? 'true' : undefined}
            className={`rounded-sm px-1.5 py-0.5 ${c.by === by ? 'bg-[var(--row-selected)] text-fg' : 'text-accent hover:underline'}`}
          >
            {GROUP_BY_LABEL[by].toLowerCase()}
          </a>
        ))}
      </nav>
      {c.priceChanges.length || c.notes.length ? (
        <ul className="list-disc pl-5 text-[12px]" data-testid="compare-notes">
          {c.priceChanges.map((p) => (
            <li key={p}>Price change: {p}</li>
          ))}
          {c.notes.map((n) => (
            <li key={n} className="text-warn">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
      <FigureTable
        label="Changes"
        caption={`Change per ${GROUP_BY_LABEL[c.by].toLowerCase()}, largest first`}
        testId="compare-table"
        columns={[{ label: GROUP_BY_LABEL[c.by].toUpperCase() }, ...FIGURE_COLUMNS]}
      >
        <tbody>
          {changed.map((g) => (
            <Row key={g.key} g={g} />
          ))}
          {same ? (
            <tr>
              <td colSpan={11} className={`${TD} text-muted`}>
                {same} {same === 1 ? 'group' : 'groups'} unchanged.
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <Row g={c.total} total />
        </tfoot>
      </FigureTable>
      <p className="max-w-[110ch] text-[12px] text-muted">
        Pod counts are pods (for idle rows, EC2 nodes). The change of each row is split exactly into COUNT (more or fewer pods at the before-cost per
        pod), SIZE (the rest at the before-prices: bigger or smaller Fargate sizes, larger or smaller EC2 requests) and PRICE (the after-pods at the
        after-prices minus the before-prices).
      </p>
    </article>
  );
}
