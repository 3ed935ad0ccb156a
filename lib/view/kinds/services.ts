/** Services: watched from the start; rows in service-view.ts, with their members and load balancer targets. */
import type { KindDescriptor } from './types';

export const services: KindDescriptor<'services'> = {
  resource: 'services',
  kind: 'Service',
  title: 'Services',
  api: { group: '', version: 'v1', plural: 'services', namespaced: true },
  watch: 'list',
  essential: true,
  objectNames: ['services', 'service'],
  snapshotOrder: 3,
};
