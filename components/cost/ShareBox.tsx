'use client';

import { useEffect, useRef, useState } from 'react';
import { copyToClipboard } from '../cluster/clipboard';

export type ShareState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; url: string; title: string }
  | { status: 'error'; error: string };

/** The outcome of "Share": the report link to copy or open, or what went wrong. Key it by the link so each share starts fresh. */
export function ShareBox({ state, onClose }: { state: ShareState; onClose: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const url = state.status === 'done' ? state.url : null;
  useEffect(() => {
    if (!url) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [url]);

  if (state.status === 'error') {
    return (
      <div role="alert" className="flex shrink-0 items-center gap-3 border-b border-border bg-panel px-3 py-1 text-[12px] text-err" data-testid="share-error">
        <span>Could not share: {state.error}</span>
        <button type="button" onClick={onClose} className="ml-auto text-accent hover:underline">
          dismiss
        </button>
      </div>
    );
  }
  if (state.status !== 'done') return null;
  return (
    <div role="status" className="flex shrink-0 flex-wrap items-center gap-2 border-b border-border bg-panel px-3 py-1 font-mono text-[12px]" data-testid="share-result">
      <span className="text-ok">Shared: these figures are frozen at this link.</span>
      <label className="flex min-w-[40ch] flex-1 items-center gap-1">
        <span className="sr-only">Report link</span>
        <input
          ref={inputRef}
          readOnly
          value={state.url}
          data-testid="share-link"
          className="min-w-0 flex-1 rounded-sm border border-border bg-bg px-1 py-0.5 text-fg"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <button
        type="button"
        className="rounded-sm border border-border px-2 py-0.5 hover:border-accent"
        onClick={async () => setCopied(await copyToClipboard(state.url))}
      >
        {copied === true ? 'Copied' : copied === false ? 'Copy failed' : 'Copy'}
      </button>
      <a href={state.url} className="text-accent hover:underline">
        open
      </a>
      <button type="button" onClick={onClose} className="text-muted hover:underline">
        close
      </button>
    </div>
  );
}
