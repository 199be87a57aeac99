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

/** Per variable of a layout: its root's failure and success probabilities with the variable forced, and Birnbaum. */
/** Scratch indexed by level, reused between calls (a model's many small modules would each allocate one). */
let levelScratch = new Int32Array(0);

function scratchForLevels(levelCount: number): Int32Array {
  if (levelScratch.length < levelCount) levelScratch = new Int32Array(Math.max(levelCount, 2 * levelScratch.length));
  return levelScratch;
}

/** The levels the layout tests, ascending. */
function testedLevels(layout: BddLayout): Int32Array {
  const { size, level } = layout;
  const mark = scratchForLevels(layout.levelCount);
  const found: number[] = [];
  for (let i = 2; i < size; i++) {
    const l = level[i]!;
    if (mark[l] !== -1) {
      mark[l] = -1;
      found.push(l);
    }
  }
  const levels = Int32Array.from(found).sort();
  // Leave the scratch clear of marks for the next call.
  for (const l of levels) mark[l] = 0;
  return levels;
}

/** Level → its rank among `levels` (valid for those levels only): the shared scratch, good until the next call. */
function levelRanks(layout: BddLayout, levels: Int32Array): Int32Array {
  const ranks = scratchForLevels(layout.levelCount);
  levels.forEach((l, r) => (ranks[l] = r));
  return ranks;
}

export interface Conditionals {
  /** F(x = 1), F(x = 0), S(x = 1), S(x = 0), Birnbaum, indexed by variable; filled only for the variables the layout tests. */
  readonly failure1: Float64Array;
  readonly failure0: Float64Array;
  readonly success1: Float64Array;
  readonly success0: Float64Array;
  readonly birnbaum: Float64Array;
}

/**
 * The same two passes as `importanceMeasures`, on any flat layout, for the
 * success of the root as well as its failure (a module's success with a
 * variable forced is what its parent needs; see modular-importance). Jump
 * masses live on the layout's own levels, compacted to the ones it tests, so
 * the cost is the layout's size whatever the number of variables. Writes the
 * entries of the variables tested into `into` and returns the root's F and S.
 */
export function layoutConditionals(
  layout: BddLayout,
  q: Float64Array,
  p: Float64Array,
  into: Conditionals,
): { failure: number; success: number } {
  const { failure, success } = bottomUpProbabilities(layout, q, p);
  const reach = reachProbabilities(layout, q, p);
  const { size, event, level, lo, hi } = layout;
  // Rank of each tested level among the tested levels (terminals: one past the last).
  const levels = testedLevels(layout);
  const rankOfLevel = levelRanks(layout, levels);
  const rank = (entry: number): number => (entry < 2 ? levels.length : rankOfLevel[level[entry]!]!);
  const failureJumps = new LevelRangeSums(levels.length);
  const successJumps = new LevelRangeSums(levels.length);
  const root = layout.root;
  failureJumps.addToRange(0, rank(root) - 1, failure[root]!);
  successJumps.addToRange(0, rank(root) - 1, success[root]!);
  const rankEvent = new Int32Array(levels.length).fill(-1);
  for (let i = 2; i < size; i++) {
    const e = event[i]!;
    const r = rank(i);
    if (rankEvent[r] === -1) {
      rankEvent[r] = e;
      into.failure1[e] = into.failure0[e] = into.success1[e] = into.success0[e] = into.birnbaum[e] = 0;
    }
  }
  for (let i = 2; i < size; i++) {
    const w = reach[i]!;
    if (w === 0) continue;
    const e = event[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    into.failure1[e] += w * failure[h]!;
    into.failure0[e] += w * failure[l]!;
    into.success1[e] += w * success[h]!;
    into.success0[e] += w * success[l]!;
    into.birnbaum[e] += w * monotoneDifference(failure[h]!, failure[l]!, success[l]!, success[h]!);
    const r = rank(i);
    failureJumps.addToRange(r + 1, rank(l) - 1, w * p[e]! * failure[l]!);
    failureJumps.addToRange(r + 1, rank(h) - 1, w * q[e]! * failure[h]!);
    successJumps.addToRange(r + 1, rank(l) - 1, w * p[e]! * success[l]!);
    successJumps.addToRange(r + 1, rank(h) - 1, w * q[e]! * success[h]!);
  }
  for (let r = 0; r < levels.length; r++) {
    const e = rankEvent[r]!;
    const failing = failureJumps.sumAt(r);
    const working = successJumps.sumAt(r);
    into.failure1[e] += failing;
    into.failure0[e] += failing;
    into.success1[e] += working;
    into.success0[e] += working;
  }
  return { failure: failure[root]!, success: success[root]! };
}
