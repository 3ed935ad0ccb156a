import { StoreError } from './errors';

// The two drivers decode some column types differently; these read them the same way.

/** A timestamptz column as an ISO 8601 string (both drivers give a Date by default). */
export function isoTime(value: unknown): string {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new StoreError('failed', `store returned an unreadable time: ${String(value)}`);
  return d.toISOString();
}

/** A bigint column as a number (node-postgres gives a string, PGlite a number). */
export function safeInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new StoreError('failed', `store returned an unreadable integer: ${String(value)}`);
  return n;
}

/** Placeholders for `rows` rows of `width` parameters, for a multi-row INSERT: ($1, $2), ($3, $4)… */
export function valuesPlaceholders(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}

/** A json column selected as `::text`, parsed. */
export function parseJsonColumn(value: unknown): unknown {
  if (typeof value !== 'string') throw new StoreError('failed', 'store returned a JSON column that is not text');
  return JSON.parse(value) as unknown;
}
