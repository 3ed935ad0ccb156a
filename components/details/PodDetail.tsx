'use client';

import { useQuery } from '@tanstack/react-query';
import type { ClusterView, EventView, PodDetail as PodDetailData, PodSizing, PodView } from '@/lib/view/model';
import { podEffectiveHourlyUSD } from '@/lib/cost/effective';
import { pricesText } from '@/lib/cost/prices';
import { billedEphemeralGiB, provisionedEphemeralBytes } from '@/lib/fargate/prices';
import { podPath } from '@/lib/ui/api-paths';
import { selectorText } from '@/lib/ui/columns';
import { formatAge, formatCpu, formatMemory, formatMemoryBinary, formatSize, formatUSD, formatYours, HOURS_PER_MONTH } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import { PlaceBadge } from '../Badge';
import { fetchJson } from '../common/request';
import { DetailTitle, Facts, FindingsList, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';
import { UsageBars } from './UsageBars';

const MI = 1024 * 1024;

/** The pod's detail query, shared by the detail and YAML panels. */
export function usePodDetail(context: string, pod: PodView) {
  // Refetch when what the spec-derived parts depend on changes (a restart, a new node, the annotation).
  const version = `${pod.status}|${pod.restarts}|${pod.nodeName}|${pod.capacityProvisioned}`;
  return useQuery({
    queryKey: ['pod', context, pod.namespace, pod.name, pod.id, version],
    queryFn: ({ signal }) => fetchJson<PodDetailData>(podPath(context, pod.namespace, pod.name), signal),
    placeholderData: (prev) => prev,
  });
}

function SizingBreakdown({ sizing, pod }: { sizing: PodSizing; pod: PodView }) {
  const r = (cpu: number, mem: number) => [formatCpu(cpu), `${formatMemory(mem)}${mem ? ` (${formatMemoryBinary(mem)})` : ''}`];
  const rows = sizing.containers.map((c) => [
    c.name,
    c.role,
    formatCpu(c.request.cpuMillis),
    formatMemory(c.request.memoryBytes),
    c.limits.cpuMillis === null && c.limits.memoryBytes === null
      ? '—'
      : `${c.limits.cpuMillis === null ? '—' : formatCpu(c.limits.cpuMillis)} / ${c.limits.memoryBytes === null ? '—' : formatMemory(c.limits.memoryBytes)}`,
    c.defaultedFromLimits ? 'request copied from limit' : '',
  ]);
  const size = sizing.size;
  return (
    <>
      <MiniTable label="Containers" headers={['CONTAINER', 'ROLE', 'CPU REQ', 'MEM REQ', 'LIMITS', '']} rows={rows} />
      <div className="mt-2">
        <Facts
          items={[
            ['long-running (sum)', r(sizing.longRunning.cpuMillis, sizing.longRunning.memoryBytes).join(' / ')],
            ['init containers (max)', r(sizing.initMax.cpuMillis, sizing.initMax.memoryBytes).join(' / ')],
            ...(sizing.overhead.cpuMillis || sizing.overhead.memoryBytes
              ? ([['pod overhead (not in the Fargate size)', r(sizing.overhead.cpuMillis, sizing.overhead.memoryBytes).join(' / ')]] as [string, string][])
              : []),
            ['effective request', <b key="e">{r(sizing.effective.cpuMillis, sizing.effective.memoryBytes).join(' / ')}</b>],
            ['+ 256 MiB for kubelet, kube-proxy, containerd', `${formatCpu(sizing.effective.cpuMillis)} / ${formatMemoryBinary(sizing.fargateMemoryBytes)}`],
            [
              '→ rounded up to a Fargate size',
              size ? (
                <b key="s" className="text-fargate">
                  {formatSize(size)} <span className="font-normal text-muted">({formatMemoryBinary(size.memoryGiB * 1024 * MI)})</span>
                </b>
              ) : (
                <span key="s" className="text-err">{sizing.tooLargeReason ?? 'no Fargate size fits'}</span>
              ),
            ],
            ...(sizing.ephemeralStorageBytes
              ? ([
                  ['ephemeral storage requested', formatMemory(sizing.ephemeralStorageBytes)],
                  [
                    '→ provisioned (+10 % + 5 GiB, 20–175 GiB)',
                    `${formatMemory(provisionedEphemeralBytes(sizing.ephemeralStorageBytes))} · ${billedEphemeralGiB(sizing.ephemeralStorageBytes)} GiB billed above the 20 GiB included`,
                  ],
                ] as [string, string][])
              : []),
          ]}
        />
        {sizing.sidecarsUnverified ? (
          <Note>Native sidecars present: AWS does not document how Fargate counts them; the size follows the Kubernetes formula.</Note>
        ) : null}
      </div>
      <div className="mt-2">
        <Facts
          items={[
            [
              'CapacityProvisioned',
              pod.capacityProvisioned ? (
                <span key="cp">
                  <span className="font-semibold">{pod.capacityProvisioned}</span>{' '}
                  {pod.sizeAgrees === true ? (
                    <span className="text-ok">agrees with the computed size</span>
                  ) : pod.sizeAgrees === false ? (
                    <span className="text-warn">differs from the computed {formatSize(pod.expectedSize)}: billing follows the annotation</span>
                  ) : null}
                </span>
              ) : (
                <span key="cp" className="text-muted">
                  {pod.placement === 'fargate' ? 'not written yet (AWS adds it once the pod is provisioned)' : 'none (only Fargate pods carry it)'}
                </span>
              ),
            ],
          ]}
        />
      </div>
    </>
  );
}

function EventsList({ events, now }: { events: readonly EventView[]; now: number }) {
  if (!events.length) return <Note>No events for this pod.</Note>;
  return (
    <MiniTable
      label="Pod events"
      headers={['TYPE', 'LAST SEEN', 'REASON', 'MESSAGE']}
      rows={events.map((e) => [
        <span key="t" className={e.type === 'Warning' ? 'text-warn' : 'text-muted'}>
          {e.type}
        </span>,
        formatAge(e.lastSeen, now),
        e.reason,
        <span key="m" title={e.message}>
          {e.message}
        </span>,
      ])}
    />
  );
}

/** A pod, explained: where it runs and why, how Fargate sizes it, what it costs, findings and events. */
export function PodDetail({ context, pod, view, now, go }: { context: string; pod: PodView; view: ClusterView; now: number; go: (l: CrossLink) => void }) {
  const detail = usePodDetail(context, pod);
  const profile = pod.profile ? view.profiles.find((p) => p.name === pod.profile) : undefined;
  const selector = profile && pod.selectorIndex !== null ? profile.selectors[pod.selectorIndex] : undefined;
  const monthly = pod.hourlyUSD * HOURS_PER_MONTH;
  const basis =
    pod.costBasis === 'fargate'
      ? `Fargate list price of ${formatSize(pod.billedSize)}`
      : pod.costBasis === 'ec2-share'
        ? "the pod's share of its node's price, by requests"
        : 'not billed (not running)';
  const prices = view.meta.prices;
  const discounts = view.meta.discounts ?? null;

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="pod-detail">
      <DetailTitle kind="pod" name={`${pod.namespace}/${pod.name}`} extra={<PlaceBadge placement={pod.placement} />} />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Placement">
            <p className="mb-1">{pod.placementReason}</p>
            <Facts
              items={[
                ['placement', <PlaceBadge key="p" placement={pod.placement} />],
                [
                  'profile',
                  pod.profile ? (
                    <button key="pr" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'profiles', sel: pod.profile ?? '' })}>
                      {pod.profile}
                    </button>
                  ) : (
                    '—'
                  ),
                ],
                ['selector', selector ? `#${(pod.selectorIndex ?? 0) + 1} of ${profile?.selectors.length}: ${selectorText(selector)}` : '—'],
                [
                  'node',
                  pod.nodeName ? (
                    <button key="n" type="button" className="text-left break-all text-accent hover:underline" onClick={() => go({ view: 'nodes', sel: pod.nodeName ?? '' })}>
                      {pod.nodeName}
                    </button>
                  ) : (
                    '—'
                  ),
                ],
                ['zone', pod.zone ?? '—'],
                ['IP', pod.ip ?? '—'],
                ['status', <span key="s" className={TONE_TEXT[statusTone(pod.status)]}>{`${pod.status} · ready ${pod.ready} · restarts ${pod.restarts}`}</span>],
                ['owner', pod.workload ? `${pod.workload.kind}/${pod.workload.name}` : pod.owner ? `${pod.owner.kind}/${pod.owner.name}` : '—'],
                ['QoS', pod.qos ?? '—'],
                ['age', formatAge(pod.createdAt, now)],
              ]}
            />
          </Section>
          <Section title="Cost">
            <Facts
              items={[
                ['$/hour', <b key="h">{formatUSD(pod.hourlyUSD)}</b>],
                ['$/month (730 h)', formatUSD(monthly)],
                ...(discounts && (pod.placement === 'ec2' || pod.placement === 'fargate')
                  ? ([['yours', formatYours(podEffectiveHourlyUSD(pod, view.nodes.find((n) => n.name === pod.nodeName), discounts), discounts)]] as [string, string][])
                  : []),
                ['accrued', pod.billingStart ? `${formatUSD(pod.accruedUSD)} over ${formatAge(pod.billingStart, Date.parse(view.meta.generatedAt))} (since ${pod.billingStart})` : formatUSD(pod.accruedUSD)],
                [
                  'waste',
                  pod.costBasis === 'fargate' ? `${formatUSD(pod.wasteHourlyUSD)}/h · ${formatUSD(pod.wasteHourlyUSD * HOURS_PER_MONTH)}/month billed but not requested` : '—',
                ],
                ['basis', basis],
                ['prices', prices ? pricesText(prices) : 'no price table for this region'],
              ]}
            />
          </Section>
          <Section title={pod.placement === 'fargate' ? 'Usage vs request vs billed' : 'Usage vs request'}>
            <UsageBars pod={pod} />
          </Section>
          <Section title={pod.placement === 'fargate' ? 'Fargate sizing' : 'Fargate sizing (if this pod ran on Fargate)'} className="xl:col-span-2">
            {detail.data?.sizingError ? (
              <Note tone="err">This pod cannot be sized: {detail.data.sizingError}</Note>
            ) : detail.data ? (
              <SizingBreakdown sizing={detail.data.sizing} pod={pod} />
            ) : detail.error ? (
              <Note tone="err">Sizing unavailable: {detail.error.message}</Note>
            ) : (
              <Note>Loading the pod spec…</Note>
            )}
          </Section>
          <Section title="Findings">
            <FindingsList findings={pod.findings} />
          </Section>
          <Section title="Events">
            {detail.data ? <EventsList events={detail.data.events} now={now} /> : detail.error ? <Note tone="err">{detail.error.message}</Note> : <Note>Loading…</Note>}
          </Section>
          <Section title="Labels" className="xl:col-span-2">
            <p className="break-all">{Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`).join('  ') || '—'}</p>
          </Section>
        </div>
      </div>
    </div>
  );
}
