import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../sim/harness';
import type { ClusterSource } from './cluster-source';
import { kubeRequest } from './kube-http';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';

// A plain listed kind end to end: the simulator serves it, ClusterSource watches it from its descriptor.
let sim: Sim;
let source: ClusterSource;

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 3 });
  source = sourceFor(sim);
  source.start();
  await source.ready(20_000);
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
});

describe('ingresses from the simulated eksworkshop cluster', () => {
  it('lists the ALB Ingress in front of test3-mixed and follows changes to it', async () => {
    expect(source.statusOf('ingresses')?.state).toBe('ok');
    const [ing] = source.snapshot().view.ingresses ?? [];
    expect(ing).toMatchObject({ namespace: 'test3-mixed', name: 'nginx-mixed-fargate', className: 'alb', hosts: '*', address: '', ports: '80', scheme: 'internet-facing', targetType: 'ip' });
    expect(source.getObject('ingresses', 'test3-mixed/nginx-mixed-fargate')?.spec?.rules?.[0].http?.paths?.[0].backend?.service?.name).toBe('nginx-mixed-fargate');

    const kc = source.kc;
    if (!kc) throw new Error('kubeconfig');
    const patched = await kubeRequest(kc, '/apis/networking.k8s.io/v1/namespaces/test3-mixed/ingresses/nginx-mixed-fargate', {
      method: 'PATCH',
      body: JSON.stringify({ spec: { tls: [{ hosts: ['shop.example.com'] }], rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nginx-mixed-fargate', port: { number: 80 } } } }] } }] } }),
      contentType: 'application/merge-patch+json',
    });
    expect(patched.status).toBe(200);
    await waitFor('the patched ingress', () => source.snapshot().view.ingresses?.[0]?.hosts === 'shop.example.com', 10_000);
    expect(source.snapshot().view.ingresses?.[0].ports).toBe('80, 443');
  });
});
