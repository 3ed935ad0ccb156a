/** What the benchmark ran on, read from /proc (Linux) with os fallbacks. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  model: string;
  memoryGiB: number;
  node: string;
  kernel: string;
}

/** The CPU model from /proc/cpuinfo text ("model name : …"); null when absent. */
export function cpuModel(cpuinfo: string): string | null {
  const m = /^model name\s*:\s*(.+)$/m.exec(cpuinfo);
  return m ? m[1].trim() : null;
}

/** MemTotal from /proc/meminfo text, in bytes; null when absent. */
export function memTotalBytes(meminfo: string): number | null {
  const m = /^MemTotal:\s*(\d+)\s*kB$/m.exec(meminfo);
  return m ? Number(m[1]) * 1024 : null;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** This machine: cores, CPU model, total memory, Node version, kernel. */
export function machine(): Machine {
  const cpus = os.cpus();
  const mem = memTotalBytes(readOr('/proc/meminfo')) ?? os.totalmem();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    model: cpuModel(readOr('/proc/cpuinfo')) ?? cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((mem / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: os.release(),
  };
}

/** The 1, 5 and 15 minute load averages, two decimals. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg().map((x) => Math.round(x * 100) / 100);
  return [a, b, c];
}
