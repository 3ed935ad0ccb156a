import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCapacityProvisioned, parseCapacityProvisioned } from './capacity';
import { FARGATE_SIZES } from './sizes';

describe('parseCapacityProvisioned', () => {
  // Every spelling seen on real pods (docs/fargate-facts.md §2.11).
  it.each<[string, number, number]>([
    ['0.25vCPU 0.5GB', 0.25, 0.5],
    ['0.25vCPU 1GB', 0.25, 1],
    ['0.5vCPU 1GB', 0.5, 1],
    ['1vCPU 2GB', 1, 2],
    ['1vCPU 3GB', 1, 3],
    ['1vCPU 5GB', 1, 5],
    ['2vCPU 4GB', 2, 4],
    ['2vCPU 9GB', 2, 9],
    ['16vCPU 120GB', 16, 120],
  ])('%s', (text, vcpu, memoryGiB) => {
    expect(parseCapacityProvisioned(text)).toEqual({ vcpu, memoryGiB });
  });

  it('tolerates surrounding spaces, a space before the unit and letter case', () => {
    expect(parseCapacityProvisioned('  1vCPU 2GB\n')).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(parseCapacityProvisioned('1 vCPU 2 GB')).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(parseCapacityProvisioned('1VCPU 2gb')).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(parseCapacityProvisioned('.5vCPU 1GB')).toEqual({ vcpu: 0.5, memoryGiB: 1 });
  });

  it('returns a well-formed size outside the table as written (AWS bills what it wrote)', () => {
    expect(parseCapacityProvisioned('3vCPU 7GB')).toEqual({ vcpu: 3, memoryGiB: 7 });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['an object', { vcpu: 1, memoryGiB: 2 }],
    ['empty', ''],
    ['no memory', '1vCPU'],
    ['no separator', '1vCPU2GB'],
    ['eks-node-viewer node spelling', '0.25vCPU-0.5GB'],
    ['MiB unit', '1vCPU 2048MB'],
    ['GiB unit', '1vCPU 2GiB'],
    ['negative', '-1vCPU 2GB'],
    ['zero vCPU', '0vCPU 2GB'],
    ['zero memory', '1vCPU 0GB'],
    ['exponent', '1e3vCPU 2GB'],
    ['trailing text', '1vCPU 2GB extra'],
    ['leading text', 'size 1vCPU 2GB'],
    ['absurd', '99999vCPU 2GB'],
    ['very long', `${'1'.repeat(100)}vCPU 2GB`],
    ['node capacity style', 'cpu: 2, memory: 3977000Ki'],
  ])('%s → null, never a throw', (_, input) => {
    expect(parseCapacityProvisioned(input)).toBeNull();
  });

  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      const r = parseCapacityProvisioned(s);
      return r === null || (r.vcpu > 0 && r.memoryGiB > 0);
    }), { numRuns: 1000 });
  });
});

describe('formatCapacityProvisioned', () => {
  it.each<[number, number, string]>([
    [0.25, 0.5, '0.25vCPU 0.5GB'],
    [1, 2, '1vCPU 2GB'],
    [2, 9, '2vCPU 9GB'],
    [16, 120, '16vCPU 120GB'],
  ])('%f vCPU %f GB → %s', (vcpu, memoryGiB, text) => {
    expect(formatCapacityProvisioned({ vcpu, memoryGiB })).toBe(text);
  });

  it('round-trips all 74 sizes', () => {
    for (const size of FARGATE_SIZES) expect(parseCapacityProvisioned(formatCapacityProvisioned(size))).toEqual(size);
  });
});
