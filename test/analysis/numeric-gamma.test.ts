import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gamma, logGamma } from '../../server/src/analysis/numeric/gamma';

/** |a − b| / |b|. */
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('gamma', () => {
  it('is exact on integers: Γ(n) = (n − 1)!', () => {
    expect(gamma(1)).toBe(1);
    expect(gamma(2)).toBe(1);
    expect(gamma(5)).toBe(24);
    expect(gamma(11)).toBe(3628800);
    expect(gamma(21)).toBe(2432902008176640000);
  });

  it('matches known values at half-integers and thirds to 1e-15', () => {
    const sqrtPi = Math.sqrt(Math.PI);
    expect(relErr(gamma(0.5), sqrtPi)).toBeLessThan(1e-15);
    expect(relErr(gamma(1.5), sqrtPi / 2)).toBeLessThan(1e-15);
    expect(relErr(gamma(2.5), (3 * sqrtPi) / 4)).toBeLessThan(1e-15);
    expect(relErr(gamma(-0.5), -2 * sqrtPi)).toBeLessThan(1e-15);
    // Reference values computed with 30-digit arithmetic (mpmath).
    expect(relErr(gamma(1 / 3), 2.6789385347077477889)).toBeLessThan(1e-15);
    expect(relErr(gamma(0.25), 3.6256099082219083119)).toBeLessThan(1e-15);
    expect(relErr(gamma(10.1), 454760.75144158595087)).toBeLessThan(1e-14);
    expect(relErr(gamma(-2.3), -1.4471073942559172639)).toBeLessThan(1e-14);
    expect(relErr(gamma(170.5), 5.5620924145599996107e305)).toBeLessThan(1e-14);
    expect(relErr(gamma(1e-10), 9999999999.4227843352)).toBeLessThan(1e-15);
  });

  it('gives the Weibull mean factors Γ(1 + 1/shape)', () => {
    expect(relErr(gamma(1 + 1 / 0.5), 2)).toBeLessThan(1e-15);
    expect(relErr(gamma(1 + 1 / 1), 1)).toBeLessThan(1e-15);
    expect(relErr(gamma(1 + 1 / 1.5), 0.9027452929509336113)).toBeLessThan(1e-15);
    expect(relErr(gamma(1 + 1 / 3), 0.89297951156924921122)).toBeLessThan(1e-15);
  });

  it('satisfies Γ(x + 1) = x·Γ(x) to 1e-14', () => {
    // Dyadic x with few bits, so that x + 1 is exact and the test measures Γ, not the rounding of x + 1.
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 150 * 1024 }), (k) => {
        const x = k / 1024;
        expect(relErr(gamma(x + 1), x * gamma(x))).toBeLessThan(1e-14);
      }),
    );
  });

  it('satisfies the reflection formula Γ(x)·Γ(1 − x) = π / sin(πx)', () => {
    // Kept away from 0 and 1, where Math.sin(Math.PI * x) itself loses digits.
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), (x) => {
        expect(relErr(gamma(x) * gamma(1 - x), Math.PI / Math.sin(Math.PI * x))).toBeLessThan(5e-14);
      }),
    );
  });

  it('is NaN at the poles and for NaN, and overflows to Infinity', () => {
    expect(gamma(0)).toBeNaN();
    expect(gamma(-3)).toBeNaN();
    expect(gamma(NaN)).toBeNaN();
    expect(gamma(172)).toBe(Infinity);
    expect(gamma(Infinity)).toBe(Infinity);
  });
});

describe('logGamma', () => {
  it('matches known values, also far beyond where Γ overflows', () => {
    expect(relErr(logGamma(0.5), 0.5723649429247000870717)).toBeLessThan(1e-15);
    expect(relErr(logGamma(2.5), 0.2846828704729191596325)).toBeLessThan(1e-15);
    expect(relErr(logGamma(1000), 5905.220423209181211826)).toBeLessThan(1e-15);
    expect(relErr(logGamma(1e6), 12815504.56914761165998)).toBeLessThan(1e-15);
  });

  it('is exactly 0 at 1 and 2 and Infinity at the poles', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-2)).toBe(Infinity);
  });

  it('agrees with ln Γ(x) where Γ is finite', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 170, noNaN: true }), (x) => {
        expect(Math.abs(logGamma(x) - Math.log(gamma(x)))).toBeLessThan(1e-13 * Math.max(1, Math.abs(logGamma(x))));
      }),
    );
  });
});
