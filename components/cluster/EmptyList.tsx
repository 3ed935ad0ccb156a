import type { ReactNode } from 'react';
import { PLAIN_COLLECTIONS } from '@/lib/view/kinds';
import type { SourceStatus } from '@/lib/view/model';
import type { ViewId } from '@/lib/ui/views';

const SOURCE_OF: Partial<Record<ViewId, SourceStatus['id']>> = {
  profiles: 'eks',
  nodepools: 'eks',
  pods: 'pods',
  nodes: 'nodes',
  services: 'services',
  events: 'events',
  namespaces: 'namespaces',
  ...Object.fromEntries(PLAIN_COLLECTIONS.map((c) => [c, c])),
};

/** Why a screen may be empty because its data source is not working, or null when the source is fine. */
export function emptySourceNote(viewId: ViewId, sources: readonly SourceStatus[]): string | null {
  const src = sources.find((s) => s.id === SOURCE_OF[viewId]);
  if (!src || src.state === 'ok') return null;
  return src.message ?? `the ${src.id} source is ${src.state}`;
}

/** What an empty list says: the source is down, there is nothing, or the namespace / filter hides it — and the key that helps. */
export function EmptyList({ noun, total, ns, q, sourceNote, action }: { noun: string; total: number; ns: string | null; q: string; sourceNote: string | null; action?: ReactNode }) {
  if (sourceNote) return <p className="text-warn">No {noun} to show: {sourceNote}</p>;
  if (total === 0) {
    return (
      <p className="text-muted">
        No {noun} in this cluster. {action}
      </p>
    );
  }
  return (
    <p className="text-muted">
      No {noun}
      {ns ? ` in namespace ${ns}` : ''}
      {q ? ` match /${q}` : ''}.{' '}
      {q ? (
        <>
          <kbd className="text-accent">esc</kbd> clears the filter
        </>
      ) : null}
      {q && ns ? '; ' : ''}
      {ns ? (
        <>
          <kbd className="text-accent">0</kbd> shows all namespaces
        </>
      ) : null}
      .
    </p>
  );
}
