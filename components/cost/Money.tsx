import { formatUSD } from '@/lib/ui/format';

/** Every digit a dollar figure has, up to the nano-dollar: "$0.06162", "$289.1238". */
export function exactUSD(v: number): string {
  if (!Number.isFinite(v)) return '?';
  const s = Math.abs(v).toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return `${v < 0 ? '−' : ''}$${s}`;
}

/**
 * A dollar figure as the tables show it (4 decimals below $1), with the exact value on hover and in
 * `data-usd` (for tests and copy), and what the figure is based on after it in the tooltip.
 */
export function Money({ usd, per, hint, testId, className = '' }: { usd: number | null; per?: 'h' | 'mo'; hint?: string; testId?: string; className?: string }) {
  if (usd === null) {
    return (
      <span className={`text-muted ${className}`} title={hint} data-testid={testId}>
        —
      </span>
    );
  }
  const suffix = per === 'h' ? '/h' : per === 'mo' ? '/mo' : '';
  return (
    <span className={`tabular-nums ${className}`} data-usd={usd} data-testid={testId} title={`${exactUSD(usd)}${suffix}${hint ? ` — ${hint}` : ''}`}>
      {formatUSD(usd)}
    </span>
  );
}
