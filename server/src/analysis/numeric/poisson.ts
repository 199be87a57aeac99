/**
 * Poisson probabilities e^{−L} L^k / k!, through logarithms so that they
 * neither overflow nor underflow early for large L (relative error about
 * (L + k)·1e-16).
 */
import { logGamma } from './gamma';

export function poissonWeight(k: number, mean: number): number {
  if (mean === 0) return k === 0 ? 1 : 0;
  if (k === 0) return Math.exp(-mean);
  return Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
}

/**
 * An upper bound on Σ_{j > k} of the Poisson probabilities, given the k-th one,
 * valid once k + 2 > L (the terms then shrink at least geometrically);
 * Infinity before that.
 */
export function poissonTailBound(k: number, weightK: number, mean: number): number {
  const ratio = mean / (k + 2);
  if (ratio >= 1) return Infinity;
  return (weightK * mean) / (k + 1) / (1 - ratio);
}
