/**
 * metrics-server's answers (metrics.k8s.io/v1beta1 PodMetricsList and NodeMetricsList) as plain numbers.
 * Quantities are read exactly: CPU arrives in nanocores ("3279826n" is 3.279826 millicores), memory as
 * working-set bytes with binary suffixes ("4439Ki"). An item that cannot be read is skipped and counted, so one
 * odd pod never hides the others.
 */
import { parseBytes, parseCpuNanos } from '../fargate/quantity';
import type { NodeUsage, PodUsage, Usage } from './types';

interface RawUsage {
  cpu?: unknown;
  memory?: unknown;
}
interface RawItem {
  metadata?: { name?: unknown; namespace?: unknown };
  timestamp?: unknown;
  window?: unknown;
  containers?: { name?: unknown; usage?: RawUsage }[];
  usage?: RawUsage;
}

export interface Parsed<T> {
  items: T[];
  /** Items left out because a field was missing or unreadable. */
  skipped: number;
}

function usageOf(u: RawUsage | undefined): Usage | null {
  if (!u || (typeof u.cpu !== 'string' && typeof u.cpu !== 'number') || (typeof u.memory !== 'string' && typeof u.memory !== 'number')) return null;
  try {
    return { cpuMilli: parseCpuNanos(u.cpu) / 1e6, memoryBytes: parseBytes(u.memory) };
  } catch {
    return null;
  }
}

/** "15s", "59.889s", "1m0.996s" (Go's Duration text) in seconds; NaN when unreadable. */
export function windowSeconds(w: unknown): number {
  if (typeof w !== 'string') return NaN;
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(w);
  if (!m || w === '') return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function items(list: unknown): RawItem[] {
  const its = (list as { items?: unknown } | null)?.items;
  return Array.isArray(its) ? (its as RawItem[]) : [];
}

/** A PodMetricsList: each pod with the sum of its containers and each container. */
export function parsePodMetrics(list: unknown): Parsed<PodUsage> {
  const out: PodUsage[] = [];
  let skipped = 0;
  for (const it of items(list)) {
    const name = it.metadata?.name;
    const namespace = it.metadata?.namespace;
    if (typeof name !== 'string' || typeof namespace !== 'string' || typeof it.timestamp !== 'string' || !Array.isArray(it.containers)) {
      skipped++;
      continue;
    }
    const containers: Record<string, Usage> = {};
    let cpu = 0;
    let mem = 0;
    let ok = true;
    for (const c of it.containers) {
      const u = usageOf(c.usage);
      if (typeof c.name !== 'string' || !u) {
        ok = false;
        break;
      }
      containers[c.name] = u;
      cpu += u.cpuMilli;
      mem += u.memoryBytes;
    }
    if (!ok) {
      skipped++;
      continue;
    }
    out.push({ namespace, name, timestamp: it.timestamp, windowSeconds: windowSeconds(it.window), containers, cpuMilli: cpu, memoryBytes: mem });
  }
  return { items: out, skipped };
}

/** A NodeMetricsList. */
export function parseNodeMetrics(list: unknown): Parsed<NodeUsage> {
  const out: NodeUsage[] = [];
  let skipped = 0;
  for (const it of items(list)) {
    const name = it.metadata?.name;
    const u = usageOf(it.usage);
    if (typeof name !== 'string' || typeof it.timestamp !== 'string' || !u) {
      skipped++;
      continue;
    }
    out.push({ name, timestamp: it.timestamp, windowSeconds: windowSeconds(it.window), ...u });
  }
  return { items: out, skipped };
}
