import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from './db';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';
import { pruneUsage, readUsageBuckets, usageSize, writeUsageBuckets } from './usage';
import type { UsageBucket } from '../usage/types';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const bucket = (start: string, over: Partial<UsageBucket> = {}): UsageBucket => ({
  namespace: 'shop',
  workloadKind: 'Deployment',
  workloadName: 'web',
  container: 'app',
  start,
  samples: 2,
  cpuSumMilli: 40,
  cpuMaxMilli: 25,
  memSumBytes: 200,
  memMaxBytes: 120,
  ...over,
});

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('usage history on %s', (backend) => {
  let store: TestStore;
  let db: Db;
  beforeAll(async () => {
    store = await makeTestStore(backend);
    db = await store.open();
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('merges a bucket written in two parts (before and after a restart) exactly', async () => {
    await writeUsageBuckets('ctx', [bucket('2026-12-03T10:00:00.000Z'), bucket('2026-12-03T10:05:00.000Z')], db);
    await writeUsageBuckets('ctx', [bucket('2026-12-03T10:05:00.000Z', { samples: 1, cpuSumMilli: 30, cpuMaxMilli: 30, memSumBytes: 50, memMaxBytes: 50 })], db);
    // Another context's history stays apart.
    await writeUsageBuckets('other', [bucket('2026-12-03T10:05:00.000Z')], db);
    const got = await readUsageBuckets('ctx', { since: '2026-12-03T10:00:00Z', until: '2026-12-03T11:00:00Z' }, db);
    expect(got).toEqual([bucket('2026-12-03T10:00:00.000Z'), bucket('2026-12-03T10:05:00.000Z', { samples: 3, cpuSumMilli: 70, cpuMaxMilli: 30, memSumBytes: 250, memMaxBytes: 120 })]);
    expect(await readUsageBuckets('ctx', { since: '2026-12-03T10:05:00Z', until: '2026-12-03T11:00:00Z', namespace: 'elsewhere' }, db)).toEqual([]);
  });

  it('writes thousands of buckets in one call, and prunes by age', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => bucket('2026-12-01T00:00:00.000Z', { workloadName: `w${i}` }));
    expect(await writeUsageBuckets('ctx', many, db)).toBe(2500);
    const before = await usageSize(db);
    expect(before.rows).toBe(2503);
    expect(before.bytes).toBeGreaterThan(0);
    expect(await pruneUsage('2026-12-02T00:00:00Z', db)).toBe(2500);
    expect((await usageSize(db)).rows).toBe(3);
  });
});
