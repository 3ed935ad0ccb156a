import { describe, expect, it } from 'vitest';
import { parentPidFromStat, processTree, rssFromStatus, treeRss } from './processes';

describe('reading /proc for process trees', () => {
  it('takes the parent pid after the command, even when the command has spaces and parentheses', () => {
    expect(parentPidFromStat('4242 (next-server (v16)) S 4200 4242 4242 0 -1 4194560')).toBe(4200);
    expect(parentPidFromStat('garbage')).toBeNull();
  });

  it('reads VmRSS in kB as bytes', () => {
    expect(rssFromStatus('Name:\tnode\nVmRSS:\t  204800 kB\nVmSwap:\t0 kB\n')).toBe(204800 * 1024);
    expect(rssFromStatus('Name:\tzombie\nState:\tZ\n')).toBeNull();
  });

  it('finds this process and measures its memory', () => {
    expect(processTree(process.pid)).toContain(process.pid);
    const rss = treeRss(process.pid);
    expect(rss?.maxBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(rss?.totalBytes).toBeGreaterThanOrEqual(rss?.maxBytes ?? Infinity);
  });
});
