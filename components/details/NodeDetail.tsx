'use client';

import type { ClusterView, NodeView } from '@/lib/view/model';
import { nodeEffectiveHourlyUSD } from '@/lib/cost/effective';
import { billedText } from '@/lib/ui/columns';
import { formatAge, formatCpu, formatGiB, formatRequest, formatUSD, formatUse, formatYours, HOURS_PER_MONTH } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import { capacityLabel, POOL_KIND_LABEL } from '@/lib/view/node-info';
import { PlaceBadge } from '../Badge';
import { DetailTitle, Facts, FindingsList, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';

function UseBar({ label, used, total }: { label: string; used: number; total: number }) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  return (
    <div className="flex items-center gap-2">
      <span className="w-[4ch] text-muted">{label}</span>
      <div role="meter" aria-label={`${label} requested of allocatable`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-[8px] w-[24ch] overflow-hidden rounded-sm border border-border">
        <div className="h-full bg-accent" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A node: what it is, how full its requests make it, what it costs, and the pods on it. */
export function NodeDetail({ node, view, now, go }: { node: NodeView; view: ClusterView; now: number; go: (l: CrossLink) => void }) {
  const pods = view.pods.filter((p) => p.nodeName === node.name);
  const type = node.computeType === 'other' ? null : node.computeType;
  const discounts = view.meta.discounts ?? null;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="node-detail">
      <DetailTitle kind="node" name={node.name} extra={<PlaceBadge placement={type} />} />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Node">
            <Facts
              items={[
                ['type', node.computeType],
                node.computeType === 'fargate'
                  ? ['profile', node.profile ?? '—']
                  : [
                      'pool',
                      node.poolId ? (
                        <button key="p" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'nodepools', sel: node.poolId as string })}>
                          {node.pool} ({POOL_KIND_LABEL[node.poolKind ?? 'self-managed']})
                        </button>
                      ) : (
                        '—'
                      ),
                    ],
                ['instance', node.instanceType ?? (node.computeType === 'fargate' ? 'Fargate (the node size does not say what is billed)' : '—')],
                ['capacity type', node.capacityType ? capacityLabel(node.capacityType) : '—'],
                ['architecture', node.arch ?? '—'],
                ['zone', node.zone ?? '—'],
                ['status', <span key="s" className={TONE_TEXT[statusTone(node.status)]}>{node.status}</span>],
                ['internal IP', node.internalIP ?? '—'],
                ['kubelet', node.kubeletVersion ?? '—'],
                ['age', formatAge(node.createdAt, now)],
              ]}
            />
          </Section>
          <Section title="Use (requests / allocatable) and cost">
            <Facts
              items={[
                ['CPU', formatUse(node.requested.cpuMillis, node.allocatable.cpuMillis, formatCpu)],
                ['memory', formatUse(node.requested.memoryBytes, node.allocatable.memoryBytes, formatGiB)],
                ['pods', String(node.podCount)],
                ['$/hour', formatUSD(node.hourlyUSD)],
                ['$/month', formatUSD(node.hourlyUSD * HOURS_PER_MONTH)],
                ...(node.feeHourlyUSD > 0 ? ([['Auto Mode fee', `${formatUSD(node.feeHourlyUSD)}/h, in the price above`]] as [string, string][]) : []),
                ...(discounts && node.computeType === 'ec2' ? ([['yours', formatYours(nodeEffectiveHourlyUSD(node, discounts), discounts)]] as [string, string][]) : []),
                ...(node.priceSource ? ([['price', node.priceSource]] as [string, string][]) : []),
              ]}
            />
            <div className="mt-2 space-y-1">
              <UseBar label="CPU" used={node.requested.cpuMillis} total={node.allocatable.cpuMillis} />
              <UseBar label="MEM" used={node.requested.memoryBytes} total={node.allocatable.memoryBytes} />
            </div>
          </Section>
          <Section title={`Pods on this node (${pods.length})`} className="xl:col-span-2">
            {pods.length ? (
              <MiniTable
                label="Pods on this node"
                headers={['NAMESPACE', 'NAME', 'PLACE', 'REQUESTED', 'BILLED', '$/H', 'STATUS']}
                rows={pods.map((p) => [
                  p.namespace,
                  <button key="n" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'pods', sel: `${p.namespace}/${p.name}` })}>
                    {p.name}
                  </button>,
                  <PlaceBadge key="b" placement={p.placement} />,
                  formatRequest(p.request),
                  billedText(p),
                  formatUSD(p.hourlyUSD),
                  <span key="s" className={TONE_TEXT[statusTone(p.status)]}>{p.status}</span>,
                ])}
              />
            ) : (
              <Note>No pods on this node.</Note>
            )}
          </Section>
          <Section title="Findings">
            <FindingsList findings={node.findings} />
          </Section>
          <Section title="Labels">
            <p className="break-all">{Object.entries(node.labels).map(([k, v]) => `${k}=${v}`).join('  ') || '—'}</p>
          </Section>
        </div>
      </div>
    </div>
  );
}
