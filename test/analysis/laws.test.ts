import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cumulativeHazard,
  fitToRate,
  instanceFigures,
  lawMttf,
  meanUpTime,
  reliabilityAt,
  splitForCcf,
  unreliabilityAt,
} from '../../server/src/analysis/laws';
import { gamma } from '../../server/src/analysis/numeric/gamma';
import { integrateToInfinity } from '../../server/src/analysis/numeric/quadrature';
import type { Law } from '../../server/src/language/model';

const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const exponential = (rate: number): Law => ({ kind: 'exponential', rate });
const weibull = (shape: number, scale: number, factor = 1): Law => ({ kind: 'weibull', shape, scale, factor });

describe('laws as cumulative hazards', () => {
  it('turns `fit N` into N failures per 10^9 hours, correctly rounded', () => {
    expect(fitToRate(1)).toBe(1e-9);
    expect(fitToRate(250)).toBe(2.5e-7);
    expect(fitToRate(3)).toBe(3e-9); // 3 * 1e-9 would give 3.0000000000000004e-9
  });

  it('gives H(t) = λt for an exponential law and (1 − retry)(t/scale)^shape for Weibull', () => {
    expect(cumulativeHazard({ kind: 'exponential', rate: 2e-6 }, 1000)).toBeCloseTo(2e-3, 18);
    expect(relErr(cumulativeHazard({ kind: 'weibull', shape: 2, scale: 100, factor: 0.5 }, 50), 0.125)).toBeLessThan(1e-15);
    expect(cumulativeHazard({ kind: 'exponential', rate: 1 }, 0)).toBe(0);
    expect(cumulativeHazard({ kind: 'exponential', rate: 1 }, -5)).toBe(0);
  });
});

describe('unreliabilityAt and reliabilityAt', () => {
  it('computes 1 − e^{−H} precisely when H = 1e-15 (no cancellation)', () => {
    const law = exponential(1e-15);
    // 1 − e^{−x} = x − x²/2 + …: at x = 1e-15 the answer is 1e-15 to 16 digits.
    expect(relErr(unreliabilityAt(law, 1), 1e-15 - 5e-31)).toBeLessThan(1e-15);
    expect(1 - Math.exp(-1e-15)).not.toBe(unreliabilityAt(law, 1)); // the naive formula is off
  });

  it('gives R = e^{−H} and F = 1 − R, each computed on its own', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (rate, t) => {
        const law = exponential(rate);
        expect(relErr(reliabilityAt(law, t), Math.exp(-rate * t))).toBeLessThan(1e-15);
        expect(Math.abs(reliabilityAt(law, t) + unreliabilityAt(law, t) - 1)).toBeLessThan(1e-15);
      }),
    );
  });

  it('gives a fixed law the same q at every time, and its own p when the text gave one', () => {
    const law: Law = { kind: 'fixed', q: 1e-4, p: 0.9999 };
    expect(unreliabilityAt(law, 0)).toBe(1e-4);
    expect(unreliabilityAt(law, 1e6)).toBe(1e-4);
    expect(reliabilityAt(law, 1e6)).toBe(0.9999);
    expect(reliabilityAt({ kind: 'fixed', q: 0.25 }, 10)).toBe(0.75);
  });

  it('applies retry to a Weibull law through its factor', () => {
    const law = weibull(2, 1000, 0.1);
    expect(relErr(unreliabilityAt(law, 1000), -Math.expm1(-0.1))).toBeLessThan(1e-15);
  });
});

describe('lawMttf', () => {
  it('is 1/λ for an exponential law', () => {
    expect(lawMttf(exponential(2e-4))).toBe(5000);
  });

  it('is scale·Γ(1 + 1/shape) for Weibull shapes 0.5, 1, 1.5 and 3, matching ∫R dt', () => {
    for (const shape of [0.5, 1, 1.5, 3]) {
      const law = weibull(shape, 1000);
      const closed = lawMttf(law) as number;
      expect(relErr(closed, 1000 * gamma(1 + 1 / shape))).toBeLessThan(1e-15);
      const integral = integrateToInfinity((t) => reliabilityAt(law, t), { scale: 1000 });
      expect(relErr(integral.value, closed)).toBeLessThan(1e-10);
    }
    expect(relErr(lawMttf(weibull(0.5, 1000)) as number, 2000)).toBeLessThan(1e-15);
  });

  it('scales a Weibull MTTF by factor^(−1/shape) after retry', () => {
    expect(relErr(lawMttf(weibull(2, 100, 0.25)) as number, 100 * 2 * gamma(1.5))).toBeLessThan(1e-15);
  });

  it('stays finite through logarithms when an intermediate would overflow', () => {
    // scale·Γ(1 + 1/0.004) = 1e-300 · Γ(251): Γ(251) overflows, the product does not.
    const m = meanUpTime({ kind: 'weibull', shape: 0.004, scale: 1e-300, factor: 1 });
    expect(Number.isFinite(m)).toBe(true);
    expect(relErr(Math.log(m), Math.log(1e-300) + 1134.045231790853)).toBeLessThan(1e-12);
  });

  it('is null when R does not tend to 0: a fixed law with q < 1, or a rate of 0', () => {
    expect(lawMttf({ kind: 'fixed', q: 0.5 })).toBeNull();
    expect(lawMttf({ kind: 'fixed', q: 1 })).toBe(0);
    expect(lawMttf(exponential(0))).toBeNull();
    expect(lawMttf(weibull(2, 100, 0))).toBeNull();
  });
});

describe('instanceFigures', () => {
  it('gives q = MTTR/(MTBF + MTTR), A = MTBF/(MTBF + MTTR), ν = λ(1 − q) for an exponential law', () => {
    const f = instanceFigures(exponential(1 / 50000), 1);
    expect(relErr(f.unavailability as number, 1 / 50001)).toBeLessThan(1e-15);
    expect(relErr(f.availability as number, 50000 / 50001)).toBeLessThan(1e-15);
    expect(relErr(f.frequency as number, (1 / 50000) * (50000 / 50001))).toBeLessThan(1e-15);
    expect(relErr(f.mtbf as number, 50000)).toBeLessThan(1e-15);
  });

  it('keeps q precise at 1e-15 (no 1 − A)', () => {
    const f = instanceFigures(exponential(1e-15), 1);
    expect(relErr(f.unavailability as number, 1e-15 / (1 + 1e-15))).toBeLessThan(1e-15);
  });

  it('uses the Weibull mean up time and the renewal rate 1/(MTBF + MTTR)', () => {
    const law = weibull(1.5, 1000);
    const mtbf = 1000 * gamma(1 + 1 / 1.5);
    const f = instanceFigures(law, 10);
    expect(relErr(f.mtbf as number, mtbf)).toBeLessThan(1e-15);
    expect(relErr(f.unavailability as number, 10 / (mtbf + 10))).toBeLessThan(1e-15);
    expect(relErr(f.frequency as number, 1 / (mtbf + 10))).toBeLessThan(1e-15);
  });

  it('has no availability without an MTTR, but still an MTBF', () => {
    expect(instanceFigures(exponential(1e-3), undefined)).toEqual({
      unavailability: undefined,
      availability: undefined,
      frequency: undefined,
      mtbf: 1000,
    });
  });

  it('gives a fixed law q, its p (or 1 − q), frequency 0 and no MTBF', () => {
    expect(instanceFigures({ kind: 'fixed', q: 1e-4, p: 0.9999 }, undefined)).toEqual({
      unavailability: 1e-4,
      availability: 0.9999,
      frequency: 0,
      mtbf: undefined,
    });
    expect(instanceFigures({ kind: 'fixed', q: 0.5 }, undefined).availability).toBe(0.5);
  });

  it('treats a component that never fails as always available, and an MTTR of 0 as no downtime', () => {
    expect(instanceFigures(exponential(0), 5)).toEqual({ unavailability: 0, availability: 1, frequency: 0, mtbf: Infinity });
    const instant = instanceFigures(exponential(1e-3), 0);
    expect(instant.unavailability).toBe(0);
    expect(instant.availability).toBe(1);
    expect(instant.frequency).toBe(1e-3);
  });
});

describe('splitForCcf', () => {
  it('splits an exponential rate into (1 − β)λ own and βλ common', () => {
    const { own, common } = splitForCcf(exponential(1e-4), 0.1);
    expect(own).toEqual({ kind: 'exponential', rate: 0.9 * 1e-4 });
    expect(common).toEqual({ kind: 'exponential', rate: 0.1 * 1e-4 });
  });

  it('splits a Weibull hazard through its factor, so H_own + H_common = H', () => {
    const law = weibull(2, 100, 0.5);
    const { own, common } = splitForCcf(law, 0.2);
    for (const t of [1, 10, 100, 1000]) {
      const sum = cumulativeHazard(own as never, t) + cumulativeHazard(common as never, t);
      expect(relErr(sum, cumulativeHazard(law as never, t))).toBeLessThan(1e-15);
    }
  });

  it('splits a fixed q into (1 − β)q and βq, with complements p + βq and p + (1 − β)q', () => {
    const { own, common } = splitForCcf({ kind: 'fixed', q: 1e-3, p: 0.999 }, 0.1);
    expect(own).toEqual({ kind: 'fixed', q: 0.9 * 1e-3, p: 0.999 + 0.1 * 1e-3 });
    expect(common).toEqual({ kind: 'fixed', q: 0.1 * 1e-3, p: 0.999 + 0.9 * 1e-3 });
    expect(splitForCcf({ kind: 'fixed', q: 0.5 }, 0.5).own).toEqual({ kind: 'fixed', q: 0.25 });
  });
});
