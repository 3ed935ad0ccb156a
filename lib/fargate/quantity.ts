/**
 * Kubernetes resource quantities ("500m", "1750M", "1.5Gi", "129e6", 0.5), parsed exactly.
 *
 * The grammar is Kubernetes' own: an optional sign, a decimal number, then at most one suffix — a binary SI
 * suffix (Ki Mi Gi Ti Pi Ei), a decimal SI suffix (n u m k M G T P E) or a decimal exponent (e3, E-2, e+21).
 * Values are kept as big integers plus powers of ten and two until the very end, so "0.1" CPU is exactly
 * 100 millicores and "1.5Gi" exactly 1610612736 bytes; a fraction of the final unit rounds up, as
 * Kubernetes' MilliValue()/Value() do.
 */

export class QuantityError extends Error {
  /** The quantity exactly as it was given (numbers as JavaScript prints them). */
  readonly quantity: string;
  /** What is wrong with it, without the location. */
  readonly reason: string;

  constructor(quantity: string, reason: string, where?: string) {
    super(`${where ? `${where}: ` : ''}${JSON.stringify(quantity)} is not a valid quantity: ${reason}`);
    this.name = 'QuantityError';
    this.quantity = quantity;
    this.reason = reason;
  }

  /** The same error, located: `container "web": resources.requests.memory: "12Q" is not a valid quantity: …`. */
  at(where: string): QuantityError {
    return new QuantityError(this.quantity, this.reason, where);
  }
}

const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// sign, integer part, fraction, then one of: binary suffix | decimal suffix | exponent. "1E" is exa, "1E3" is
// an exponent: the regex tries the bare suffix first and backtracks when digits follow.
const QUANTITY = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|[eE]([+-]?\d+))?$/;

// Kubernetes reads requests as int64; anything larger is not a resource request anyone can schedule.
const MAX_VALUE = 2n ** 63n - 1n;
const SUGGEST = 'expected a number with an optional suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>';

/** An exact non-negative quantity: digits × 10^pow10 × 2^pow2. */
interface Exact {
  digits: bigint;
  pow10: number;
  pow2: number;
}

function parseExact(q: unknown): { text: string; exact: Exact } {
  if (typeof q === 'number') {
    if (!Number.isFinite(q)) throw new QuantityError(String(q), 'not a finite number');
    // String() of a double is its shortest exact decimal spelling ("0.1", "1e+21"), which the grammar accepts.
    return parseText(String(q));
  }
  if (typeof q !== 'string') {
    const shown = (typeof q === 'object' && q !== null ? JSON.stringify(q) : String(q)).slice(0, 60);
    const got = q === null ? 'null' : Array.isArray(q) ? 'a list' : typeof q;
    throw new QuantityError(shown, `expected a string or a number, got ${got}`);
  }
  return parseText(q);
}

function parseText(text: string): { text: string; exact: Exact } {
  if (text === '') throw new QuantityError(text, 'empty');
  if (text.length > 100) throw new QuantityError(`${text.slice(0, 40)}…`, 'longer than 100 characters');
  const m = QUANTITY.exec(text);
  if (!m) {
    if (/\s/.test(text)) throw new QuantityError(text, 'contains whitespace');
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)[a-zA-Z]+$/.test(text)) throw new QuantityError(text, `unknown suffix; ${SUGGEST}`);
    throw new QuantityError(text, SUGGEST);
  }
  const [, sign, intPart, fracPart, bareFrac, binary, decimal, exponent] = m;
  const whole = intPart ?? '';
  const frac = fracPart ?? bareFrac ?? '';
  const digits = BigInt(`${whole}${frac}` || '0');
  if (sign === '-' && digits !== 0n) throw new QuantityError(text, 'negative; requests and limits must be zero or more');
  let pow10 = -frac.length;
  let pow2 = 0;
  if (binary) pow2 = BINARY_SUFFIX[binary];
  else if (decimal) pow10 += DECIMAL_SUFFIX[decimal];
  else if (exponent) {
    const e = Number(exponent);
    if (!Number.isSafeInteger(e)) throw new QuantityError(text, 'exponent out of range');
    pow10 += e;
  }
  return { text, exact: { digits, pow10, pow2 } };
}

/** ceil(exact × 10^scale10) as a number of units; throws when the result exceeds int64. */
function toUnits(parsed: { text: string; exact: Exact }, scale10: number): number {
  const { digits, pow2 } = parsed.exact;
  const pow10 = parsed.exact.pow10 + scale10;
  if (digits === 0n) return 0;
  // Magnitude check before building big powers, so "1e999999999" fails fast instead of allocating.
  const magnitude = digits.toString().length + pow10 + pow2 * Math.log10(2);
  if (magnitude > 40) throw new QuantityError(parsed.text, 'too large');
  // Anything positive but below one unit rounds up to one unit, as Kubernetes rounds up.
  if (magnitude < -40) return 1;
  let num = digits;
  let den = 1n;
  if (pow10 >= 0) num *= 10n ** BigInt(pow10);
  else den *= 10n ** BigInt(-pow10);
  if (pow2 >= 0) num *= 2n ** BigInt(pow2);
  else den *= 2n ** BigInt(-pow2);
  const units = (num + den - 1n) / den;
  if (units / 10n ** BigInt(scale10) > MAX_VALUE) throw new QuantityError(parsed.text, 'too large (above 2^63-1)');
  return Number(units);
}

// A cluster repeats a handful of quantities ("250m", "512Mi") across thousands of pods, and exact parsing uses
// BigInt: valid answers are remembered (a bounded map; errors are not kept).
const known = new Map<string, number>();

function units(q: string | number, scale10: number): number {
  const key = typeof q === 'string' || typeof q === 'number' ? `${scale10} ${q}` : null;
  const hit = key === null ? undefined : known.get(key);
  if (hit !== undefined) return hit;
  const value = toUnits(parseExact(q), scale10);
  if (key !== null) {
    if (known.size >= 4096) known.clear();
    known.set(key, value);
  }
  return value;
}

/**
 * CPU as integer millicores: "250m" → 250, "0.5" → 500, 2 → 2000, "1.0001" → 1001 (rounded up).
 * @throws QuantityError naming the bad string
 */
export function parseCpuMillis(q: string | number): number {
  return units(q, 3);
}

/**
 * CPU as integer nanocores, the unit metrics-server reports usage in: "3279826n" → 3279826, "5m" → 5000000.
 * @throws QuantityError naming the bad string
 */
export function parseCpuNanos(q: string | number): number {
  return units(q, 9);
}

/**
 * A byte count (memory, ephemeral storage): "512Mi" → 536870912, "1750M" → 1750000000, "1m" → 1 (rounded up).
 * @throws QuantityError naming the bad string
 */
export function parseBytes(q: string | number): number {
  return units(q, 0);
}

/**
 * Any quantity as an integer count, rounded up (Kubernetes' Value()): for extended resources like nvidia.com/gpu.
 * @throws QuantityError naming the bad string
 */
export function parseQuantityValue(q: string | number): number {
  return units(q, 0);
}

/** CPU for people: "250m" below one core, decimal cores from one core up ("1", "1.5", "2.25"). */
export function formatCpu(millis: number): string {
  if (!Number.isFinite(millis)) return String(millis);
  const m = Math.ceil(Math.abs(millis));
  const sign = millis < 0 ? '-' : '';
  if (m === 0) return '0';
  if (m < 1000) return `${sign}${m}m`;
  const whole = Math.floor(m / 1000);
  const frac = String(m % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

const BINARY_UNITS: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/**
 * Bytes in binary units. Exact when some unit holds the value with at most three decimals and under 10000 units
 * ("512Mi", "1.5Gi", "3.75Gi", "1025Ki"); otherwise the largest unit with a value of at least 1, rounded to two
 * decimals below 10 and one above ("1.63Gi", "715.3Mi"). Below 1 KiB, plain bytes ("500").
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  for (const [unit, size] of BINARY_UNITS) {
    const v = b / size;
    const exact = Math.round(v * 1000) / 1000;
    if (v >= 1 && v < 10000 && exact * size === b) return `${sign}${trimZeros(exact.toFixed(3))}${unit}`;
  }
  const [unit, size] = BINARY_UNITS.find(([, s]) => b >= s) ?? ['', 1];
  if (!unit) return `${sign}${Math.round(b)}`;
  const v = b / size;
  return `${sign}${trimZeros(v.toFixed(v < 10 ? 2 : 1))}${unit}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
