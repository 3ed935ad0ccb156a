'use client';

/**
 * Cost over time, stacked by group, drawn with uPlot: a charting library made for time series, small (about
 * 50 KB), fast with thousands of points, and drawing on a canvas so that a month of buckets costs nothing to
 * redraw. Each series is the group's cost per bucket; stacking is done here (uPlot draws lines, and `bands` fill
 * between each sum and the one below it). The exact figures are in the table beside it.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CostRangeResponse } from '@/lib/ledger/types';
import { formatUSD } from '@/lib/ui/format';

/** Distinguishable in both themes; "everything else" is grey. */
const COLORS = ['#f59e0b', '#a78bfa', '#38bdf8', '#34d399', '#f472b6', '#fb7185', '#facc15', '#60a5fa'];
const OTHER = '#9ca3af';
const stepped = uPlot.paths.stepped?.({ align: 1 });

function colorOf(key: string, i: number): string {
  return key === 'other' ? OTHER : COLORS[i % COLORS.length];
}

export function CostChart({ series, height = 220 }: { series: CostRangeResponse['series']; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !series.t.length) return;
    // Stacked: the i-th line is the sum of groups 0..i, drawn from the top group down so the fills nest.
    const sums: number[][] = [];
    series.groups.forEach((g, i) => sums.push(g.usd.map((v, j) => v + (i ? sums[i - 1][j] : 0))));
    const data: uPlot.AlignedData = [series.t.map((t) => t / 1000), ...sums];
    const muted = getComputedStyle(el).getPropertyValue('--muted').trim() || '#888';
    const grid = getComputedStyle(el).getPropertyValue('--border').trim() || '#333';
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      axes: [
        { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 64, values: (_u, vals) => vals.map((v) => formatUSD(v)) },
      ],
      // Steps, not slopes: each value is one bucket's cost, flat across it.
      series: [{}, ...series.groups.map((g, i) => ({ label: g.label, stroke: colorOf(g.key, i), fill: `${colorOf(g.key, i)}55`, width: 1, points: { show: false }, paths: stepped }))],
      bands: series.groups.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number] })),
    };
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, height]);

  return (
    <figure className="min-w-0">
      <div ref={box} role="img" aria-label={`Cost per ${Math.round(series.stepMs / 60_000)}-minute bucket, stacked by group`} data-testid="cost-chart" />
      <figcaption>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-[12px] text-muted">
          {series.groups.map((g, i) => (
            <li key={g.key} className="flex min-w-0 items-center gap-1">
              <span aria-hidden className="inline-block h-[10px] w-[10px] shrink-0 rounded-sm" style={{ background: colorOf(g.key, i) }} />
              <span className="truncate" title={g.label}>
                {g.label}
              </span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
