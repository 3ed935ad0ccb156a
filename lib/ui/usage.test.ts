import { describe, expect, it } from 'vitest';
import { columnById } from './columns';
import { formatCpuUsage, formatMemUsage, podAttacher, podPercent } from './usage';
import { eksworkshop, pod } from './test-support/eksworkshop';
import type { UsageSnapshot } from '../usage/types';

const MI = 1024 * 1024;

describe('usage as kubectl top prints it', () => {
  it('rounds CPU up to whole millicores and memory down to whole MiB', () => {
    // metrics-server's "2345678n" is 2.345678m; kubectl top prints MilliValue(), which rounds up: 3m.
    expect(formatCpuUsage(2.345678)).toBe('3m');
    expect(formatCpuUsage(0)).toBe('0m');
    // "12600Ki" is 12.3 MiB; kubectl top prints Value()/(1024*1024) in integers: 12Mi.
    expect(formatMemUsage(12600 * 1024)).toBe('12Mi');
  });
});

describe('K9s percentage columns', () => {
  const p = { ...pod({ ns: 'test2-fargate', name: 'nginx-1', placement: 'fargate', node: 'fargate-ip-1', ip: '10.0.0.1', request: { cpuMillis: 500, memoryBytes: 1024 * MI }, limits: { cpuMillis: 1000, memoryBytes: null } }), usage: { cpuMilli: 5, memoryBytes: 256 * MI } };

  it('divides by request and limit, and has nothing to say without them', () => {
    // K9s: floor(MilliValue(usage) / request × 100): 5m of 500m is 1 %, of 1000m 0 %.
    expect(podPercent(p, 'cpuR')).toBe(1);
    expect(podPercent(p, 'cpuL')).toBe(0);
    expect(podPercent(p, 'memR')).toBe(25);
    expect(podPercent(p, 'memL')).toBeNull();
    expect(columnById('pods', 'memL')?.text(p, 0)).toBe('n/a');
    expect(columnById('pods', 'memR')?.text(p, 0)).toBe('25');
  });

  it('rounds CPU up to whole millicores before dividing, and truncates the percentage', () => {
    // 4.2m is MilliValue 5m: 5/250 = 2 %; 999 MiB of 1 GiB is 97.56 %, printed 97.
    const q = { ...p, request: { cpuMillis: 250, memoryBytes: 1024 * MI }, usage: { cpuMilli: 4.2, memoryBytes: 999 * MI } };
    expect(podPercent(q, 'cpuR')).toBe(2);
    expect(podPercent(q, 'memR')).toBe(97);
  });

  it('shows a dash without a sample and sorts it first', () => {
    const bare = { ...p, usage: null };
    expect(columnById('pods', 'cpuUse')?.text(bare, 0)).toBe('—');
    expect(columnById('pods', 'cpuUse')?.sort?.(bare)).toBe(-1);
  });
});

describe('nodes against allocatable, as kubectl top nodes prints them', () => {
  it('rounds CPU up to millicores and truncates the percentages', () => {
    const n = { ...eksworkshop().nodes.find((x) => x.computeType === 'ec2')!, allocatable: { cpuMillis: 3920, memoryBytes: 16 * 1024 * MI } };
    const used = { ...n, usage: { cpuMilli: 60.2, memoryBytes: 1536 * MI } };
    // 61m of 3920m is 1.56 %: "1%"; 1536 MiB of 16 GiB is 9.4 %: "9%".
    expect(columnById('nodes', 'cpuUse')?.text(used, 0)).toBe('61m 1%');
    expect(columnById('nodes', 'memUse')?.text(used, 0)).toBe('1536Mi 9%');
    expect(columnById('nodes', 'memUse')?.title?.(used)).toBe('1536Mi used of 16Gi allocatable');
    expect(columnById('nodes', 'cpuUse')?.text({ ...n, usage: null }, 0)).toBe('—');
  });
});

describe('attaching samples to live rows', () => {
  const a = pod({ ns: 'ns', name: 'a', placement: 'ec2', node: 'n1', ip: null });
  const b = pod({ ns: 'ns', name: 'b', placement: 'pending', node: null, ip: null });
  const snap = (cpu: number): UsageSnapshot => ({ fetchedAt: '2026-12-02T10:00:00Z', pods: { 'ns/a': { cpuMilli: cpu, memoryBytes: MI } }, nodes: {} });

  it('copies only the rows that have a sample, and keeps the copies while the snapshot is the same', () => {
    const att = podAttacher();
    const s = snap(3);
    const first = att.attach([a, b], s);
    expect(first[0].usage).toEqual({ cpuMilli: 3, memoryBytes: MI });
    expect(first[1]).toBe(b);
    // A live update elsewhere: the same input rows give the same objects (the filter cache stays valid).
    const again = att.attach([a, b], s);
    expect(again[0]).toBe(first[0]);
    // A new poll gives new values.
    expect(att.attach([a, b], snap(7))[0].usage?.cpuMilli).toBe(7);
  });

  it('leaves the rows alone before the first poll', () => {
    const rows = [a, b];
    expect(podAttacher().attach(rows, null)).toBe(rows);
  });
});
