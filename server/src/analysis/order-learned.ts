import type { RegionView } from './root-diagram';

/**
 * Variable orders learned from sifting, reused by later diagrams of the same
 * compilation. The roots of a model are often nested (every gate of an
 * imported fault tree is a root, and its region holds the regions of the
 * gates below it): the order sifting found for a diagram is then a far
 * better start for a sub-diagram than the depth-first order, which can blow
 * up the intermediate diagrams of every root again.
 *
 * Only a diagram whose variables are all variables of one earlier sifted
 * diagram reuses its order (partial overlaps mix unrelated orders), and the
 * caller bounds the attempt (see `learnedBudget`) and falls back to the
 * depth-first order.
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

/** The variables in the order of the latest sifted diagram holding them all, and that diagram's size; undefined when none does. */
export function learnedOrder(view: RegionView, variables: readonly number[]): { order: number[]; sourceSize: number } | undefined {
  const learned = learnedOfView.get(view);
  if (learned === undefined || variables.length === 0) return undefined;
  for (let i = learned.length - 1; i >= 0; i--) {
    const { rank, size } = learned[i]!;
    if (variables.every((v) => rank.has(v))) return { order: [...variables].sort((a, b) => rank.get(a)! - rank.get(b)!), sourceSize: size };
  }
  return undefined;
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
