import { describe, expect, it } from 'vitest';
import { gaussKronrod15 } from '../../server/src/analysis/numeric/gauss-kronrod';
import { gamma } from '../../server/src/analysis/numeric/gamma';
import { integrateToInfinity } from '../../server/src/analysis/numeric/quadrature';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('the 15-point Gauss–Kronrod rule', () => {
  it('integrates every polynomial up to degree 22 exactly', () => {
    for (let k = 0; k <= 22; k++) {
      const exact = k % 2 === 0 ? 2 / (k + 1) : 0;
      const { value } = gaussKronrod15((x) => x ** k, -1, 1);
      expect(Math.abs(value - exact)).toBeLessThan(1e-15);
    }
  });

  it('is no longer exact at degree 24, and its error estimate covers the true error', () => {
    const { value, error } = gaussKronrod15((x) => x ** 24, -1, 1);
    const trueError = Math.abs(value - 2 / 25);
    expect(trueError).toBeGreaterThan(1e-12);
    expect(error).toBeGreaterThanOrEqual(trueError);
  });

  it('maps to any interval: ∫_0^π sin = 2', () => {
    expect(relErr(gaussKronrod15(Math.sin, 0, Math.PI).value, 2)).toBeLessThan(1e-14);
  });
});

describe('integrateToInfinity', () => {
  it('gives ∫₀^∞ e^{−t} dt = 1 in about a hundred evaluations', () => {
    const r = integrateToInfinity((t) => Math.exp(-t));
    expect(r.converged).toBe(true);
    expect(relErr(r.value, 1)).toBeLessThan(1e-13);
    expect(r.evaluations).toBeLessThanOrEqual(200);
    expect(r.error).toBeLessThan(1e-9);
  });

  it('gives ∫₀^∞ e^{−t²} dt = √π / 2', () => {
    const r = integrateToInfinity((t) => Math.exp(-t * t));
    expect(r.converged).toBe(true);
    expect(relErr(r.value, Math.sqrt(Math.PI) / 2)).toBeLessThan(1e-13);
  });

  it('integrates a product of exponentials with rates from 1e-6 to 1 (= 1/Σλ)', () => {
    const rates = [1e-6, 1e-4, 1e-2, 1];
    const r = integrateToInfinity((t) => rates.reduce((p, l) => p * Math.exp(-l * t), 1));
    expect(r.converged).toBe(true);
    expect(relErr(r.value, 1 / (1e-6 + 1e-4 + 1e-2 + 1))).toBeLessThan(1e-12);
  });

  it('integrates the reliability of a parallel system whose rates span 1e-6 to 1 (inclusion–exclusion)', () => {
    const rates = [1e-6, 1e-3, 1];
    const reliability = (t: number): number => 1 - rates.reduce((q, l) => q * -Math.expm1(-l * t), 1);
    // MTTF = Σ over non-empty subsets S of (−1)^{|S|+1} / Σ_{i∈S} λ_i.
    let exact = 0;
    for (let mask = 1; mask < 1 << rates.length; mask++) {
      let sum = 0;
      let size = 0;
      rates.forEach((l, i) => {
        if (mask & (1 << i)) {
          sum += l;
          size++;
        }
      });
      exact += (size % 2 === 1 ? 1 : -1) / sum;
    }
    for (const scale of [1, 1e3, 1e6]) {
      const r = integrateToInfinity(reliability, { scale });
      expect(r.converged).toBe(true);
      expect(relErr(r.value, exact)).toBeLessThan(1e-12);
    }
  });

  it('stays in the low hundreds of evaluations when the scale hint is right', () => {
    const cold = (t: number): number => Math.exp(-5e-4 * t) * (1 + 5e-4 * t);
    const r = integrateToInfinity(cold, { scale: 2000 });
    expect(relErr(r.value, 4000)).toBeLessThan(1e-13);
    expect(r.evaluations).toBeLessThanOrEqual(300);
  });

  it('gives Weibull MTTFs scale·Γ(1 + 1/shape) for shapes 0.5, 1, 1.5 and 3', () => {
    for (const shape of [0.5, 1, 1.5, 3]) {
      const scale = 1000;
      const r = integrateToInfinity((t) => Math.exp(-Math.pow(t / scale, shape)), { scale });
      expect(r.converged).toBe(true);
      expect(relErr(r.value, scale * gamma(1 + 1 / shape))).toBeLessThan(1e-10);
    }
  });

  it('reports a divergent integral as not converged instead of throwing', () => {
    const r = integrateToInfinity(() => 0.5, { maxEvaluations: 600 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(600);
  });

  it('reports a NaN integrand as not converged', () => {
    const r = integrateToInfinity(() => NaN);
    expect(r.converged).toBe(false);
    expect(r.value).toBeNaN();
  });

  it('honours an absolute tolerance', () => {
    const r = integrateToInfinity((t) => Math.exp(-t), { relTol: 0, absTol: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.error).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(r.value - 1)).toBeLessThan(1e-6);
  });
});
