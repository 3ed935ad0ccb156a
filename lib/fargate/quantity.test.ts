import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpu, parseBytes, parseCpuMillis, parseQuantityValue, QuantityError } from './quantity';

const Ki = 1024;
const Mi = 1024 ** 2;
const Gi = 1024 ** 3;

describe('parseCpuMillis', () => {
  // Expected values are the definitions of the Kubernetes quantity suffixes (1 core = 1000m).
  it.each<[string | number, number]>([
    ['250m', 250],
    ['500m', 500],
    ['0.5', 500],
    ['.5', 500],
    ['1', 1000],
    ['1.', 1000],
    ['1.0', 1000],
    ['0.25', 250],
    ['0.1', 100],
    ['2', 2000],
    ['16', 16000],
    ['+1', 1000],
    ['2e3', 2_000_000],
    ['1E3', 1_000_000],
    ['1e-3', 1],
    ['1E+1', 10_000],
    ['1k', 1_000_000],
    ['1000000n', 1],
    ['1000u', 1],
    ['0', 0],
    ['0m', 0],
    ['-0', 0],
    [0.5, 500],
    [1, 1000],
    [0.1, 100],
    [0.25, 250],
    [2e3, 2_000_000],
    [1e-3, 1],
    ['1E', 1e21],
  ])('%s → %i millicores', (q, expected) => {
    expect(parseCpuMillis(q)).toBe(expected);
  });

  it.each<[string | number, number]>([
    ['0.0001', 1], // 0.1 millicore rounds up to 1m, as MilliValue() does
    ['1.0001', 1001],
    ['1n', 1],
    ['100.5m', 101],
    ['0.3333', 334],
    [0.3333, 334],
  ])('rounds fractional millicores up: %s → %i', (q, expected) => {
    expect(parseCpuMillis(q)).toBe(expected);
  });

  it('is exact where floating point is not (0.1 + 0.2 style decimals)', () => {
    expect(parseCpuMillis('0.7')).toBe(700);
    expect(parseCpuMillis('1.1')).toBe(1100);
    expect(parseCpuMillis('4.35')).toBe(4350);
    expect(parseCpuMillis('0.29')).toBe(290); // 0.29 * 1000 = 290.00000000000006 in floating point
  });
});

describe('parseBytes', () => {
  it.each<[string | number, number]>([
    ['512Mi', 512 * Mi],
    ['1.5Gi', 1.5 * Gi],
    ['3.75Gi', 3.75 * Gi],
    ['1Gi', Gi],
    ['1G', 1e9],
    ['750M', 750e6],
    ['1750M', 1750e6],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['129E6', 129e6],
    ['123Mi', 123 * Mi],
    ['1Ki', Ki],
    ['1k', 1000],
    ['1M', 1e6],
    ['1T', 1e12],
    ['1Ti', 1024 ** 4],
    ['1P', 1e15],
    ['1Pi', 1024 ** 5],
    ['1E', 1e18],
    ['1Ei', 2 ** 60],
    ['0.5Gi', 512 * Mi],
    ['.5Gi', 512 * Mi],
    ['1.G', 1e9],
    [128974848, 128974848],
    [129e6, 129e6],
    [0, 0],
    [1.5, 2], // 1.5 bytes rounds up
  ])('%s → %i bytes', (q, expected) => {
    expect(parseBytes(q)).toBe(expected);
  });

  it('rounds fractional bytes up, as Value() does', () => {
    expect(parseBytes('1m')).toBe(1); // a millibyte
    expect(parseBytes('500m')).toBe(1);
    expect(parseBytes('1500m')).toBe(2);
    expect(parseBytes('0.1Ki')).toBe(103); // 102.4 → 103
    expect(parseBytes('1.0000001Gi')).toBe(1073741932); // 1073741824 + 107.3741824 → +108
  });

  it('parseQuantityValue counts extended resources like nvidia.com/gpu', () => {
    expect(parseQuantityValue('1')).toBe(1);
    expect(parseQuantityValue(2)).toBe(2);
    expect(parseQuantityValue('500m')).toBe(1);
  });
});

describe('invalid quantities', () => {
  it.each<[unknown, RegExp]>([
    ['', /empty/],
    ['abc', /expected a number/],
    ['1.5GB', /unknown suffix/],
    ['512MB', /unknown suffix/],
    ['1K', /unknown suffix/], // only Ki is binary; decimal kilo is lowercase k
    ['1e', /unknown suffix/],
    ['1mi', /unknown suffix/],
    ['1 Gi', /whitespace/],
    [' 1', /whitespace/],
    ['1Gi ', /whitespace/],
    ['--1', /expected a number/],
    ['-1', /negative/],
    ['-500m', /negative/],
    [-1, /negative/],
    ['1.2.3', /expected a number/],
    ['.', /expected a number/],
    ['Gi', /expected a number/],
    ['0x10', /unknown suffix|expected a number/],
    ['1e999999999', /too large/],
    ['9Ei', /too large/],
    ['1'.repeat(200), /longer than 100/],
    [Number.NaN, /not a finite number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    [null, /expected a string or a number, got null/],
    [true, /got boolean/],
    [{ a: 1 }, /got object/],
    [[1], /got a list/],
  ])('%j is refused (%s)', (q, reason) => {
    let caught: unknown;
    try {
      parseBytes(q as string);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuantityError);
    const err = caught as QuantityError;
    expect(err.message).toMatch(reason);
    expect(err.message).toContain('is not a valid quantity');
  });

  it('names the bad string in the message and in .quantity', () => {
    const err = (() => {
      try {
        parseCpuMillis('1.5cores');
      } catch (e) {
        return e as QuantityError;
      }
    })();
    expect(err?.quantity).toBe('1.5cores');
    expect(err?.message).toContain('"1.5cores"');
    expect(err?.at('container "web": resources.requests.cpu').message).toMatch(/^container "web": resources\.requests\.cpu: "1\.5cores" is not a valid quantity/);
  });

  it('a tiny exponent is positive, so it rounds up to one unit instead of building a huge power', () => {
    expect(parseBytes('1e-999999')).toBe(1);
    expect(parseCpuMillis('0e999999999')).toBe(0);
  });
});

describe('formatCpu', () => {
  it.each<[number, string]>([
    [0, '0'],
    [1, '1m'],
    [250, '250m'],
    [999, '999m'],
    [1000, '1'],
    [1500, '1.5'],
    [1250, '1.25'],
    [1001, '1.001'],
    [2000, '2'],
    [16000, '16'],
  ])('%i → %s', (millis, text) => {
    expect(formatCpu(millis)).toBe(text);
  });

  it('round-trips through parseCpuMillis', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64_000_000 }), (m) => parseCpuMillis(formatCpu(m)) === m),
      { numRuns: 500 },
    );
  });
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [0, '0'],
    [500, '500'],
    [Ki, '1Ki'],
    [512 * Mi, '512Mi'],
    [256 * Mi, '256Mi'],
    [1.5 * Gi, '1.5Gi'],
    [3.75 * Gi, '3.75Gi'],
    [750e6, '715.3Mi'], // 750M = 715.255… Mi
    [1750e6, '1.63Gi'], // 1750M = 1.6298… Gi
    [2 ** 60, '1Ei'],
    [120 * Gi, '120Gi'],
    [1025 * Ki, '1025Ki'],
    [1750 * Mi, '1750Mi'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('exact values parse back to the same byte count', () => {
    const units = [Ki, Mi, Gi];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.constantFrom(...units), fc.constantFrom(1, 2, 4, 8), (n, unit, div) => {
        const bytes = (n * unit) / div;
        fc.pre(Number.isInteger(bytes));
        return parseBytes(formatBytes(bytes)) === bytes;
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: decimal strings parse exactly', () => {
  it('"<int>.<frac>" CPU equals the integer arithmetic result', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 999 }), (whole, milli) => {
        const text = `${whole}.${String(milli).padStart(3, '0')}`;
        return parseCpuMillis(text) === whole * 1000 + milli;
      }),
      { numRuns: 500 },
    );
  });

  it('<n>Mi is n × 2^20 and <n>M is n × 10^6', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => parseBytes(`${n}Mi`) === n * Mi && parseBytes(`${n}M`) === n * 1e6),
      { numRuns: 300 },
    );
  });
});
