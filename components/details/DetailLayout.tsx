import { KeyButton } from '../cluster/KeyActions';
import type { ReactNode } from 'react';
import type { Finding } from '@/lib/view/model';
import { severityTone, TONE_TEXT } from '@/lib/ui/tone';
import { ListTable } from '../common/Table';

/** A titled block of a detail panel. */
export function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className={`min-w-0 rounded border border-border bg-panel p-2 ${className}`}>
      <h3 id={id} className="mb-1 font-sans text-[12px] font-semibold tracking-wide text-muted uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Label/value pairs. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Findings of an object, worst first, or a quiet "none". */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (!findings.length) return <p className="text-muted">No findings.</p>;
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="space-y-0.5">
      {sorted.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          <span className={`${TONE_TEXT[severityTone(f.severity)]} font-semibold`}>{f.severity}</span> <span className="text-muted">[{f.rule}]</span> {f.message}
        </li>
      ))}
    </ul>
  );
}

/** A small, quiet message inside a section: loading, nothing to show, or an error with what to do. */
export function Note({ children, tone = 'muted' }: { children: ReactNode; tone?: 'muted' | 'err' }) {
  return <p className={tone === 'err' ? 'text-err' : 'text-muted'}>{children}</p>;
}

/** The header of a detail panel: kind, name, and how to get back. */
export function DetailTitle({ kind, name, extra }: { kind: string; name: string; extra?: ReactNode }) {
  return (
    <div className="flex items-baseline gap-2 border-b border-border px-2 py-1">
      <h2 className="min-w-0 truncate font-mono text-[13px]">
        <span className="text-muted">{kind} </span>
        <span className="font-semibold">{name}</span>
      </h2>
      {extra}
      <span className="ml-auto flex shrink-0 gap-x-1 font-mono text-[12px]">
        <KeyButton action="back" keyName="Escape">
          back
        </KeyButton>
        <KeyButton action="yaml" keyName="y">
          yaml
        </KeyButton>
      </span>
    </div>
  );
}

/** A compact table for lists inside detail panels (pods of a node, targets of a service). */
export function MiniTable({ headers, rows, label }: { headers: string[]; rows: ReactNode[][]; label: string }) {
  return <ListTable label={label} headers={headers} rows={rows} region={false} density="detail" />;
}
