import { describe, expect, it } from 'vitest';
import { frameLabel, summarize, type CpuProfile } from './cpuprofile';

// root → handler → JSON.stringify, sampled every 1 ms: 3 samples in stringify, 1 in handler, 1 idle.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
    { id: 2, callFrame: { functionName: 'GET', url: 'file:///srv/.next/server/app/view.js', lineNumber: 9, columnNumber: 4 }, children: [3] },
    { id: 3, callFrame: { functionName: 'stringify', url: '', lineNumber: -1 }, children: [] },
    { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 }, children: [] },
  ],
  startTime: 0,
  endTime: 6000,
  samples: [3, 3, 3, 2, 4, 4],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};

describe('summarize a V8 CPU profile', () => {
  it('charges each sample the gap to the next one, to the top frame (self) and every frame on the stack (total)', () => {
    const { wallMs, functions } = summarize(profile);
    expect(wallMs).toBe(6);
    const get = (name: string) => functions.find((f) => f.name.startsWith(name));
    expect(get('stringify')).toMatchObject({ selfMs: 3, totalMs: 3 });
    expect(get('GET')).toMatchObject({ selfMs: 1, totalMs: 4 });
    expect(get('(idle)')).toMatchObject({ selfMs: 1, totalMs: 1 });
    expect(functions[0].name).toBe('(root)');
  });

  it('keeps to the first milliseconds when asked (the sync phase of a long run)', () => {
    const { wallMs, functions } = summarize(profile, 2.5);
    expect(wallMs).toBe(2.5);
    // Samples at 0, 1 and 2 ms: all three in stringify, under GET; none of GET's own or idle.
    expect(functions.find((f) => f.name === 'stringify')).toMatchObject({ selfMs: 3, totalMs: 3 });
    expect(functions.find((f) => f.name.startsWith('GET'))).toMatchObject({ selfMs: 0, totalMs: 3 });
    expect(functions.find((f) => f.name === '(idle)')).toBeUndefined();
  });

  it('labels frames with a short path and 1-based line and column', () => {
    expect(frameLabel(profile.nodes[1].callFrame)).toBe('GET .next/server/app/view.js:10:5');
    expect(frameLabel({ functionName: '', url: 'http://127.0.0.1:3000/_next/static/chunks/a.js', lineNumber: 0, columnNumber: 99 })).toBe('(anonymous) /_next/static/chunks/a.js:1:100');
  });
});
