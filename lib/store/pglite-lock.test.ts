import { mkdtemp, rm, utimes, writeFile, readFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir, STALE_AFTER_MS } from './pglite-lock';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'farview-lock-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockAt = (name: string) => path.join(dir, `${name}.lock`);
const owner = (o: object) => `${JSON.stringify(o)}\n`;

describe('the data directory lock', () => {
  it('is held once, names its holder, and can be taken again after release', async () => {
    const p = lockAt('once');
    const lock = await lockDataDir(p, '/data');
    expect(JSON.parse(await readFile(p, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(lockDataDir(p, '/data')).rejects.toThrow(/in use \(this process already has it open\); one data directory serves one Farview/);
    await lock.release();
    await (await lockDataDir(p, '/data')).release();
  });

  it('refuses a live process of another container on a shared volume, whatever its pid, while it keeps touching the lock', async () => {
    const p = lockAt('shared');
    // pid 1 in another container: the same pid as a container's own process, which must not make it look stale.
    await writeFile(p, owner({ pid: process.pid, host: 'farview-7d9f-abcde', token: 'x' }));
    await expect(lockDataDir(p, '/data')).rejects.toThrow(/process \d+ on host farview-7d9f-abcde has it open/);
    await writeFile(p, owner({ pid: 1, host: 'farview-7d9f-abcde', token: 'x' }));
    await expect(lockDataDir(p, '/data')).rejects.toThrow(/on host farview-7d9f-abcde/);
    // Untouched for longer than the holder's heartbeat allows: that container is gone.
    const old = new Date(Date.now() - STALE_AFTER_MS - 5_000);
    await utimes(p, old, old);
    await (await lockDataDir(p, '/data')).release();
  });

  it('takes over a lock of a dead process, and of an earlier incarnation of this container (same host, same pid)', async () => {
    const p = lockAt('stale');
    await writeFile(p, owner({ pid: 2 ** 22 + 12345, host: hostname(), token: 'x' }));
    await (await lockDataDir(p, '/data')).release();
    await writeFile(p, owner({ pid: process.pid, host: hostname(), token: 'old' }));
    await (await lockDataDir(p, '/data')).release();
    // Earlier versions wrote a bare pid.
    await writeFile(p, `${2 ** 22 + 12345}\n`);
    await (await lockDataDir(p, '/data')).release();
  });
});
