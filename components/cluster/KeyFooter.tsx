'use client';

import { memo } from 'react';
import { bindingsFor } from '@/lib/ui/keys';
import type { ViewId } from '@/lib/ui/views';
import { KeyButton } from './KeyActions';

/**
 * The keys that work on this screen, from the key registry (bindings with a footer label), each a button doing what
 * its key does. Memoized: it depends on the scope and screen only.
 */
export const KeyFooter = memo(function KeyFooter({ scope, view }: { scope: 'table' | 'detail'; view?: ViewId }) {
  const shown = bindingsFor(scope).filter((b) => b.footer && (!b.footerOn || b.footerOn === view));
  return (
    <footer className="flex h-[22px] shrink-0 items-center gap-x-2 overflow-hidden border-t border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap" data-testid="key-footer">
      {shown.map((b) => (
        <KeyButton key={`${b.scope}-${b.action}`} action={b.action} keyName={b.keys[0]}>
          {b.footer}
        </KeyButton>
      ))}
      {scope === 'table' ? <span className="text-muted">· double-click a row to open it</span> : null}
    </footer>
  );
});
