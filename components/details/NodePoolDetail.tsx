'use client';

import type { ClusterView, NodePoolView } from '@/lib/view/model';
import { capacityLabel } from '@/lib/view/node-info';
import { nodeEffectiveHourlyUSD } from '@/lib/cost/effective';
import { formatCpu, formatGiB, formatUSD, formatUse, formatYours, HOURS_PER_MONTH } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import { DetailTitle, Facts, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';

/** What defines the pool: EKS's scaling for a node group, the NodePool's spec for Karpenter and Auto Mode. */
function definition(pool: NodePoolView): [string, string][] {
  if (pool.kind === 'nodegroup') {
    return [
      ['desired / min / max', `${pool.desired ?? '—'} / ${pool.min ?? '—'} / ${pool.max ?? '—'}`],
      ['subnets', pool.subnets.join(', ') || '—'],
    ];
  }
  if (pool.kind === 'karpenter' || pool.kind === 'auto') {
    return [
      ['node class', pool.nodeClass ?? '—'],
      ['limits', pool.limits.join(', ') || 'none'],
      ['disruption', pool.disruption.join('; ') || '—'],
      ['expire after', pool.expireAfter ?? '—'],
      ['weight', pool.weight === null ? '—' : String(pool.weight)],
      ['node claims', pool.nodeClaims === null ? '—' : String(pool.nodeClaims)],
      ...pool.requirements.map((r, i): [string, string] => [i === 0 ? 'requirements' : '', r]),
    ];
  }
  return [];
}

/** A node pool: its kind, capacity and instance types, what its pods request of it, its price and its nodes. */
export function NodePoolDetail({ group: pool, view, go }: { group: NodePoolView; view: ClusterView; go: (l: CrossLink) => void }) {
  const nodes = view.nodes.filter((n) => n.poolId === pool.id);
  const discounts = view.meta.discounts ?? null;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="nodepool-detail">
      <DetailTitle kind={pool.kindLabel} name={pool.name} extra={<span className={TONE_TEXT[statusTone(pool.status)]}>{pool.status}</span>} />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Node pool">
            <Facts
              items={[
                ['kind', pool.kindLabel],
                ['capacity type', pool.capacityTypes.join(', ') || '—'],
                ['architecture', pool.archs.join(', ') || '—'],
                ['instance types', pool.instanceTypes.join(', ') || '—'],
                ['zones', pool.zones.join(', ') || '—'],
                ['nodes (ready)', `${pool.nodeCount} (${pool.readyNodes})`],
                ['CPU requested / allocatable', formatUse(pool.requested.cpuMillis, pool.allocatable.cpuMillis, formatCpu)],
                ['memory requested / allocatable', formatUse(pool.requested.memoryBytes, pool.allocatable.memoryBytes, formatGiB)],
                ...definition(pool),
                ['$/hour', formatUSD(pool.hourlyUSD)],
                ['$/month', formatUSD(pool.hourlyUSD * HOURS_PER_MONTH)],
                ...(discounts ? ([['yours', formatYours(nodes.reduce((sum, n) => sum + nodeEffectiveHourlyUSD(n, discounts), 0), discounts)]] as [string, string][]) : []),
              ]}
            />
          </Section>
          <Section title={`Nodes (${nodes.length})`}>
            {nodes.length ? (
              <MiniTable
                label="Nodes of this pool"
                headers={['NAME', 'INSTANCE', 'CAPACITY', 'ZONE', 'CPU', 'MEM', 'PODS', '$/H']}
                rows={nodes.map((n) => [
                  <button key="n" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'nodes', sel: n.name })}>
                    {n.name}
                  </button>,
                  n.instanceType ?? '—',
                  n.capacityType ? capacityLabel(n.capacityType) : '—',
                  n.zone ?? '—',
                  formatUse(n.requested.cpuMillis, n.allocatable.cpuMillis, formatCpu),
                  formatUse(n.requested.memoryBytes, n.allocatable.memoryBytes, formatGiB),
                  String(n.podCount),
                  formatUSD(n.hourlyUSD),
                ])}
              />
            ) : (
              <Note>{pool.kind === 'karpenter' || pool.kind === 'auto' ? 'No nodes yet: Karpenter launches them when pods need them.' : 'No nodes of this pool are registered.'}</Note>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
