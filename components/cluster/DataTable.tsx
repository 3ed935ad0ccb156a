'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type Ref } from 'react';
import { gridTemplate, type Column } from '@/lib/ui/columns';
import { RowSlots } from '@/lib/ui/row-slots';
import type { SortSpec } from '@/lib/ui/sort';
import type { AnyRow } from '@/lib/ui/views';
import { cellContent, cellTone } from './Cells';

/** Fixed row height in px: no layout jumps, and the virtualizer never measures. */
export const ROW_HEIGHT = 21;
const HEADER_HEIGHT = 22;

interface DataTableProps {
  /** Accessible name, e.g. "Pods, all namespaces". */
  label: string;
  /** DOM id prefix for rows (aria-activedescendant). */
  idPrefix: string;
  columns: readonly Column<AnyRow>[];
  rows: readonly AnyRow[];
  rowKey: (row: AnyRow) => string;
  selectedIndex: number;
  sort: SortSpec;
  now: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  onSort: (columnId: string) => void;
  /** Rendered instead of rows when there are none (the header stays). */
  empty?: React.ReactNode;
  gridRef?: Ref<HTMLDivElement>;
}


/** The header label with its sort letter underlined (or appended when the header does not contain it). */
function HeaderLabel({ header, letter }: { header: string; letter?: string }) {
  if (!letter) return <>{header}</>;
  const i = header.indexOf(letter);
  if (i === -1)
    return (
      <>
        {header}
        <span className="text-muted">·{letter.toLowerCase()}</span>
      </>
    );
  return (
    <>
      {header.slice(0, i)}
      <span className="underline decoration-1 underline-offset-2">{letter}</span>
      {header.slice(i + 1)}
    </>
  );
}

interface RowProps {
  id: string;
  row: AnyRow;
  index: number;
  columns: readonly Column<AnyRow>[];
  template: string;
  selected: boolean;
  now: number;
  start: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

// Memoized: a live update re-renders only the rows whose object changed (plus selection moves).
const Row = memo(function Row({ id, row, index, columns, template, selected, now, start, onSelect, onOpen }: RowProps) {
  const style: CSSProperties = { transform: `translateY(${start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template };
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected || undefined}
      className={`absolute top-0 left-0 grid w-full cursor-default items-center border-l-2 ${
        selected ? 'border-accent bg-[var(--row-selected)]' : 'border-transparent hover:bg-[var(--row-hover)]'
      }`}
      style={style}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(index)}
    >
      {columns.map((c) => {
        const text = c.text(row, now);
        return (
          <div key={c.id} role="gridcell" title={c.title ? c.title(row) : text} className={`truncate px-[0.4ch] ${c.align === 'right' ? 'text-right' : ''} ${cellTone(c, row, text)}`}>
            {cellContent(c, row, text)}
          </div>
        );
      })}
    </div>
  );
});

/**
 * The virtualized list of a screen: a role=grid with fixed row height and fixed column widths, a
 * sticky header whose buttons sort, and only the visible rows in the DOM (10,000 rows scroll freely).
 * Keyboard handling lives in the app; this component scrolls the selected row into view.
 */
export function DataTable(props: DataTableProps) {
  const { label, idPrefix, columns, rows, rowKey, selectedIndex, sort, now, onSelect, onOpen, onSort, empty, gridRef } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const probeRef = useRef<HTMLSpanElement | null>(null);
  // The grid's width in characters of its own font, kept current as the window resizes.
  const [availableCh, setAvailableCh] = useState<number | null>(null);
  useEffect(() => {
    const el = scrollRef.current;
    const probe = probeRef.current;
    if (!el || !probe) return;
    const measure = () => {
      const ch = probe.getBoundingClientRect().width / 10;
      if (ch > 0) setAvailableCh(Math.floor((el.clientWidth - 4) / ch));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const { template, minWidthCh } = useMemo(() => gridTemplate(columns, availableCh), [columns, availableCh]);
  const minWidth = `${minWidthCh + 1}ch`;

  // The React Compiler is not enabled here; the virtualizer re-renders this component on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows drawn beyond each edge of the viewport: enough for j/k and wheel steps, while every extra row
    // is a dozen more elements to lay out when the list changes.
    overscan: 4,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  useEffect(() => {
    if (selectedIndex < 0 || selectedIndex >= rows.length) return;
    // Rows have a fixed height, so whether the row is in view (below the sticky header) is arithmetic on
    // the virtualizer's last scroll position; scrollToIndex would read the layout (a forced reflow of the
    // new rows) and poll it for frames, on every filter keystroke, only to leave the scroll where it is.
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const start = HEADER_HEIGHT + selectedIndex * ROW_HEIGHT;
    if (start >= top + HEADER_HEIGHT && start + ROW_HEIGHT <= top + height) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, rows.length, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // Keys that reuse row elements across filter changes (see RowSlots). Assigning is idempotent, so a
  // render React throws away or repeats does no harm.
  const [slots] = useState(() => new RowSlots());
  const slotOf = slots.assign(items.map((it) => rowKey(rows[it.index])));
  const selectedRendered = items.some((it) => it.index === selectedIndex);
  const selectedId = selectedRendered && rows[selectedIndex] ? `${idPrefix}-${selectedIndex}` : undefined;

  const setRefs = (el: HTMLDivElement | null) => {
    scrollRef.current = el;
    if (typeof gridRef === 'function') gridRef(el);
    else if (gridRef) (gridRef as React.RefObject<HTMLDivElement | null>).current = el;
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <span ref={probeRef} aria-hidden className="invisible absolute font-mono text-[12px]" style={{ width: '10ch' }} />
      <div
        ref={setRefs}
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length}
        aria-activedescendant={selectedId}
        aria-multiselectable={false}
        tabIndex={0}
        data-testid="grid"
        className="relative min-h-0 flex-1 overflow-auto font-mono text-[12px] leading-[21px] tabular-nums outline-none focus-visible:ring-1 focus-visible:ring-accent focus-visible:ring-inset"
      >
        <div className="relative" style={{ height: virtualizer.getTotalSize(), minWidth }}>
          <div role="rowgroup" className="sticky top-0 z-10 border-b border-border bg-panel">
            <div role="row" aria-rowindex={1} className="grid items-center border-l-2 border-transparent" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
              {columns.map((c) => {
                const active = sort.column === c.id;
                return (
                  <div
                    key={c.id}
                    role="columnheader"
                    aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    className={`truncate px-[0.4ch] ${c.align === 'right' ? 'text-right' : ''}`}
                  >
                    <button
                      type="button"
                      tabIndex={-1}
                      onClick={() => onSort(c.id)}
                      title={c.sortLetter ? `Sort by ${c.header} (Shift+${c.sortLetter})` : `Sort by ${c.header}`}
                      className={`max-w-full truncate font-semibold ${active ? 'text-accent' : 'text-muted hover:text-fg'}`}
                    >
                      <HeaderLabel header={c.header} letter={c.sortLetter} />
                      {active ? (sort.desc ? '↓' : '↑') : ''}
                    </button>
                  </div>
                );
              })}
            </div>
          </div>
          <div role="rowgroup">
            {items.map((it, i) => (
              <Row
                key={slotOf[i]}
                id={`${idPrefix}-${it.index}`}
                row={rows[it.index]}
                index={it.index}
                columns={columns}
                template={template}
                selected={it.index === selectedIndex}
                now={now}
                start={it.start}
                onSelect={onSelect}
                onOpen={onOpen}
              />
            ))}
          </div>
        </div>
      </div>
      {rows.length === 0 && empty ? <div className="absolute inset-x-0 top-[22px] p-4 text-[13px]">{empty}</div> : null}
    </div>
  );
}
