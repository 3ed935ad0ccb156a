import { describe, expect, it } from 'vitest';
import { StoreError } from './errors';
import { formatBytes, requireLimit, requireText, serializeJson } from './validate';

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('serializeJson', () => {
  it('measures UTF-8 bytes, not characters', () => {
    // "€" is 3 bytes in UTF-8; the JSON text is the string in quotes.
    expect(serializeJson('payload', '€€', 100)).toEqual({ text: '"€€"', bytes: 8 });
  });

  it('accepts exactly the limit and refuses one byte more, saying both sizes', () => {
    const limit = 1024;
    const fits = 'x'.repeat(limit - 2); // plus two quotes
    expect(serializeJson('payload', fits, limit).bytes).toBe(limit);
    const err = thrown(() => serializeJson('payload', `${fits}x`, limit));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('payload is 1025 bytes as JSON; the limit is 1024 bytes (1 KiB)');
  });

  it('refuses values JSON cannot hold, naming the field', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(thrown(() => serializeJson('payload', cycle, 1000)).message).toMatch(/^payload is not JSON-serialisable: .*circular/i);
    expect(thrown(() => serializeJson('query', { n: 10n }, 1000)).message).toMatch(/^query is not JSON-serialisable: .*BigInt/);
    const missing = thrown(() => serializeJson('payload', undefined, 1000));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toBe('payload is missing or not JSON-serialisable (got undefined)');
  });
});

describe('requireText', () => {
  it('returns good text unchanged', () => {
    expect(requireText('title', 'Fargate waste, test2', 1, 200)).toBe('Fargate waste, test2');
  });

  it.each([
    [42, 1, 'title must be a string, got number 42'],
    ['', 1, 'title must not be empty'],
    ['x'.repeat(201), 1, 'title is 201 characters; the limit is 200'],
    ['a\0b', 1, 'title must not contain NUL characters'],
  ])('refuses %j with a precise message', (value, min, message) => {
    const err = thrown(() => requireText('title', value, min, 200));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(message);
  });
});

describe('requireLimit', () => {
  it('defaults when absent and accepts the bounds', () => {
    expect(requireLimit(undefined, 50, 200)).toBe(50);
    expect(requireLimit(1, 50, 200)).toBe(1);
    expect(requireLimit(200, 50, 200)).toBe(200);
  });

  it.each([0, 201, 2.5, Number.NaN, '10'])('refuses %j', (value) => {
    expect(thrown(() => requireLimit(value, 50, 200)).message).toMatch(/^limit must be an integer from 1 to 200, got /);
  });
});

describe('formatBytes', () => {
  it('names whole binary units', () => {
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB');
    expect(formatBytes(256 * 1024)).toBe('256 KiB');
    expect(formatBytes(1000)).toBe('1000 bytes');
  });
});
