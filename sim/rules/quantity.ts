/**
 * Kubernetes resource quantities for the simulator's API server side: "250m", "0.5", "750M", "1.5Gi", "1e3", 2.
 * Exact: the value is held as a fraction of big integers and rounded up to whole units at the end, as the API
 * server's MilliValue()/Value() round. Refusals read like the dashboard's, so pod events do not change wording.
 */

export class SimQuantityError extends Error {
  constructor(
    readonly quantity: string,
    readonly reason: string,
    readonly where?: string,
  ) {
    super(`${where ? `${where}: ` : ''}${JSON.stringify(quantity)} is not a valid quantity: ${reason}`);
    this.name = 'SimQuantityError';
  }

  /** The same refusal, prefixed with where the value sits ("container \"web\": resources.requests.cpu"). */
  located(where: string): SimQuantityError {
    return new SimQuantityError(this.quantity, this.reason, where);
  }
}

const HINT = 'expected a number with an optional suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>';

// Suffix → [power of ten, power of two].
const SUFFIX: Record<string, [number, number]> = {
  '': [0, 0],
  n: [-9, 0],
  u: [-6, 0],
  m: [-3, 0],
  k: [3, 0],
  M: [6, 0],
  G: [9, 0],
  T: [12, 0],
  P: [15, 0],
  E: [18, 0],
  Ki: [0, 10],
  Mi: [0, 20],
  Gi: [0, 30],
  Ti: [0, 40],
  Pi: [0, 50],
  Ei: [0, 60],
};

const INT64_MAX = 9223372036854775807n;

interface Parsed {
  text: string;
  mantissa: bigint;
  ten: number;
  two: number;
}

function describeType(q: unknown): string {
  if (q === null) return 'null';
  if (Array.isArray(q)) return 'a list';
  return typeof q;
}

function read(q: unknown): Parsed {
  let text: string;
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new SimQuantityError(String(q), 'not a finite number');
    text = String(q);
  } else if (typeof q === 'string') {
    text = q;
  } else {
    const shown = typeof q === 'object' && q !== null ? JSON.stringify(q) : String(q);
    throw new SimQuantityError(shown.slice(0, 60), `expected a string or a number, got ${describeType(q)}`);
  }
  if (text.length === 0) throw new SimQuantityError(text, 'empty');
  if (text.length > 100) throw new SimQuantityError(`${text.slice(0, 40)}…`, 'longer than 100 characters');

  // The number first (greedy), then whatever is left must be one known suffix or an exponent.
  const num = /^([+-]?)(\d+\.?\d*|\.\d+)/.exec(text);
  const rest = num ? text.slice(num[0].length) : text;
  const known = num !== null && Object.prototype.hasOwnProperty.call(SUFFIX, rest);
  const exponent = num !== null && /^[eE][+-]?\d+$/.test(rest) ? rest.slice(1) : null;
  if (num === null || (!known && exponent === null)) {
    if (/\s/.test(text)) throw new SimQuantityError(text, 'contains whitespace');
    if (num !== null && /^[a-zA-Z]+$/.test(rest)) throw new SimQuantityError(text, `unknown suffix; ${HINT}`);
    throw new SimQuantityError(text, HINT);
  }

  const [whole, fraction = ''] = num[2].split('.');
  const mantissa = BigInt(`${whole}${fraction}` || '0');
  if (num[1] === '-' && mantissa !== 0n) throw new SimQuantityError(text, 'negative; requests and limits must be zero or more');
  const [ten, two] = exponent === null ? SUFFIX[rest] : [Number(exponent), 0];
  if (!Number.isSafeInteger(ten)) throw new SimQuantityError(text, 'exponent out of range');
  return { text, mantissa, ten: ten - fraction.length, two };
}

/** ceil(value × 10^scale) as a whole number of units. */
function toWhole(p: Parsed, scale: number): number {
  if (p.mantissa === 0n) return 0;
  const ten = p.ten + scale;
  // Rough size in decimal digits, to refuse absurd exponents before building their powers.
  const digits = p.mantissa.toString().length + ten + p.two * Math.log10(2);
  if (digits > 40) throw new SimQuantityError(p.text, 'too large');
  if (digits < -40) return 1;
  const numerator = p.mantissa * (ten > 0 ? 10n ** BigInt(ten) : 1n) * (p.two > 0 ? 2n ** BigInt(p.two) : 1n);
  const denominator = (ten < 0 ? 10n ** BigInt(-ten) : 1n) * (p.two < 0 ? 2n ** BigInt(-p.two) : 1n);
  let whole = numerator / denominator;
  if (whole * denominator < numerator) whole += 1n;
  if (whole / 10n ** BigInt(scale) > INT64_MAX) throw new SimQuantityError(p.text, 'too large (above 2^63-1)');
  return Number(whole);
}

/** CPU in millicores: "250m" → 250, "0.5" → 500, 2 → 2000; a sliver of a millicore counts as one. */
export function cpuMillis(q: unknown): number {
  return toWhole(read(q), 3);
}

/** Bytes (memory, ephemeral storage): "512Mi" → 536870912, "750M" → 750000000. */
export function bytes(q: unknown): number {
  return toWhole(read(q), 0);
}
