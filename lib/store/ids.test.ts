import { describe, expect, it } from 'vitest';
import { isReportId, newReportId, REPORT_ID } from './ids';

describe('report ids', () => {
  it('are 22 base64url characters carrying 128 random bits', () => {
    const ids = Array.from({ length: 2000 }, () => newReportId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
      expect(isReportId(id)).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('end in one of the four characters 16 bytes can end in', () => {
    const last = new Set(Array.from({ length: 2000 }, () => newReportId().slice(-1)));
    expect([...last].sort()).toEqual(['A', 'Q', 'g', 'w']);
  });

  it.each([
    ['empty', ''],
    ['21 characters', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['23 characters', 'AAAAAAAAAAAAAAAAAAAAAAA'],
    ['a last character 16 bytes never produce', 'AAAAAAAAAAAAAAAAAAAAAB'],
    ['base64 (not url) alphabet', 'AAAAAAAAAAAAAAAAAAAA+A'],
    ['padding', 'AAAAAAAAAAAAAAAAAAAA=='],
    ['a path', '../../../etc/passwd/AA'],
    ['a trailing newline', 'AAAAAAAAAAAAAAAAAAAAAA\n'],
    ['SQL', "' OR 1=1 --AAAAAAAAAAA"],
  ])('reject %s', (_, value) => {
    expect(isReportId(value)).toBe(false);
    expect(REPORT_ID.test(value)).toBe(false);
  });

  it('reject values that are not strings', () => {
    expect(isReportId(undefined)).toBe(false);
    expect(isReportId(42)).toBe(false);
    expect(isReportId({ id: 'AAAAAAAAAAAAAAAAAAAAAA' })).toBe(false);
  });
});
