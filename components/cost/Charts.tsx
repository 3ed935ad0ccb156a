/**
 * Two pictures of the cost view, in plain SVG: EC2 against Fargate (each side split into what pods requested
 * and what nobody did), and Fargate requested against billed per namespace. Exact figures are in each bar's
 * tooltip and in the tables below; the charts are only there to be read at a glance.
 */
import type { CostGroup } from '@/lib/cost/types';
import { formatUSD } from '@/lib/ui/format';
import { exactUSD } from './Money';

const W = 640;
const LABEL = 150;
const BAR_H = 18;
const GAP = 10;

interface Segment {
  usd: number;
  color: string;
  faint?: boolean;
  title: string;
}

function Bar({ y, label, segments, scale, total, hint }: { y: number; label: string; segments: Segment[]; scale: number; total: number; hint: string }) {
  // Each segment starts where the previous one ended.
  const starts = segments.map((_, i) => LABEL + segments.slice(0, i).reduce((sum, s) => sum + Math.max(0, s.usd * scale), 0));
  const end = LABEL + segments.reduce((sum, s) => sum + Math.max(0, s.usd * scale), 0);
  return (
    <g>
      <text x={LABEL - 8} y={y + BAR_H - 5} textAnchor="end" style={{ fill: 'var(--fg)', fontSize: 12 }}>
        {label.length > 22 ? `${label.slice(0, 21)}…` : label}
        <title>{label}</title>
      </text>
      {segments.map((s, i) => (
        <rect key={i} x={starts[i]} y={y} width={Math.max(0, s.usd * scale)} height={BAR_H} style={{ fill: s.color, fillOpacity: s.faint ? 0.3 : 0.9, stroke: s.color, strokeWidth: s.faint ? 1 : 0 }}>
          <title>{`${s.title}: ${exactUSD(s.usd)}/h — ${hint}`}</title>
        </rect>
      ))}
      <text x={end + 6} y={y + BAR_H - 5} style={{ fill: 'var(--muted)', fontSize: 12 }}>
        {formatUSD(total)}/h
      </text>
    </g>
  );
}

function Legend({ items }: { items: { color: string; faint?: boolean; label: string }[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-[12px] text-muted">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1">
          <svg width="12" height="12" aria-hidden focusable="false">
            <rect x="0.5" y="0.5" width="11" height="11" style={{ fill: i.color, fillOpacity: i.faint ? 0.3 : 0.9, stroke: i.color }} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** EC2 (pod shares + idle) against Fargate (requested + billed-not-requested), one bar each, to scale. */
export function SideChart({ total, hint }: { total: CostGroup; hint: string }) {
  const ec2 = total.ec2HourlyUSD + total.idleHourlyUSD;
  const fargate = total.fargateHourlyUSD;
  const max = Math.max(ec2, fargate);
  const scale = max > 0 ? (W - LABEL - 90) / max : 0;
  const h = 2 * BAR_H + GAP + 4;
  const label = `EC2 ${formatUSD(ec2)} per hour (pods ${formatUSD(total.ec2HourlyUSD)}, idle ${formatUSD(total.idleHourlyUSD)}); Fargate ${formatUSD(fargate)} per hour (requested ${formatUSD(total.fargateRequestedHourlyUSD)}, billed but not requested ${formatUSD(total.wasteHourlyUSD)})`;
  return (
    <figure data-testid="chart-sides">
      <figcaption className="mb-1 text-[12px] font-semibold text-muted uppercase">EC2 vs Fargate, $/hour</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} className="w-full max-w-[720px]" role="img" aria-label={label}>
        <Bar
          y={2}
          label="EC2"
          total={ec2}
          scale={scale}
          hint={hint}
          segments={[
            { usd: total.ec2HourlyUSD, color: 'var(--ec2)', title: 'EC2, requested by pods' },
            { usd: total.idleHourlyUSD, color: 'var(--ec2)', faint: true, title: 'EC2, idle (requested by no pod)' },
          ]}
        />
        <Bar
          y={2 + BAR_H + GAP}
          label="Fargate"
          total={fargate}
          scale={scale}
          hint={hint}
          segments={[
            { usd: total.fargateRequestedHourlyUSD, color: 'var(--fargate)', title: 'Fargate, requested' },
            { usd: total.wasteHourlyUSD, color: 'var(--fargate)', faint: true, title: 'Fargate, billed but not requested' },
          ]}
        />
      </svg>
      <Legend
        items={[
          { color: 'var(--ec2)', label: 'EC2 requested' },
          { color: 'var(--ec2)', faint: true, label: 'EC2 idle' },
          { color: 'var(--fargate)', label: 'Fargate requested' },
          { color: 'var(--fargate)', faint: true, label: 'Fargate billed, not requested' },
        ]}
      />
    </figure>
  );
}

/** Fargate requested against billed, per namespace (from the namespace rows), most billed first. */
export function RequestedBilledChart({ namespaces, hint }: { namespaces: CostGroup[]; hint: string }) {
  const rows = namespaces.filter((g) => !g.idle && g.fargateHourlyUSD > 0).slice(0, 12);
  if (!rows.length) {
    return (
      <figure data-testid="chart-waste">
        <figcaption className="mb-1 text-[12px] font-semibold text-muted uppercase">Fargate requested vs billed, $/hour</figcaption>
        <p className="text-[12px] text-muted">No Fargate pods in these figures.</p>
      </figure>
    );
  }
  const max = Math.max(...rows.map((r) => r.fargateHourlyUSD));
  const scale = max > 0 ? (W - LABEL - 90) / max : 0;
  const h = rows.length * (BAR_H + GAP) + 2;
  const label = rows
    .map((r) => `${r.label}: billed ${formatUSD(r.fargateHourlyUSD)}, requested ${formatUSD(r.fargateRequestedHourlyUSD)} per hour`)
    .join('; ');
  return (
    <figure data-testid="chart-waste">
      <figcaption className="mb-1 text-[12px] font-semibold text-muted uppercase">Fargate requested vs billed, $/hour</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} className="w-full max-w-[720px]" role="img" aria-label={label}>
        {rows.map((r, i) => (
          <Bar
            key={r.key}
            y={2 + i * (BAR_H + GAP)}
            label={r.label}
            total={r.fargateHourlyUSD}
            scale={scale}
            hint={hint}
            segments={[
              { usd: r.fargateRequestedHourlyUSD, color: 'var(--fargate)', title: `${r.label}, requested` },
              { usd: r.wasteHourlyUSD, color: 'var(--fargate)', faint: true, title: `${r.label}, billed but not requested` },
            ]}
          />
        ))}
      </svg>
      <Legend
        items={[
          { color: 'var(--fargate)', label: 'requested' },
          { color: 'var(--fargate)', faint: true, label: 'billed, not requested (+256 MiB and rounding up)' },
        ]}
      />
    </figure>
  );
}
