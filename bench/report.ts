/** The benchmark's targets, the pass/fail verdicts and the printed table. Pure. */
import type { Machine } from './machine';

/** The measured keys of bench/results.json (null when the phase could not measure it). */
export interface Measurements {
  pods: number;
  nodes: number;
  syncMs: number | null;
  viewP50Ms: number | null;
  viewP95Ms: number | null;
  viewBytes: number | null;
  kubectlGetPodsMs: number | null;
  viewVsKubectl: number | null;
  browserFirstRowsMs: number | null;
  filterP95Ms: number | null;
  liveUpdateP50Ms: number | null;
  liveUpdateP95Ms: number | null;
  lostEvents: number | null;
  serverRssMB: number | null;
}

export interface Target {
  key: keyof Measurements;
  /** Pass when value ≤ max (lostEvents: must equal max, 0). */
  max: number;
  unit: string;
}

/** The targets on the 2-core reference machine. */
export const TARGETS: readonly Target[] = [
  { key: 'syncMs', max: 5000, unit: 'ms' },
  { key: 'viewP50Ms', max: 100, unit: 'ms' },
  { key: 'viewVsKubectl', max: 0.2, unit: '×' },
  { key: 'browserFirstRowsMs', max: 1500, unit: 'ms' },
  { key: 'filterP95Ms', max: 100, unit: 'ms' },
  { key: 'liveUpdateP95Ms', max: 1000, unit: 'ms' },
  { key: 'lostEvents', max: 0, unit: '' },
  { key: 'serverRssMB', max: 400, unit: 'MB' },
];

export type Verdict = 'pass' | 'FAIL' | 'n/a';

/** pass when the value meets its target, FAIL when it misses it or was not measured, n/a without a target. */
export function verdict(key: keyof Measurements, value: number | null): Verdict {
  const t = TARGETS.find((x) => x.key === key);
  if (!t) return 'n/a';
  if (value === null || !Number.isFinite(value)) return 'FAIL';
  return value <= t.max ? 'pass' : 'FAIL';
}

/** Every target's verdict, keyed by measurement. */
export function verdicts(m: Measurements): Record<string, Verdict> {
  return Object.fromEntries(TARGETS.map((t) => [t.key, verdict(t.key, m[t.key])]));
}

const ROWS: { key: keyof Measurements; label: string; unit: string }[] = [
  { key: 'syncMs', label: 'server start → complete view', unit: 'ms' },
  { key: 'viewP50Ms', label: 'GET view (gzip) p50', unit: 'ms' },
  { key: 'viewP95Ms', label: 'GET view (gzip) p95', unit: 'ms' },
  { key: 'viewBytes', label: 'view size on the wire', unit: 'bytes' },
  { key: 'kubectlGetPodsMs', label: 'kubectl get pods -A -o wide', unit: 'ms' },
  { key: 'viewVsKubectl', label: 'view p50 / kubectl', unit: '×' },
  { key: 'browserFirstRowsMs', label: 'browser: navigation → rows painted (p50)', unit: 'ms' },
  { key: 'filterP95Ms', label: 'browser: filter keystroke → rows (p95)', unit: 'ms' },
  { key: 'liveUpdateP50Ms', label: 'live: API change → row in browser p50', unit: 'ms' },
  { key: 'liveUpdateP95Ms', label: 'live: API change → row in browser p95', unit: 'ms' },
  { key: 'lostEvents', label: 'rows differing from the API after churn', unit: '' },
  { key: 'serverRssMB', label: 'server resident memory under churn', unit: 'MB' },
];

function formatValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'bytes') return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(2)} MiB` : `${(v / 1024).toFixed(1)} KiB`;
  if (unit === '×') return v.toFixed(3);
  if (unit === '') return String(v);
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${unit}`;
}

function formatTarget(t: Target | undefined): string {
  if (!t) return '';
  if (t.key === 'lostEvents') return '= 0';
  return `≤ ${t.unit === '×' ? t.max : `${t.max} ${t.unit}`}`.trim();
}

/** The results as a fixed-width text table with a header naming the machine and the load. */
export function formatTable(m: Measurements, machine: Machine, load: { start: number[]; end: number[] }, extra: string[] = []): string {
  const lines: string[] = [];
  lines.push(`Farview benchmark — ${m.pods.toLocaleString('en-US')} pods on ${m.nodes.toLocaleString('en-US')} EC2 nodes (+ Fargate nodes)`);
  lines.push(`machine: ${machine.cores} cores, ${machine.model}, ${machine.memoryGiB} GiB, node ${machine.node}, linux ${machine.kernel}`);
  lines.push(`load average: ${load.start.join(' ')} at start, ${load.end.join(' ')} at end`);
  lines.push('');
  const table = ROWS.map((r) => {
    const t = TARGETS.find((x) => x.key === r.key);
    const v = verdict(r.key, m[r.key]);
    return [r.key, r.label, formatValue(m[r.key], r.unit), formatTarget(t), v === 'n/a' ? '' : v];
  });
  const head = ['metric', 'what', 'value', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  lines.push(fmt(head));
  lines.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of table) lines.push(fmt(row));
  const failed = TARGETS.filter((t) => verdict(t.key, m[t.key]) === 'FAIL').map((t) => t.key);
  lines.push('');
  lines.push(failed.length ? `${failed.length} of ${TARGETS.length} targets missed: ${failed.join(', ')}` : `all ${TARGETS.length} targets met`);
  for (const e of extra) lines.push(e);
  return lines.join('\n');
}
