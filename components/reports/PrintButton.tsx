'use client';

/** Opens the browser's print dialog (the page has a print stylesheet). */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-sm border border-border px-2 py-0.5 hover:border-accent" data-testid="print">
      Print
    </button>
  );
}
