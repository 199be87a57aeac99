import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../server/src/analysis/natural-order';

describe('natural order of event names', () => {
  it('orders replica indices by value', () => {
    expect(['app[10]', 'app[2]', 'app[1]'].sort(compareNatural)).toEqual(['app[1]', 'app[2]', 'app[10]']);
  });
  it('orders plain names by code unit', () => {
    expect(['db', 'cache', 'app'].sort(compareNatural)).toEqual(['app', 'cache', 'db']);
  });
  it('puts a prefix before its extension', () => {
    expect(compareNatural('db', 'db[1]')).toBeLessThan(0);
  });
  it('compares long digit runs without precision loss', () => {
    expect(compareNatural('x9007199254740993', 'x9007199254740992')).toBeGreaterThan(0);
  });
  it('is zero only for equal strings', () => {
    expect(compareNatural('a01', 'a1')).not.toBe(0);
    expect(compareNatural('a1', 'a1')).toBe(0);
  });
});
