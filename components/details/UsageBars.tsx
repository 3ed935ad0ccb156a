'use client';

import type { PodView } from '@/lib/view/model';
import { formatCpu, formatMemoryBinary } from '@/lib/ui/format';
import { formatCpuUsage, formatMemUsage, percentOf } from '@/lib/ui/usage';

const GI = 1024 ** 3;

interface Bar {
  label: string;
  used: number;
  requested: number;
  /** What Fargate provisions and bills (Fargate pods), else null. */
  billed: number | null;
  limit: number | null;
  fmtUsed: (n: number) => string;
  fmt: (n: number) => string;
}

/** One resource as a bar: used (filled) inside requested (outlined), on a scale that reaches what is billed. */
function UsageBar({ bar }: { bar: Bar }) {
  const scale = Math.max(bar.used, bar.requested, bar.billed ?? 0, 1);
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100).toFixed(1)}%`;
  const over = bar.requested > 0 && bar.used > bar.requested;
  const words = [
    `${bar.fmtUsed(bar.used)} used`,
    bar.requested > 0 ? `${bar.fmt(bar.requested)} requested (${percentOf(bar.used, bar.requested)} %)` : 'no request',
    bar.billed !== null ? `${bar.fmt(bar.billed)} billed` : null,
    bar.limit !== null ? `limit ${bar.fmt(bar.limit)}` : null,
  ].filter(Boolean);
  return (
    <div className="grid grid-cols-[4ch_minmax(0,1fr)] items-center gap-x-2">
      <span className="text-muted">{bar.label}</span>
      <div>
        <div
          role="img"
          aria-label={`${bar.label}: ${words.join(', ')}`}
          className="relative h-3 w-full rounded-sm bg-border/40"
        >
          {bar.billed !== null ? <div className="absolute inset-y-0 left-0 rounded-sm bg-fargate/15" style={{ width: pct(bar.billed) }} /> : null}
          {bar.requested > 0 ? <div className="absolute inset-y-0 left-0 rounded-sm border border-muted" style={{ width: pct(bar.requested) }} /> : null}
          <div className={`absolute inset-y-[3px] left-0 rounded-sm ${over ? 'bg-warn' : 'bg-accent'}`} style={{ width: pct(bar.used) }} />
        </div>
        <div className="text-[11px] text-muted tabular-nums">{words.join(' · ')}</div>
      </div>
    </div>
  );
}

/**
 * Used vs requested (vs billed on Fargate) for CPU and memory, from the latest metrics-server sample: the
 * gap between the outline and the shaded part is capacity Fargate bills that the pod did not ask for, the gap
 * between the fill and the outline is request the pod does not use.
 */
export function UsageBars({ pod }: { pod: PodView }) {
  const u = pod.usage;
  if (!u) return <p className="text-muted">No usage sample for this pod (metrics-server reports running pods only; see the header when it is not reachable).</p>;
  const billed = pod.placement === 'fargate' ? (pod.billedSize ?? null) : null;
  return (
    <div className="space-y-1">
      <UsageBar
        bar={{ label: 'CPU', used: Math.ceil(u.cpuMilli), requested: pod.request.cpuMillis, billed: billed ? billed.vcpu * 1000 : null, limit: pod.limits.cpuMillis, fmtUsed: formatCpuUsage, fmt: formatCpu }}
      />
      <UsageBar
        bar={{ label: 'MEM', used: u.memoryBytes, requested: pod.request.memoryBytes, billed: billed ? billed.memoryGiB * GI : null, limit: pod.limits.memoryBytes, fmtUsed: formatMemUsage, fmt: formatMemoryBinary }}
      />
    </div>
  );
}
