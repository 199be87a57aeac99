import type { CompiledBdd } from './bdd';
import { type BddLayout, layoutOf, sharedLayoutOf } from './bdd-layout';

/**
 * Exact probabilities on a BDD. Failure and success are two separate
 * bottom-up sums of products of non-negative numbers (the caller gives both
 * q and p = 1 − q, each computed directly), so there is no `1 − x` and no
 * cancellation: the relative error stays near machine precision even for a
 * failure probability of 1e-15, or a success probability of 1e-15.
 */

export interface RootProbability {
  readonly failure: number;
  readonly success: number;
}

export function rootProbability(bdd: CompiledBdd, root: string, q: Float64Array, p: Float64Array): RootProbability {
  checkProbabilityVectors(bdd, q, p);
  const layout = layoutOf(bdd, root);
  const { failure, success } = bottomUpProbabilities(layout, q, p);
  return { failure: failure[layout.root]!, success: success[layout.root]! };
}

/**
 * Every root's probabilities in one pass over the nodes they share (for the
 * per-element figures: far cheaper than one rootProbability per root when
 * the roots overlap, as the elements of a model do).
 */
export function allRootProbabilities(bdd: CompiledBdd, q: Float64Array, p: Float64Array): Map<string, RootProbability> {
  checkProbabilityVectors(bdd, q, p);
  const { layout, rootIndex } = sharedLayoutOf(bdd);
  const { failure, success } = bottomUpProbabilities(layout, q, p);
  const result = new Map<string, RootProbability>();
  for (const [name, at] of rootIndex) result.set(name, { failure: failure[at]!, success: success[at]! });
  return result;
}

export interface NodeProbabilities {
  /** Per layout entry: probability that the sub-function is true (fails). */
  readonly failure: Float64Array;
  /** Per layout entry: probability that it is false (works). */
  readonly success: Float64Array;
}

/** Failure and success probability of every entry of a layout, children first. */
export function bottomUpProbabilities(layout: BddLayout, q: Float64Array, p: Float64Array): NodeProbabilities {
  const { size, event, lo, hi } = layout;
  const failure = new Float64Array(size);
  const success = new Float64Array(size);
  failure[1] = 1;
  success[0] = 1;
  for (let i = 2; i < size; i++) {
    const e = event[i]!;
    const qe = q[e]!;
    const pe = p[e]!;
    const l = lo[i]!;
    const h = hi[i]!;
    failure[i] = pe * failure[l]! + qe * failure[h]!;
    success[i] = pe * success[l]! + qe * success[h]!;
  }
  return { failure, success };
}

export function checkProbabilityVectors(bdd: CompiledBdd, q: Float64Array, p: Float64Array): void {
  if (q.length < bdd.eventCount || p.length < bdd.eventCount) {
    throw new Error(`probability vectors need ${bdd.eventCount} entries (got q: ${q.length}, p: ${p.length})`);
  }
}
