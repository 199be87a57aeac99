import type { CompiledBdd } from './bdd';
import { type BddLayout, flatten, layoutOf } from './bdd-layout';
import { MaxPriorityQueue } from './priority-queue';
import { ZBDD_BASE, ZBDD_EMPTY, Zbdd } from './zbdd';

/**
 * Minimal cut sets of a root, as a ZBDD built by Rauzy's minsol:
 *   minsol(ite(x, f1, f0)) = node(x, minsol(f0), minsol(f1) minus its sets that contain one of minsol(f0))
 * (exact for monotone functions, which every and/or/atleast graph is). The
 * BDD layout is already in children-first order, so minsol is one loop; the
 * "minus" runs on an explicit stack, one of two ways (see minusLo).
 */

export interface CutSetFamily {
  readonly zbdd: Zbdd;
  /** ZBDD node of the family (ZBDD_EMPTY: the root cannot fail; ZBDD_BASE: it always has). */
  readonly root: number;
  readonly levelToEvent: Int32Array;
}

export interface MinimalCutSetOptions {
  /** Per event, 1 = fixed to "never fails" (e.g. CCF events for `tolerance`). */
  readonly exclude?: Uint8Array;
  readonly nodeLimit?: number;
  /** How the sets of f1 containing one of f0 are removed (default: by the layout's size, see minusLo). */
  readonly minus?: Minus;
}

export function minimalCutSets(bdd: CompiledBdd, root: string, options: MinimalCutSetOptions = {}): CutSetFamily {
  return minimalCutSetsOfLayout(layoutOf(bdd, root), bdd.levelToEvent, new Zbdd(options.nodeLimit), options.exclude, options.minus);
}

/**
 * Two ways to remove from minsol(f1) the sets containing one of minsol(f0),
 * the same sets either way: against the family minsol(f0) (Zbdd.without), or
 * against f0's own diagram, the lo child in the layout (a set contains one of
 * minsol(f0) exactly when it satisfies f0: Zbdd.withoutSatisfying).
 */
export type Minus = 'families' | 'diagrams';

/**
 * Layout entries from which minsol tests against the diagrams. On large
 * diagrams that is the faster way: the minimal cut sets of the Aralia trees
 * edfpa14q, edfpa14o, edfpa14r and edfpa14b took 5.9–6.1, 8.6–8.7, 4.2–4.6
 * and 2.1–2.5 s against the families, 1.6, 2.6, 1.2–1.4 and 0.7–1.0 s against
 * the diagrams (the same sets; alternate runs). On the thousands of module
 * diagrams of a few entries of a service model the families win: modules of
 * one shape have the very same family (levels are a layout's own), so their
 * operations are found in the cache, where the diagrams' entries are a
 * layout's own.
 */
const MINUS_DIAGRAMS_FROM = 1024;

function minusLo(layout: BddLayout): Minus {
  return layout.size >= MINUS_DIAGRAMS_FROM ? 'diagrams' : 'families';
}

/**
 * minsol on a flat layout whose levels are `levelToEvent`'s, into the given
 * ZBDD manager (several families may share one: each is read back with its
 * own level → event map).
 */
export function minimalCutSetsOfLayout(
  layout: BddLayout,
  levelToEvent: Int32Array,
  zbdd: Zbdd,
  exclude?: Uint8Array,
  minus: Minus = minusLo(layout),
  progress?: () => void,
): CutSetFamily {
  const family = new Int32Array(layout.size);
  family[0] = ZBDD_EMPTY;
  family[1] = ZBDD_BASE;
  const { event, level, lo, hi } = layout;
  const tag = minus === 'diagrams' ? zbdd.layoutTag() : 0;
  for (let i = 2; i < layout.size; i++) {
    if ((i & 1023) === 0) progress?.();
    const ofLo = family[lo[i]!]!;
    if (exclude !== undefined && exclude[event[i]!] === 1) {
      family[i] = ofLo;
      continue;
    }
    const ofHi = family[hi[i]!]!;
    const rest = minus === 'diagrams' ? zbdd.withoutSatisfying(ofHi, layout, lo[i]!, tag) : zbdd.without(ofHi, ofLo);
    family[i] = zbdd.node(level[i]!, ofLo, rest);
  }
  return { zbdd, root: family[layout.root]!, levelToEvent };
}

/** Number of minimal cut sets: paths to 1 in the ZBDD, exact. */
export function cutSetCount(f: CutSetFamily): bigint {
  const layout = familyLayout(f);
  const count: bigint[] = new Array<bigint>(layout.size);
  count[0] = 0n;
  count[1] = 1n;
  for (let i = 2; i < layout.size; i++) count[i] = count[layout.lo[i]!]! + count[layout.hi[i]!]!;
  return count[layout.root]!;
}

export interface RankedCutSet {
  /** Event indices, ascending. */
  readonly events: number[];
  /** Product of q over the events. */
  readonly probability: number;
}

/** Probabilities within this relative distance are ties (rounding differs with multiplication order). */
export const TIE_TOLERANCE = 1e-12;
/** Largest group of tied sets gathered to apply the tie-break (beyond it: search order). */
export const MAX_TIE_GROUP = 100_000;

/** The first k sets of successive tie groups (most probable first), each group ordered by `tieBreak`. */
export function takeTieGroups(
  k: number,
  nextGroup: () => RankedCutSet[] | undefined,
  tieBreak: (a: number[], b: number[]) => number,
): RankedCutSet[] {
  const result: RankedCutSet[] = [];
  while (result.length < k) {
    const group = nextGroup();
    if (group === undefined) break;
    group.sort((a, b) => tieBreak(a.events, b.events));
    for (const set of group) {
      if (result.length === k) break;
      result.push(set);
    }
  }
  return result;
}

/**
 * The k most probable minimal cut sets, by probability descending, ties by
 * `tieBreak`. Best-first search over the ZBDD: a partial path is ranked by
 * its product so far times the exact best product from its node to 1, so
 * the work is about k × depth, never an enumeration of the family.
 */
export function mostProbableCutSets(
  f: CutSetFamily,
  q: Float64Array,
  k: number,
  tieBreak: (a: number[], b: number[]) => number,
): RankedCutSet[] {
  const layout = familyLayout(f);
  const best = bestProductToBase(layout, q);
  const search = new CutSetSearch(layout, q, best);
  if (k <= 0) return [];
  search.start();
  return takeTieGroups(k, () => (search.hasMore() ? search.nextTieGroup() : undefined), tieBreak);
}

/** The family's ZBDD as a layout (children first); its "events" are event indices. */
export function familyLayout(f: CutSetFamily): BddLayout {
  return flatten(f.zbdd.store, f.root, f.levelToEvent);
}

/** Per entry: the largest product of q over a set of the sub-family (0 for the empty family). */
export function bestProductToBase(layout: BddLayout, q: Float64Array): Float64Array {
  const best = new Float64Array(layout.size);
  best[1] = 1;
  for (let i = 2; i < layout.size; i++) {
    best[i] = Math.max(best[layout.lo[i]!]!, q[layout.event[i]!]! * best[layout.hi[i]!]!);
  }
  return best;
}

/** Best-first enumeration of the sets of a ZBDD layout, by product of q. */
class CutSetSearch {
  private readonly queue = new MaxPriorityQueue();
  // Search states: ZBDD entry, product so far, chosen events (a linked list in `pathEvent`/`pathParent`).
  private stateNode: number[] = [];
  private stateProduct: number[] = [];
  private statePath: number[] = [];
  private pathEvent: number[] = [];
  private pathParent: number[] = [];

  constructor(
    private readonly layout: BddLayout,
    private readonly q: Float64Array,
    private readonly best: Float64Array,
  ) {}

  start(): void {
    if (this.layout.root !== ZBDD_EMPTY) this.addState(this.layout.root, 1, -1);
  }

  hasMore(): boolean {
    return this.queue.length > 0;
  }

  /** The next complete set and every set tied with it (within TIE_TOLERANCE). */
  nextTieGroup(): RankedCutSet[] {
    const group: RankedCutSet[] = [];
    // The first complete state popped is the most probable set left: every key is an upper bound.
    while (group.length === 0 && this.queue.length > 0) this.step(group);
    if (group.length === 0) return group;
    const threshold = group[0]!.probability * (1 - TIE_TOLERANCE);
    while (this.queue.length > 0 && this.queue.peekKey() >= threshold && group.length < MAX_TIE_GROUP) {
      this.step(group);
    }
    return group;
  }

  /** Pops one state: a complete set goes to `found`, a partial one is expanded. */
  private step(found: RankedCutSet[]): void {
    const state = this.queue.pop();
    const node = this.stateNode[state]!;
    const product = this.stateProduct[state]!;
    const path = this.statePath[state]!;
    if (node === ZBDD_BASE) {
      found.push({ events: this.eventsOf(path), probability: product });
      return;
    }
    const { lo, hi, event } = this.layout;
    if (lo[node] !== ZBDD_EMPTY) this.addState(lo[node]!, product, path);
    const e = event[node]!;
    this.pathEvent.push(e);
    this.pathParent.push(path);
    this.addState(hi[node]!, product * this.q[e]!, this.pathEvent.length - 1);
  }

  private addState(node: number, product: number, path: number): void {
    const state = this.stateNode.length;
    this.stateNode.push(node);
    this.stateProduct.push(product);
    this.statePath.push(path);
    this.queue.push(state, product * this.best[node]!);
  }

  private eventsOf(path: number): number[] {
    const events: number[] = [];
    for (let at = path; at >= 0; at = this.pathParent[at]!) events.push(this.pathEvent[at]!);
    return events.sort((a, b) => a - b);
  }
}
