/**
 * Figures of one component instance (or one CCF share) from its failure law,
 * in canonical units (hours, per hour, probabilities). Spec §4 "Laws",
 * "Recovery", "Per-instance figures", "Common cause".
 *
 * Every probability and its complement are computed each from its own
 * formula, never as 1 − the other, so that both stay precise near 0.
 */
import type { Law } from '../language/model';
import { gamma, logGamma } from './numeric/gamma';

export interface InstanceFigures {
  /** q = MTTR'/(MTBF' + MTTR'); fixed law: q; undefined when not repairable. */
  unavailability: number | undefined;
  /** MTBF'/(MTBF' + MTTR'); fixed law: its `p`, else 1 − q; undefined when not repairable. */
  availability: number | undefined;
  /** Failures per hour in steady state: exponential λ'(1 − q); Weibull 1/(MTBF' + MTTR'); fixed law 0. */
  frequency: number | undefined;
  /** Mean up time after retry; Infinity when the instance never fails; undefined for a fixed law. */
  mtbf: number | undefined;
}

/**
 * `fit N` as a rate per hour: N failures per 10^9 hours. Divides by the exact
 * 1e9 rather than multiplying by the inexact 1e-9, so the result is the
 * correctly rounded N·10^−9.
 */
export function fitToRate(fit: number): number {
  return fit / 1e9;
}

/** The working probability of a fixed law: its own `p` when the text gave it, else 1 − q. */
export function fixedWorking(law: Extract<Law, { kind: 'fixed' }>): number {
  return law.p ?? 1 - law.q;
}

/** Cumulative hazard H(t) of a time-based law (0 for t ≤ 0). */
export function cumulativeHazard(law: Exclude<Law, { kind: 'fixed' }>, t: number): number {
  if (!(t > 0)) return 0;
  if (law.kind === 'exponential') return law.rate === 0 ? 0 : law.rate * t;
  if (law.factor === 0) return 0;
  return law.factor * Math.pow(t / law.scale, law.shape);
}

/**
 * Mean up time of a time-based law after retry: exponential 1/λ'; Weibull
 * scale·factor^(−1/shape)·Γ(1 + 1/shape). Infinity when it never fails.
 */
export function meanUpTime(law: Exclude<Law, { kind: 'fixed' }>): number {
  if (law.kind === 'exponential') return law.rate === 0 ? Infinity : 1 / law.rate;
  if (law.factor === 0) return Infinity;
  const direct = law.scale * Math.pow(law.factor, -1 / law.shape) * gamma(1 + 1 / law.shape);
  if (Number.isFinite(direct) && direct > 0) return direct;
  // A tiny shape or factor overflows an intermediate: go through logarithms.
  return Math.exp(Math.log(law.scale) - Math.log(law.factor) / law.shape + logGamma(1 + 1 / law.shape));
}

/** Steady-state figures of one instance repaired after a mean MTTR' (hours). */
export function instanceFigures(law: Law, mttr: number | undefined): InstanceFigures {
  if (law.kind === 'fixed') {
    return { unavailability: law.q, availability: fixedWorking(law), frequency: 0, mtbf: undefined };
  }
  const mtbf = meanUpTime(law);
  if (mttr === undefined) {
    return { unavailability: undefined, availability: undefined, frequency: undefined, mtbf };
  }
  if (mtbf === Infinity) return { unavailability: 0, availability: 1, frequency: 0, mtbf };
  const cycle = mtbf + mttr;
  if (cycle === 0) return { unavailability: 0, availability: 1, frequency: 0, mtbf };
  const availability = mtbf / cycle;
  const frequency = law.kind === 'exponential' ? law.rate * availability : 1 / cycle;
  return { unavailability: mttr / cycle, availability, frequency, mtbf };
}

/** Probability of failure by time t, no repair: 1 − exp(−H(t)) as −expm1(−H), precise for tiny H. */
export function unreliabilityAt(law: Law, t: number): number {
  if (law.kind === 'fixed') return law.q;
  return -Math.expm1(-cumulativeHazard(law, t));
}

/** Probability of no failure by time t: exp(−H(t)); fixed law: its working probability. */
export function reliabilityAt(law: Law, t: number): number {
  if (law.kind === 'fixed') return fixedWorking(law);
  return Math.exp(-cumulativeHazard(law, t));
}

/** ∫₀^∞ R(t) dt in closed form; null when R does not tend to 0 (never fails, or a fixed q < 1). */
export function lawMttf(law: Law): number | null {
  if (law.kind === 'fixed') return law.q >= 1 ? 0 : null;
  const mean = meanUpTime(law);
  return mean === Infinity ? null : mean;
}

/**
 * Common-cause split with factor β: the hazard H becomes (1 − β)H of the
 * instance's own and βH common (for a Weibull law the factor carries it); a
 * fixed q becomes (1 − β)q and βq, their complements p + βq and p + (1 − β)q.
 */
export function splitForCcf(law: Law, beta: number): { own: Law; common: Law } {
  const keep = 1 - beta;
  switch (law.kind) {
    case 'exponential':
      return { own: { kind: 'exponential', rate: keep * law.rate }, common: { kind: 'exponential', rate: beta * law.rate } };
    case 'weibull':
      return {
        own: { kind: 'weibull', shape: law.shape, scale: law.scale, factor: keep * law.factor },
        common: { kind: 'weibull', shape: law.shape, scale: law.scale, factor: beta * law.factor },
      };
    case 'fixed': {
      const p = law.p;
      if (p === undefined) return { own: { kind: 'fixed', q: keep * law.q }, common: { kind: 'fixed', q: beta * law.q } };
      return {
        own: { kind: 'fixed', q: keep * law.q, p: p + beta * law.q },
        common: { kind: 'fixed', q: beta * law.q, p: p + keep * law.q },
      };
    }
  }
}
