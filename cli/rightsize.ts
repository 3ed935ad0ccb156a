/**
 * `farview rightsize`: right-sizing on usage from a running cluster, printed. Either the cluster is read here
 * through the kubeconfig (like the server) and the history from the server's store, or a running server is asked
 * (--server). Both give the answer of GET /api/c/CONTEXT/rightsizing.
 */
import { ClusterSource } from '../lib/server/cluster-source';
import { KubeconfigError, loadKubeconfig } from '../lib/server/kubeconfig';
import { rightsizingFor } from '../lib/server/rightsizing';
import { closeDb } from '../lib/store/db';
import { formatBytes, formatCpu } from '../lib/fargate/quantity';
import { patchForRecommendation } from '../lib/usage/patch';
import type { Insufficient, Recommended } from '../lib/usage/recommend';
import type { RightsizingResponse } from '../lib/usage/types';
import type { RightsizeArgs } from './args';
import { InputError } from './inputs';
import { monthly } from './table';

type Env = Record<string, string | undefined>;

/** The context to use: --context, else the kubeconfig's current one. @throws InputError */
function contextOf(args: RightsizeArgs, env: Env): string {
  if (args.context) return args.context;
  try {
    const k = loadKubeconfig(env);
    if (k.current) return k.current;
  } catch (e) {
    if (e instanceof KubeconfigError) throw new InputError(e.message);
    throw e;
  }
  throw new InputError('no current context in the kubeconfig: choose one with --context');
}

async function fromServer(args: RightsizeArgs, context: string, env: Env): Promise<RightsizingResponse> {
  const q = new URLSearchParams({ days: String(args.days), ...(args.namespace ? { namespace: args.namespace } : {}) });
  const url = `${args.server}/api/c/${encodeURIComponent(context)}/rightsizing?${q}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: env.FARVIEW_TOKEN ? { Authorization: `Bearer ${env.FARVIEW_TOKEN}` } : {}, signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    throw new Error(`cannot reach ${args.server}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = (await res.json().catch(() => null)) as (RightsizingResponse & { error?: string; detail?: string }) | null;
  if (!res.ok || !body) throw new (res.status >= 400 && res.status < 500 ? InputError : Error)(`${url}: HTTP ${res.status}${body?.error ? `: ${body.error}${body.detail ? ` (${body.detail})` : ''}` : ''}`);
  return body;
}

async function fromCluster(args: RightsizeArgs, context: string, env: Env): Promise<RightsizingResponse> {
  const source = new ClusterSource({ context, env });
  try {
    await source.ready(60_000);
    const h = source.health();
    // A kubeconfig that cannot be used is the caller's to fix (exit 2); an unreachable cluster is not.
    if (!h.ok) throw new (h.source === 'kubeconfig' ? InputError : Error)(`${h.error}: ${h.detail}`);
    return await rightsizingFor(source, { days: args.days, namespace: args.namespace ?? undefined, env });
  } finally {
    await source.stop();
    await closeDb();
  }
}

export async function rightsize(args: RightsizeArgs, env: Env = process.env): Promise<RightsizingResponse> {
  const context = contextOf(args, env);
  return args.server ? fromServer(args, context, env) : fromCluster(args, context, env);
}

const res = (cpu: number, mem: number) => `${formatCpu(Math.ceil(cpu))} / ${formatBytes(mem)}`;

/** The answer as aligned text; lines end with "\n". */
export function renderRightsizing(r: RightsizingResponse): string {
  const out = [`usage of the last ${r.window.days} days (${r.window.since} to ${r.window.until})`, r.rule, ''];
  const recs = r.recommendations.filter((x): x is Recommended => x.kind === 'recommendation');
  const short = r.recommendations.filter((x): x is Insufficient => x.kind === 'insufficient');
  const titles = ['WORKLOAD', 'ON', 'PODS', 'CONTAINER', 'REQUEST', 'CPU P95/PEAK', 'MEM PEAK', 'RECOMMENDED', 'FARGATE', 'SAVES/MONTH', 'SAMPLES'];
  const rows: string[][] = [];
  const after: string[][] = [];
  for (const x of recs) {
    x.containers.forEach((c, i) => {
      const e = c.evidence;
      const first = i === 0;
      rows.push([
        first ? `${x.workload.namespace}/${x.workload.kind}/${x.workload.name}` : '',
        first ? (x.placement === 'fargate' ? 'Fargate' : 'EC2') : '',
        first ? String(x.replicas) : '',
        c.container,
        res(c.current.request.cpuMillis, c.current.request.memoryBytes),
        e ? `${formatCpu(Math.ceil(e.cpuP95Millis))}/${formatCpu(Math.ceil(e.cpuPeakMillis))}` : '-',
        e ? formatBytes(e.memoryPeakBytes) : '-',
        res(c.recommended.cpuMillis, c.recommended.memoryBytes),
        first && x.fargate ? `${x.fargate.now.capacityProvisioned ?? '-'} -> ${x.fargate.after.capacityProvisioned ?? 'too large'}` : '',
        first ? (x.fargate?.savingMonthlyUSD != null ? monthly(x.fargate.savingMonthlyUSD) : x.placement === 'ec2' ? 'EC2: frees requests' : '-') : '',
        e ? String(e.samples) : '-',
      ]);
      after.push(first ? [...x.risk.messages.map((m) => `    risk: ${m}`), ...patchLines(x)] : []);
    });
  }
  if (rows.length) {
    const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((row) => row[i].length)));
    const line = (v: string[]) => v.map((c, i) => (i === 2 || i === 9 || i === 10 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    out.push(line(titles));
    rows.forEach((row, i) => out.push(line(row), ...after[i]));
  } else {
    out.push('no workload has enough usage history yet');
  }
  if (short.length) {
    out.push('', `without enough history (nothing recommended):`);
    for (const x of short) out.push(`  ${x.workload.namespace}/${x.workload.kind}/${x.workload.name}: ${x.message}`);
  }
  if (r.history?.problem) out.push('', `warning: the usage history could not be written: ${r.history.problem}`);
  return `${out.join('\n')}\n`;
}

function patchLines(x: Recommended): string[] {
  const p = patchForRecommendation(x);
  if (!p) return [];
  if (p.kind === 'manual') return [`    set: ${p.requests.map((q) => `${q.container} cpu=${q.cpu} memory=${q.memory}`).join(', ')} (${p.reason})`];
  return p.setResources.map((cmd) => `    apply: ${cmd}`);
}
