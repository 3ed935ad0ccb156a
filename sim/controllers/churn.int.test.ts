import { describe, expect, it } from 'vitest';
import { createSimContext } from '../context';
import { loadScenario } from '../scenarios';
import type { Obj } from '../store';
import { startControllers } from '.';
import { waitFor } from './test-support/workloads';

const restarts = (p: Obj) => ((p.status as { containerStatuses?: { restartCount: number }[] }).containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);

describe('churn', () => {
  it('restarts, replaces and flips workload pods at the given rate, never kube-system, and stops when told', async () => {
    const ctx = createSimContext({ scenario: 'eksworkshop', speed: 200, churn: 40, seed: 4 });
    loadScenario('eksworkshop', ctx);
    const systemBefore = ctx.store.list('Pod', 'kube-system').map((p) => p.metadata.name).sort();
    const workloadBefore = new Set(ctx.store.list('Pod').filter((p) => p.metadata.namespace !== 'kube-system').map((p) => p.metadata.name));
    const controllers = startControllers(ctx);
    try {
      await waitFor('a restarted workload pod', () => ctx.store.list('Pod').some((p) => restarts(p) > 0), 5000);
      await waitFor('a replaced workload pod', () => ctx.store.list('Pod').some((p) => p.metadata.namespace !== 'kube-system' && !workloadBefore.has(p.metadata.name)), 5000);
      await waitFor('a readiness probe failure', () => ctx.store.list('Event').some((e) => e.reason === 'Unhealthy'), 5000);
    } finally {
      controllers.stop();
    }
    const system = ctx.store.list('Pod', 'kube-system');
    expect(system.map((p) => p.metadata.name).sort()).toEqual(systemBefore);
    expect(system.every((p) => restarts(p) === 0)).toBe(true);
    // Bounded: at most two extra replicas per Deployment (6 workload Deployments, 8 workload pods to start with).
    const workload = ctx.store.list('Pod').filter((p) => p.metadata.namespace !== 'kube-system');
    expect(workload.length).toBeLessThanOrEqual(8 + 6 * 2);
    const rv = ctx.store.revision;
    await new Promise((r) => setTimeout(r, 300));
    expect(ctx.store.revision).toBe(rv);
  });

  it('does nothing at churn 0', async () => {
    const ctx = createSimContext({ scenario: 'eksworkshop', speed: 200, churn: 0 });
    loadScenario('eksworkshop', ctx);
    const rv = ctx.store.revision;
    const controllers = startControllers(ctx);
    await new Promise((r) => setTimeout(r, 400));
    controllers.stop();
    expect(ctx.store.revision).toBe(rv);
  });
});
