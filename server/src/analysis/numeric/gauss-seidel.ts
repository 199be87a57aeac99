/**
 * Stationary distribution of an irreducible CTMC by Gauss–Seidel sweeps on
 * the balance equations π_j·exit_j = Σ_i π_i·q_ij. Each update is a sum of
 * non-negative terms divided by a positive rate, so, like GTH, it never
 * subtracts; unlike GTH it costs O(transitions) per sweep and no fill-in,
 * which is what makes chains of tens of thousands of states affordable.
 *
 * Stops when every component's relative change over a sweep, extrapolated
 * over the observed geometric convergence rate, is below `tolerance` (or the
 * change itself is at the rounding floor).
 */
import type { RateGraph } from './rate-graph';

export interface IterativeResult {
  readonly pi: Float64Array;
  readonly sweeps: number;
  /** Estimated largest relative error of any component. */
  readonly errorEstimate: number;
  readonly converged: boolean;
}

export function gaussSeidelStationary(
  graph: RateGraph,
  options: { tolerance?: number; maxSweeps?: number } = {},
): IterativeResult {
  const n = graph.size;
  const tolerance = options.tolerance ?? 1e-14;
  const maxSweeps = options.maxSweeps ?? 100_000;
  // Incoming transitions in compressed form.
  const inCount = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) for (const t of graph.targets[s]) inCount[t + 1]++;
  for (let s = 0; s < n; s++) inCount[s + 1] += inCount[s];
  const inFrom = new Int32Array(inCount[n]);
  const inRate = new Float64Array(inCount[n]);
  const fill = inCount.slice(0, n);
  const exit = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    graph.targets[s].forEach((t, e) => {
      const slot = fill[t]++;
      inFrom[slot] = s;
      inRate[slot] = graph.rates[s][e];
      exit[s] += graph.rates[s][e];
    });
  }
  const pi = new Float64Array(n).fill(1 / n);
  let previousChange = Infinity;
  let errorEstimate = Infinity;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let change = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      let inflow = 0;
      for (let e = inCount[j]; e < inCount[j + 1]; e++) inflow += pi[inFrom[e]] * inRate[e];
      const next = inflow / exit[j];
      const relative = next === pi[j] ? 0 : Math.abs(next - pi[j]) / Math.max(next, pi[j]);
      if (relative > change) change = relative;
      pi[j] = next;
      total += next;
    }
    for (let j = 0; j < n; j++) pi[j] /= total;
    // Normalisation rescales every component alike; convergence is judged on shape.
    const rate = change / previousChange;
    errorEstimate = rate < 1 ? (change * rate) / (1 - rate) + change : Infinity;
    previousChange = change;
    // At the rounding floor the change no longer shrinks geometrically: accept it there.
    if (change <= tolerance / 10 || (errorEstimate <= tolerance && sweep > 2)) {
      return { pi, sweeps: sweep, errorEstimate: Math.min(errorEstimate, change), converged: true };
    }
  }
  return { pi, sweeps: maxSweeps, errorEstimate, converged: false };
}
