import type { CompiledBdd } from './bdd';
import { type BddLayout, layoutOf } from './bdd-layout';
import { LevelRangeSums } from './importance-level-sums';
import { bottomUpProbabilities, checkProbabilityVectors } from './probability';

/**
 * Q(q_i = 1), Q(q_i = 0) and Birnbaum for every event in two linear passes
 * (Dutuit & Rauzy 2001): bottom-up failure/success of every node, top-down
 * probability of reaching every node, then
 *   Q(q_i = b) = Σ_{nodes n testing i} reach(n)·F(child_b(n)) + J(level of i),
 * where J sums reach·weight·F over the edges that jump over i's level (paths
 * on which i does not matter). Every term is a product of non-negative
 * numbers, so both are exact to rounding, also near 1e-12.
 */

export interface ImportanceMeasures {
  /** Failure probability of the root. */
  readonly Q: number;
  /** Success probability of the root. */
  readonly P: number;
  /** Q with q_i = 1, per event. */
  readonly q1: Float64Array;
  /** Q with q_i = 0, per event. */
  readonly q0: Float64Array;
  /** Q(q_i = 1) − Q(q_i = 0), as a sum of non-negative per-node terms. */
  readonly birnbaum: Float64Array;
}

export function importanceMeasures(bdd: CompiledBdd, root: string, q: Float64Array, p: Float64Array): ImportanceMeasures {
  checkProbabilityVectors(bdd, q, p);
  const layout = layoutOf(bdd, root);
  const { failure, success } = bottomUpProbabilities(layout, q, p);
  const reach = reachProbabilities(layout, q, p);
  const eventCount = bdd.eventCount;
  const q1 = new Float64Array(eventCount);
  const q0 = new Float64Array(eventCount);
  const birnbaum = new Float64Array(eventCount);
  const jumps = new LevelRangeSums(layout.levelCount);
  const { size, event, level, lo, hi } = layout;
  // The virtual edge into the root jumps over every level above it.
  jumps.addToRange(0, level[layout.root]! - 1, failure[layout.root]!);
  for (let i = 2; i < size; i++) {
    const r = reach[i]!;
    if (r === 0) continue;
    const e = event[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    q1[e] += r * failure[h]!;
    q0[e] += r * failure[l]!;
    birnbaum[e] += r * monotoneDifference(failure[h]!, failure[l]!, success[l]!, success[h]!);
    jumps.addToRange(level[i]! + 1, level[l]! - 1, r * p[e]! * failure[l]!);
    jumps.addToRange(level[i]! + 1, level[h]! - 1, r * q[e]! * failure[h]!);
  }
  for (let e = 0; e < eventCount; e++) {
    const jumping = jumps.sumAt(bdd.eventToLevel[e]!);
    q1[e] += jumping;
    q0[e] += jumping;
  }
  return { Q: failure[layout.root]!, P: success[layout.root]!, q1, q0, birnbaum };
}

/** Probability of reaching each entry from the root, top-down (parents have larger local indices). */
export function reachProbabilities(layout: BddLayout, q: Float64Array, p: Float64Array): Float64Array {
  const reach = new Float64Array(layout.size);
  reach[layout.root] = 1;
  const { event, lo, hi } = layout;
  for (let i = layout.root; i >= 2; i--) {
    const r = reach[i]!;
    if (r === 0) continue;
    const e = event[i]!;
    reach[lo[i]!] += r * p[e]!;
    reach[hi[i]!] += r * q[e]!;
  }
  return reach;
}

/**
 * F(hi) − F(lo) of a monotone function (hi ≥ lo), which also equals
 * S(lo) − S(hi): subtract whichever pair is smaller, so the rounding error is
 * relative to min(F(hi), S(lo)), and clamp rounding noise at 0.
 */
function monotoneDifference(failureHi: number, failureLo: number, successLo: number, successHi: number): number {
  const difference = failureHi <= successLo ? failureHi - failureLo : successLo - successHi;
  return difference > 0 ? difference : 0;
}
