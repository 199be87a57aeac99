import type { CompiledBdd } from './bdd';
import { type BddLayout, layoutOf } from './bdd-layout';

/**
 * Fault-tolerance figures, each one linear pass over the root's BDD.
 * A path to 1 whose hi edges are the set S means "S failed (and everything
 * else working) fails the root", so the cut sets are read off the paths.
 */

/**
 * Smallest Σ weight over the minimal cut sets (weights ≥ 0, so the minimum
 * over all cut sets is reached on a minimal one), with excluded events fixed
 * to "never fails"; null when the root cannot fail.
 */
export function minimumCutWeight(
  bdd: CompiledBdd,
  root: string,
  weight: Float64Array | Int32Array,
  exclude?: Uint8Array,
): number | null {
  return minimumCutWeightOfLayout(layoutOf(bdd, root), weight, exclude);
}

/** `minimumCutWeight` on a flat layout (its events index `weight` and `exclude`); an infinite weight acts as "never fails". */
export function minimumCutWeightOfLayout(layout: BddLayout, weight: Float64Array | Int32Array, exclude?: Uint8Array): number | null {
  const { size, event, lo, hi } = layout;
  const least = new Float64Array(size);
  least[0] = Infinity;
  least[1] = 0;
  for (let i = 2; i < size; i++) {
    const e = event[i]!;
    const withoutEvent = least[lo[i]!]!;
    if (exclude !== undefined && exclude[e] === 1) {
      least[i] = withoutEvent;
      continue;
    }
    const w = weight[e]!;
    if (!(w >= 0)) throw new Error(`cut weights must be non-negative numbers (event ${e}: ${w})`);
    least[i] = Math.min(withoutEvent, w + least[hi[i]!]!);
  }
  const result = least[layout.root]!;
  return result === Infinity ? null : result;
}

/**
 * Events that alone form a minimal cut set with the excluded events fixed to
 * "never fails" (none if the root fails with nothing failed), ascending.
 * {e} fails the root iff the all-working path, taking e's hi edge where it
 * meets e, ends at 1.
 */
export function singleEventCutSets(bdd: CompiledBdd, root: string, exclude?: Uint8Array): number[] {
  return singleEventCutSetsOfLayout(layoutOf(bdd, root), exclude);
}

/** `singleEventCutSets` on a flat layout. */
export function singleEventCutSetsOfLayout(layout: BddLayout, exclude?: Uint8Array): number[] {
  const { size, event, lo, hi } = layout;
  // Value of each sub-function with every event working.
  const allWorking = new Uint8Array(size);
  allWorking[1] = 1;
  for (let i = 2; i < size; i++) allWorking[i] = allWorking[lo[i]!]!;
  if (allWorking[layout.root] === 1) return [];
  const single: number[] = [];
  for (let i = layout.root; i >= 2; i = lo[i]!) {
    const e = event[i]!;
    if (allWorking[hi[i]!] === 1 && !(exclude !== undefined && exclude[e] === 1)) single.push(e);
  }
  return single.sort((a, b) => a - b);
}
