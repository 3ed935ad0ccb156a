import { describe, expect, it } from 'vitest';
import { buildCostReport, LINE_COLUMNS, parseCostReport, reportLines, reportTitle } from './report';
import { costBasis } from './summary';
import { apse1, AT, handView } from './test-support/hand-view';
import { recommendAll } from '../usage/recommend';
import { forReport } from '../usage/schema';
import type { RightsizingResponse, UsageBucket } from '../usage/types';

const meta = { context: 'eksworkshop', clusterName: 'eksworkshop', region: 'ap-southeast-1' };

describe('cost report snapshot', () => {
  const basis = costBasis(handView(), apse1());

  it('freezes the summary, the query, the moment, the prices and the lines it covered', () => {
    const r = buildCostReport(basis, { by: 'workload', ns: 'test2-fargate', place: 'all' }, meta);
    expect(r.at).toBe(AT);
    expect(r.prices).toMatchObject({ region: 'ap-southeast-1', date: '2026-08-21', fargateVcpuHour: 0.05056, fargateGbHour: 0.00553, ec2: { 't3.xlarge': 0.2112 } });
    expect(r.query).toEqual({ by: 'workload', ns: 'test2-fargate', place: 'all' });
    expect(r.lines.columns).toEqual([...LINE_COLUMNS]);
    expect(reportLines(r).map((l) => l.id)).toEqual(['test2-fargate/nginx-fargate-pod-1', 'test2-fargate/nginx-fargate-pod-2']);
    expect(r.summary.total.hourlyUSD).toBeCloseTo(0.06162, 9);
    expect(reportTitle(r)).toBe('eksworkshop cost by workload, namespace test2-fargate — 2026-03-26 12:00:00 UTC');
  });

  it('reads a report shared before node groups became node pools: the group is the pool, the figures unchanged', () => {
    const now = buildCostReport(basis, { by: 'pool', ns: null, place: 'all' }, meta);
    // The version 1 layout: a `nodegroup*` column holding the group's name, no capacity type, by=nodegroup.
    const strings = [...now.lines.strings, 'managed-ng'];
    const v1 = {
      ...JSON.parse(JSON.stringify(now)),
      version: 1,
      query: { ...now.query, by: 'nodegroup' },
      summary: { ...JSON.parse(JSON.stringify(now.summary)), query: { ...now.summary.query, by: 'nodegroup' } },
      lines: {
        columns: now.lines.columns.slice(0, -2).map((c) => (c === 'pool*' ? 'nodegroup*' : c)),
        strings,
        rows: now.lines.rows.map((row) => row.slice(0, -2).map((cell, i) => (i === 5 && cell !== null ? strings.length - 1 : cell))),
      },
    };
    const parsed = parseCostReport(v1);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.query.by).toBe('pool');
    const lines = reportLines(parsed.report);
    expect(new Set(lines.filter((l) => l.placement === 'ec2').map((l) => l.pool))).toEqual(new Set(['nodegroup/managed-ng']));
    expect(lines.every((l) => l.capacityType === null)).toBe(true);
    expect(parsed.report.summary.total.hourlyUSD).toBe(now.summary.total.hourlyUSD);
  });

  it('reads a report shared before the Auto Mode fee was priced: no line holds a fee, the figures unchanged', () => {
    const now = buildCostReport(basis, { by: 'namespace', ns: null, place: 'all' }, meta);
    const v2 = { ...JSON.parse(JSON.stringify(now)), version: 2, lines: { ...now.lines, columns: now.lines.columns.slice(0, -1), rows: now.lines.rows.map((row) => row.slice(0, -1)) } };
    const parsed = parseCostReport(v2);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.version).toBe(3);
    expect(reportLines(parsed.report).every((l) => l.feeHourlyUSD === 0)).toBe(true);
    expect(parsed.report.summary).toEqual(now.summary);
  });

  it('reads back what it stored, through JSON, unchanged', () => {
    const r = buildCostReport(basis, { by: 'namespace', ns: null, place: 'all' }, meta);
    const parsed = parseCostReport(JSON.parse(JSON.stringify(r)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report).toEqual(r);
    // Lines come back as they went in, but for the pod uid (a report names pods by namespace/name).
    expect(reportLines(parsed.report)).toEqual(
      basis.lines.map((l) => ({
        ...l,
        id: l.kind === 'idle' ? l.id : `${l.namespace}/${l.name}`,
        since: l.since === null ? null : new Date(l.since).toISOString(),
        hourlyUSD: expect.closeTo(l.hourlyUSD, 9),
        wasteHourlyUSD: expect.closeTo(l.wasteHourlyUSD, 9),
        accruedUSD: expect.closeTo(l.accruedUSD, 9),
      })),
    );
    // Repeated names are stored once.
    expect(r.lines.strings.filter((x) => x === 'test2-fargate')).toHaveLength(1);
  });

  it('refuses a damaged payload, naming the field', () => {
    const r = JSON.parse(JSON.stringify(buildCostReport(basis, { by: 'namespace', ns: null, place: 'all' }, meta)));
    r.summary.total.hourlyUSD = 'lots';
    expect(parseCostReport(r)).toEqual({ ok: false, error: expect.stringMatching(/^summary\.total\.hourlyUSD: /) });
    r.summary.total.hourlyUSD = 1;
    r.lines.rows[0][9] = 'moon';
    expect(parseCostReport(r)).toEqual({ ok: false, error: 'lines.rows[0][9]: expected a number, got "moon"' });
    r.lines.rows[0][9] = 250;
    r.lines.rows[0][8] = 999;
    expect(parseCostReport(r)).toEqual({ ok: false, error: 'lines.rows[0][8]: expected an index into lines.strings, got 999' });
    expect(parseCostReport({ format: 'something-else' })).toEqual({ ok: false, error: expect.stringMatching(/^format: /) });
    expect(parseCostReport(null).ok).toBe(false);
  });

  it('keeps right-sizing on usage, checked field by field, and caps what a report holds', () => {
    const since = '2026-03-25T00:00:00.000Z';
    const until = '2026-03-26T12:00:00.000Z';
    // 25 hours of 5-minute buckets of a container that idles at 3m and 5 MiB.
    const buckets: UsageBucket[] = Array.from({ length: 300 }, (_, i) => ({
      namespace: 'shop',
      workloadKind: 'Deployment',
      workloadName: 'web',
      container: 'web',
      start: new Date(Date.parse(since) + i * 300_000).toISOString(),
      samples: 10,
      cpuSumMilli: 30,
      cpuMaxMilli: 3,
      memSumBytes: 50 * 1024 * 1024,
      memMaxBytes: 5 * 1024 * 1024,
    }));
    const container = { container: 'web', request: { cpuMillis: 500, memoryBytes: 512 * 1024 * 1024 }, limits: { cpuMillis: null, memoryBytes: null } };
    const w = (name: string) => ({ namespace: 'shop', kind: 'Deployment', name, placement: 'ec2' as const, replicas: 1, containers: [container], restarts: 0, oomKills: 0 });
    const recommendations = recommendAll([w('web'), w('new')], buckets, { window: { since, until }, prices: null });
    expect(recommendations.map((x) => x.kind)).toEqual(['recommendation', 'insufficient']);
    const advice: RightsizingResponse = { window: { since, until, days: 7 }, rule: 'the rule', history: null, recommendations };
    const r = { ...buildCostReport(basis, { by: 'namespace', ns: null, place: 'all' }, meta), rightsizing: forReport(advice) };
    const parsed = parseCostReport(JSON.parse(JSON.stringify(r)));
    expect(parsed.ok && parsed.report.rightsizing).toEqual({ ...advice, omitted: 0 });
    const bad = JSON.parse(JSON.stringify(r));
    bad.rightsizing.recommendations[0].containers[0].recommended.cpuMillis = 'less';
    expect(parseCostReport(bad)).toEqual({ ok: false, error: expect.stringMatching(/^rightsizing\.recommendations\[0\]\.containers\[0\]\.recommended\.cpuMillis: /) });
    // A cluster of thousands of workloads: a report keeps 200 of each kind and counts the rest.
    const many = forReport({ ...advice, recommendations: Array.from({ length: 450 }, () => recommendations[1]) });
    expect(many.recommendations).toHaveLength(200);
    expect(many.omitted).toBe(250);
  });
});
