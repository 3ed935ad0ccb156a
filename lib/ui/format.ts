/**
 * Display formatting for the cluster screens. Pure: the current time is always a parameter.
 * Numbers are shaped so that columns of them line up in a monospace table.
 */
import type { Discounts } from '../cost/discounts';
import type { FargateSize, Resources } from '../view/model';

const KI = 1024;
const MI = KI * 1024;
const GI = MI * 1024;
const TI = GI * 1024;

/** CPU as kubectl writes it: whole cores as "1", "2"; anything else in millicores, "500m". */
export function formatCpu(millis: number): string {
  if (!Number.isFinite(millis)) return '?';
  const m = Math.round(millis);
  if (m % 1000 === 0) return String(m / 1000);
  return `${m}m`;
}

// Suffixes tried from largest to smallest; the first that divides the value exactly wins, so a request
// written as "750M" shows as "750M" and one written as "512Mi" shows as "512Mi".
const EXACT_SUFFIXES: [string, number][] = [
  ['Ti', TI],
  ['Gi', GI],
  ['T', 1e12],
  ['G', 1e9],
  ['Mi', MI],
  ['M', 1e6],
  ['Ki', KI],
  ['k', 1e3],
];

/**
 * Memory in the unit the user most likely wrote: the largest binary or decimal suffix that divides the
 * byte count exactly ("750M", "512Mi", "2Gi"). Odd byte counts fall back to binary with one decimal ("715.3Mi").
 */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  const b = Math.round(bytes);
  if (b === 0) return '0';
  for (const [suffix, unit] of EXACT_SUFFIXES) {
    if (b >= unit && b % unit === 0) return `${b / unit}${suffix}`;
  }
  if (b >= GI) return `${trimZeros((b / GI).toFixed(1))}Gi`;
  if (b >= MI) return `${trimZeros((b / MI).toFixed(1))}Mi`;
  if (b >= KI) return `${trimZeros((b / KI).toFixed(1))}Ki`;
  return String(b);
}

/**
 * Memory in MiB (GiB from 16 GiB up), for the sizing chain where the 256 MiB overhead and the size
 * boundaries must be comparable at a glance: "1924.9Mi", "2048Mi", "20Gi".
 */
export function formatMemoryBinary(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  if (bytes >= 16 * GI) return `${trimZeros((bytes / GI).toFixed(2))}Gi`;
  if (bytes >= MI) return `${trimZeros((bytes / MI).toFixed(1))}Mi`;
  if (bytes >= KI) return `${trimZeros((bytes / KI).toFixed(1))}Ki`;
  return String(Math.round(bytes));
}

/** "cpu / memory", as the REQUESTED column shows a request. */
export function formatRequest(r: Resources): string {
  return `${formatCpu(r.cpuMillis)} / ${formatMemory(r.memoryBytes)}`;
}

/** A Fargate size in the `CapacityProvisioned` spelling: "0.5vCPU 1GB" ("GB" there means GiB). */
export function formatSize(size: FargateSize | null): string {
  if (!size) return '—';
  return `${trimNumber(size.vcpu)}vCPU ${trimNumber(size.memoryGiB)}GB`;
}

/**
 * Dollars: "$0.0308" below one dollar (Fargate pods cost cents an hour), "$12.50" and "$1,234.00" above.
 * Zero is "$0".
 */
export function formatUSD(value: number): string {
  if (!Number.isFinite(value)) return '?';
  if (value === 0) return '$0';
  const sign = value < 0 ? '-' : '';
  const v = Math.abs(value);
  if (v < 1) return `${sign}$${v.toFixed(4)}`;
  const [whole, cents] = v.toFixed(2).split('.');
  return `${sign}$${groupThousands(whole)}.${cents}`;
}

/** Hours in a billing month as AWS quotes monthly figures (730 h). */
export const HOURS_PER_MONTH = 730;

/** "$0.0792/h · $57.82/month after your discounts (ec2 25 %)": an effective price, per hour and per 730-hour month. */
export function formatYours(hourlyUSD: number, d: Discounts): string {
  return `${formatUSD(hourlyUSD)}/h · ${formatUSD(hourlyUSD * HOURS_PER_MONTH)}/month after your discounts (${d.text})`;
}

/**
 * Age as kubectl prints it: "45s", "3m12s", "42m", "3h12m", "20h", "5d3h", "45d", "2y30d".
 * A time in the future by more than a second is "<invalid>", as kubectl shows clock skew.
 */
export function formatAge(fromISO: string | null, nowMs: number): string {
  if (!fromISO) return '—';
  const t = Date.parse(fromISO);
  if (Number.isNaN(t)) return '?';
  return formatDuration(nowMs - t);
}

/** A duration in milliseconds, in kubectl's human form (see formatAge). */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.floor(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const y = Math.floor(hours / 24 / 365);
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${y}y` : `${y}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Memory in GiB with one decimal, for node capacity columns: "15.3Gi". */
export function formatGiB(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  if (bytes === 0) return '0';
  return `${trimZeros((bytes / GI).toFixed(1))}Gi`;
}

/**
 * An EC2 or Fargate node name without its AWS DNS suffix: "fargate-ip-172-31-55-250" for
 * "fargate-ip-172-31-55-250.ap-southeast-1.compute.internal". Other names are returned unchanged.
 */
export function shortNodeName(name: string): string {
  const m = /^([^.]+)\.(?:[a-z]{2}(?:-gov)?-[a-z]+-\d\.compute|compute|ec2)\.internal$/.exec(name);
  return m ? m[1] : name;
}

/** "used/total" with a percentage, for node CPU and memory: "1250m/3920m 31%". */
export function formatUse(used: number, total: number, fmt: (n: number) => string): string {
  if (total <= 0) return `${fmt(used)}/${fmt(total)}`;
  return `${fmt(used)}/${fmt(total)} ${Math.round((used / total) * 100)}%`;
}

/** A plain number without trailing zeros, at most `digits` decimals: 0.5, 1, 2.25. */
export function trimNumber(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '?';
  return trimZeros(n.toFixed(digits));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
