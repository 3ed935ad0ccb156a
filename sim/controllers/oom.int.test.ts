import { describe, expect, it } from 'vitest';
import { createSimContext } from '../context';
import { loadScenario } from '../scenarios';
import { k8sTime } from '../store';
import { podSampleAt } from '../k8s/metrics';
import { startControllers } from '.';
import { waitFor } from './test-support/workloads';

type Cs = { restartCount: number; lastState?: { terminated?: { reason: string; exitCode: number } }; state?: { running?: { startedAt: string } } };

describe('OOM kills of creeping memory', () => {
  it('kills a creeping container when its memory reaches the ceiling, restarts it, and its memory starts low again', async () => {
    // 3,600× speed: the 6-hour climb takes 6 s of real time.
    const ctx = createSimContext({ scenario: 'eksworkshop', speed: 3600, seed: 2 });
    loadScenario('eksworkshop', ctx);
    const node = ctx.store.list('Node').find((n) => !n.metadata.name.startsWith('fargate-'))!;
    const t = k8sTime(ctx.now());
    ctx.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'leaky', namespace: 'default', annotations: { 'sim.farview.dev/usage': 'creep' } },
      spec: { nodeName: node.metadata.name, containers: [{ name: 'app', image: 'leaky:1', resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } } }] },
      status: { phase: 'Running', startTime: t, containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'leaky:1', state: { running: { startedAt: t } } }] },
    });
    const controllers = startControllers(ctx);
    try {
      const status = () => (ctx.store.get('Pod', 'default', 'leaky')!.status as { containerStatuses: Cs[] }).containerStatuses[0];
      const memory = () => podSampleAt(ctx.store.get('Pod', 'default', 'leaky')!, 'eksworkshop', ctx.usageClock.now(), ctx.usageClock)?.containers[0].usage.memoryBytes ?? 0;
      // Before the kill the container climbs towards its 512 MiB limit.
      await waitFor('memory past half the limit', () => memory() > 256 * 1024 * 1024, 10_000);
      await waitFor('the OOM kill', () => status().restartCount === 1, 15_000);
      expect(status().lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
      // Started again: 10 % of the limit plus what a few hundred milliseconds of climbing add.
      expect(memory()).toBeLessThan(0.2 * 512 * 1024 * 1024);
      expect(ctx.store.list('Event', 'default').some((e) => e.reason === 'Started' && (e.involvedObject as { name?: string }).name === 'leaky')).toBe(true);
    } finally {
      controllers.stop();
    }
    // The seed's own pods idle: none was killed.
    expect(ctx.store.list('Pod', 'test2-fargate').every((p) => ((p.status as { containerStatuses: Cs[] }).containerStatuses ?? []).every((c) => c.restartCount === 0))).toBe(true);
  }, 40_000);
});
