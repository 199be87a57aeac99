import { describe, expect, it } from 'vitest';
import { equalInts, hashOfInts, IntArrayMap, sortedIncludes } from '../../server/src/analysis/int-arrays';

describe('sortedIncludes (binary search in an ascending Int32Array)', () => {
  it('finds every member, first and last included, and nothing between or beyond', () => {
    const sorted = Int32Array.of(-3, 0, 2, 5, 9);
    for (const x of sorted) expect(sortedIncludes(sorted, x)).toBe(true);
    for (const x of [-4, -1, 1, 3, 6, 10]) expect(sortedIncludes(sorted, x)).toBe(false);
    expect(sortedIncludes(new Int32Array(0), 0)).toBe(false);
  });
});

describe('IntArrayMap (keys are the contents of Int32Arrays)', () => {
  it('finds a value under an equal array, not under one that differs in order or length', () => {
    const map = new IntArrayMap<string>();
    map.set(Int32Array.of(1, 2, 3), 'a');
    expect(map.get(Int32Array.of(1, 2, 3))).toBe('a');
    expect(map.get(Int32Array.of(3, 2, 1))).toBeUndefined();
    expect(map.get(Int32Array.of(1, 2))).toBeUndefined();
    expect(map.get(Int32Array.of(1, 2, 3, 0))).toBeUndefined();
  });

  it('keeps two different keys apart even when their hashes collide', () => {
    const map = new IntArrayMap<number>();
    map.set(Int32Array.of(7), 1, 42);
    map.set(Int32Array.of(8), 2, 42);
    expect(map.get(Int32Array.of(7), 42)).toBe(1);
    expect(map.get(Int32Array.of(8), 42)).toBe(2);
    expect(map.get(Int32Array.of(9), 42)).toBeUndefined();
  });

  it('hashes to an exact integer that depends on contents and order', () => {
    const h = hashOfInts(Int32Array.of(-5, 0, 2_000_000_000));
    expect(Number.isSafeInteger(h)).toBe(true);
    expect(hashOfInts(Int32Array.of(-5, 0, 2_000_000_000))).toBe(h);
    expect(hashOfInts(Int32Array.of(0, -5, 2_000_000_000))).not.toBe(h);
    expect(equalInts(Int32Array.of(1, 2), Int32Array.of(1, 2))).toBe(true);
    expect(equalInts(Int32Array.of(1, 2), Int32Array.of(2, 1))).toBe(false);
  });
});
