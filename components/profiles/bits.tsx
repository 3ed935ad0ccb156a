'use client';
/** Small pieces the profile screens share: the error box, a copy button, inline issue lines, a button style. */
import { useState, type ReactNode } from 'react';
import type { ValidationIssue } from '@/lib/profiles/validate';
import { copyToClipboard } from '../cluster/clipboard';
import { ApiRequestError } from './api';

export const BUTTON = 'rounded-sm border border-accent px-3 py-0.5 font-mono text-[12px] text-accent hover:bg-[var(--row-hover)] disabled:cursor-not-allowed disabled:opacity-50';
export const DANGER_BUTTON = 'rounded-sm border border-err px-3 py-0.5 font-mono text-[12px] text-err hover:bg-[var(--row-hover)] disabled:cursor-not-allowed disabled:opacity-50';
export const SMALL_BUTTON = 'rounded-sm border border-border px-1.5 font-mono text-[11px] text-muted hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-40';
export const INPUT = 'rounded-sm border border-border bg-bg px-1.5 py-0.5 font-mono text-[12px] text-fg focus:border-accent aria-[invalid=true]:border-err';

/** A failed request, as the server explained it, with what to do for sign-in and read-only refusals. */
export function ErrorBox({ error, testId = 'profile-error' }: { error: unknown; testId?: string }) {
  const api = error instanceof ApiRequestError ? error : null;
  const title = api ? api.body.error : error instanceof Error ? error.message : String(error);
  const detail = api?.body.detail;
  return (
    <div role="alert" className="rounded border border-err/60 p-2 font-mono text-[12px]" data-testid={testId}>
      <p className="font-semibold text-err">{title}</p>
      {detail ? <p className="whitespace-pre-wrap">{detail}</p> : null}
      {api?.status === 401 ? (
        <p className="mt-1">
          <a className="text-accent underline" href={`/signin?next=${encodeURIComponent(typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search)}`}>
            Sign in
          </a>{' '}
          with a token that has the editor role, then try again.
        </p>
      ) : null}
    </div>
  );
}

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

/**
 * A compact table in a scroll box that the keyboard can reach (a focusable, labelled region), for lists of
 * pods inside the profile screens.
 */
export function Table({ label, headers, rows, testId, wrap = [] }: { label: string; headers: string[]; rows: ReactNode[][]; testId?: string; wrap?: number[] }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto" data-testid={testId}>
      <table className="w-full border-collapse text-left font-mono text-[12px] tabular-nums">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="pr-3 font-semibold whitespace-nowrap text-muted">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="hover:bg-[var(--row-hover)]">
              {r.map((c, j) => (
                <td key={j} className={wrap.includes(j) ? 'min-w-[24ch] pr-3 align-top' : 'max-w-[40ch] truncate pr-3 align-top whitespace-nowrap'}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
