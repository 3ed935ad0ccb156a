/**
 * Who owns a pod and which workload it belongs to. A Deployment's pods are owned by a ReplicaSet named
 * "<deployment>-<pod-template-hash>"; when the ReplicaSet object is known its own owner reference is the
 * answer, otherwise the hash suffix (also a label on the pod) is trimmed.
 */
import type { OwnerRef } from './model';
import type { KubePod, KubeReplicaSet, OwnerReference } from './kube';

/** The controlling owner reference (controller: true), else the first one. */
export function controllerOf(refs: OwnerReference[] | undefined): OwnerRef | null {
  if (!refs || refs.length === 0) return null;
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return { kind: ref.kind, name: ref.name };
}

/**
 * The pod's top-level workload: the Deployment behind its ReplicaSet, else the owner itself (StatefulSet,
 * DaemonSet, Job, …), else null for bare pods.
 * @param replicaSet the pod's ReplicaSet object when it is known (its owner reference wins over trimming)
 */
export function workloadOf(pod: KubePod, replicaSet?: KubeReplicaSet): OwnerRef | null {
  const owner = controllerOf(pod.metadata.ownerReferences);
  if (!owner || owner.kind !== 'ReplicaSet') return owner;
  if (replicaSet) return controllerOf(replicaSet.metadata.ownerReferences) ?? owner;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (hash && owner.name.endsWith(`-${hash}`) && owner.name.length > hash.length + 1) {
    return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return owner;
}
