import type { SimContext } from '../context';
import { churnController } from './churn';
import { karpenterController } from './karpenter';
import { kubeletController } from './kubelet';
import { loadBalancerController } from './loadbalancer';
import { oomController } from './oom';
import { profileController } from './profiles';
import { createRuntime, type Controller } from './runtime';
import { schedulerController } from './scheduler';
import { servicesController } from './services';
import { workloadsController } from './workloads';

/**
 * Starts every simulated controller on the context's store and AWS state: Deployments/ReplicaSets,
 * both schedulers, the kubelets, Services/Endpoints, the load balancer controller, the Fargate
 * profile lifecycle, Karpenter's provisioning and consolidation where the scenario runs it, churn and the OOM kills of
 * creeping containers. One store subscription feeds them all (one copy of each object per
 * event); they pick up objects that already exist (a loaded scenario) when they start. stop()
 * unsubscribes and cancels every queued task and timer.
 */
export function startControllers(ctx: SimContext): { stop(): void } {
  const rt = createRuntime(ctx);
  const controllers: Controller[] = [
    workloadsController(rt),
    schedulerController(rt),
    karpenterController(rt),
    kubeletController(rt),
    servicesController(rt),
    loadBalancerController(rt),
    profileController(rt),
    churnController(rt),
    oomController(rt),
  ];
  const offStore = ctx.store.subscribe((ev) => {
    for (const c of controllers) c.onStore?.(ev);
  });
  const offAws = ctx.aws.subscribe((ev) => {
    for (const c of controllers) c.onAws?.(ev);
  });
  for (const c of controllers) c.start?.();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      offStore();
      offAws();
      rt.queue.stop();
      rt.timers.stop();
      for (const c of controllers) c.stop?.();
    },
  };
}
