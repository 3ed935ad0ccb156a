import Link from 'next/link';
import type { ReactNode } from 'react';
import { PrintStyles } from './PrintStyles';

/** The frame of the report pages: a thin top bar (hidden in print) and the page. */
export function ReportsShell({ crumbs, children }: { crumbs: { href?: string; label: string }[]; children: ReactNode }) {
  return (
    <>
      <PrintStyles />
      <div className="flex min-h-screen flex-col bg-bg text-fg">
        <nav aria-label="Breadcrumb" className="flex h-[26px] shrink-0 items-center gap-2 border-b border-border bg-panel px-2 font-mono text-[12px] whitespace-nowrap print:hidden">
          <Link href="/" className="font-sans text-[13px] font-semibold text-accent">
            Farview
          </Link>
          {crumbs.map((c, i) => (
            <span key={`${c.label}-${i}`} className="flex items-center gap-2">
              <span aria-hidden className="text-muted">
                /
              </span>
              {c.href ? (
                <Link href={c.href} className="text-accent hover:underline">
                  {c.label}
                </Link>
              ) : (
                <span aria-current="page">{c.label}</span>
              )}
            </span>
          ))}
        </nav>
        <main className="flex flex-1 flex-col gap-4 p-3 text-[13px]">{children}</main>
      </div>
    </>
  );
}
