import { describe, expect, it } from 'vitest';
import { ComputedTable } from '../../server/src/analysis/bdd-computed-table';

/** The operation cache: lossy, but never answers with a result it was not given for that very key. */
describe('the computed table', () => {
  it('finds what was inserted, and nothing for a key never inserted (empty slots hold no key)', () => {
    const table = new ComputedTable(4);
    expect(table.lookup(2, 3, 4)).toBe(-1);
    table.insert(2, 3, 4, 17);
    expect(table.lookup(2, 3, 4)).toBe(17);
    expect(table.lookup(2, 3, 5)).toBe(-1);
    // A fresh table's slots are zeros: a key with a = 0 would match them, and no operation looks one up.
    for (let a = 1; a < 100; a++) expect(table.lookup(a, 0, 0)).toBe(-1);
  });

  it('forgets every entry on a clear, those written before the first clear included', () => {
    const table = new ComputedTable(4);
    table.insert(2, 3, 4, 17);
    table.clear();
    expect(table.lookup(2, 3, 4)).toBe(-1);
    table.insert(5, 6, 7, 8);
    expect(table.lookup(5, 6, 7)).toBe(8);
    table.clear();
    expect(table.lookup(5, 6, 7)).toBe(-1);
  });

  it('forgets every entry when its epochs wrap around', () => {
    const table = new ComputedTable(4);
    table.clear();
    table.insert(2, 3, 4, 17);
    // 2^16 epochs: the stamps are reset once, and entries of earlier epochs must stay invalid.
    for (let i = 0; i < 1 << 16; i++) {
      table.clear();
      expect(table.lookup(2, 3, 4)).toBe(-1);
    }
    table.insert(2, 3, 4, 18);
    expect(table.lookup(2, 3, 4)).toBe(18);
  });
});
