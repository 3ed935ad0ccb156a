/**
 * Moving existing pods onto a new profile. Fargate only schedules pods as they are created, so pods that
 * a profile now captures stay where they are until recreated; a rollout restart of their Deployment
 * (what `kubectl rollout restart` does: stamp the pod template with kubectl.kubernetes.io/restartedAt)
 * replaces them gradually, under the Deployment's own rollout rules.
 */
import { takingProfile } from '../fargate/landing';
import type { ClusterView, PodView } from '../view/model';
import { isLive, recreatedLabels } from './preview';

/** The pod-template annotation `kubectl rollout restart` sets. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export interface RestartTarget {
  namespace: string;
  /** The Deployment. */
  name: string;
  /** Its pods the profile would now take, with where each runs. */
  pods: { name: string; from: string }[];
}

export interface RestartPlan {
  profile: string;
  /** Null when the restart can go ahead; else why not (profile missing or not ACTIVE). */
  blocked: string | null;
  targets: RestartTarget[];
  /** Deployments left alone because Fargate would refuse their pods (they would go Pending). */
  refused: { namespace: string; name: string; reason: string }[];
  /** Captured pods no rollout restart moves (bare pods, StatefulSets, Jobs, …). */
  manual: { namespace: string; name: string; owner: string }[];
}

function where(p: PodView): string {
  if (p.placement === 'fargate') return `Fargate profile ${p.profile ?? '?'}`;
  if (p.placement === 'ec2') return `EC2 node ${p.nodeName ?? '?'}`;
  return p.placement === 'pending' ? 'Pending' : p.status;
}

/**
 * The Deployments whose running pods `profile` would capture if recreated now, with the pods Fargate would
 * refuse and those a restart cannot move. Only ACTIVE profiles count, as for EKS.
 */
export function restartPlan(view: ClusterView, profile: string): RestartPlan {
  const p = view.profiles.find((x) => x.name === profile);
  const plan: RestartPlan = { profile, blocked: null, targets: [], refused: [], manual: [] };
  if (!p) return { ...plan, blocked: `there is no Fargate profile ${profile} in this cluster` };
  if (p.status !== 'ACTIVE') return { ...plan, blocked: `profile ${profile} is ${p.status}: pods move onto it only once it is ACTIVE` };

  const profiles = view.profiles.map((x) => ({ name: x.name, status: x.status, selectors: x.selectors }));
  const byDeployment = new Map<string, { target: RestartTarget; issues: string[] }>();
  for (const pod of view.pods) {
    // Pending pods are left out: one that matches an ACTIVE profile is normally being placed on it already.
    // DaemonSet pods are never taken (takingProfile): a restart cannot move them.
    if (!isLive(pod) || pod.placement === 'pending') continue;
    if (pod.placement === 'fargate' && pod.profile === profile) continue;
    const m = takingProfile({ namespace: pod.namespace, labels: recreatedLabels(pod) }, pod.owner?.kind, profiles);
    if (m?.profile !== profile) continue;
    if (pod.workload?.kind !== 'Deployment') {
      plan.manual.push({ namespace: pod.namespace, name: pod.name, owner: pod.workload ? `${pod.workload.kind}/${pod.workload.name}` : 'no controller' });
      continue;
    }
    const key = `${pod.namespace}/${pod.workload.name}`;
    const entry = byDeployment.get(key) ?? { target: { namespace: pod.namespace, name: pod.workload.name, pods: [] }, issues: [] };
    entry.target.pods.push({ name: pod.name, from: where(pod) });
    entry.issues.push(...pod.findings.filter((f) => f.rule === 'fargate-unsupported').map((f) => f.message));
    byDeployment.set(key, entry);
  }
  for (const { target, issues } of [...byDeployment.values()].sort((a, b) => (a.target.namespace + a.target.name).localeCompare(b.target.namespace + b.target.name))) {
    if (issues.length) plan.refused.push({ namespace: target.namespace, name: target.name, reason: issues[0] });
    else plan.targets.push(target);
  }
  return plan;
}

/**
 * The JSON merge patch of a rollout restart: a new restartedAt on the pod template, which makes the
 * Deployment roll out fresh pods.
 * @param at when, ISO 8601 (the time is a parameter: this module reads no clock)
 */
export function restartPatch(at: string): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } };
}
