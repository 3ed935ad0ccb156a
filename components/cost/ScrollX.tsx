import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller. It can take keyboard focus (and has a name) so a keyboard user can scroll
 * it with the arrow keys when the table is wider than the screen.
 */
export function ScrollX({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto focus-visible:outline-2" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
