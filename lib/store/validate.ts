import { StoreError } from './errors';

function invalid(message: string): StoreError {
  return new StoreError('invalid_input', message);
}

/** Checks that `value` is a string of `min`..`max` characters without NUL (PostgreSQL text cannot hold one). */
export function requireText(field: string, value: unknown, min: number, max: number): string {
  if (typeof value !== 'string') throw invalid(`${field} must be a string, got ${describe(value)}`);
  if (value.length < min) throw invalid(min === 1 ? `${field} must not be empty` : `${field} is shorter than ${min} characters`);
  if (value.length > max) throw invalid(`${field} is ${value.length} characters; the limit is ${max}`);
  if (value.includes('\0')) throw invalid(`${field} must not contain NUL characters`);
  return value;
}

/** A list page size: `fallback` when absent, else an integer in 1..max. */
export function requireLimit(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(`limit must be an integer from 1 to ${max}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Serialises `value` as JSON and measures it in UTF-8 bytes, refusing values JSON cannot hold
 * (undefined, functions, cycles, BigInt) and values over `maxBytes`.
 */
export function serializeJson(field: string, value: unknown, maxBytes: number): { text: string; bytes: number } {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw invalid(`${field} is not JSON-serialisable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text === undefined) throw invalid(`${field} is missing or not JSON-serialisable (got ${describe(value)})`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new StoreError(
      'too_large',
      `${field} is ${bytes} bytes as JSON; the limit is ${maxBytes} bytes (${formatBytes(maxBytes)})`,
    );
  }
  return { text, bytes };
}

/** "2 MiB", "256 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** `value` as an object whose fields can be read, or a precise error naming `what`. */
export function requireObject(what: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`${what} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}
