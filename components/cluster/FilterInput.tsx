'use client';

import { forwardRef, useState } from 'react';

interface Props {
  /** The filter in the URL. */
  value: string;
  onChange: (q: string) => void;
  /** Enter keeps the filter, Escape clears it; both hand focus back to the list. */
  onDone: (clear: boolean) => void;
  /** Focus left the field (a click on the list, Tab). */
  onBlur?: () => void;
  error: string | null;
}

/**
 * The `/` filter field. It keeps its own text while typing (the URL catches up a moment later) and
 * adopts the URL's value only when it changes from elsewhere (Back, a pasted link).
 */
export const FilterInput = forwardRef<HTMLInputElement, Props>(function FilterInput({ value, onChange, onDone, onBlur, error }, ref) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [written, setWritten] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== written) setText(value);
  }

  return (
    <div className="flex min-w-0 items-center gap-1">
      <label htmlFor="filter" className="text-accent">
        /
      </label>
      <input
        ref={ref}
        id="filter"
        type="search"
        value={text}
        aria-label="Filter: words, ! to negate, -l key=value for labels"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'filter-error' : undefined}
        placeholder="filter"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setWritten(e.target.value);
          onChange(e.target.value);
        }}
        onBlur={onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            if (e.key === 'Escape') {
              setText('');
              setWritten('');
            }
            onDone(e.key === 'Escape');
          }
        }}
        className="w-[30ch] min-w-0 rounded-sm border border-border bg-bg px-1 font-mono text-[12px] text-fg outline-none placeholder:text-muted focus:border-accent"
      />
      {error ? (
        <span id="filter-error" role="alert" className="truncate text-err" title={error}>
          {error}
        </span>
      ) : null}
    </div>
  );
});
