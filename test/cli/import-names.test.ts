import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateNames,
  FT_NAME_PATTERN,
  FT_RESERVED_WORDS,
  isUsableName,
  sanitizeName,
} from '../../server/src/cli/import/ft-names';

describe('sanitizeName', () => {
  it.each([
    ['pump-a', 'pump-a'],
    ['Pump.A', 'Pump_A'],
    ['pump a/b', 'pump_a_b'],
    ['a--b', 'a-b'],
    ['a---b-', 'a-b_'],
    ['-lead', '_lead'],
    ['2nd', '_2nd'],
    ['', '_'],
    ['système', 'syst_me'],
    ['x\u{1F600}y', 'x_y'],
    ['group', 'group_'],
    ['use', 'use_'],
    ['system', 'system_'],
    ['component', 'component_'],
    ['series', 'series'],
    ['Group', 'Group'],
  ])('%j becomes %j', (raw, expected) => {
    expect(sanitizeName(raw)).toBe(expected);
  });

  it('always gives a name the language accepts and that is not a reserved word', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '_', '-', '0', '9', '.', ' ', 'é', 'g', 'r', 'o', 'u', 'p') }), (raw) => {
        const name = sanitizeName(raw);
        expect(name).toMatch(FT_NAME_PATTERN);
        expect(FT_RESERVED_WORDS.has(name)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('allocateNames', () => {
  it('keeps usable names, lets the first of equal names win and suffixes the rest', () => {
    expect(allocateNames(['x', 'x', 'x'])).toEqual(['x', 'x_2', 'x_3']);
  });

  it('lets a usable original keep its name before a sanitised one claims it', () => {
    expect(allocateNames(['a.b', 'a_b'])).toEqual(['a_b_2', 'a_b']);
  });

  it('suffixes a name ending in _ with the number alone', () => {
    expect(allocateNames(['group', 'group'])).toEqual(['group_', 'group_2']);
  });

  it('is case-sensitive', () => {
    expect(allocateNames(['Pump', 'pump', 'PUMP'])).toEqual(['Pump', 'pump', 'PUMP']);
  });

  it('avoids names already taken', () => {
    expect(allocateNames(['top'], new Set(['top']))).toEqual(['top_2']);
  });

  it('gives distinct usable names to any list of identifiers', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '_', '-', '1', '.', 'g', 'x'), maxLength: 4 }), { maxLength: 30 }), (raws) => {
        const names = allocateNames(raws);
        expect(new Set(names).size).toBe(raws.length);
        for (const name of names) expect(isUsableName(name)).toBe(true);
        raws.forEach((raw, i) => {
          if (isUsableName(raw) && raws.indexOf(raw) === i) expect(names[i]).toBe(raw);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
