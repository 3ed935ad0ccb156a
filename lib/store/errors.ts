/**
 * Why a store call failed:
 * - `unavailable`: the database cannot be opened or reached (or its migrations failed);
 *   retrying later may work.
 * - `invalid_input`: the caller's input is wrong; the message says which field and why.
 * - `too_large`: the input is over a size limit; the message gives the size and the limit.
 * - `failed`: the database refused a statement for another reason.
 */
export type StoreErrorCode = 'unavailable' | 'invalid_input' | 'too_large' | 'failed';

/** A store failure with a message that can be shown to a user as is. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator
// intervention: shutdown, crash) and 3D000 (database does not exist) mean the server is out of
// reach, not that our statement was wrong.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P|3D000)/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The message of any thrown value, for use after a colon in a user-facing message. */
export function causeText(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return causeText(err.errors[0]);
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/**
 * Turns whatever a database call threw into a StoreError whose message starts with `what`
 * (e.g. "report store", "audit log"). StoreErrors pass through unchanged.
 */
export function toStoreError(what: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = errorCode(err);
  const message = causeText(err);
  const unreachable =
    (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) ||
    /connection terminated|timeout exceeded when trying to connect|after calling end on the pool|PGlite is clos(ed|ing)/i.test(message);
  return unreachable
    ? new StoreError('unavailable', `${what} unavailable: ${message}`, { cause: err })
    : new StoreError('failed', `${what} failed: ${message}`, { cause: err });
}

/** Runs `fn` and rethrows any failure as a StoreError prefixed with `what`. */
export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStoreError(what, err);
  }
}
