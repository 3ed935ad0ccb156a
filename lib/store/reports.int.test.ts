import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from './db';
import { StoreError } from './errors';
import { createReport, getReport, listReports, MAX_REPORT_PAYLOAD_BYTES, type NewReport } from './reports';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';

// Opening PGlite takes seconds, and many more on a busy shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// A cost report as the UI would share it: the seed's test2-fargate pod, 0.5 vCPU / 750M
// requested, billed as 0.5 vCPU / 1 GB.
function costReport(title: string): NewReport {
  return {
    kind: 'cost',
    title,
    context: 'eksworkshop',
    query: { window: '1h', namespace: 'test2-fargate', placement: 'fargate' },
    payload: {
      pods: [
        {
          namespace: 'test2-fargate',
          name: 'nginx-fargate-pod-75fcf-2qxz9',
          requested: { cpu: '500m', memory: '750M' },
          capacityProvisioned: '0.5vCPU 1GB',
        },
      ],
      prices: { region: 'ap-southeast-1' },
    },
  };
}

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

describe.each(BACKENDS)('reports on %s', (backend) => {
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

  it('reads back exactly what was shared', async () => {
    const input = costReport('test2-fargate, last hour');
    // Awkward but valid JSON: unicode, a NUL inside a string, big and negative numbers, nesting.
    input.payload = { ...(input.payload as object), note: 'Fargate — 按量计费 ✓', nul: 'a\u0000b', big: 1e300, neg: -0.5, deep: [[[{}]]] };
    const before = Date.now();
    const { id, createdAt } = await createReport(input, db);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before - 5_000);

    const report = await getReport(id, db);
    expect(report).toEqual({
      id,
      kind: 'cost',
      title: 'test2-fargate, last hour',
      context: 'eksworkshop',
      query: input.query,
      payload: input.payload,
      payloadBytes: Buffer.byteLength(JSON.stringify(input.payload)),
      createdAt,
    });
  });

  it('returns null for unknown and malformed ids', async () => {
    expect(await getReport('AAAAAAAAAAAAAAAAAAAAAA', db)).toBeNull();
    for (const bad of ['', 'nope', '../../etc/passwd', "x' OR '1'='1", 'A'.repeat(500)]) {
      expect(await getReport(bad, db)).toBeNull();
    }
  });

  it('answers a malformed id without touching the database', async () => {
    // A closed store fails every query, so a null here proves no query was made.
    await db.close();
    try {
      expect(await getReport('not-an-id', db)).toBeNull();
      const err = await storeError(getReport('AAAAAAAAAAAAAAAAAAAAAA', db));
      expect(err.code).toBe('unavailable');
      expect(err.message).toMatch(/^report store unavailable: /);
    } finally {
      db = await store.open();
    }
  });

  it('refuses a payload over 2 MiB and accepts one of exactly 2 MiB', async () => {
    // A JSON string costs its length plus two quotes.
    const exact = 'x'.repeat(MAX_REPORT_PAYLOAD_BYTES - 2);
    const ok = await createReport({ ...costReport('exactly 2 MiB'), payload: exact }, db);
    expect((await getReport(ok.id, db))?.payloadBytes).toBe(2 * 1024 * 1024);

    const before = await listReports({ limit: 200 }, db);
    const err = await storeError(createReport({ ...costReport('too big'), payload: `${exact}x` }, db));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('payload is 2097153 bytes as JSON; the limit is 2097152 bytes (2 MiB)');
    expect(await listReports({ limit: 200 }, db)).toEqual(before);
  });

  it('refuses bad fields with a message naming the field', async () => {
    const cases: Array<[Partial<NewReport> | null, string]> = [
      [{ kind: 'Cost Report' }, 'kind must be lower-case letters, digits and dashes, starting with a letter (got "Cost Report")'],
      [{ title: '   ' }, 'title must not be blank'],
      [{ title: 'x'.repeat(201) }, 'title is 201 characters; the limit is 200'],
      [{ context: '' }, 'context must not be empty'],
      [{ payload: undefined }, 'payload is missing or not JSON-serialisable (got undefined)'],
      [{ query: { n: 1n } }, 'query is not JSON-serialisable: Do not know how to serialize a BigInt'],
    ];
    for (const [patch, message] of cases) {
      const err = await storeError(createReport({ ...costReport('bad'), ...patch }, db));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toBe(message);
    }
    const notObject = await storeError(createReport(null as unknown as NewReport, db));
    expect(notObject.message).toBe('report must be an object, got null');
  });

  it('keeps every one of 20 concurrent creates', async () => {
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createReport({ ...costReport(`concurrent ${i}`), payload: { i } }, db)),
    );
    expect(new Set(made.map((m) => m.id)).size).toBe(20);
    const read = await Promise.all(made.map((m) => getReport(m.id, db)));
    expect(read.map((r) => r?.payload)).toEqual(Array.from({ length: 20 }, (_, i) => ({ i })));
  });

  it('lists newest first without payloads, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createReport({ ...costReport(`listed ${i}`), payload: { i } }, db)).id);
    const newestFirst = [...ids].reverse();

    const first = await listReports({ limit: 3 }, db);
    expect(first.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
    expect(first[0]).not.toHaveProperty('payload');
    expect(first[0]).toMatchObject({ kind: 'cost', title: 'listed 4', context: 'eksworkshop', query: costReport('').query });
    expect(first[0].payloadBytes).toBe(JSON.stringify({ i: 4 }).length);

    const second = await listReports({ limit: 2, before: first[2].id }, db);
    expect(second.map((r) => r.id)).toEqual(newestFirst.slice(3, 5));
    for (let i = 1; i < first.length; i++) expect(first[i - 1].createdAt >= first[i].createdAt).toBe(true);
  });

  it('refuses a bad page request precisely', async () => {
    expect((await storeError(listReports({ limit: 0 }, db))).message).toBe('limit must be an integer from 1 to 200, got number 0');
    expect((await storeError(listReports({ before: 'nope' }, db))).message).toBe(
      'before must be a report id (22 base64url characters), got "nope"',
    );
    const unknown = await storeError(listReports({ before: 'AAAAAAAAAAAAAAAAAAAAAA' }, db));
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.message).toBe('before names no stored report: AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('never lets a stored report change', async () => {
    const { id } = await createReport(costReport('frozen'), db);
    await expect(db.query(`UPDATE reports SET title = 'edited' WHERE id = $1`, [id])).rejects.toThrow(/reports are immutable/);
    expect((await getReport(id, db))?.title).toBe('frozen');
  });

  it('keeps reports across a restart', async () => {
    const { id } = await createReport(costReport('survives restart'), db);
    await db.close();
    db = await store.open();
    expect((await getReport(id, db))?.title).toBe('survives restart');
  });
});
