/**
 * `npx tsx bench/cpuprofile.ts FILE.cpuprofile [--top N] [--match TEXT] [--until MS]`: where a V8 CPU profile
 * spent its time (in its first MS milliseconds, e.g. the sync phase) — self and total milliseconds per function (and per source file), so a profile taken with
 * `npm run bench -- --cpu-prof DIR` can be read in a terminal. The summary itself is pure.
 */
import { readFileSync } from 'node:fs';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionCost {
  name: string;
  /** Milliseconds with this function on top of the stack. */
  selfMs: number;
  /** Milliseconds with this function anywhere on the stack (recursion counted once). */
  totalMs: number;
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('/node_modules/');
  if (i >= 0) return url.slice(i + '/node_modules/'.length);
  const j = url.indexOf('/.next/');
  if (j >= 0) return url.slice(j + 1);
  return url.replace(/^file:\/\//, '').replace(/^https?:\/\/[^/]+/, '');
}

/** The label of a call frame: "function file:line:column" (1-based; minified bundles need the column). */
export function frameLabel(f: CpuProfileNode['callFrame']): string {
  const fn = f.functionName || '(anonymous)';
  return f.url ? `${fn} ${shortUrl(f.url)}:${f.lineNumber + 1}:${(f.columnNumber ?? 0) + 1}` : fn;
}

/** Self and total time per function label, biggest total first. */
export function summarize(profile: CpuProfile, untilMs = Infinity): { wallMs: number; functions: FunctionCost[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    at += (deltas[i] ?? 0) / 1000;
    if (at > untilMs) break;
    // A sample's time is the gap to the next sample (the last one gets none).
    const ms = (deltas[i + 1] ?? 0) / 1000;
    let id: number | undefined = samples[i];
    const top = byId.get(id);
    if (!top) continue;
    const topLabel = frameLabel(top.callFrame);
    self.set(topLabel, (self.get(topLabel) ?? 0) + ms);
    const seen = new Set<string>();
    for (let depth = 0; id !== undefined && depth < 10_000; depth++) {
      const n = byId.get(id);
      if (!n) break;
      const label = frameLabel(n.callFrame);
      if (!seen.has(label)) {
        seen.add(label);
        total.set(label, (total.get(label) ?? 0) + ms);
      }
      id = parent.get(id);
    }
  }
  const functions = [...total].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs })).sort((a, b) => b.totalMs - a.totalMs);
  return { wallMs: Math.min((profile.endTime - profile.startTime) / 1000, untilMs), functions };
}

function main(): void {
  // Piped into head: stop quietly when the reader goes away.
  process.stdout.on('error', () => process.exit(0));
  const argv = process.argv.slice(2);
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npx tsx bench/cpuprofile.ts FILE.cpuprofile [--top N] [--match TEXT] [--until MS]\n');
    process.exit(2);
  }
  const top = Number(argv[argv.indexOf('--top') + 1]) || 40;
  const match = argv.includes('--match') ? argv[argv.indexOf('--match') + 1] : null;
  const until = argv.includes('--until') ? Number(argv[argv.indexOf('--until') + 1]) : Infinity;
  const { wallMs, functions } = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, until);
  const rows = functions.filter((f) => !match || f.name.includes(match));
  const idle = functions.find((f) => f.name === '(idle)')?.totalMs ?? 0;
  process.stdout.write(`${file}: ${Math.round(wallMs)} ms profiled, ${Math.round(idle)} ms idle\n\n   total     self  function\n`);
  for (const f of rows.slice(0, top)) process.stdout.write(`${f.totalMs.toFixed(0).padStart(8)} ${f.selfMs.toFixed(0).padStart(8)}  ${f.name}\n`);
  process.stdout.write('\nby self time:\n');
  for (const f of [...rows].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) process.stdout.write(`${f.selfMs.toFixed(0).padStart(8)}  ${f.name}\n`);
}

if (require.main === module) main();
