'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { keyLabel, type ActionId } from '@/lib/ui/keys';

/** What a key does, for the mouse: the cluster screens provide it, so a hint can be a button that does the same. */
export const KeyActions = createContext<((action: ActionId) => void) | null>(null);

/** `<key> label` as a button running the key's action; plain text where no screen provides actions. */
export function KeyButton({ action, keyName, children }: { action: ActionId; keyName: string; children: ReactNode }) {
  const run = useContext(KeyActions);
  const face = (
    <>
      <kbd className="text-accent">&lt;{keyLabel(keyName)}&gt;</kbd> <span className="text-muted">{children}</span>
    </>
  );
  if (!run) return <span>{face}</span>;
  return (
    <button type="button" className="cursor-pointer rounded-sm px-0.5 hover:bg-[var(--row-hover)]" data-action={action} onClick={() => run(action)}>
      {face}
    </button>
  );
}
