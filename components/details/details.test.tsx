import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseDiscounts } from '@/lib/cost/discounts';
import { eksworkshop, NOW } from '@/lib/ui/test-support/eksworkshop';
import { NodeDetail } from './NodeDetail';
import { PodDetail } from './PodDetail';
import { ProfileDetail } from './ProfileDetail';
import { ServiceDetail } from './ServiceDetail';

const view = eksworkshop();
const noop = () => {};

/** Rendered text of a component, tags stripped, whitespace collapsed. */
function text(node: ReactNode): string {
  const client = new QueryClient();
  const html = renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('detail panels', () => {
  it('explain a test3-mixed Fargate pod: profile, selector, node and cost', () => {
    const pod = view.pods.find((p) => p.name === 'nginx-mixed-fargate-747577644f-9lnlt');
    if (!pod) throw new Error('fixture pod missing');
    const t = text(<PodDetail context="eksworkshop" pod={pod} view={view} now={NOW} go={noop} />);
    expect(t).toContain('FARGATE');
    expect(t).toContain('#1 of 1: test3-mixed{runon=fargate}');
    expect(t).toContain('fargate-ip-172-31-61-98.ap-southeast-1.compute.internal');
    // 1 × $0.05056 + 2 × $0.00553 = $0.06162/h; × 730 = $44.98/month.
    expect(t).toContain('$0.0616');
    expect(t).toContain('$44.98');
    expect(t).toContain('Fargate list price of 1vCPU 2GB');
    // The spec-derived sizing is fetched in the browser; on the server it shows as loading.
    expect(t).toContain('Loading the pod spec');
  });

  it('list the pods on an EC2 node with its use and price', () => {
    const node = view.nodes.find((n) => n.name.startsWith('ip-172-31-93-72'));
    if (!node) throw new Error('fixture node missing');
    const t = text(<NodeDetail node={node} view={view} now={NOW} go={noop} />);
    expect(t).toContain('Pods on this node (4)');
    expect(t).toContain('nginx-mixed-ec2-5c68c7c8df-8fmng');
    expect(t).toContain('950m/3920m 24%');
    expect(t).toContain('$0.2112');
  });

  it('show, with your discounts set, what a pod and a node cost you beside the list price', () => {
    const v = eksworkshop();
    v.meta.discounts = parseDiscounts('fargate=20%,ec2=25%');
    const pod = v.pods.find((p) => p.name === 'nginx-mixed-fargate-747577644f-9lnlt');
    const node = v.nodes.find((n) => n.name.startsWith('ip-172-31-93-72'));
    if (!pod || !node) throw new Error('fixture missing');
    // $0.06162/h less 20 % = $0.049296/h, $35.99 a month; the t3.xlarge's $0.2112/h less 25 % = $0.1584/h, $115.63.
    expect(text(<PodDetail context="eksworkshop" pod={pod} view={v} now={NOW} go={noop} />)).toContain('yours $0.0493/h · $35.99/month after your discounts (fargate 20 %, ec2 25 %)');
    const t = text(<NodeDetail node={node} view={v} now={NOW} go={noop} />);
    expect(t).toContain('yours $0.1584/h · $115.63/month after your discounts (fargate 20 %, ec2 25 %)');
    expect(t).not.toContain('Auto Mode fee');
  });

  it('show a service endpoint and its targets with their placement', () => {
    const svc = view.services.find((s) => s.name === 'nginx-mixed-fargate');
    if (!svc) throw new Error('fixture service missing');
    const t = text(<ServiceDetail svc={svc} view={view} now={NOW} go={noop} onCopy={noop} />);
    expect(t).toContain('k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com');
    expect(t).toContain('Targets (2)');
    expect(t).toContain('172.31.61.98');
    expect(t).toContain('nginx-mixed-fargate-747577644f-9lnlt');
    expect(t).toContain('internet-facing');
  });

  it('list the pods a profile captured and its totals', () => {
    const profile = view.profiles.find((p) => p.name === 'test2-fargate');
    if (!profile) throw new Error('fixture profile missing');
    const t = text(<ProfileDetail profile={profile} view={view} now={NOW} go={noop} />);
    expect(t).toContain('Pods captured (2)');
    expect(t).toContain('nginx-fargate-pod-75fcf896d5-2qxz9');
    // 2 × (0.5 × 0.05056 + 1 × 0.00553) = $0.06162/h.
    expect(t).toContain('$0.0616');
  });
});
