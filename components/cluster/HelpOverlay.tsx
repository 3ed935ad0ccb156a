'use client';

import { HelpDialog } from '../common/Dialog';
import { COMMANDS } from '@/lib/ui/commands';
import { KEY_BINDINGS, keyLabel, type KeyScope } from '@/lib/ui/keys';

const SCOPE_TITLES: Record<KeyScope, string> = { global: 'Everywhere', table: 'Lists', detail: 'Details' };

/** The `?` overlay: every key binding from the registry, grouped by where it works, and the commands. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <HelpDialog
      titleId="help-title"
      onClose={onClose}
      className="mx-auto mt-[24px] max-h-[calc(100vh-48px)] w-[min(960px,94vw)]"
      hint={
        <>
          <kbd className="text-accent">esc</kbd> or <kbd className="text-accent">?</kbd> closes · no key fires while you type in a field
        </>
      }
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {(['global', 'table', 'detail'] as const).map((scope) => (
          <section key={scope} aria-label={SCOPE_TITLES[scope]}>
            <h3 className="mb-1 font-sans font-semibold text-muted uppercase">{SCOPE_TITLES[scope]}</h3>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              {KEY_BINDINGS.filter((b) => b.scope === scope).map((b) => (
                <div key={`${b.action}-${b.keys[0]}`} className="contents">
                  <dt className="text-accent">{b.keys.map(keyLabel).join(' ')}</dt>
                  <dd>{b.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <h3 className="mt-3 mb-1 font-sans font-semibold text-muted uppercase">Commands (after :)</h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 md:grid-cols-[max-content_1fr_max-content_1fr]">
        {COMMANDS.map((c) => (
          <div key={c.name} className="contents">
            <dt className="text-accent">{c.aliases.slice(0, 3).join(' ')}</dt>
            <dd>{c.description}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-muted">
        Filter: <span className="text-fg">/nginx fargate</span> (all words) · <span className="text-fg">/!fargate</span> (not) ·{' '}
        <span className="text-fg">/-l app=nginx,runon</span> (label selector). Mouse: click a header to sort, click a row to select, double-click to open.
      </p>
    </HelpDialog>
  );
}
