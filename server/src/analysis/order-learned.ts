import type { RegionView } from './root-diagram';

/**
 * Variable orders learned from sifting, reused by later diagrams of the same
 * compilation. The roots of a model are often nested (every gate of an
 * imported fault tree is a root, and its region holds the regions of the
 * gates below it): the order sifting found for a diagram is then a far
 * better start for a sub-diagram than the depth-first order, which can blow
 * up the intermediate diagrams of every root again.
 *
 * A diagram whose variables are all variables of one earlier sifted diagram
 * takes that order. Else, when one earlier sifted diagram holds at least half
 * of its variables, and it holds at least half of that diagram's (a gate
 * above a sifted one: children are compiled first, so a parent brings a few
 * variables of its own to its child's), it takes that order for those, each
 * other variable placed just before the next one it holds in depth-first
 * order. The caller bounds the attempt (see
 * `learnedBudget`) and falls back to the depth-first order: a poor match
 * costs a bounded number of nodes.
 */

/** How many recent sifted orders are kept per compilation. */
const KEPT_ORDERS = 16;

interface LearnedOrder {
  /** Variable → rank in the sifted order. */
  readonly rank: Map<number, number>;
  /** Nodes of the sifted diagram. */
  readonly size: number;
}

const learnedOfView = new WeakMap<RegionView, LearnedOrder[]>();

/** Smallest share of a diagram's variables a learned order must hold to be extended to the others (and of its own variables the diagram must hold). */
const PARTIAL_SHARE = 0.5;

/**
 * The variables (given in depth-first order) in the order of the latest sifted
 * diagram holding them all, or else extended from the one holding the most
 * (at least PARTIAL_SHARE of them), and that diagram's size; undefined when
 * none does.
 */
export function learnedOrder(view: RegionView, variables: readonly number[]): { order: number[]; sourceSize: number } | undefined {
  const learned = learnedOfView.get(view);
  if (learned === undefined || variables.length === 0) return undefined;
  for (let i = learned.length - 1; i >= 0; i--) {
    const { rank, size } = learned[i]!;
    if (variables.every((v) => rank.has(v))) return { order: [...variables].sort((a, b) => rank.get(a)! - rank.get(b)!), sourceSize: size };
  }
  let best: LearnedOrder | undefined;
  let bestHeld = 0;
  for (const candidate of learned) {
    let held = 0;
    for (const v of variables) if (candidate.rank.has(v)) held++;
    // At least half of the sifted diagram's variables too: a gate above it holds nearly all of them, where two elements
    // of a service model that share some dependencies overlap less (their diagrams came out 13% larger in the other's order).
    if (held > bestHeld && held >= PARTIAL_SHARE * candidate.rank.size) [best, bestHeld] = [candidate, held];
  }
  if (best === undefined || bestHeld < PARTIAL_SHARE * variables.length) return undefined;
  return { order: extendedOrder(best.rank, variables), sourceSize: best.size };
}

/** The held variables in their learned order, each variable new to it just before the next held one that follows it in depth-first order (at the end if none does). */
export function extendedOrder(rank: ReadonlyMap<number, number>, depthFirst: readonly number[]): number[] {
  const newBefore = new Map<number, number[]>();
  let pending: number[] = [];
  for (const v of depthFirst) {
    if (!rank.has(v)) pending.push(v);
    else if (pending.length > 0) {
      newBefore.set(v, pending);
      pending = [];
    }
  }
  const held = depthFirst.filter((v) => rank.has(v)).sort((a, b) => rank.get(a)! - rank.get(b)!);
  const order: number[] = [];
  for (const v of held) order.push(...(newBefore.get(v) ?? []), v);
  order.push(...pending);
  return order;
}

/** Most nodes a build in a learned order may create before it is abandoned for the depth-first order. */
export function learnedBudget(sourceSize: number): number {
  return 8 * sourceSize + (1 << 16);
}

/** Records the order (level → variable) a diagram of `size` nodes was sifted into. */
export function learnOrder(view: RegionView, sifted: Int32Array, size: number): void {
  let learned = learnedOfView.get(view);
  if (learned === undefined) learnedOfView.set(view, (learned = []));
  const rank = new Map<number, number>();
  sifted.forEach((v, level) => rank.set(v, level));
  learned.push({ rank, size });
  if (learned.length > KEPT_ORDERS) learned.shift();
}
