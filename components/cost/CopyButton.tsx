'use client';

import { useState } from 'react';
import { copyToClipboard } from '../cluster/clipboard';

/** A small button that copies `text` and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState<boolean | null>(null);
  return (
    <button
      type="button"
      className="rounded border border-border px-1.5 text-[11px] text-accent hover:bg-[var(--row-hover)] print:hidden"
      aria-label={label}
      onClick={() => void copyToClipboard(text).then(setDone)}
    >
      {done === null ? 'copy' : done ? 'copied' : 'copy failed: select the text'}
    </button>
  );
}
