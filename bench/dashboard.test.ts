import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jsonBody, timedGet, type TimedResponse } from './dashboard';

const response = (body: Buffer, encoding?: string): TimedResponse => ({ status: 200, ms: 1, bytes: body.length, headers: encoding ? { 'content-encoding': encoding } : {}, body });

describe('jsonBody', () => {
  const json = Buffer.from('{"pods":[{"id":"a"}]}');

  it('reads plain and gzip bodies and counts one layer for Content-Encoding: gzip', () => {
    expect(jsonBody(response(json))).toEqual({ value: { pods: [{ id: 'a' }] }, gzipLayers: 0 });
    expect(jsonBody(response(gzipSync(json), 'gzip'))).toEqual({ value: { pods: [{ id: 'a' }] }, gzipLayers: 1 });
  });

  it('notices a body compressed twice under one Content-Encoding (what a browser could not read)', () => {
    expect(jsonBody(response(gzipSync(gzipSync(json)), 'gzip')).gzipLayers).toBe(2);
  });
});

describe('timedGet', () => {
  it('refuses anything but http://127.0.0.1', async () => {
    await expect(timedGet('http://example.com/')).rejects.toThrow(/loopback only/);
    await expect(timedGet('https://127.0.0.1/')).rejects.toThrow(/loopback only/);
  });
});
