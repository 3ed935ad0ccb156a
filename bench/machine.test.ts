import { describe, expect, it } from 'vitest';
import { cpuModel, memTotalBytes } from './machine';

describe('reading /proc', () => {
  it('takes the first model name of /proc/cpuinfo', () => {
    const text = 'processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n';
    expect(cpuModel(text)).toBe('Intel(R) Xeon(R) CPU @ 2.20GHz');
    expect(cpuModel('processor : 0\n')).toBeNull();
  });

  it('reads MemTotal in kB as bytes', () => {
    expect(memTotalBytes('MemTotal:       24684312 kB\nMemFree:         1000 kB\n')).toBe(24684312 * 1024);
    expect(memTotalBytes('')).toBeNull();
  });
});
