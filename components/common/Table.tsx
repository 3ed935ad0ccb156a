/**
 * The two table shapes of the app. FigureTable: the wide figure tables of the cost, report and what-if pages
 * (a focusable horizontal scroller, a caption for screen readers, a header row from a column list, the body
 * from the caller). ListTable: the compact lists inside panels and forms (headers and rows of cells).
 */
import type { ReactNode } from 'react';

export const TH = 'border-b border-border px-2 py-1 text-left font-normal whitespace-nowrap text-muted';
export const TD = 'border-b border-border/60 px-2 py-0.5 whitespace-nowrap';
export const NUM = `${TD} text-right`;

/**
 * A wide table's horizontal scroller. It can take keyboard focus (and has a name) so a keyboard user can scroll
 * it with the arrow keys when the table is wider than the screen.
 */
export function ScrollX({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto focus-visible:outline-2" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface Column {
  label: ReactNode;
  /** Right-aligned (figures). */
  num?: boolean;
  /** What the column means, on hover. */
  title?: string;
}

/** A figure table: `label` names the scroller, `caption` the table; the body (tbody, tfoot) comes as children. */
export function FigureTable({ label, caption, testId, columns, children }: { label: string; caption: ReactNode; testId: string; columns: readonly Column[]; children: ReactNode }) {
  return (
    <ScrollX label={label}>
      <table className="w-full border-collapse font-mono text-[12px]" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.num ? `${TH} text-right` : TH} title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </ScrollX>
  );
}

export interface ListTableProps {
  /** The accessible name: of the focusable scroller (`region`), else of the table itself. */
  label: string;
  headers: readonly string[];
  rows: readonly ReactNode[][];
  testId?: string;
  /** Columns that wrap instead of being cut with an ellipsis. */
  wrap?: readonly number[];
  /** A focusable, named scroll box around the table (the form screens); off in the detail panels. */
  region?: boolean;
  /** Room between columns and the longest a cut cell gets. */
  density?: 'form' | 'detail';
}

const DENSITY = {
  form: { table: 'w-full border-collapse text-left font-mono text-[12px] tabular-nums', th: 'pr-3', td: 'max-w-[40ch] truncate pr-3 align-top whitespace-nowrap', wrap: 'min-w-[24ch] pr-3 align-top' },
  detail: { table: 'border-collapse text-left tabular-nums', th: 'pr-4', td: 'max-w-[60ch] truncate pr-4 whitespace-nowrap', wrap: 'min-w-[24ch] pr-4' },
} as const;

/** The classes of a compact table, for one that writes its own rows. */
export const LIST_TABLE = DENSITY.form.table;

/** The header line of a compact table. */
export function ListHead({ headers, density = 'form' }: { headers: readonly string[]; density?: 'form' | 'detail' }) {
  return (
    <thead>
      <tr>
        {headers.map((h) => (
          <th key={h} scope="col" className={`${DENSITY[density].th} font-semibold whitespace-nowrap text-muted`}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A compact list of rows under a header line. */
export function ListTable({ label, headers, rows, testId, wrap = [], region = true, density = 'form' }: ListTableProps) {
  const d = DENSITY[density];
  return (
    <div className="overflow-x-auto" role={region ? 'region' : undefined} aria-label={region ? label : undefined} tabIndex={region ? 0 : undefined} data-testid={testId}>
      <table className={d.table} aria-label={region ? undefined : label}>
        <ListHead headers={headers} density={density} />
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="hover:bg-[var(--row-hover)]">
              {r.map((c, j) => (
                <td key={j} className={wrap.includes(j) ? d.wrap : d.td}>
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
