/** The size report as a dense, aligned text table with the hints, issues and warnings under each row. */
import { formatBytes, formatCpu } from '../lib/fargate/quantity';
import type { Resources } from '../lib/fargate/types';
import type { PodRow, SizeReport } from './size';

/** $/hour to five decimals (Fargate rates have five significant digits), $/month to cents. */
export const hourly = (n: number | null): string => (n === null ? '-' : `$${n.toFixed(5)}`);
export const monthly = (n: number | null): string => (n === null ? '-' : `$${n.toFixed(2)}`);

const resources = (r: Resources): string => `${formatCpu(r.cpuMillis)} / ${formatBytes(r.memoryBytes)}`;

interface Column {
  title: string;
  right?: boolean;
  value: (p: PodRow) => string;
}

const COLUMNS: Column[] = [
  { title: 'KIND', value: (p) => p.kind },
  { title: 'NAMESPACE', value: (p) => p.namespace ?? '-' },
  { title: 'NAME', value: (p) => p.name },
  { title: 'PODS', right: true, value: (p) => String(p.replicas) },
  { title: 'CPU', right: true, value: (p) => p.request.cpu },
  { title: 'MEMORY', right: true, value: (p) => p.request.memory },
  { title: '+256Mi', right: true, value: (p) => formatBytes(p.fargateMemoryBytes) },
  { title: 'FARGATE', value: (p) => p.capacityProvisioned ?? 'TOO LARGE' },
  { title: '$/HOUR', right: true, value: (p) => hourly(p.hourlyUSD) },
  { title: '$/MONTH', right: true, value: (p) => monthly(p.monthlyUSD) },
  { title: 'ALL $/HOUR', right: true, value: (p) => hourly(p.totalHourlyUSD) },
  { title: 'ALL $/MONTH', right: true, value: (p) => monthly(p.totalMonthlyUSD) },
  { title: 'HEADROOM', value: (p) => (p.capacityProvisioned ? resources(p.headroom) : '-') },
];

function hint(p: PodRow): string | null {
  const n = p.nextSmaller;
  if (!n) return null;
  const trims = [n.trim.cpuMillis ? `CPU by ${formatCpu(n.trim.cpuMillis)}` : '', n.trim.memoryBytes ? `memory by ${formatBytes(n.trim.memoryBytes)}` : '']
    .filter(Boolean)
    .join(' and ');
  return `next size down: ${n.capacityProvisioned} if the request drops ${trims}, saving ${monthly(n.savingMonthlyUSD)}/month per pod`;
}

/** Renders the report; lines end with "\n". */
export function renderTable(report: SizeReport): string {
  const out: string[] = [];
  const from = report.regionFrom === 'default' ? 'default; set --region or AWS_REGION' : `from ${report.regionFrom}`;
  out.push(`region ${report.region} (${from}) · list prices of ${report.prices.date} · ${report.prices.table}`);
  if (report.prices.notes) out.push(`prices: ${report.prices.notes}`);
  if (report.pods.length === 0) {
    out.push('no pod templates found (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob)');
    return `${out.join('\n')}\n`;
  }
  out.push('');
  const cells = report.pods.map((p) => COLUMNS.map((c) => c.value(p)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (COLUMNS[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  out.push(line(COLUMNS.map((c) => c.title)));
  report.pods.forEach((p, i) => {
    out.push(line(cells[i]));
    const h = hint(p);
    if (h) out.push(`    hint: ${h}`);
    for (const issue of p.fargateIssues) out.push(`    FARGATE WOULD REFUSE: ${issue}`);
    for (const warning of p.warnings) out.push(`    warning: ${warning}`);
  });
  out.push('');
  const unpriced = report.total.unpriced ? ` (${report.total.unpriced} template(s) too large to price)` : '';
  out.push(`total: ${report.total.pods} pods, ${hourly(report.total.hourlyUSD)}/hour, ${monthly(report.total.monthlyUSD)}/month at 730 hours${unpriced}`);
  return `${out.join('\n')}\n`;
}
