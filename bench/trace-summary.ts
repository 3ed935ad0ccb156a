/**
 * `npx tsx bench/trace-summary.ts FILE.trace.json [--top N]`: what the page's main thread did in a Chrome
 * trace recorded by `npm run bench -- --trace DIR` — time per trace event (Layout, Paint, EventDispatch…)
 * and the JavaScript CPU profile inside it, summarized like bench/cpuprofile.ts.
 */
import { readFileSync } from 'node:fs';
import { summarize, type CpuProfile, type CpuProfileNode } from './cpuprofile';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  args?: { name?: string; data?: { cpuProfile?: { nodes?: (CpuProfileNode & { parent?: number })[]; samples?: number[] }; timeDeltas?: number[] } };
}

/** Milliseconds per event name on the renderer main threads, biggest first. */
export function mainThreadTime(events: readonly TraceEvent[]): { name: string; ms: number; count: number }[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const acc = new Map<string, { ms: number; count: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const a = acc.get(e.name) ?? { ms: 0, count: 0 };
    a.ms += (e.dur ?? 0) / 1000;
    a.count++;
    acc.set(e.name, a);
  }
  return [...acc].map(([name, a]) => ({ name, ...a })).sort((x, y) => y.ms - x.ms);
}

/** The V8 CPU profile streamed into the trace as ProfileChunk events, as one CpuProfile. */
export function profileOfTrace(events: readonly TraceEvent[]): CpuProfile {
  const nodes = new Map<number, CpuProfileNode>();
  const parents: [number, number][] = [];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) {
      nodes.set(n.id, { id: n.id, callFrame: n.callFrame, children: [] });
      if (n.parent !== undefined) parents.push([n.parent, n.id]);
    }
    samples.push(...(data?.cpuProfile?.samples ?? []));
    timeDeltas.push(...(data?.timeDeltas ?? []));
  }
  for (const [p, c] of parents) nodes.get(p)?.children?.push(c);
  const total = timeDeltas.reduce((s, d) => s + d, 0);
  return { nodes: [...nodes.values()], startTime: 0, endTime: total, samples, timeDeltas };
}

function main(): void {
  // Piped into head: stop quietly when the reader goes away.
  process.stdout.on('error', () => process.exit(0));
  const argv = process.argv.slice(2);
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npx tsx bench/trace-summary.ts FILE.trace.json [--top N]\n');
    process.exit(2);
  }
  const top = Number(argv[argv.indexOf('--top') + 1]) || 25;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  process.stdout.write('main thread (ms, count):\n');
  for (const r of mainThreadTime(events).slice(0, top)) process.stdout.write(`${r.ms.toFixed(1).padStart(10)} ${String(r.count).padStart(6)}  ${r.name}\n`);
  const { functions } = summarize(profileOfTrace(events));
  process.stdout.write('\nJavaScript, total ms (self ms):\n');
  for (const f of functions.slice(0, top)) process.stdout.write(`${f.totalMs.toFixed(1).padStart(10)} ${f.selfMs.toFixed(1).padStart(8)}  ${f.name}\n`);
}

if (require.main === module) main();
