'use client';

import { memo, useEffect, useRef } from 'react';
import type { ClusterView } from '@/lib/view/model';
import { VIEWS, type ViewId } from '@/lib/ui/views';
import { pagePath } from '@/lib/ui/api-paths';
import type { PageId } from '@/lib/ui/commands';

/** The other pages of a context, beside the resource screens (`:cost`, `:whatif`, `:reports`, `:audit`). */
const PAGES: { page: PageId; title: string }[] = [
  { page: 'cost', title: 'Cost' },
  { page: 'whatif', title: 'What-if' },
  { page: 'reports', title: 'Reports' },
  { page: 'audit', title: 'Audit' },
];

interface Props {
  context: string;
  current: ViewId;
  view: ClusterView | null;
  /** href of a screen (the current address with another view). */
  hrefFor: (id: ViewId) => string;
  onSelect: (id: ViewId) => void;
}

/** Tabs for the screens, as links (middle-click and copy work); a plain click switches in place. Memoized: filter keystrokes leave it alone. */
export const ViewTabs = memo(function ViewTabs({ context, current, view, hrefFor, onSelect }: Props) {
  const activeRef = useRef<HTMLAnchorElement | null>(null);
  // On a narrow screen the tabs scroll: keep the current one in sight.
  useEffect(() => {
    activeRef.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <nav aria-label="Screens" className="flex h-[24px] shrink-0 items-end gap-x-1 border-b border-border px-2 text-[12px]">
      {/* The screens scroll sideways when they do not fit; the pages on the right always show. */}
      <div className="flex min-w-0 flex-1 items-end gap-x-1 overflow-x-auto [scrollbar-width:none]">
      {VIEWS.map((v) => {
        const active = v.id === current;
        const count = view ? (view[v.id]?.length ?? 0) : null;
        return (
          <a
            key={v.id}
            ref={active ? activeRef : undefined}
            href={hrefFor(v.id)}
            aria-current={active ? 'page' : undefined}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              onSelect(v.id);
            }}
            className={`rounded-t border border-b-0 px-2 leading-[21px] whitespace-nowrap ${
              active ? 'border-border bg-panel text-fg' : 'border-transparent text-muted hover:text-fg'
            }`}
          >
            {v.title}
            <span className="ml-1 hidden font-mono text-[11px] tabular-nums text-muted 2xl:inline">:{v.command}</span>
            {count !== null ? <span className="ml-1 font-mono tabular-nums">{count}</span> : null}
          </a>
        );
      })}
      </div>
      {PAGES.map((p) => (
        <a key={p.page} href={pagePath(context, p.page)} title={`:${p.page}`} className="shrink-0 rounded-t border border-b-0 border-transparent px-1.5 leading-[21px] whitespace-nowrap text-accent hover:text-fg">
          {p.title}
        </a>
      ))}
    </nav>
  );
});
