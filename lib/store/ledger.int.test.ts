import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ledgerEntry, T0 } from '../ledger/test-support/entries';
import type { LedgerEntry } from '../ledger/types';
import type { Db } from './db';
import { closeOpenLedgerEntries, ledgerCoveredUntil, ledgerSize, pruneLedger, readLedger, setLedgerCoveredUntil, writeLedgerEntries } from './ledger';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const H = 3_600_000;
const entry = (over: Partial<LedgerEntry> = {}) => ledgerEntry({ profile: 'fp', ...over });

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('the cost ledger on %s', (backend) => {
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

  it('keeps an entry open, then closed when written again, and reads a range back as it was written', async () => {
    const open = entry();
    const node = entry({ id: 'node:n#0', subject: 'node:n', kind: 'ec2-node', name: 'n', node: 'n', namespace: null, workload: null, profile: null, pool: 'karpenter/general', capacityType: 'Spot', instanceType: 'm6g.large', rateUSD: 0.0295, feeUSD: 0, minimumSeconds: 0, start: T0 - H, end: T0 + 2 * H, reconstructedUntil: T0 });
    await writeLedgerEntries('ctx', [open, node], db);
    await writeLedgerEntries('other', [open], db);
    expect(await readLedger('ctx', { from: T0, to: T0 + H }, db)).toEqual(expect.arrayContaining([open, node]));
    await writeLedgerEntries('ctx', [{ ...open, end: T0 + 90_000 }], db);
    const back = await readLedger('ctx', { from: T0, to: T0 + H }, db);
    expect(back.find((e) => e.id === open.id)?.end).toBe(T0 + 90_000);
    // Outside the range: nothing; another context's entries stay apart.
    expect(await readLedger('ctx', { from: T0 + 3 * H, to: T0 + 4 * H }, db)).toEqual([]);
    expect((await readLedger('other', { from: T0, to: T0 + H }, db)).map((e) => e.end)).toEqual([null]);
  });

  it('remembers how far recording reached, closes what a stopped run left open there, and prunes old entries', async () => {
    expect(await ledgerCoveredUntil('ctx', db)).toBeNull();
    await setLedgerCoveredUntil('ctx', T0 + H, db);
    await setLedgerCoveredUntil('ctx', T0, db);
    expect(await ledgerCoveredUntil('ctx', db)).toBe(T0 + H);
    expect(await closeOpenLedgerEntries('other', T0 + H, db)).toBe(1);
    expect((await readLedger('other', { from: T0, to: T0 + 2 * H }, db))[0].end).toBe(T0 + H);
    const before = await ledgerSize(db);
    expect(await pruneLedger(T0 + 30 * H, db)).toBeGreaterThan(0);
    expect((await ledgerSize(db)).rows).toBeLessThan(before.rows);
  });
});
