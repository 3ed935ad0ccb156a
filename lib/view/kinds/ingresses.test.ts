import { describe, expect, it } from 'vitest';
import { loadFixture, optionsFor } from '../../../fixtures/view';
import { buildView, ViewBuilder } from '../builder';
import { applyDelta } from '../delta';
import { COLUMNS } from '../../ui/columns';
import { parseCommand } from '../../ui/commands';
import { eventObjectLink, rowKey, VIEWS } from '../../ui/views';
import { hostsText, ingressView, ingresses, type KubeIngress } from './ingresses';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function ingress(over: Partial<KubeIngress> & { spec?: KubeIngress['spec'] } = {}): KubeIngress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'nginx-mixed-fargate',
      namespace: 'test3-mixed',
      uid: 'ing-1',
      resourceVersion: '1',
      creationTimestamp: '2026-12-02T02:30:00Z',
      annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip' },
    },
    spec: {
      ingressClassName: 'alb',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nginx-mixed-fargate', port: { number: 80 } } } }] } }],
    },
    ...over,
  };
}

const cell = (id: string, row: ReturnType<typeof ingressView>) => {
  const c = COLUMNS.ingresses.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c.text(row, NOW);
};

describe('ingress rows', () => {
  it('say what kubectl get ingress says: class, hosts, address, ports, age', () => {
    const row = ingressView(ingress());
    expect(COLUMNS.ingresses.filter((c) => !c.wide).map((c) => c.header)).toEqual(['NAMESPACE', 'NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    expect(['namespace', 'name', 'class', 'hosts', 'address', 'ports', 'age'].map((id) => cell(id, row))).toEqual([
      'test3-mixed',
      'nginx-mixed-fargate',
      'alb',
      '*',
      '—',
      '80',
      '9h',
    ]);
    expect(row).toMatchObject({
      id: 'ing-1',
      scheme: 'internet-facing',
      targetType: 'ip',
      rules: [{ host: null, path: '/', pathType: 'Prefix', backend: 'nginx-mixed-fargate:80' }],
      defaultBackend: null,
    });
  });

  it('show the load balancer address once the controller sets it, and 443 with TLS', () => {
    const row = ingressView(
      ingress({
        spec: { rules: [{ host: 'a.example.com' }], tls: [{ hosts: ['a.example.com'], secretName: 'tls' }], defaultBackend: { service: { name: 'web', port: { name: 'http' } } } },
        status: { loadBalancer: { ingress: [{ hostname: 'k8s-test3mix-abc.ap-southeast-1.elb.amazonaws.com' }, { ip: '10.0.0.1' }] } },
      }),
    );
    expect(cell('class', row)).toBe('—');
    expect(cell('hosts', row)).toBe('a.example.com');
    expect(cell('address', row)).toBe('k8s-test3mix-abc.ap-southeast-1.elb.amazonaws.com,10.0.0.1');
    expect(cell('ports', row)).toBe('80, 443');
    expect(row.defaultBackend).toBe('web:http');
    expect(row.tls).toEqual([{ hosts: ['a.example.com'], secretName: 'tls' }]);
    expect(ingresses.plain.screen.copy?.(row)).toBe('k8s-test3mix-abc.ap-southeast-1.elb.amazonaws.com');
  });

  it('list at most three hosts, as kubectl does', () => {
    expect(hostsText([])).toBe('*');
    expect(hostsText([{ host: 'a' }, {}, { host: 'b' }])).toBe('a,b');
    expect(hostsText([{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }])).toBe('a,b,c + 2 more...');
  });

  it('describe the object for the detail panel', () => {
    const facts = Object.fromEntries(ingresses.plain.screen.facts(ingressView(ingress()), NOW));
    expect(facts).toMatchObject({ class: 'alb', scheme: 'internet-facing', 'target type': 'ip', 'rule */': 'nginx-mixed-fargate:80 (Prefix)', age: '9h' });
  });
});

describe('ingresses as a listed kind', () => {
  const fixture = loadFixture('eksworkshop');

  it('have a screen, the :ing and :ingress commands and namespaced row keys', () => {
    expect(VIEWS.find((v) => v.id === 'ingresses')).toMatchObject({ title: 'Ingresses', namespaced: true, command: 'ing' });
    for (const c of [':ing', ':ingress', ':ingresses']) expect(parseCommand(c)).toEqual({ ok: true, target: { kind: 'view', view: 'ingresses' } });
    expect(parseCommand(':ing test3-mixed')).toEqual({ ok: true, target: { kind: 'view', view: 'ingresses', ns: 'test3-mixed' } });
    expect(rowKey('ingresses', ingressView(ingress()))).toBe('test3-mixed/nginx-mixed-fargate');
    expect(eventObjectLink({ id: 'e', namespace: 'test3-mixed', type: 'Normal', reason: 'x', message: '', object: { kind: 'Ingress', name: 'web', namespace: 'test3-mixed' }, count: 1, lastSeen: null, source: null })).toEqual({
      view: 'ingresses',
      sel: 'test3-mixed/web',
    });
  });

  it('are built into the view and its deltas', () => {
    const opts = optionsFor(fixture);
    const objects = { ...fixture.objects, ingresses: [ingress()] };
    const full = buildView({ objects, aws: fixture.aws }, opts, fixture.now);
    expect(full.ingresses?.map((i) => i.name)).toEqual(['nginx-mixed-fargate']);

    const b = new ViewBuilder(opts);
    b.apply({ type: 'eks', eks: fixture.aws.eks });
    const first = b.view(fixture.now);
    b.takeDelta(fixture.now);
    expect(first.ingresses).toEqual([]);
    b.apply({ type: 'upsert', resource: 'ingresses', object: ingress() });
    const added = b.takeDelta(fixture.now);
    expect(added?.upsert.ingresses?.map((i) => i.hosts)).toEqual(['*']);
    b.apply({ type: 'upsert', resource: 'ingresses', object: ingress() });
    expect(b.takeDelta(fixture.now)).toBeNull();
    b.apply({ type: 'delete', resource: 'ingresses', object: ingress() });
    const removed = b.takeDelta(fixture.now);
    expect(removed?.remove.ingresses).toEqual(['ing-1']);
    if (!added || !removed) throw new Error('deltas');
    expect(applyDelta(applyDelta(first, { ...added, seq: 1 }), { ...removed, seq: 2 }).ingresses).toEqual([]);
    expect(b.counts().ingresses).toBe(0);
  });
});
