'use client';

import type { ClusterView, ServiceView } from '@/lib/view/model';
import { targetsText } from '@/lib/ui/columns';
import { formatAge } from '@/lib/ui/format';
import { statusTone, targetsTone, TONE_TEXT } from '@/lib/ui/tone';
import { PlaceBadge } from '../Badge';
import { DetailTitle, Facts, FindingsList, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';

/** A service: how to reach it (endpoint, scheme, target type) and the targets behind it, with where each runs. */
export function ServiceDetail({ svc, view, now, go, onCopy }: { svc: ServiceView; view: ClusterView; now: number; go: (l: CrossLink) => void; onCopy: (text: string) => void }) {
  const podsById = new Map(view.pods.map((p) => [p.id, p]));
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="service-detail">
      <DetailTitle kind="service" name={`${svc.namespace}/${svc.name}`} />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Endpoint" className="xl:col-span-2">
            {svc.hostname ? (
              <div className="flex flex-wrap items-center gap-2">
                <a href={`http://${svc.hostname}`} target="_blank" rel="noreferrer" className="break-all text-accent hover:underline" data-testid="endpoint">
                  {svc.hostname}
                </a>
                <button type="button" className="rounded border border-border px-1.5 text-muted hover:text-fg" onClick={() => onCopy(svc.hostname ?? '')}>
                  copy
                </button>
              </div>
            ) : (
              <Note>{svc.type === 'LoadBalancer' ? 'No load balancer hostname yet (provisioning, or the load balancer controller is missing).' : `A ${svc.type} service has no external endpoint.`}</Note>
            )}
          </Section>
          <Section title="Service">
            <Facts
              items={[
                ['type', svc.type],
                ['scheme', svc.scheme ?? '—'],
                ['target type', svc.targetType ?? '—'],
                ['load balancer', svc.lbState ? <span key="l" className={TONE_TEXT[statusTone(svc.lbState)]}>{svc.lbState}</span> : '—'],
                ['LB ARN', <span key="a" className="break-all">{svc.lbArn ?? '—'}</span>],
                ['cluster IP', svc.clusterIP ?? '—'],
                ['ports', svc.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}→${p.targetPort ?? p.port}${p.nodePort ? ` (node ${p.nodePort})` : ''}/${p.protocol}`).join(', ') || '—'],
                ['selector', Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(', ') || '—'],
                ['age', formatAge(svc.createdAt, now)],
              ]}
            />
          </Section>
          <Section title="Backends">
            <Facts
              items={[
                ['EC2 pods', <span key="e" className="text-ec2">{svc.backends.ec2}</span>],
                ['Fargate pods', <span key="f" className="text-fargate">{svc.backends.fargate}</span>],
                ['pending pods', String(svc.backends.pending)],
                ['targets healthy', <span key="t" className={TONE_TEXT[targetsTone(svc)]}>{targetsText(svc)}</span>],
              ]}
            />
          </Section>
          <Section title={`Targets (${svc.targets.length})`} className="xl:col-span-2">
            {svc.targets.length ? (
              <MiniTable
                label="Load balancer targets"
                headers={['TARGET', 'PORT', 'HEALTH', 'REASON', 'POD', 'PLACE']}
                rows={svc.targets.map((t) => {
                  const pod = t.podId ? podsById.get(t.podId) : undefined;
                  return [
                    t.id,
                    t.port === null ? '—' : String(t.port),
                    <span key="h" className={TONE_TEXT[statusTone(t.health)]}>{t.health}</span>,
                    t.reason ?? '—',
                    pod ? (
                      <button key="p" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'pods', sel: `${pod.namespace}/${pod.name}` })}>
                        {pod.name}
                      </button>
                    ) : (
                      '—'
                    ),
                    <PlaceBadge key="b" placement={t.placement} />,
                  ];
                })}
              />
            ) : (
              <Note>No targets known{svc.type === 'LoadBalancer' ? ' (no TargetGroupBinding, or ELBv2 data is unavailable)' : ''}.</Note>
            )}
          </Section>
          <Section title="Findings" className="xl:col-span-2">
            <FindingsList findings={svc.findings} />
          </Section>
        </div>
      </div>
    </div>
  );
}
