'use client';
/** Buttons, inputs, a copy button, inline issue lines and the blocks the profile screens share (errors and tables: components/common). */
import { useState, type ReactNode } from 'react';
import type { ValidationIssue } from '@/lib/profiles/validate';
import { copyToClipboard } from '../cluster/clipboard';

export const BUTTON = 'rounded-sm border border-accent px-3 py-0.5 font-mono text-[12px] text-accent hover:bg-[var(--row-hover)] disabled:cursor-not-allowed disabled:opacity-50';
export const DANGER_BUTTON = 'rounded-sm border border-err px-3 py-0.5 font-mono text-[12px] text-err hover:bg-[var(--row-hover)] disabled:cursor-not-allowed disabled:opacity-50';
export const SMALL_BUTTON = 'rounded-sm border border-border px-1.5 font-mono text-[11px] text-muted hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-40';
export const INPUT = 'rounded-sm border border-border bg-bg px-1.5 py-0.5 font-mono text-[12px] text-fg focus:border-accent aria-[invalid=true]:border-err';

/** Copies `text`, then says so for a moment. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={SMALL_BUTTON}
      data-testid={testId}
      onClick={async () => {
        const ok = await copyToClipboard(text);
        setState(ok ? 'copied' : 'failed');
        setTimeout(() => setState('idle'), 1500);
      }}
    >
      {state === 'copied' ? 'copied' : state === 'failed' ? 'copy failed' : label}
    </button>
  );
}

const TONE = { error: 'text-err', warning: 'text-warn', info: 'text-muted' } as const;

/** The issues of one field, under its input; the id lets the input point at them (aria-describedby). */
export function FieldIssues({ id, issues }: { id: string; issues: readonly ValidationIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul id={id} className="mt-0.5 space-y-0.5 font-mono text-[11px]" data-testid={`issues-${id}`}>
      {issues.map((i, n) => (
        <li key={n} className={TONE[i.severity]}>
          {i.severity === 'error' ? '✗ ' : i.severity === 'warning' ? '! ' : '· '}
          {i.message}
        </li>
      ))}
    </ul>
  );
}

/** A titled block. */
export function Block({ title, children, testId, right }: { title: string; children: ReactNode; testId?: string; right?: ReactNode }) {
  const id = `blk-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="min-w-0 rounded border border-border bg-panel p-2" data-testid={testId}>
      <div className="mb-1 flex items-baseline gap-2">
        <h2 id={id} className="font-sans text-[12px] font-semibold tracking-wide text-muted">
          {title}
        </h2>
        {right ? <div className="ml-auto">{right}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** Preformatted text (a command, a YAML file) in a scroll box the keyboard can reach. */
export function Pre({ label, text, testId }: { label: string; text: string; testId?: string }) {
  return (
    <pre role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-sm bg-bg p-2 font-mono text-[12px]" data-testid={testId}>
      {text}
    </pre>
  );
}
