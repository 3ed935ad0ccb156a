'use client';
/**
 * The modal shell every overlay uses: a dimmed backdrop that closes on a click outside, a focused panel with
 * role="dialog", and Escape (plus any `closeKeys`) to close. Keys typed inside stay inside when `trapKeys`
 * is set, so the list behind never reacts to them.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

/** What closes a `?` help overlay besides Escape: the key that opened it, and q. */
const HELP_CLOSE_KEYS: readonly string[] = ['?', 'q'];

export interface DialogProps {
  /** The id of the heading that names the dialog (aria-labelledby)… */
  labelledBy?: string;
  /** …or its name when it has no heading (aria-label). */
  label?: string;
  onClose: () => void;
  /** Panel classes: its place, width and border (the shell adds the rest). */
  className: string;
  testId?: string;
  /** Keys besides Escape that close it, e.g. `?` and `q` for help. */
  closeKeys?: readonly string[];
  /** Stop every key press at the dialog, not only the closing ones. */
  trapKeys?: boolean;
  /** Close keys also cancel the browser's default (a typed `?`). */
  preventDefault?: boolean;
  /** Focus the panel when it opens; off when a field inside takes the focus itself. */
  focusPanel?: boolean;
  backdrop?: string;
  panelRef?: RefObject<HTMLDivElement | null>;
  children: ReactNode;
}

export function Dialog({
  labelledBy,
  label,
  onClose,
  className,
  testId,
  closeKeys = [],
  trapKeys = false,
  preventDefault = false,
  focusPanel = true,
  backdrop = 'bg-black/40',
  panelRef,
  children,
}: DialogProps) {
  const ownRef = useRef<HTMLDivElement>(null);
  const ref = panelRef ?? ownRef;
  useEffect(() => {
    if (focusPanel) ref.current?.focus();
  }, [focusPanel, ref]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const closing = e.key === 'Escape' || closeKeys.includes(e.key);
    if (trapKeys || closing) e.stopPropagation();
    if (!closing) return;
    if (preventDefault) e.preventDefault();
    onClose();
  };

  return (
    <div className={`fixed inset-0 z-40 ${backdrop}`} onMouseDown={onClose}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-label={label}
        tabIndex={focusPanel ? -1 : undefined}
        data-testid={testId}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
        className={`${className} rounded bg-panel shadow-lg`}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * The `?` help overlay: a dialog named "Keys" with what closes it, then the keys (`children`).
 * @param titleId the heading's id, unique on the page
 * @param className its place and width
 */
export function HelpDialog({ titleId, className, hint, onClose, children }: { titleId: string; className: string; hint: ReactNode; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog labelledBy={titleId} testId="help" onClose={onClose} closeKeys={HELP_CLOSE_KEYS} preventDefault className={`${className} overflow-auto border border-accent p-3 font-mono text-[12px] outline-none`}>
      <div className="mb-2 flex items-baseline">
        <h2 id={titleId} className="font-sans text-[14px] font-semibold">
          Keys
        </h2>
        <span className="ml-auto text-muted">{hint}</span>
      </div>
      {children}
    </Dialog>
  );
}
