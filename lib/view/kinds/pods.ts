/** Pods: watched from the start; their rows and aggregates are the builder's core (pod-view.ts, build/). */
import type { KindDescriptor } from './types';

export const pods: KindDescriptor<'pods'> = {
  resource: 'pods',
  kind: 'Pod',
  title: 'Pods',
  api: { group: '', version: 'v1', plural: 'pods', namespaced: true },
  watch: 'list',
  essential: true,
  snapshotOrder: 5,
};
