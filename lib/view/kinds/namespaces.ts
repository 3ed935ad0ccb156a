/** Namespaces: watched from the start; rows in rows/namespaces.ts, aggregated from their pods. */
import type { KindDescriptor } from './types';

export const namespaces: KindDescriptor<'namespaces'> = {
  resource: 'namespaces',
  kind: 'Namespace',
  title: 'Namespaces',
  api: { group: '', version: 'v1', plural: 'namespaces', namespaced: false },
  watch: 'list',
  essential: true,
  objectNames: ['namespaces', 'namespace'],
  snapshotOrder: 0,
};
