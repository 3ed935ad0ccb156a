/** Nodes: watched from the start; rows in rows/nodes.ts, aggregated from their pods. */
import type { KindDescriptor } from './types';

export const nodes: KindDescriptor<'nodes'> = {
  resource: 'nodes',
  kind: 'Node',
  title: 'Nodes',
  api: { group: '', version: 'v1', plural: 'nodes', namespaced: false },
  watch: 'list',
  essential: true,
  objectNames: ['nodes', 'node'],
  snapshotOrder: 1,
};
