import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from './audit';
import { getReport } from './reports';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';

// Opening PGlite takes seconds, and many more on a busy shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const CHILD = path.join('lib', 'store', 'test-support', 'crash-child.ts');
const CHILD_DEADLINE_MS = 100_000;

interface Written {
  reportId: string;
  auditId: number;
}

/**
 * Starts the child against `env`, waits for it to report what it wrote, then kills it with
 * SIGKILL (no chance to close or flush anything) and waits for it to be gone.
 */
async function writeThenKill9(env: Record<string, string>, whileAlive: (pid: number) => Promise<void>): Promise<Written> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const written = await new Promise<Written>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child wrote nothing in ${CHILD_DEADLINE_MS} ms: ${stderr}`)), CHILD_DEADLINE_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const m = /^CREATED (\S+) (\d+)$/m.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve({ reportId: m[1], auditId: Number(m[2]) });
        }
      });
      void exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`child exited (${String(how)}) before writing: ${stderr}`));
      });
    });
    await whileAlive(child.pid ?? -1);
    return written;
  } finally {
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }
}

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('a write acknowledged on %s', (backend) => {
  let store: TestStore | undefined;
  afterAll(async () => {
    await store?.dispose();
  });

  it(
    'survives kill -9 of the process that made it',
    async () => {
      const s = await makeTestStore(backend);
      store = s;
      // Migrate first so the child's write is the only thing in flight when it dies.
      await (await s.open()).close();

      const config = s.config;
      const written = await writeThenKill9(s.env, async (pid) => {
        // While the child has PGlite open, a second process must not open it too.
        if (config.backend === 'pglite') await expect(s.open()).rejects.toThrow(`(process ${pid} has it open)`);
      });
      if (config.backend === 'pglite') {
        // The child died holding the PGlite lock; reopening must take it over.
        expect(existsSync(`${config.dataDir}.lock`)).toBe(true);
      }

      const db = await s.open();
      try {
        const report = await getReport(written.reportId, db);
        expect(report).toMatchObject({ title: 'written just before kill -9', payload: { pods: 14, fargate: 4 } });
        const [entry] = await listAudit({ limit: 1 }, db);
        expect(entry).toMatchObject({ id: written.auditId, action: 'report.create', target: written.reportId });
      } finally {
        await db.close();
      }
    },
    180_000,
  );
});
