import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cidrContains } from '../aws/network';
import { createSimContext, type SimContext } from '../context';
import { loadScenario } from '../scenarios';
import { startControllers } from '.';
import { deploymentManifest, nodeOf, phase, podsOf, waitFor } from './test-support/workloads';

// The load balancer controller at speed 200: NLB after 25 ms, active after 150 ms, targets healthy 50 ms
// after registration.

let ctx: SimContext;
let controllers: { stop(): void };

beforeEach(() => {
  ctx = createSimContext({ scenario: 'empty', speed: 200, seed: 9 });
  loadScenario('empty', ctx);
  controllers = startControllers(ctx);
});

afterEach(() => controllers.stop());

function lbService(ns: string, name: string, app: string, annotations: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Service' as const,
    metadata: { name, namespace: ns, annotations },
    spec: { type: 'LoadBalancer', selector: { app }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] },
  };
}

const lbOf = (ns: string, name: string) => ctx.aws.loadBalancerByTag('service.k8s.aws/stack', `${ns}/${name}`);

describe('load balancer controller', () => {
  it('provisions an NLB with IP targets that follow pod readiness, and removes it with the Service', async () => {
    ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    ctx.store.create(deploymentManifest('shop', 'front', { replicas: 2 }));
    ctx.store.create(
      lbService('shop', 'front-door', 'front', {
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      }),
    );
    const svc = await waitFor('hostname in status', () => {
      const s = ctx.store.get('Service', 'shop', 'front-door')!;
      return (s.status as { loadBalancer?: { ingress?: { hostname: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]?.hostname ? s : undefined;
    });
    const spec = svc.spec as { clusterIP: string; ports: { nodePort: number }[] };
    expect(cidrContains('10.50.0.0/24', spec.clusterIP)).toBe(true);
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    const hostname = (svc.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0].hostname;
    expect(hostname).toMatch(/^k8s-shop-frontdoo-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.ap-southeast-1\.amazonaws\.com$/);

    const lb = lbOf('shop', 'front-door')!;
    expect(lb.dnsName).toBe(hostname);
    expect(lb.scheme).toBe('internet-facing');
    expect(lb.zones.every((z) => ctx.aws.isPublic(z.subnetId))).toBe(true);
    const [tg] = ctx.aws.targetGroupsOf(lb.arn);
    expect(tg.targetType).toBe('ip');
    expect(ctx.aws.listenersOf(lb.arn).map((l) => [l.port, l.protocol])).toEqual([[80, 'TCP']]);

    const tgb = ctx.store.get('TargetGroupBinding', 'shop', tg.name)!;
    expect(tgb.spec).toMatchObject({ targetGroupARN: tg.arn, targetType: 'ip', serviceRef: { name: 'front-door', port: 80 }, vpcID: ctx.aws.network.vpcId });
    expect(tgb.metadata.labels).toEqual({ 'service.k8s.aws/stack-name': 'front-door', 'service.k8s.aws/stack-namespace': 'shop' });

    const ps = await waitFor('pods running', () => {
      const p = podsOf(ctx.store.list('Pod'), 'front');
      return p.length === 2 && p.every((x) => phase(x) === 'Running') && p;
    });
    const ips = ps.map((p) => (p.status as { podIP: string }).podIP).sort();
    await waitFor('healthy targets', () => tg.targets.length === 2 && tg.targets.every((t) => t.state === 'healthy'));
    expect(tg.targets.map((t) => t.id).sort()).toEqual(ips);
    await waitFor('NLB active', () => lb.state === 'active');
    const ep = ctx.store.get('Endpoints', 'shop', 'front-door')!;
    expect(((ep.subsets as { addresses: { ip: string }[] }[])[0].addresses.map((a) => a.ip)).sort()).toEqual(ips);

    // A pod that stops being Ready becomes an unhealthy target.
    ctx.store.mutate('Pod', 'shop', ps[0].metadata.name, (p) => {
      for (const c of (p.status as { conditions: { type: string; status: string }[] }).conditions) if (c.type === 'Ready') c.status = 'False';
    });
    const ip0 = (ps[0].status as { podIP: string }).podIP;
    await waitFor('unhealthy target', () => tg.targets.find((t) => t.id === ip0)?.state === 'unhealthy');
    expect(tg.targets.find((t) => t.id === ip0)?.reason).toBe('Target.FailedHealthChecks');

    ctx.store.delete('Service', 'shop', 'front-door');
    await waitFor('NLB deleted', () => !lbOf('shop', 'front-door'));
    expect(ctx.aws.targetGroups.has(tg.arn)).toBe(false);
    await waitFor('TargetGroupBinding deleted', () => !ctx.store.get('TargetGroupBinding', 'shop', tg.name));
    await waitFor('Endpoints deleted', () => !ctx.store.get('Endpoints', 'shop', 'front-door'));
  });

  it('defaults to internal instance targets: the EC2 nodes, unhealthy with a Warning when every backend runs on Fargate', async () => {
    ctx.aws.createFargateProfile({ fargateProfileName: 'fp', podExecutionRoleArn: 'arn:aws:iam::133129065110:role/r', selectors: [{ namespace: 'fg' }] }, { initialStatus: 'ACTIVE' });
    ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fg' } });
    ctx.store.create(deploymentManifest('fg', 'api', { replicas: 1 }));
    await waitFor('fargate pod running', () => {
      const p = podsOf(ctx.store.list('Pod'), 'api');
      return p.length === 1 && phase(p[0]) === 'Running' && nodeOf(p[0])?.startsWith('fargate-');
    });
    ctx.store.create(lbService('fg', 'api', 'api', {}));
    const lb = await waitFor('NLB', () => lbOf('fg', 'api'));
    expect(lb.scheme).toBe('internal');
    expect(lb.zones.every((z) => !ctx.aws.isPublic(z.subnetId))).toBe(true);
    const [tg] = ctx.aws.targetGroupsOf(lb.arn);
    expect(tg.targetType).toBe('instance');
    const nodePort = (ctx.store.get('Service', 'fg', 'api')!.spec as { ports: { nodePort: number }[] }).ports[0].nodePort;
    expect(tg.port).toBe(nodePort);
    await waitFor('unhealthy instance targets', () => tg.targets.length === 2 && tg.targets.every((t) => t.state === 'unhealthy'));
    expect(tg.targets.map((t) => t.id).sort()).toEqual([...ctx.aws.instances.keys()].sort());
    const warning = await waitFor('warning event', () => ctx.store.list('Event', 'fg').find((e) => e.reason === 'InstanceTargetsOnFargate'));
    expect(warning).toMatchObject({ type: 'Warning', source: { component: 'service' } });
    expect(warning.message).toContain('aws-load-balancer-nlb-target-type: ip');
  });
});
