'use client';

/**
 * What the cost and what-if pages share with the cluster screens: the key handler (from a PageKey list), the
 * footer and `?` help drawn from the same list, and the `:` command bar.
 */
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ContextList } from '@/lib/view/model';
import { clusterPath, CONTEXTS_PATH, pagePath } from '@/lib/ui/api-paths';
import type { CommandTarget } from '@/lib/ui/commands';
import { isTypingTarget, keyLabel } from '@/lib/ui/keys';
import { serializeViewState, DEFAULT_STATE } from '@/lib/ui/url-state';
import { CommandBar } from '../cluster/CommandBar';
import { HelpDialog } from '../common/Dialog';
import { fetchJson } from '../common/request';
import { useThemeToggle } from '../cluster/useTheme';
import { resolvePageKey, type PageAction, type PageKey } from './keys';

/** Calls `onAction` for every key press that matches `keys`, except while the user types in a field or an overlay is open. */
export function usePageKeys(keys: readonly PageKey[], onAction: (a: PageAction) => void, paused: boolean): void {
  const ref = useRef(onAction);
  useEffect(() => {
    ref.current = onAction;
  }, [onAction]);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || pausedRef.current || isTypingTarget(e.target as HTMLElement | null)) return;
      const k = resolvePageKey(keys, e);
      if (!k) return;
      e.preventDefault();
      ref.current(k.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys]);
}

/** The footer: the keys that have a footer label, each a button doing what its key does when `onAction` is given. */
export function PageFooter({ keys, onAction }: { keys: readonly PageKey[]; onAction?: (a: PageAction) => void }) {
  return (
    <footer className="flex h-[22px] shrink-0 items-center gap-x-2 overflow-hidden border-t border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap print:hidden" data-testid="key-footer">
      {keys
        .filter((k) => k.footer)
        .map((k) => {
          const face = (
            <>
              <kbd className="text-accent">&lt;{keyLabel(k.keys[0])}&gt;</kbd> <span className="text-muted">{k.footer}</span>
            </>
          );
          return onAction ? (
            <button key={k.keys[0]} type="button" className="cursor-pointer rounded-sm px-0.5 hover:bg-[var(--row-hover)]" onClick={() => onAction(k.action)}>
              {face}
            </button>
          ) : (
            <span key={k.keys[0]}>{face}</span>
          );
        })}
    </footer>
  );
}

/** usePageChrome for a page whose keys are only the common ones, with those keys handled. */
export function useCommonPageChrome(context: string, keys: readonly PageKey[], namespaces: readonly string[]) {
  const chrome = usePageChrome(context, keys, namespaces);
  const onAction = useCallback((a: PageAction) => void chrome.common(a), [chrome]);
  usePageKeys(keys, onAction, chrome.overlayOpen);
  return { ...chrome, onAction };
}

/**
 * The frame of the profile form, audit and what-if pages: the one-line header that names the context, then
 * the page's links, the page itself, the key footer and the open overlay.
 */
export function PageFrame({
  context,
  links,
  keys,
  overlay,
  onAction,
  children,
}: {
  context: string;
  links: ReactNode;
  keys: readonly PageKey[];
  overlay: ReactNode;
  onAction?: (a: PageAction) => void;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-bg text-fg">
      <header className="flex h-[26px] shrink-0 items-center gap-3 border-b border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap">
        <span className="font-sans text-[13px] font-semibold text-accent">Farview</span>
        <span>
          <span className="text-muted">ctx </span>
          {context}
        </span>
        {links}
      </header>
      {children}
      <PageFooter keys={keys} onAction={onAction} />
      {overlay}
    </div>
  );
}

/** The `?` overlay for a page's keys. */
export function PageHelp({ keys, onClose }: { keys: readonly PageKey[]; onClose: () => void }) {
  return (
    <HelpDialog
      titleId="page-help-title"
      onClose={onClose}
      className="mx-auto mt-[48px] max-h-[calc(100vh-96px)] w-[min(640px,94vw)]"
      hint={
        <>
          <kbd className="text-accent">esc</kbd> closes · no key fires while you type in a field
        </>
      }
    >
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        {keys.map((k) => (
          <div key={k.keys[0]} className="contents">
            <dt className="text-accent">{k.keys.map(keyLabel).join(' ')}</dt>
            <dd>{k.description}</dd>
          </div>
        ))}
      </dl>
    </HelpDialog>
  );
}

/**
 * The overlays and shared actions of a page: `:` (command bar), `?` (help), theme, and where commands lead.
 * Returns the state and the handlers; the page renders `overlay`.
 */
export function usePageChrome(context: string, keys: readonly PageKey[], namespaces: readonly string[]) {
  const router = useRouter();
  const toggleTheme = useThemeToggle();
  const [open, setOpen] = useState<'command' | 'help' | null>(null);
  const contexts = useQuery({ queryKey: ['contexts'], queryFn: ({ signal }) => fetchJson<ContextList>(CONTEXTS_PATH, signal), staleTime: 60_000 });
  const contextNames = contexts.data?.contexts.map((c) => c.name) ?? [];
  const close = useCallback(() => setOpen(null), []);

  const runCommand = useCallback(
    (t: CommandTarget) => {
      setOpen(null);
      if (t.kind === 'view') {
        router.push(clusterPath(context, serializeViewState({ ...DEFAULT_STATE, view: t.view, ns: t.ns ?? null, q: t.q ?? '' })));
      } else if (t.kind === 'context') {
        router.push(clusterPath(t.name));
      } else {
        router.push(pagePath(context, t.page));
      }
    },
    [router, context],
  );

  /** The actions every page handles the same way; returns false for page-specific ones. */
  const common = useCallback(
    (a: PageAction): boolean => {
      switch (a.kind) {
        case 'command':
          setOpen('command');
          return true;
        case 'help':
          setOpen('help');
          return true;
        case 'theme':
          toggleTheme();
          return true;
        case 'back':
          router.push(clusterPath(context));
          return true;
        case 'reports':
          router.push(pagePath(context, 'reports'));
          return true;
        case 'whatif':
          router.push(pagePath(context, 'whatif'));
          return true;
        case 'cost':
          router.push(pagePath(context, 'cost'));
          return true;
        default:
          return false;
      }
    },
    [router, context, toggleTheme],
  );

  const overlay =
    open === 'command' ? (
      <CommandBar namespaces={namespaces} contexts={contextNames} onRun={runCommand} onClose={close} />
    ) : open === 'help' ? (
      <PageHelp keys={keys} onClose={close} />
    ) : null;
  return { overlay, overlayOpen: open !== null, common };
}
