import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from './db';
import { loadPrices, savePrices } from './prices';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';
import type { LivePrices } from '../view/aws';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const live = (over: Partial<LivePrices> = {}): LivePrices => ({
  region: 'ap-southeast-1',
  fargate: { vcpuHour: 0.05056, gbHour: 0.00553, ephemeralGbHour: 0.000122 },
  onDemand: { 'm6g.large': 0.0963 },
  autoModeFee: {},
  listAt: '2026-12-03T10:40:00.000Z',
  spot: { 'ap-southeast-1a/m6g.large': 0.0295 },
  spotAt: '2026-12-03T10:41:00.000Z',
  problems: [],
  ...over,
});

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('the price cache on %s', (backend) => {
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

  it('gives back what was kept for a region, the latest read replacing the one before', async () => {
    expect(await loadPrices('ap-southeast-1', db)).toBeNull();
    await savePrices(live(), db);
    await savePrices(live({ region: 'us-east-1', onDemand: { 'm5.large': 0.096 } }), db);
    expect(await loadPrices('ap-southeast-1', db)).toEqual(live());
    await savePrices(live({ onDemand: { 'm6g.large': 0.1 }, listAt: '2026-12-03T16:40:00.000Z' }), db);
    expect((await loadPrices('ap-southeast-1', db))?.onDemand).toEqual({ 'm6g.large': 0.1 });
    expect((await loadPrices('us-east-1', db))?.onDemand).toEqual({ 'm5.large': 0.096 });
  });

  it('ignores a row that does not read back as prices', async () => {
    await db.query(`INSERT INTO price_cache (region, prices, fetched_at) VALUES ('eu-west-1', '{"region": "eu-west-1", "onDemand": "nope"}'::jsonb, now())`);
    expect(await loadPrices('eu-west-1', db)).toBeNull();
  });
});
