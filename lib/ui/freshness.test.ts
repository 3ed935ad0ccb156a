import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../view/model';
import { freshness, sourceProblems } from './freshness';

const now = Date.parse('2024-05-01T12:00:00Z');
const src = (id: SourceStatus['id'], state: SourceStatus['state'], ago = 1, message: string | null = null): SourceStatus => ({
  id,
  state,
  message,
  lastSyncAt: new Date(now - ago * 1000).toISOString(),
});

describe('freshness', () => {
  it('says live when the stream is up and the watches are in sync', () => {
    expect(freshness('live', null, [src('pods', 'ok'), src('eks', 'error')], now)).toEqual({ text: '● live', tone: 'ok' });
  });
  it('says how stale the oldest stalled watch is', () => {
    expect(freshness('live', null, [src('pods', 'stale', 40), src('nodes', 'ok')], now).text).toBe('stale 40s');
  });
  it('counts down to the next reconnect', () => {
    expect(freshness('retrying', now + 2500, null, now).text).toBe('disconnected — retrying in 3s');
    expect(freshness('retrying', now - 10, null, now).text).toBe('disconnected — retrying…');
    expect(freshness('connecting', null, null, now).text).toBe('connecting…');
  });
});

describe('sourceProblems', () => {
  it('lists error and forbidden sources with their messages', () => {
    const msg = 'EKS: AccessDenied — Kubernetes data is live; profile and load balancer columns are unavailable';
    const out = sourceProblems([src('eks', 'forbidden', 1, msg), src('elbv2', 'error', 1, 'timeout after 10s'), src('pods', 'ok'), src('ec2', 'absent')]);
    expect(out).toEqual([
      { id: 'eks', text: msg, tone: 'warn' },
      { id: 'elbv2', text: 'ELBv2: timeout after 10s', tone: 'err' },
    ]);
  });

  it('mentions usage when metrics-server is missing or stale, since the usage columns then have nothing current', () => {
    const absent = 'metrics-server is not installed (metrics.k8s.io is not served): install it with …';
    expect(sourceProblems([src('metrics', 'absent', 1, absent), src('pods', 'ok')])).toEqual([{ id: 'metrics', text: `Usage (metrics-server): ${absent}`, tone: 'warn' }]);
    expect(sourceProblems([src('metrics', 'stale', 1, 'metrics-server is not answering; showing the values of …')])[0]).toMatchObject({ id: 'metrics', tone: 'warn' });
    // Another source that is merely absent (no ELBv2 here) stays out of the banner.
    expect(sourceProblems([src('ec2', 'absent')])).toEqual([]);
  });
});
