import { describe, expect, it } from 'vitest';
import { RowSlots } from './row-slots';

const keys = (from: number, to: number, prefix = 'r') => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('RowSlots', () => {
  it('numbers the first rows in order and gives the same answer for the same rows', () => {
    const s = new RowSlots();
    expect(s.assign(['a', 'b', 'c'])).toEqual([0, 1, 2]);
    expect(s.assign(['a', 'b', 'c'])).toEqual([0, 1, 2]);
  });

  it('keeps the slot of every row that stays drawn when the list shifts (a live insert above)', () => {
    const s = new RowSlots();
    s.assign(keys(10, 20));
    const shifted = s.assign(keys(9, 19));
    // r10…r18 keep slots 0…8; r9 comes in and takes the slot r19 left.
    expect(shifted).toEqual([9, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reuses every slot, in order, when all rows change (a new filter)', () => {
    const s = new RowSlots();
    s.assign(keys(0, 5));
    expect(s.assign(keys(0, 5, 'x'))).toEqual([0, 1, 2, 3, 4]);
    expect(s.assign(keys(0, 3, 'y'))).toEqual([0, 1, 2]);
    expect(s.assign(keys(0, 4, 'z'))).toEqual([0, 1, 2, 3]);
  });

  it('always gives distinct slots, even for a repeated key', () => {
    const s = new RowSlots();
    s.assign(['a', 'b']);
    const out = s.assign(['b', 'a', 'a', 'c']);
    expect(new Set(out).size).toBe(4);
    expect(out.slice(0, 2)).toEqual([1, 0]);
  });
});
