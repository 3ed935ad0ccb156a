import { randomBytes } from 'node:crypto';

/**
 * A report id: 16 random bytes (128 bits) in base64url, 22 characters. The last character
 * carries only 2 bits, so it is one of A, Q, g, w; anything else was never issued by us.
 */
export const REPORT_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** A fresh, unguessable report id. */
export function newReportId(): string {
  return randomBytes(16).toString('base64url');
}

/** True when `value` has the exact shape of a report id. */
export function isReportId(value: unknown): value is string {
  return typeof value === 'string' && REPORT_ID.test(value);
}
