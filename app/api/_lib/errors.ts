import 'server-only';
/**
 * One mapping from the errors our code throws to HTTP answers, for every route's catch:
 * - an error that carries its own answer ({status, body}, as ProfileWriteError does) is sent as it is;
 * - StoreError, on routes that name their store: 400 bad input, 413 too large, 503 unreachable, 500 otherwise;
 * - a stored report this version cannot read, and sign-in misconfiguration: 500 with what is wrong;
 * - anything else: 500.
 * What concerns the server rather than the request (a store that is unavailable or failed, an unknown error) is
 * logged in full and answered with a reference to the log line only.
 */
import { randomBytes } from 'node:crypto';
import { AuthConfigError } from '@/lib/server/auth';
import { StoreError } from '@/lib/store/errors';
import type { ApiError } from '@/lib/view/model';
import { json, jsonError } from './http';

/** How a route names its store in error answers. */
export interface StoreWords {
  invalid: string;
  tooLarge: string;
  unavailable: string;
  failed: string;
}

export const REPORT_STORE: StoreWords = { invalid: 'invalid report', tooLarge: 'report too large', unavailable: 'report store unavailable', failed: 'report store failed' };
export const USAGE_STORE: StoreWords = { invalid: 'invalid usage query', tooLarge: 'usage query too large', unavailable: 'usage history unavailable', failed: 'usage history failed' };
export const LEDGER_STORE: StoreWords = { invalid: 'invalid cost range', tooLarge: 'cost range too large', unavailable: 'cost ledger unavailable', failed: 'cost ledger failed' };
export const AUDIT_STORE: StoreWords = { invalid: 'audit log failed', tooLarge: 'audit log failed', unavailable: 'audit log unavailable', failed: 'audit log failed' };

interface CarriesAnswer {
  status: number;
  body: ApiError;
}

function carriesAnswer(e: unknown): e is Error & CarriesAnswer {
  if (!(e instanceof Error)) return false;
  const { status, body } = e as Partial<CarriesAnswer>;
  return typeof status === 'number' && status >= 400 && status < 600 && typeof body === 'object' && body !== null && typeof body.error === 'string';
}

const STORE_STATUS = { invalid_input: 400, too_large: 413, unavailable: 503, failed: 500 } as const;

/**
 * Logs a failure in full and returns what the answer may say of it: store and internal errors name data
 * directories, pids and SQL, which are the operator's business, not every caller's.
 */
function logged(e: unknown): string {
  const ref = randomBytes(4).toString('hex');
  console.error(`farview: request failed [${ref}]:`, e);
  return `the server's log has the details, under [${ref}]`;
}

/**
 * The answer for a thrown error.
 * @param opts.store the store the route reads (its words, and the fallback: an unknown failure there is a store failure)
 */
export function toResponse(e: unknown, opts: { store?: StoreWords } = {}): Response {
  if (carriesAnswer(e)) return json(e.body, e.status);
  if (e instanceof StoreError && opts.store) {
    const w = opts.store;
    const error = { invalid_input: w.invalid, too_large: w.tooLarge, unavailable: w.unavailable, failed: w.failed }[e.code];
    // Bad input and size are about the request, and say so; the rest is about the server.
    const detail = e.code === 'invalid_input' || e.code === 'too_large' ? e.message : logged(e);
    return jsonError(STORE_STATUS[e.code], { error, detail, source: 'store' });
  }
  // By name: app/reports/_lib/load.ts defines it, and not every route loads the report store.
  if (e instanceof Error && e.name === 'UnreadableReportError') return jsonError(500, { error: 'stored report unreadable', detail: e.message, source: 'store' });
  if (e instanceof AuthConfigError) return jsonError(500, { error: 'Sign-in is misconfigured on this server', detail: e.message, source: 'request' });
  if (opts.store) return jsonError(500, { error: opts.store.failed, detail: logged(e), source: 'store' });
  return jsonError(500, { error: 'internal error', detail: logged(e), source: 'request' });
}
