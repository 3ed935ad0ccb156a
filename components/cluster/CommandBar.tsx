'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { COMMANDS, completeCommand, parseCommand, type CommandTarget } from '@/lib/ui/commands';
import { Dialog } from '../common/Dialog';

interface Props {
  namespaces: readonly string[];
  contexts: readonly string[];
  onRun: (target: CommandTarget) => void;
  onClose: () => void;
}

function needsArgument(value: string): boolean {
  const word = value.trim().toLowerCase();
  return COMMANDS.some((c) => c.arg === 'context' && c.aliases.includes(word));
}

/**
 * The `:` prompt. Tab completes (commands, then namespaces or contexts), ↑/↓ choose a suggestion,
 * Enter runs, Esc closes. Errors say what is wrong and keep what was typed.
 */
export function CommandBar({ namespaces, contexts, onRun, onClose }: Props) {
  const [input, setInput] = useState('');
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const suggestions = useMemo(() => completeCommand(input, { namespaces, contexts }), [input, namespaces, contexts]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const run = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.ok) {
      onRun(parsed.target);
      return;
    }
    if (needsArgument(text)) {
      // ":ctx" alone: offer the contexts instead of an error.
      setInput(`${text.trim()} `);
      setActive(-1);
      setError(null);
      return;
    }
    setError(parsed.error);
  };

  const complete = () => {
    const pick = suggestions[active >= 0 ? active : 0];
    if (!pick) return;
    const spec = COMMANDS.find((c) => c.aliases.includes(pick.value.toLowerCase()));
    setInput(spec?.arg ? `${pick.value} ` : pick.value);
    setActive(-1);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(active >= 0 && suggestions[active] ? suggestions[active].value : input);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      complete();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (suggestions.length ? (a + 1) % suggestions.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (suggestions.length ? (a <= 0 ? suggestions.length - 1 : a - 1) : -1));
    }
  };

  const activeId = active >= 0 && suggestions[active] ? `cmd-opt-${active}` : undefined;

  return (
    // The input takes the focus and handles Escape itself.
    <Dialog label="Command" testId="command-bar" onClose={onClose} focusPanel={false} backdrop="bg-black/30" className="mx-auto mt-[72px] w-[min(680px,92vw)] border border-accent font-mono text-[13px]">
      <div className="flex items-center gap-1 px-2 py-1">
        <span aria-hidden className="text-accent">
          :
        </span>
        <input
          ref={inputRef}
          autoFocus
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            setActive(-1);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-label="Command"
          aria-expanded={suggestions.length > 0}
          aria-controls={suggestions.length ? 'cmd-options' : undefined}
          aria-activedescendant={activeId}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          placeholder="po, svc test3-mixed, fp, ns, ctx <name>, cost…"
          className="min-w-0 flex-1 bg-transparent text-fg outline-none placeholder:text-muted"
        />
      </div>
      {error ? (
        <p role="alert" className="border-t border-border px-2 py-1 text-err">
          {error}
        </p>
      ) : null}
      {suggestions.length ? (
        <ul id="cmd-options" role="listbox" aria-label="Suggestions" className="max-h-[50vh] overflow-auto border-t border-border py-0.5">
          {suggestions.map((s, i) => (
            <li
              key={s.value}
              id={`cmd-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex cursor-pointer gap-3 px-2 ${i === active ? 'bg-[var(--row-selected)]' : 'hover:bg-[var(--row-hover)]'}`}
              onMouseDown={(e) => {
                e.preventDefault();
                run(s.value);
              }}
            >
              <span className="w-[22ch] shrink-0 truncate text-accent">{s.value}</span>
              <span className="truncate text-muted">{s.hint}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="border-t border-border px-2 py-0.5 text-[11px] text-muted">
        <kbd>tab</kbd> complete · <kbd>↑↓</kbd> choose · <kbd>enter</kbd> run · <kbd>esc</kbd> close
      </p>
    </Dialog>
  );
}
