'use client';

import { memo } from 'react';
import { bindingsFor, keyLabel } from '@/lib/ui/keys';

/** The keys that work on this screen, from the key registry (bindings with a footer label). Memoized: it depends on the scope only. */
export const KeyFooter = memo(function KeyFooter({ scope }: { scope: 'table' | 'detail' }) {
  const shown = bindingsFor(scope).filter((b) => b.footer);
  return (
    <footer className="flex h-[22px] shrink-0 items-center gap-x-3 overflow-hidden border-t border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap" data-testid="key-footer">
      {shown.map((b) => (
        <span key={`${b.scope}-${b.action}`}>
          <kbd className="text-accent">&lt;{keyLabel(b.keys[0])}&gt;</kbd> <span className="text-muted">{b.footer}</span>
        </span>
      ))}
    </footer>
  );
});
