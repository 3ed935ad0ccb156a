/** The parent's handle on bench/sim-child.ts: start it, pause or resume churn, read store stats, stop it. */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FromSim, SimChildOptions, ToSim } from './sim-child';
import { startChild, stopChild } from './processes';

type Ready = Extract<FromSim, { type: 'ready' }>;

export interface SimHandle extends Ready {
  child: ChildProcess;
  setChurn(rate: number): Promise<void>;
  stats(): Promise<{ pods: number; revision: number; churn: number }>;
  stop(): Promise<void>;
}

/** Starts the scale scenario in a child process; rejects after `timeoutMs` or when the child fails. */
export async function startSimChild(root: string, opts: SimChildOptions, timeoutMs: number): Promise<SimHandle> {
  const child = startChild(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'sim-child.ts'), JSON.stringify(opts)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  // Replies come in request order: one FIFO of waiters.
  const waiters: { resolve: (m: FromSim) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  let readyResolve: ((m: Ready) => void) | null = null;
  let readyReject: ((e: Error) => void) | null = null;
  const ready = new Promise<Ready>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  const readyTimer = setTimeout(() => readyReject?.(new Error(`the simulator was not ready within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);

  child.on('message', (raw: unknown) => {
    const msg = raw as FromSim;
    if (msg.type === 'ready') return readyResolve?.(msg);
    if (msg.type === 'error' && waiters.length === 0) return readyReject?.(new Error(msg.message));
    const w = waiters.shift();
    if (!w) return;
    clearTimeout(w.timer);
    if (msg.type === 'error') w.reject(new Error(`simulator: ${msg.message}`));
    else w.resolve(msg);
  });
  child.once('exit', (code, signal) => {
    const err = new Error(`the simulator exited (${code ?? signal})`);
    readyReject?.(err);
    for (const w of waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  });

  const ask = (msg: ToSim, ms = 10_000): Promise<FromSim> =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error('the simulator is gone'));
      const timer = setTimeout(() => {
        const i = waiters.findIndex((w) => w.timer === timer);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`the simulator did not answer ${msg.type} within ${ms} ms`));
      }, ms);
      waiters.push({ resolve, reject, timer });
      child.send(msg);
    });

  let r: Ready;
  try {
    r = await ready;
  } finally {
    clearTimeout(readyTimer);
  }
  return {
    ...r,
    child,
    async setChurn(rate) {
      await ask({ type: 'churn', rate });
    },
    async stats() {
      const m = await ask({ type: 'stats' });
      if (m.type !== 'stats') throw new Error(`simulator answered ${m.type} to stats`);
      return { pods: m.pods, revision: m.revision, churn: m.churn };
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' } satisfies ToSim);
      await stopChild(child, 6000);
    },
  };
}
