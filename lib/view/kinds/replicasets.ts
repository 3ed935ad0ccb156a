/** ReplicaSets: read from snapshots to name a pod's Deployment; not watched (pod owners say enough live). */
import type { KindDescriptor } from './types';

export const replicasets: KindDescriptor<'replicasets'> = {
  resource: 'replicasets',
  kind: 'ReplicaSet',
  title: 'ReplicaSets',
  api: { group: 'apps', version: 'v1', plural: 'replicasets', namespaced: true },
  watch: 'none',
  snapshotOrder: 2,
};
