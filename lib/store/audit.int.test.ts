import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit, MAX_AUDIT_REQUEST_BYTES, recordAudit, type AuditInput } from './audit';
import type { Db } from './db';
import { StoreError } from './errors';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';

// Opening PGlite takes seconds, and many more on a busy shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The seed's namespace + label profile, as the profile form would send it.
const createProfile: AuditInput = {
  actor: 'local',
  action: 'fargate-profile.create',
  target: 'eksworkshop/fargate-profile/test3-mixed',
  context: 'eksworkshop',
  request: {
    fargateProfileName: 'test3-mixed',
    selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }],
  },
  result: 'ok',
};

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('audit log on %s', (backend) => {
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

  it('records an action and lists it back as written', async () => {
    const before = Date.now();
    const { id, at } = await recordAudit(createProfile, db);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 5_000);
    const [entry] = await listAudit({ limit: 1 }, db);
    expect(entry).toEqual({ ...createProfile, id, at, detail: null });
  });

  it('keeps the failure detail of an action that failed', async () => {
    const failed: AuditInput = {
      ...createProfile,
      result: 'error',
      detail: 'ResourceInUseException: A Fargate Profile already exists with this name in this cluster.',
    };
    const { id } = await recordAudit(failed, db);
    const [entry] = await listAudit({ limit: 1 }, db);
    expect(entry).toMatchObject({ id, result: 'error', detail: failed.detail });
  });

  it('lists newest first and pages with before', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await recordAudit({ ...createProfile, target: `t${i}` }, db)).id);
    const page1 = await listAudit({ limit: 2 }, db);
    expect(page1.map((e) => e.target)).toEqual(['t3', 't2']);
    const page2 = await listAudit({ limit: 2, before: page1[1].id }, db);
    expect(page2.map((e) => e.target)).toEqual(['t1', 't0']);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('refuses bad entries with a message naming the field, recording nothing', async () => {
    const count = (await listAudit({ limit: 500 }, db)).length;
    const cases: Array<[Partial<Record<keyof AuditInput, unknown>>, string, string]> = [
      [{ actor: '' }, 'invalid_input', 'actor must not be empty'],
      [{ action: 7 }, 'invalid_input', 'action must be a string, got number 7'],
      [{ result: 'maybe' }, 'invalid_input', 'result must be "ok" or "error", got "maybe"'],
      [{ detail: 'x'.repeat(16 * 1024 + 1) }, 'invalid_input', 'detail is 16385 characters; the limit is 16384'],
      [{ request: undefined }, 'invalid_input', 'request is missing or not JSON-serialisable (got undefined)'],
      [
        { request: 'x'.repeat(MAX_AUDIT_REQUEST_BYTES) },
        'too_large',
        'request is 262146 bytes as JSON; the limit is 262144 bytes (256 KiB)',
      ],
    ];
    for (const [patch, code, message] of cases) {
      const err = await storeError(recordAudit({ ...createProfile, ...patch } as AuditInput, db));
      expect([err.code, err.message]).toEqual([code, message]);
    }
    expect((await listAudit({ limit: 500 }, db)).length).toBe(count);
  });

  it('refuses a bad page request', async () => {
    expect((await storeError(listAudit({ before: -1 }, db))).message).toBe('before must be a positive integer audit id, got -1');
    expect((await storeError(listAudit({ limit: 501 }, db))).message).toBe('limit must be an integer from 1 to 500, got number 501');
  });

  it('is append-only', async () => {
    const { id } = await recordAudit(createProfile, db);
    await expect(db.query(`UPDATE audit_log SET result = 'error' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
  });
});
