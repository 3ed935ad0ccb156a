/**
 * Child processes of the benchmark: started in their own process group so a whole tree (npm → next →
 * the server child) can be stopped by its group id, registered so every exit path stops them, and
 * measured through /proc (resident memory of a process tree).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const running = new Set<ChildProcess>();

/** Starts a child in its own process group and remembers it for stopAll(). */
export function startChild(cmd: string, args: readonly string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { ...opts, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function alive(c: ChildProcess): boolean {
  return c.exitCode === null && c.signalCode === null;
}

function signalGroup(c: ChildProcess, sig: NodeJS.Signals): void {
  if (!c.pid) return;
  try {
    process.kill(-c.pid, sig);
  } catch {
    try {
      c.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(c: ChildProcess, graceMs = 5000): Promise<void> {
  if (!alive(c)) {
    // The leader is gone but members of its group may live on (a server child): end them too.
    signalGroup(c, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  signalGroup(c, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(c, 'SIGKILL'), graceMs);
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs + 2000))]);
  clearTimeout(timer);
  signalGroup(c, 'SIGKILL');
}

/** Stops every child still registered. */
export async function stopAllChildren(graceMs = 5000): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c, graceMs)));
}

/** Synchronous last resort for process exit handlers: SIGKILL every registered group. */
export function killAllChildrenNow(): void {
  for (const c of running) signalGroup(c, 'SIGKILL');
}

/** Parent pid of a process from /proc/PID/stat (the field after the parenthesised command). */
export function parentPidFromStat(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** VmRSS from /proc/PID/status text, in bytes; null when absent (a zombie). */
export function rssFromStatus(status: string): number | null {
  const m = /^VmRSS:\s*(\d+)\s*kB$/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

/** `root` and every descendant, from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = parentPidFromStat(stat);
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length && out.length < 10_000) {
    const pid = todo.pop() as number;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface TreeRss {
  /** The largest resident set in the tree: the server process itself. */
  maxBytes: number;
  maxPid: number;
  totalBytes: number;
  /** pid → command line, for the report. */
  commands: Record<number, string>;
}

/** Resident memory of a process tree; null when the root is gone. */
export function treeRss(root: number): TreeRss | null {
  let maxBytes = 0;
  let maxPid = 0;
  let totalBytes = 0;
  const commands: Record<number, string> = {};
  let found = false;
  for (const pid of processTree(root)) {
    try {
      const rss = rssFromStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss === null) continue;
      found = true;
      totalBytes += rss;
      if (rss > maxBytes) {
        maxBytes = rss;
        maxPid = pid;
      }
      commands[pid] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 160);
    } catch {
      // exited while we looked
    }
  }
  return found ? { maxBytes, maxPid, totalBytes, commands } : null;
}
