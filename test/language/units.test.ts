import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quantity, QuantitySuffix } from '../../server/src/language/ast';
import {
  asComplementProbability,
  asCount,
  asDowntimePerYear,
  asDuration,
  asNumber,
  asProbability,
  asRate,
  convertUnit,
  decimalComplement,
  durationFromText,
  quantityFromText,
  suggestUnit,
  type Result,
} from '../../server/src/language/units';

/** A quantity token as the lexer makes it: `-?NUM SUFFIX?`, placed at `start`. */
function q(text: string, start = 10): Quantity {
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(.*)$/.exec(text)!;
  const numberText = m[1]!;
  const rest = m[2]!;
  let suffix: QuantitySuffix;
  if (rest === '') suffix = { kind: 'none' };
  else if (rest === '%') suffix = { kind: 'percent' };
  else if (rest.startsWith('/')) suffix = { kind: 'per', unit: rest.slice(1) };
  else if (rest.includes('/')) {
    const [unit, per] = rest.split('/');
    suffix = { kind: 'unit-per', unit: unit!, per: per! };
  } else suffix = { kind: 'unit', unit: rest };
  return { text, number: Number(numberText), numberText, suffix, span: { start, end: start + text.length } };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected an error, got ${String(result.value)}`);
  return result.error;
}

describe('durations', () => {
  it('convert every unit to hours exactly (w = 168 h, mo = 730 h, y = 8760 h)', () => {
    expect(value(asDuration(q('4h')))).toBe(4);
    expect(value(asDuration(q('90min')))).toBe(1.5);
    expect(value(asDuration(q('30s')))).toBe(30 / 3600);
    expect(value(asDuration(q('1800000ms')))).toBe(0.5);
    expect(value(asDuration(q('2d')))).toBe(48);
    expect(value(asDuration(q('1w')))).toBe(168);
    expect(value(asDuration(q('1mo')))).toBe(730);
    expect(value(asDuration(q('1y')))).toBe(8760);
    expect(value(asDuration(q('1.5e3h')))).toBe(1500);
  });

  it("report a bare number as 'missing unit'", () => {
    const e = error(asDuration(q('4')));
    expect(e).toMatchObject({ code: 'missing-unit', message: 'missing unit', span: { start: 10, end: 11 } });
  });

  it("report 'sec' as an unknown unit with 's' suggested, underlining the unit only", () => {
    const e = error(asDuration(q('30sec')));
    expect(e.code).toBe('unknown-unit');
    expect(e.message).toBe("unknown unit 'sec' (did you mean 's'?)");
    expect(e.data).toEqual({ suggestion: 's' });
    expect(e.span).toEqual({ start: 12, end: 15 });
  });

  it("report 'm' as ambiguous, suggesting 'min'", () => {
    const e = error(asDuration(q('5m')));
    expect(e).toMatchObject({ code: 'unit-minutes', message: "'m': did you mean 'min'?", data: { suggestion: 'min' } });
    expect(e.span).toEqual({ start: 11, end: 12 });
  });

  it('suggest units for common words and misspellings', () => {
    expect(suggestUnit('hours')).toBe('h');
    expect(suggestUnit('hr')).toBe('h');
    expect(suggestUnit('H')).toBe('h');
    expect(suggestUnit('yr')).toBe('y');
    expect(suggestUnit('mins')).toBe('min');
    expect(suggestUnit('month')).toBe('mo');
    expect(suggestUnit('msec')).toBe('ms');
    expect(suggestUnit('zzzzzz')).toBeUndefined();
  });

  it('list the units when no suggestion is close', () => {
    expect(error(asDuration(q('3parsecs'))).message).toBe("unknown unit 'parsecs' (units are ms, s, min, h, d, w, mo, y)");
  });

  it('reject negative and non-finite values with clear messages', () => {
    expect(error(asDuration(q('-5h')))).toMatchObject({ code: 'negative-value', message: 'values cannot be negative' });
    expect(error(asDuration(q('1e400h')))).toMatchObject({ code: 'not-finite', message: "'1e400' is not a finite number" });
  });

  it('reject a percentage or a rate where a duration is expected', () => {
    expect(error(asDuration(q('5%')))).toMatchObject({
      code: 'wrong-quantity',
      message: "expected a duration such as 4h or 30min, not a percentage ('5%')",
    });
    expect(error(asDuration(q('5/h'))).code).toBe('wrong-quantity');
  });
});

describe('rates', () => {
  it('convert N/UNIT to per hour', () => {
    expect(value(asRate(q('2e-6/h')))).toBe(2e-6);
    expect(value(asRate(q('3/y')))).toBe(3 / 8760);
    expect(value(asRate(q('1/min')))).toBe(60);
  });

  it('convert N/UNIT to per year exactly for outage targets', () => {
    expect(value(asRate(q('4/y'), 'y'))).toBe(4);
    expect(value(asRate(q('1/mo'), 'y'))).toBe(12);
    expect(value(asRate(q('1/w'), 'y'))).toBeCloseTo(8760 / 168, 12);
  });

  it("report a bare rate as 'missing unit' and a bad unit with a suggestion", () => {
    expect(error(asRate(q('2e-6')))).toMatchObject({ code: 'missing-unit', message: 'missing unit' });
    expect(error(asRate(q('2/hour')))).toMatchObject({ code: 'unknown-unit', message: "unknown unit 'hour' (did you mean 'h'?)" });
    expect(error(asRate(q('2/m')))).toMatchObject({ code: 'unit-minutes' });
  });

  it('reject a duration where a rate is expected', () => {
    expect(error(asRate(q('2h')))).toMatchObject({ code: 'wrong-quantity', message: "expected a rate such as 2e-6/h or 3/y, not a duration ('2h')" });
  });
});

describe('probabilities', () => {
  it('read 0.999 and 99.9% alike', () => {
    expect(value(asProbability(q('0.999')))).toBe(0.999);
    expect(value(asProbability(q('99.9%')))).toBeCloseTo(0.999, 15);
    expect(value(asProbability(q('0')))).toBe(0);
    expect(value(asProbability(q('100%')))).toBe(1);
  });

  it('reject values outside [0, 1], suggesting a percentage for 1 < x ≤ 100', () => {
    expect(error(asProbability(q('99.9')))).toMatchObject({
      code: 'probability-range',
      message: 'a probability is between 0 and 1 (did you mean 99.9%?)',
      data: { suggestion: '99.9%' },
    });
    expect(error(asProbability(q('150%')))).toMatchObject({ code: 'probability-range', message: 'a probability is at most 100% (got 150%)' });
    expect(error(asProbability(q('-0.1')))).toMatchObject({ code: 'negative-value' });
  });

  it('compute 1 − A on the decimal text, exact where 1 − 0.9999… would cancel', () => {
    expect(value(asComplementProbability(q('99.99%')))).toBe(1e-4);
    expect(value(asComplementProbability(q('0.999')))).toBe(0.001);
    expect(value(asComplementProbability(q('99.9999999999999%')))).toBe(1e-15);
    expect(value(asComplementProbability(q('9.999e-1')))).toBe(1e-4);
    expect(value(asComplementProbability(q('100%')))).toBe(0);
    expect(value(asComplementProbability(q('1')))).toBe(0);
    expect(value(asComplementProbability(q('0')))).toBe(1);
    expect(value(asComplementProbability(q('1e-500')))).toBe(1);
  });

  it('equals the correctly rounded (10^k − D)/10^k for any decimal D/10^k (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }).chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 0, max: 10 ** k }))),
        ([k, d]) => {
          const digits = String(d).padStart(k + 1, '0');
          const text = `${digits.slice(0, -k)}.${digits.slice(-k)}`;
          // Both operands are exact doubles (< 2^53 and 10^k ≤ 10^22): one correctly rounded division.
          expect(decimalComplement(text, 0)).toBe((10 ** k - d) / 10 ** k);
        },
      ),
    );
  });
});

describe('counts and plain numbers', () => {
  it('accept whole numbers only for counts', () => {
    expect(value(asCount(q('3')))).toBe(3);
    expect(value(asCount(q('1e3')))).toBe(1000);
    expect(error(asCount(q('2.5')))).toMatchObject({ code: 'not-an-integer', message: 'expected a whole number, not 2.5' });
    expect(error(asCount(q('3h')))).toMatchObject({ code: 'wrong-quantity', message: "expected a whole number, not a duration ('3h')" });
  });

  it('accept plain numbers without unit', () => {
    expect(value(asNumber(q('1.5')))).toBe(1.5);
    expect(error(asNumber(q('1.5h'))).code).toBe('wrong-quantity');
    expect(error(asNumber(q('-2')))).toMatchObject({ code: 'negative-value', message: 'values cannot be negative' });
  });
});

describe('downtime per year', () => {
  it('reads a duration as hours per year', () => {
    expect(value(asDowntimePerYear(q('5h')))).toBe(5);
    expect(value(asDowntimePerYear(q('52.6min')))).toBeCloseTo(52.6 / 60, 15);
  });

  it('reads DURATION/UNIT as that much per period', () => {
    expect(value(asDowntimePerYear(q('22min/mo')))).toBe(4.4);
    expect(value(asDowntimePerYear(q('1h/w')))).toBeCloseTo(8760 / 168, 12);
    expect(value(asDowntimePerYear(q('1d/y')))).toBe(24);
  });

  it('underlines the faulty unit of DURATION/UNIT', () => {
    const e = error(asDowntimePerYear(q('22min/month')));
    expect(e).toMatchObject({ code: 'unknown-unit', message: "unknown unit 'month' (did you mean 'mo'?)" });
    expect(e.span).toEqual({ start: 16, end: 21 });
    const f = error(asDowntimePerYear(q('22mn/mo')));
    expect(f.span).toEqual({ start: 12, end: 14 });
  });

  it("says 'missing unit' for a bare number", () => {
    expect(error(asDowntimePerYear(q('5'))).message).toBe('missing unit');
  });
});

describe('unit conversion', () => {
  it('is exact between whole units', () => {
    expect(convertUnit(1, 'y', 'mo')).toBe(12);
    expect(convertUnit(1, 'w', 'd')).toBe(7);
    expect(convertUnit(1, 'min', 's')).toBe(60);
    expect(convertUnit(3600, 's', 'h')).toBe(1);
  });
});

describe('quantities outside a model (CLI --mission, editor settings)', () => {
  it('read like in a model', () => {
    expect(value(durationFromText('30d'))).toBe(720);
    expect(value(durationFromText(' 1y '))).toBe(8760);
    expect(quantityFromText('22min/mo')?.suffix).toEqual({ kind: 'unit-per', unit: 'min', per: 'mo' });
    expect(quantityFromText('4/y')?.suffix).toEqual({ kind: 'per', unit: 'y' });
  });

  it('give the same errors', () => {
    expect(error(durationFromText('30'))).toMatchObject({ code: 'missing-unit', message: 'missing unit' });
    expect(error(durationFromText('5m'))).toMatchObject({ code: 'unit-minutes' });
    expect(error(durationFromText('-1h'))).toMatchObject({ code: 'negative-value' });
    expect(error(durationFromText('soon'))).toMatchObject({ code: 'wrong-quantity', message: "expected a duration such as 4h or 30min, not 'soon'" });
  });
});
