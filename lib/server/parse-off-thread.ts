import 'server-only';
/**
 * Reads what users paste or upload off the event loop: one worker thread with a time limit, and a
 * short queue in front of it. Reading a megabyte of YAML takes about a second and a megabyte of JSON tens of
 * milliseconds; on the server's one JavaScript thread that would stall every page, stream and probe meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { WhatIfDecoded, WhatIfInput } from '../cost/whatif-request';
import { ManifestError } from '../k8s/manifest';

/** The readers the worker runs, with their argument and result. */
interface Ops {
  whatif: { arg: WhatIfInput; result: WhatIfDecoded };
}
export type ParseRequest = { [K in keyof Ops]: { id: number; op: K; arg: Ops[K]['arg'] } }[keyof Ops];
export type ParseReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { document: number; field: string | null; message: string } };

/** Far longer than any legitimate input needs (1 MiB of manifests reads in about a second on a busy 2-core machine). */
export const PARSE_TIME_LIMIT_MS = 5_000;
/** Reads waiting beyond this are refused at once rather than queued for minutes. */
export const PARSE_QUEUE_LIMIT = 8;

/** Too many reads are waiting: try again shortly. */
export class ParserBusyError extends Error {
  constructor() {
    super(`${PARSE_QUEUE_LIMIT} uploads are already waiting to be read on this server; try again in a few seconds`);
    this.name = 'ParserBusyError';
  }
}

interface Job {
  request: ParseRequest;
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let running: { job: Job; timer: NodeJS.Timeout } | null = null;
const queue: Job[] = [];
let nextId = 1;

function startWorker(): Worker {
  // Under Next (NEXT_RUNTIME is set) the bundler compiles the worker this URL names; from TypeScript sources
  // (tests, tsx scripts) the .ts file is loaded through tsx, without the test runner's flags (they make V8 abort
  // on deep recursion there).
  const w = process.env.NEXT_RUNTIME
    ? new Worker(new URL('./parse-worker.ts', import.meta.url))
    : new Worker(
        `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(fileURLToPath(new URL('./parse-worker.ts', import.meta.url)))}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, execArgv: [] },
      );
  w.unref();
  w.on('message', (reply: ParseReply) => {
    const current = running;
    if (!current || current.job.request.id !== reply.id) return;
    settle();
    if (reply.ok) current.job.resolve(reply.value);
    else current.job.reject(new ManifestError(reply.error.document, reply.error.field, reply.error.message));
  });
  // A worker that dies (out of memory, a crash) fails its read with a message and is replaced on the next one.
  const died = (why: string) => {
    if (worker !== w) return;
    worker = null;
    const current = running;
    if (!current) return;
    settle();
    current.job.reject(new ManifestError(0, null, why));
  };
  w.on('error', (e) => died(`refused: reading the input failed (${e.message.split('\n')[0]})`));
  w.on('exit', () => died('refused: reading the input stopped unexpectedly'));
  return w;
}

function settle(): void {
  if (running) clearTimeout(running.timer);
  running = null;
  setImmediate(pump);
}

function pump(): void {
  if (running || queue.length === 0) return;
  const job = queue.shift()!;
  const w = (worker ??= startWorker());
  const timer = setTimeout(() => {
    // The only way to stop a parse in progress is to end its thread; the next read starts a fresh one.
    worker = null;
    settle();
    void w.terminate();
    job.reject(new ManifestError(0, null, `refused: reading the input took longer than ${PARSE_TIME_LIMIT_MS / 1000} s`));
  }, PARSE_TIME_LIMIT_MS);
  running = { job, timer };
  w.postMessage(job.request);
}

/**
 * Runs one reader of user input in the worker.
 * @throws ManifestError for input that cannot be read or takes too long; ParserBusyError when the queue is full
 */
export function parseOffThread<K extends keyof Ops>(op: K, arg: Ops[K]['arg']): Promise<Ops[K]['result']> {
  if (queue.length >= PARSE_QUEUE_LIMIT) return Promise.reject(new ParserBusyError());
  return new Promise((resolve, reject) => {
    queue.push({ request: { id: nextId++, op, arg } as ParseRequest, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
}
