/** Events: watched from the start; rows in rows/events.ts, ordered newest first by build/events.ts. */
import type { KindDescriptor } from './types';

export const events: KindDescriptor<'events'> = {
  resource: 'events',
  kind: 'Event',
  title: 'Events',
  api: { group: '', version: 'v1', plural: 'events', namespaced: true },
  watch: 'list',
  essential: true,
  snapshotOrder: 6,
};
