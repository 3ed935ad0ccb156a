'use client';

import type { ClusterView, NodegroupView } from '@/lib/view/model';
import { formatCpu, formatGiB, formatUSD, formatUse, HOURS_PER_MONTH } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import { DetailTitle, Facts, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';

/** A managed node group: its scaling, instance types and the nodes it runs. */
export function NodegroupDetail({ group, view, go }: { group: NodegroupView; view: ClusterView; go: (l: CrossLink) => void }) {
  const nodes = view.nodes.filter((n) => n.nodegroup === group.name);
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="nodegroup-detail">
      <DetailTitle kind="node group" name={group.name} extra={<span className={TONE_TEXT[statusTone(group.status)]}>{group.status}</span>} />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Node group">
            <Facts
              items={[
                ['instance types', group.instanceTypes.join(', ') || '—'],
                ['capacity type', group.capacityType ?? '—'],
                ['desired / min / max', `${group.desired ?? '—'} / ${group.min ?? '—'} / ${group.max ?? '—'}`],
                ['subnets', group.subnets.join(', ') || '—'],
                ['$/hour', formatUSD(group.hourlyUSD)],
                ['$/month', formatUSD(group.hourlyUSD * HOURS_PER_MONTH)],
              ]}
            />
          </Section>
          <Section title={`Nodes (${nodes.length})`}>
            {nodes.length ? (
              <MiniTable
                label="Nodes of this group"
                headers={['NAME', 'INSTANCE', 'ZONE', 'CPU', 'MEM', 'PODS']}
                rows={nodes.map((n) => [
                  <button key="n" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'nodes', sel: n.name })}>
                    {n.name}
                  </button>,
                  n.instanceType ?? '—',
                  n.zone ?? '—',
                  formatUse(n.requested.cpuMillis, n.allocatable.cpuMillis, formatCpu),
                  formatUse(n.requested.memoryBytes, n.allocatable.memoryBytes, formatGiB),
                  String(n.podCount),
                ])}
              />
            ) : (
              <Note>No nodes of this group are registered.</Note>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
