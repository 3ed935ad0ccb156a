import { describe, expect, it } from 'vitest';
import { formatTable, verdict, verdicts, type Measurements } from './report';

const m: Measurements = {
  pods: 10_000,
  nodes: 1000,
  syncMs: 4200,
  viewP50Ms: 40,
  viewP95Ms: 70,
  viewBytes: 1_500_000,
  kubectlGetPodsMs: 1600,
  viewVsKubectl: 0.025,
  browserFirstRowsMs: 1800,
  filterP95Ms: 60,
  liveUpdateP50Ms: 450,
  liveUpdateP95Ms: 800,
  lostEvents: 0,
  serverRssMB: 380,
};

describe('verdicts against the targets', () => {
  it('passes values at or under the target and fails the rest', () => {
    expect(verdict('viewP50Ms', 100)).toBe('pass');
    expect(verdict('viewP50Ms', 100.1)).toBe('FAIL');
    expect(verdict('browserFirstRowsMs', 1800)).toBe('FAIL');
    expect(verdict('lostEvents', 0)).toBe('pass');
    expect(verdict('lostEvents', 1)).toBe('FAIL');
  });

  it('fails a target that could not be measured and has no verdict for informational rows', () => {
    expect(verdict('filterP95Ms', null)).toBe('FAIL');
    expect(verdict('viewBytes', 123)).toBe('n/a');
  });

  it('covers the eight targets of the brief', () => {
    expect(Object.keys(verdicts(m)).sort()).toEqual(
      ['browserFirstRowsMs', 'filterP95Ms', 'liveUpdateP95Ms', 'lostEvents', 'serverRssMB', 'syncMs', 'viewP50Ms', 'viewVsKubectl'].sort(),
    );
  });
});

describe('formatTable', () => {
  it('names the machine and the load, and marks each row', () => {
    const text = formatTable(m, { cores: 2, model: 'Intel(R) Xeon(R) CPU @ 2.20GHz', memoryGiB: 23.5, node: 'v20.20.2', kernel: '6.1' }, { start: [1.5, 1, 0.5], end: [2, 1, 0.5] });
    expect(text).toContain('machine: 2 cores, Intel(R) Xeon(R) CPU @ 2.20GHz, 23.5 GiB, node v20.20.2');
    expect(text).toContain('load average: 1.5 1 0.5 at start, 2 1 0.5 at end');
    const line = (key: string) => text.split('\n').find((l) => l.startsWith(key + ' ')) ?? '';
    expect(line('browserFirstRowsMs')).toMatch(/1800 ms\s+≤ 1500 ms\s+FAIL$/);
    expect(line('viewVsKubectl')).toMatch(/0\.025\s+≤ 0\.2\s+pass$/);
    expect(line('lostEvents')).toMatch(/0\s+= 0\s+pass$/);
    expect(line('viewBytes')).toMatch(/1\.43 MiB$/);
    expect(text).toContain('1 of 8 targets missed: browserFirstRowsMs');
  });
});
