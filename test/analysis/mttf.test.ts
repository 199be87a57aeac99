import { describe, expect, it } from 'vitest';
import { integrateReliabilities, integrateReliabilitiesBatched } from '../../server/src/analysis/mttf';
import { gamma } from '../../server/src/analysis/numeric/gamma';

/** ∫₀^∞ R(t) dt for several curves at once, checked against closed forms. */

type Curve = (t: number) => number;

function integrate(curves: readonly Curve[], shortest = 1, longest = 1) {
  return integrateReliabilities(
    curves.length,
    (t, into) => curves.forEach((curve, i) => (into[i] = curve(t))),
    { relTol: 1e-10, shortest, longest },
  );
}

const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('MTTF integration on one log-time grid', () => {
  it('gives 1/λ for exponentials from λ = 1e-9/h to 1e3/h, all on one grid', () => {
    const rates = [1e-9, 1e-6, 1e-3, 1, 1e3];
    const result = integrate(
      rates.map((rate) => (t) => Math.exp(-rate * t)),
      1e-3,
      1e9,
    );
    expect(result.converged).toBe(true);
    rates.forEach((rate, i) => expect(relativeError(result.values[i]!, 1 / rate)).toBeLessThan(1e-10));
  });

  it('gives scale·Γ(1 + 1/shape) for Weibull shapes from 0.3 to 8', () => {
    const shapes = [0.3, 0.5, 1, 2, 3.5, 8];
    const scale = 5000;
    const result = integrate(
      shapes.map((shape) => (t) => Math.exp(-Math.pow(t / scale, shape))),
      scale,
      scale,
    );
    expect(result.converged).toBe(true);
    shapes.forEach((shape, i) => expect(relativeError(result.values[i]!, scale * gamma(1 + 1 / shape))).toBeLessThan(1e-10));
  });

  it('gives the closed forms of 2-of-3, a mixed parallel pair and cold standby (Erlang)', () => {
    const l = 1e-4;
    const [a, b] = [1e-3, 3e-2];
    const twoOfThree: Curve = (t) => 3 * Math.exp(-2 * l * t) - 2 * Math.exp(-3 * l * t);
    const parallelPair: Curve = (t) => Math.exp(-a * t) + Math.exp(-b * t) - Math.exp(-(a + b) * t);
    const erlang4: Curve = (t) => Math.exp(-l * t) * (1 + l * t + (l * t) ** 2 / 2 + (l * t) ** 3 / 6);
    const result = integrate([twoOfThree, parallelPair, erlang4], 30, 1e4);
    expect(relativeError(result.values[0]!, 5 / (6 * l))).toBeLessThan(1e-10);
    expect(relativeError(result.values[1]!, 1 / a + 1 / b - 1 / (a + b))).toBeLessThan(1e-10);
    expect(relativeError(result.values[2]!, 4 / l)).toBeLessThan(1e-10);
  });

  it('finds mass far beyond the hinted time scales, and a curve with two humps six decades apart', () => {
    const twoHumps: Curve = (t) => 0.5 * Math.exp(-t) + 0.5 * Math.exp(-1e-6 * t);
    const farAway: Curve = (t) => Math.exp(-1e-7 * t);
    const result = integrate([twoHumps, farAway], 1, 1);
    expect(result.converged).toBe(true);
    expect(relativeError(result.values[0]!, 0.5 + 0.5e6)).toBeLessThan(1e-10);
    expect(relativeError(result.values[1]!, 1e7)).toBeLessThan(1e-10);
  });

  it('integrates R(0) < 1 (a fixed chance of being failed from the start) and R ≡ 0', () => {
    const result = integrate([(t) => 0.3 * Math.exp(-2 * t), () => 0], 0.5, 0.5);
    expect(relativeError(result.values[0]!, 0.15)).toBeLessThan(1e-10);
    expect(result.values[1]).toBe(0);
  });

  it('costs a number of evaluations that grows with the log of the time range, not with the number of scales', () => {
    const narrow = integrate([(t) => Math.exp(-t)], 1, 1);
    const wide = integrate(
      Array.from({ length: 13 }, (_, k) => (t: number) => Math.exp(-(10 ** (k - 6)) * t)),
      1e-6,
      1e6,
    );
    expect(narrow.evaluations).toBeLessThan(60);
    expect(wide.evaluations).toBeLessThan(200);
    expect(wide.converged).toBe(true);
  });

  it('spends few points far below the shortest scale, where R is still about R(0)', () => {
    const asked: number[] = [];
    const result = integrateReliabilities(1, (t, into) => (asked.push(t), (into[0] = Math.exp(-t))), { shortest: 1, longest: 1 });
    expect(relativeError(result.values[0]!, 1)).toBeLessThan(1e-10);
    // Below a thousandth of the scale the map t = T·exp(s − e⁻ˢ) falls doubly exponentially:
    // a handful of points, where a plain log grid needs a dozen per decade.
    expect(asked.filter((t) => t < 1e-3).length).toBeLessThanOrEqual(8);
    expect(result.evaluations).toBeLessThan(60);
  });

  it('refines only up to where every root has decayed, however far the longest time scale hinted lies', () => {
    const wide = integrate([(t) => Math.exp(-t)], 1, 1e6);
    const right = integrate([(t) => Math.exp(-t)], 1, 1);
    expect(relativeError(wide.values[0]!, 1)).toBeLessThan(1e-10);
    expect(wide.values[0]).toBe(right.values[0]);
    // The coarse grid reaches e³ times the hint (2e7) once, 20 points past the right hint's grid; the two
    // refinements stop where exp(−t) has long vanished (they used to double those points twice: 37 more).
    expect(wide.evaluations - right.evaluations).toBeLessThanOrEqual(24);
    expect(right.evaluations).toBeLessThanOrEqual(36);
  });

  it('says when it ran out of evaluations instead of claiming a result', () => {
    const result = integrateReliabilities(1, (t, into) => (into[0] = Math.exp(-t)), { maxEvaluations: 30 });
    expect(result.converged).toBe(false);
    expect(result.errors[0]).toBe(Infinity);
  });

  it('gives the same sums whatever the batch size (a batch is only how the points are asked for)', () => {
    const curves: Curve[] = [(t) => Math.exp(-1e-3 * t), (t) => 3 * Math.exp(-2e-4 * t) - 2 * Math.exp(-3e-4 * t), (t) => Math.exp(-Math.pow(t / 50, 0.7))];
    const batched = (batchSize: number) =>
      integrateReliabilitiesBatched(
        curves.length,
        (times, into) => times.forEach((t, j) => curves.forEach((curve, i) => (into[j * curves.length + i] = curve(t)))),
        { relTol: 1e-10, shortest: 30, longest: 1e4, batchSize },
      );
    const single = integrate(curves, 30, 1e4);
    for (const size of [1, 3, 4, 64]) {
      const result = batched(size);
      expect([size, result.evaluations]).toEqual([size, single.evaluations]);
      expect(Array.from(result.values)).toEqual(Array.from(single.values));
    }
  });
});
