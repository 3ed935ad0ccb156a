import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNodeMetrics, parsePodMetrics, windowSeconds } from './parse';

// Recorded metrics-server answers (docs/protocol.md, "metrics.k8s.io"): see testdata/.
const sample = (f: string) => JSON.parse(readFileSync(path.join(__dirname, 'testdata', f), 'utf8'));

describe('metrics-server lists', () => {
  it('reads a modern PodMetricsList exactly', () => {
    const { items, skipped } = parsePodMetrics(sample('podmetricslist.json'));
    expect(skipped).toBe(0);
    expect(items.map((p) => `${p.namespace}/${p.name}`)).toEqual(['default/celery-worker-89b686b76-wcj5r', 'default/redis-7cf6f69fd-n75x4']);
    const celery = items[0];
    // "967539n" = 0.967539 millicores; "278292Ki" = 278292 × 1024 bytes.
    expect(celery.containers['celery-worker']).toEqual({ cpuMilli: 0.967539, memoryBytes: 284_971_008 });
    expect(celery.cpuMilli).toBe(0.967539);
    expect(celery.windowSeconds).toBeCloseTo(59.889, 6);
    expect(celery.timestamp).toBe('2024-04-24T12:39:19Z');
    // "1522429n" = 1.522429m; "3216Ki" = 3,293,184 bytes.
    expect(items[1]).toMatchObject({ cpuMilli: 1.522429, memoryBytes: 3_293_184 });
  });

  it('reads a NodeMetricsList with a window over a minute', () => {
    const { items } = parseNodeMetrics(sample('nodemetricslist.json'));
    // "231053413n" = 231.053413m; "1972348Ki" = 2,019,684,352 bytes; "1m0.996s" = 60.996 s.
    expect(items[0]).toMatchObject({ name: 'minikube', cpuMilli: 231.053413, memoryBytes: 2_019_684_352 });
    expect(items[0].windowSeconds).toBeCloseTo(60.996, 6);
  });

  it('sums containers and reads whole-unit quantities ("0", "13m") of an older server', () => {
    const { items, skipped } = parsePodMetrics(sample('podmetricslist-2020.json'));
    expect(skipped).toBe(0);
    for (const p of items) {
      const sum = Object.values(p.containers).reduce((s, c) => s + c.cpuMilli, 0);
      expect(p.cpuMilli).toBeCloseTo(sum, 9);
    }
    expect(items.length).toBeGreaterThan(0);
  });

  it('skips and counts items it cannot read, and keeps the rest', () => {
    const list = sample('podmetricslist.json');
    list.items[0].containers[0].usage.cpu = '12Q';
    delete list.items[1].timestamp;
    list.items.push({ metadata: { name: 'ok', namespace: 'x' }, timestamp: '2024-04-24T12:39:19Z', window: '15s', containers: [{ name: 'c', usage: { cpu: '5m', memory: '1Mi' } }] });
    const { items, skipped } = parsePodMetrics(list);
    expect(skipped).toBe(2);
    expect(items).toEqual([{ namespace: 'x', name: 'ok', timestamp: '2024-04-24T12:39:19Z', windowSeconds: 15, containers: { c: { cpuMilli: 5, memoryBytes: 1_048_576 } }, cpuMilli: 5, memoryBytes: 1_048_576 }]);
    expect(parsePodMetrics({ kind: 'Status' }).items).toEqual([]);
  });

  it('reads Go durations', () => {
    expect(windowSeconds('15s')).toBe(15);
    expect(windowSeconds('1m0s')).toBe(60);
    expect(windowSeconds('nope')).toBeNaN();
  });
});
