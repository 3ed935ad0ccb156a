import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSize, FARGATE_OVERHEAD_BYTES, FARGATE_SIZES, isFargateSize, LARGEST_FARGATE_SIZE } from './sizes';
import type { FargateSize } from './types';

const Mi = 1024 ** 2;
const Gi = 1024 ** 3;

// The EKS user guide table, transcribed row by row from docs/fargate-facts.md §1.
const AWS_TABLE: [number, number[]][] = [
  [0.25, [0.5, 1, 2]],
  [0.5, [1, 2, 3, 4]],
  [1, [2, 3, 4, 5, 6, 7, 8]],
  [2, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]],
  [4, [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]],
  [8, [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60]],
  [16, [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120]],
];

describe('FARGATE_SIZES', () => {
  it('holds the 74 combinations of the EKS table, ascending by vCPU then memory', () => {
    expect(FARGATE_SIZES).toHaveLength(74);
    const expected = AWS_TABLE.flatMap(([vcpu, mems]) => mems.map((memoryGiB) => ({ vcpu, memoryGiB })));
    expect(FARGATE_SIZES.map((s) => ({ ...s }))).toEqual(expected);
  });

  it('counts 3 + 4 + 7 + 13 + 23 + 12 + 12 per vCPU row', () => {
    const perRow = AWS_TABLE.map(([vcpu]) => FARGATE_SIZES.filter((s) => s.vcpu === vcpu).length);
    expect(perRow).toEqual([3, 4, 7, 13, 23, 12, 12]);
  });

  it('overhead is 256 MiB and the largest size is 16 vCPU / 120 GB', () => {
    expect(FARGATE_OVERHEAD_BYTES).toBe(256 * Mi);
    expect(LARGEST_FARGATE_SIZE).toEqual({ vcpu: 16, memoryGiB: 120 });
  });

  it('is frozen so no caller can edit the table', () => {
    expect(Object.isFrozen(FARGATE_SIZES)).toBe(true);
    expect(Object.isFrozen(FARGATE_SIZES[0])).toBe(true);
  });

  it('isFargateSize tells table sizes from others', () => {
    expect(isFargateSize({ vcpu: 2, memoryGiB: 9 })).toBe(true);
    expect(isFargateSize({ vcpu: 1, memoryGiB: 9 })).toBe(false);
    expect(isFargateSize({ vcpu: 8, memoryGiB: 18 })).toBe(false); // 8 vCPU moves in 4 GB steps
  });
});

describe('chooseSize: every boundary of the table', () => {
  // For each size: exactly at its vCPU and memory it is chosen (fits are ≤), and a millicore or a byte more
  // moves to the next size that holds it — computed from the AWS table above, not from the engine.
  const sizes = AWS_TABLE.flatMap(([vcpu, mems]) => mems.map((memoryGiB) => ({ vcpu, memoryGiB })));
  const firstFit = (cpu: number, mem: number): FargateSize | null =>
    sizes.find((s) => cpu <= s.vcpu * 1000 && mem <= s.memoryGiB * Gi) ?? null;

  it.each(sizes.map((s) => [`${s.vcpu}vCPU ${s.memoryGiB}GB`, s] as const))('%s', (_, s) => {
    const cpu = s.vcpu * 1000;
    const mem = s.memoryGiB * Gi;
    // Exactly at the size, with the minimum vCPU of its row so memory decides.
    const rowMinMem = AWS_TABLE.find(([v]) => v === s.vcpu)![1][0];
    expect(chooseSize(cpu, mem)).toEqual(s);
    // One byte more memory: the next memory step in the row, or the first bigger row that holds it.
    expect(chooseSize(cpu, mem + 1)).toEqual(firstFit(cpu, mem + 1));
    // One millicore more: the next vCPU row.
    expect(chooseSize(cpu + 1, mem)).toEqual(firstFit(cpu + 1, mem));
    // A pod with the row's vCPU and the row's smallest memory lands on the row's first size.
    expect(chooseSize(cpu, rowMinMem * Gi)).toEqual({ vcpu: s.vcpu, memoryGiB: rowMinMem });
  });

  it.each<[string, number, number, FargateSize | null]>([
    ['nothing at all', 0, 0, { vcpu: 0.25, memoryGiB: 0.5 }],
    ['250m and exactly 0.5 GiB', 250, 0.5 * Gi, { vcpu: 0.25, memoryGiB: 0.5 }],
    ['251m needs the 0.5 vCPU row', 251, 0, { vcpu: 0.5, memoryGiB: 1 }],
    ['0.25 vCPU with 2 GiB + 1 byte moves to 0.5 vCPU', 250, 2 * Gi + 1, { vcpu: 0.5, memoryGiB: 3 }],
    ['1 vCPU with 8 GiB + 1 byte moves to 2 vCPU 9 GB', 1000, 8 * Gi + 1, { vcpu: 2, memoryGiB: 9 }],
    ['4 vCPU with 30 GiB + 1 byte moves to 8 vCPU 32 GB', 4000, 30 * Gi + 1, { vcpu: 8, memoryGiB: 32 }],
    ['8 vCPU with 16 GiB + 1 byte steps 4 GB to 20 GB', 8000, 16 * Gi + 1, { vcpu: 8, memoryGiB: 20 }],
    ['16 vCPU with 32 GiB + 1 byte steps 8 GB to 40 GB', 16000, 32 * Gi + 1, { vcpu: 16, memoryGiB: 40 }],
    ['exactly the largest size', 16000, 120 * Gi, { vcpu: 16, memoryGiB: 120 }],
    ['one millicore over 16 vCPU', 16001, 0, null],
    ['one byte over 120 GiB', 0, 120 * Gi + 1, null],
  ])('%s', (_, cpu, mem, expected) => {
    expect(chooseSize(cpu, mem)).toEqual(expected);
  });

  it('refuses negative or non-finite input with a RangeError', () => {
    expect(() => chooseSize(-1, 0)).toThrow(RangeError);
    expect(() => chooseSize(0, Number.NaN)).toThrow(/memoryBytesWithOverhead/);
    expect(() => chooseSize(Number.POSITIVE_INFINITY, 0)).toThrow(/cpuMillis/);
  });
});

describe('chooseSize properties', () => {
  const cpu = fc.integer({ min: 0, max: 17_000 });
  const mem = fc.integer({ min: 0, max: 125 * Gi });

  it('the chosen size always holds the request (+256 MiB is the caller’s), and no smaller size does', () => {
    fc.assert(
      fc.property(cpu, mem, (c, m) => {
        const chosen = chooseSize(c, m);
        const fits = (s: FargateSize) => c <= s.vcpu * 1000 && m <= s.memoryGiB * Gi;
        if (!chosen) return !FARGATE_SIZES.some(fits);
        if (!fits(chosen)) return false;
        // No size with at most as much vCPU and memory (and not the same) fits.
        return !FARGATE_SIZES.some(
          (s) => fits(s) && s.vcpu <= chosen.vcpu && s.memoryGiB <= chosen.memoryGiB && (s.vcpu < chosen.vcpu || s.memoryGiB < chosen.memoryGiB),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('the chosen size is the cheapest that fits at any positive vCPU and GB price', () => {
    fc.assert(
      fc.property(cpu, mem, fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.0001, max: 1, noNaN: true }), (c, m, pv, pg) => {
        const chosen = chooseSize(c, m);
        fc.pre(chosen !== null);
        const price = (s: FargateSize) => s.vcpu * pv + s.memoryGiB * pg;
        const fitting = FARGATE_SIZES.filter((s) => c <= s.vcpu * 1000 && m <= s.memoryGiB * Gi);
        return fitting.every((s) => price(s) >= price(chosen!) - 1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  it('more request never gives a smaller size', () => {
    fc.assert(
      fc.property(cpu, mem, fc.nat(2000), fc.nat(4 * Gi), (c, m, dc, dm) => {
        const a = chooseSize(c, m);
        const b = chooseSize(c + dc, m + dm);
        if (!a) return b === null;
        if (!b) return true;
        return b.vcpu >= a.vcpu && b.memoryGiB >= a.memoryGiB;
      }),
      { numRuns: 1000 },
    );
  });
});
