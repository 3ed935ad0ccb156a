import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreError } from './errors';
import { makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './test-support/backends';

// Opening PGlite takes seconds, and many more on a busy shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, FARVIEW_DATA_DIR: process.env.FARVIEW_DATA_DIR };
function restoreEnv(): void {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'farview-db-'));
});
afterAll(async () => {
  restoreEnv();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  const { closeDb } = await import('./db');
  await closeDb();
  restoreEnv();
});

describe('storeConfigFromEnv', () => {
  it('defaults to PGlite in ./.farview/pglite', async () => {
    const { storeConfigFromEnv } = await import('./db');
    expect(storeConfigFromEnv({}, '/srv/farview')).toEqual({
      backend: 'pglite',
      dataDir: '/srv/farview/.farview/pglite',
      migrationsDir: '/srv/farview/lib/store/migrations',
    });
    expect(storeConfigFromEnv({ FARVIEW_DATA_DIR: 'data', DATABASE_URL: '  ' }, '/srv/farview')).toMatchObject({
      backend: 'pglite',
      dataDir: '/srv/farview/data/pglite',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', async () => {
    const { storeConfigFromEnv } = await import('./db');
    expect(storeConfigFromEnv({ DATABASE_URL: 'postgresql://u:p@db:5432/farview' }, '/srv')).toEqual({
      backend: 'postgres',
      url: 'postgresql://u:p@db:5432/farview',
      migrationsDir: '/srv/lib/store/migrations',
    });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL without echoing it', async () => {
    const { storeConfigFromEnv } = await import('./db');
    let err: unknown;
    try {
      storeConfigFromEnv({ DATABASE_URL: 'mysql://root:s3cret@db/farview' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toBe('DATABASE_URL must start with postgres:// or postgresql://');
  });
});

describe('the process-wide store', () => {
  it('opens nothing at import time, then once on first use', async () => {
    const root = path.join(scratch, 'lazy');
    delete process.env.DATABASE_URL;
    process.env.FARVIEW_DATA_DIR = root;
    const { getDb } = await import('./db');
    const { createReport, getReport } = await import('./reports');
    expect(existsSync(root)).toBe(false);

    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).toBe(b);
    expect(a.backend).toBe('pglite');
    expect(existsSync(path.join(root, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(root, 'pglite.lock'))).toBe(true);

    // Without an explicit handle the functions use this store.
    const { id } = await createReport({ kind: 'cost', title: 't', context: 'eksworkshop', query: {}, payload: [] });
    expect((await getReport(id))?.title).toBe('t');
  });

  it('releases the PGlite lock on close', async () => {
    const root = path.join(scratch, 'lazy');
    process.env.FARVIEW_DATA_DIR = root;
    const { getDb, closeDb } = await import('./db');
    await getDb();
    await closeDb();
    expect(existsSync(path.join(root, 'pglite.lock'))).toBe(false);
  });

  it('reports an unreachable PostgreSQL as unavailable, and tries again on the next call', async () => {
    const port = await closedPort();
    process.env.DATABASE_URL = `postgres://farview:pw@127.0.0.1:${port}/farview`;
    const { getDb } = await import('./db');
    const { listReports } = await import('./reports');
    const err = await rejection(listReports());
    expect(err.code).toBe('unavailable');
    expect(err.message).toBe(`report store unavailable: connect ECONNREFUSED 127.0.0.1:${port}`);

    // The failure is not cached: with a working configuration the next call opens.
    delete process.env.DATABASE_URL;
    process.env.FARVIEW_DATA_DIR = path.join(scratch, 'lazy');
    expect((await getDb()).backend).toBe('pglite');
  });
});

describe('the PGlite data directory lock', () => {
  it('refuses a second open of one directory while the first is open', async () => {
    const store = await makeTestStore('pglite');
    if (store.config.backend !== 'pglite') throw new Error('unreachable');
    const { dataDir } = store.config;
    const db = await store.open();
    try {
      const err = await rejection(store.open());
      expect(err.code).toBe('unavailable');
      expect(err.message).toContain(`the data directory ${dataDir} is in use (this process already has it open)`);
    } finally {
      await db.close();
      await store.dispose();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const store = await makeTestStore('pglite');
    if (store.config.backend !== 'pglite') throw new Error('unreachable');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${store.config.dataDir}.lock`, `${dead}\n`);
    const db = await store.open();
    await db.close();
    await store.dispose();
  });

  it('takes over a lock with our own pid that this process does not hold (a restarted container)', async () => {
    const store = await makeTestStore('pglite');
    if (store.config.backend !== 'pglite') throw new Error('unreachable');
    await writeFile(`${store.config.dataDir}.lock`, `${process.pid}\n`);
    const db = await store.open();
    await db.close();
    expect(existsSync(`${store.config.dataDir}.lock`)).toBe(false);
    await store.dispose();
  });
});

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.runIf(TEST_DATABASE_URL)('PostgreSQL connection errors', () => {
  it('reports a wrong password as unavailable, without the password', async () => {
    const store = await makeTestStore('postgres');
    try {
      if (store.config.backend !== 'postgres') throw new Error('unreachable');
      const url = new URL(store.config.url);
      url.password = 'wrong-password';
      const { openDb } = await import('./db');
      const err = await rejection(openDb({ ...store.config, url: url.toString() }));
      expect(err.code).toBe('unavailable');
      expect(err.message).toBe(`report store unavailable: password authentication failed for user "${url.username}"`);
      expect(err.message).not.toContain('wrong-password');
    } finally {
      await store.dispose();
    }
  });
});
