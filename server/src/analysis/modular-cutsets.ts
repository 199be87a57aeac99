import type { BddLayout } from './bdd-layout';
import { type CutSetFamily, type RankedCutSet, familyLayout, MAX_TIE_GROUP, minimalCutSetsOfLayout, takeTieGroups, TIE_TOLERANCE } from './cutsets';
import { type ModularDiagrams, modulesBelow } from './modular-bdd';
import type { RootDiagram } from './root-diagram';
import { MaxPriorityQueue } from './priority-queue';
import { ZBDD_BASE, ZBDD_EMPTY, Zbdd } from './zbdd';

/**
 * Minimal cut sets of a root over modular diagrams. The root's family is
 * built over its variables, pseudo-events included; each pseudo-event stands
 * for any one minimal cut set of its module. Modules have disjoint events, so
 * the composed family (each pseudo-event replaced by each of its module's
 * sets) is exactly the root's family of minimal cut sets over events. It is
 * never expanded: the count is Σ over the root's sets of Π of its modules'
 * counts (BigInt), and the most probable sets come from a best-first search
 * that descends into a module's own sorted stream of sets lazily.
 */

export interface ModularCutSets {
  /** Family per module below the root (undefined for the others), and the root's. */
  readonly moduleFamilies: readonly (BddLayout | undefined)[];
  readonly root: BddLayout;
  readonly eventCount: number;
}

export interface ModularCutSetOptions {
  /** Per event, 1 = fixed to "never fails". */
  readonly exclude?: Uint8Array;
  readonly nodeLimit?: number;
}

export function modularMinimalCutSets(m: ModularDiagrams, root: string, options: ModularCutSetOptions = {}): ModularCutSets {
  return solveCutSetProblem(cutSetProblem(m, root, options));
}

/**
 * What the minimal cut sets of one root read: its diagram and the modules
 * below it. Plain data (typed arrays), so that it can be solved on another
 * thread (see cut-set-thread).
 */
export interface CutSetProblem extends ModularCutSetOptions {
  readonly root: RootDiagram;
  /** Module diagrams by index; only those below the root are given. */
  readonly modules: readonly (RootDiagram | undefined)[];
  /** The modules below the root, parents first (modulesBelow). */
  readonly below: readonly number[];
  readonly eventCount: number;
  readonly variableCount: number;
}

export function cutSetProblem(m: ModularDiagrams, root: string, options: ModularCutSetOptions = {}): CutSetProblem {
  const diagram = m.roots.get(root);
  if (diagram === undefined) throw new Error(`no root named '${root}' in the compiled diagrams`);
  const below = modulesBelow(m, diagram);
  const modules = new Array<RootDiagram | undefined>(m.modules.length).fill(undefined);
  for (const j of below) modules[j] = m.modules[j];
  return { ...options, root: diagram, modules, below, eventCount: m.eventCount, variableCount: m.variableCount };
}

/** The families, children first; `progress` is called now and then (a sign of life for the thread that waits). */
export function solveCutSetProblem(p: CutSetProblem, progress?: () => void): ModularCutSets {
  const zbdd = new Zbdd(p.nodeLimit);
  const exclude = new Uint8Array(p.variableCount);
  if (p.exclude !== undefined) exclude.set(p.exclude.subarray(0, Math.min(p.eventCount, p.exclude.length)));
  const families: (BddLayout | undefined)[] = new Array<BddLayout | undefined>(p.modules.length);
  // Children first; a module that cannot fail (all its ways excluded) is "never fails" in its parents.
  for (let at = p.below.length - 1; at >= 0; at--) {
    const j = p.below[at]!;
    const d = p.modules[j]!;
    const family = familyLayout(minimalCutSetsOfLayout(d.layout, d.levelToVariable, zbdd, exclude, undefined, progress));
    families[j] = family;
    if (family.root === ZBDD_EMPTY) exclude[p.eventCount + j] = 1;
  }
  const rootFamily: CutSetFamily = minimalCutSetsOfLayout(p.root.layout, p.root.levelToVariable, zbdd, exclude, undefined, progress);
  return { moduleFamilies: families, root: familyLayout(rootFamily), eventCount: p.eventCount };
}

/** Exact number of minimal cut sets over events. */
export function modularCutSetCount(c: ModularCutSets): bigint {
  // In doubles while every count is an exact integer (below 2^53, as on every model seen); in BigInt otherwise.
  return cutSetCountIn(c, DOUBLES) ?? cutSetCountIn(c, BIGINTS)!;
}

/** An arithmetic for counting: `sum` is lo + times · hi, undefined when it would not be exact. */
interface Counting<T> {
  readonly zero: T;
  readonly one: T;
  sum(lo: T, times: T, hi: T): T | undefined;
  exact(count: T): bigint;
}

const DOUBLES: Counting<number> = {
  zero: 0,
  one: 1,
  sum: (lo, times, hi) => {
    const value = lo + times * hi;
    return value <= Number.MAX_SAFE_INTEGER ? value : undefined;
  },
  exact: (count) => BigInt(count),
};

const BIGINTS: Counting<bigint> = { zero: 0n, one: 1n, sum: (lo, times, hi) => lo + times * hi, exact: (count) => count };

/** The count in one arithmetic; undefined when that arithmetic would round. */
function cutSetCountIn<T>(c: ModularCutSets, arithmetic: Counting<T>): bigint | undefined {
  const counts = new Map<number, T>();
  const countOf = (family: BddLayout): T | undefined => {
    const count: T[] = new Array<T>(family.size);
    count[0] = arithmetic.zero;
    count[1] = arithmetic.one;
    for (let i = 2; i < family.size; i++) {
      const v = family.event[i]!;
      const value = arithmetic.sum(count[family.lo[i]!]!, v >= c.eventCount ? counts.get(v)! : arithmetic.one, count[family.hi[i]!]!);
      if (value === undefined) return undefined;
      count[i] = value;
    }
    return count[family.root]!;
  };
  // Modules are indexed children first.
  for (let j = 0; j < c.moduleFamilies.length; j++) {
    const family = c.moduleFamilies[j];
    if (family === undefined) continue;
    const count = countOf(family);
    if (count === undefined) return undefined;
    counts.set(c.eventCount + j, count);
  }
  const total = countOf(c.root);
  return total === undefined ? undefined : arithmetic.exact(total);
}

/** The k most probable minimal cut sets over events, by probability descending, ties by `tieBreak`. */
export function modularMostProbableCutSets(
  c: ModularCutSets,
  q: Float64Array,
  k: number,
  tieBreak: (a: number[], b: number[]) => number,
): RankedCutSet[] {
  // Each family's best products, children first (modules are indexed so): a module's best set is known
  // without opening its stream, which is opened only when the search takes one of its sets.
  const bests: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(c.moduleFamilies.length);
  const moduleBest = new Float64Array(c.moduleFamilies.length);
  c.moduleFamilies.forEach((family, j) => {
    if (family === undefined) return;
    const best = bestProducts(family, q, c.eventCount, moduleBest);
    bests[j] = best;
    moduleBest[j] = best[family.root]!;
  });
  const streams: (SetStream | undefined)[] = new Array<SetStream | undefined>(c.moduleFamilies.length);
  const streamOf = (j: number): SetStream => {
    let s = streams[j];
    if (s === undefined) {
      s = new SetStream(c.moduleFamilies[j]!, bests[j]!, q, c.eventCount, streamOf);
      streams[j] = s;
    }
    return s;
  };
  const top = new SetStream(c.root, bestProducts(c.root, q, c.eventCount, moduleBest), q, c.eventCount, streamOf);
  let next = 0;
  const nextGroup = (): RankedCutSet[] | undefined => {
    const first = top.get(next);
    if (first === undefined) return undefined;
    const group = [first];
    const threshold = first.probability * (1 - TIE_TOLERANCE);
    for (;;) {
      const candidate = group.length < MAX_TIE_GROUP ? top.get(next + group.length) : undefined;
      if (candidate === undefined || candidate.probability < threshold) break;
      group.push(candidate);
    }
    next += group.length;
    return group;
  };
  return takeTieGroups(k, nextGroup, tieBreak);
}

/**
 * The sets of one family, most probable first, enumerated on demand by a
 * best-first search over its ZBDD: a partial path is ranked by its product so
 * far times the best product from its node to 1. Taking a pseudo-event takes
 * its module's best set first; the alternative with the module's next set is
 * queued only when that one is popped (its key can only be smaller), so each
 * module's stream is read as far as needed and no further. Recursion goes one
 * level per module nesting (bounded by module-plan's MAX_MODULE_DEPTH).
 */
class SetStream {
  private readonly found: RankedCutSet[] = [];
  private readonly queue = new MaxPriorityQueue();
  // Search states: node, product, chosen items (linked list), and for a module choice: what its sibling needs.
  private readonly stateNode: number[] = [];
  private readonly stateProduct: number[] = [];
  private readonly statePath: number[] = [];
  /** Module choice states: product before the module, module index, set index; −1 module otherwise. */
  private readonly stateBefore: number[] = [];
  private readonly stateModule: number[] = [];
  private readonly stateChoice: number[] = [];
  /** Path items (linked lists through itemParent): an event, or module itemModule's set number itemChoice. */
  private readonly itemEvent: number[] = [];
  private readonly itemModule: number[] = [];
  private readonly itemChoice: number[] = [];
  private readonly itemParent: number[] = [];

  constructor(
    private readonly family: BddLayout,
    /** Per node, the best product of a path from it to 1 (see bestProducts). */
    private readonly best: Float64Array,
    private readonly q: Float64Array,
    private readonly eventCount: number,
    private readonly streamOf: (module: number) => SetStream,
  ) {
    if (family.root !== ZBDD_EMPTY) this.addState(family.root, 1, -1, -1, 0, 0);
  }

  /** The j-th most probable set (0-based), or undefined when the family has fewer. */
  get(j: number): RankedCutSet | undefined {
    while (this.found.length <= j && this.queue.length > 0) this.step();
    return this.found[j];
  }

  private step(): void {
    const state = this.queue.pop();
    const node = this.stateNode[state]!;
    const product = this.stateProduct[state]!;
    const path = this.statePath[state]!;
    const module = this.stateModule[state]!;
    if (module >= 0) {
      // Queue the same choice with the module's next set.
      const choice = this.stateChoice[state]! + 1;
      const alternative = this.streamOf(module).get(choice);
      if (alternative !== undefined) {
        const before = this.stateBefore[state]!;
        const parentPath = this.itemParent[path]!;
        this.addState(node, before * alternative.probability, this.addItem(-1, module, choice, parentPath), module, choice, before);
      }
    }
    // Down the best branch without queueing it (its key is the popped one's, up to rounding): only the
    // other branch waits in the queue. Ties may come out in another order, which the callers' tie groups absorb.
    const { lo, hi, event } = this.family;
    let at = node;
    let atProduct = product;
    let atPath = path;
    for (;;) {
      if (at === ZBDD_BASE) {
        this.found.push({ events: this.eventsOf(atPath), probability: atProduct });
        return;
      }
      const v = event[at]!;
      const low = lo[at]!;
      if (v >= this.eventCount) {
        if (low !== ZBDD_EMPTY) this.addState(low, atProduct, atPath, -1, 0, 0);
        const j = v - this.eventCount;
        const first = this.streamOf(j).get(0);
        if (first !== undefined) this.addState(hi[at]!, atProduct * first.probability, this.addItem(-1, j, 0, atPath), j, 0, atProduct);
        return;
      }
      const highProduct = atProduct * this.q[v]!;
      const high = hi[at]!;
      const lowKey = low === ZBDD_EMPTY ? -1 : atProduct * this.best[low]!;
      if (lowKey >= highProduct * this.best[high]!) {
        this.addState(high, highProduct, this.addItem(v, -1, 0, atPath), -1, 0, 0);
        at = low;
      } else {
        if (low !== ZBDD_EMPTY) this.addState(low, atProduct, atPath, -1, 0, 0);
        atPath = this.addItem(v, -1, 0, atPath);
        atProduct = highProduct;
        at = high;
      }
    }
  }

  private addItem(event: number, module: number, choice: number, parent: number): number {
    this.itemEvent.push(event);
    this.itemModule.push(module);
    this.itemChoice.push(choice);
    this.itemParent.push(parent);
    return this.itemEvent.length - 1;
  }

  private addState(node: number, product: number, path: number, module: number, choice: number, before: number): void {
    const state = this.stateNode.length;
    this.stateNode.push(node);
    this.stateProduct.push(product);
    this.statePath.push(path);
    this.stateModule.push(module);
    this.stateChoice.push(choice);
    this.stateBefore.push(before);
    this.queue.push(state, product * this.best[node]!);
  }

  private eventsOf(path: number): number[] {
    const events: number[] = [];
    for (let at = path; at >= 0; at = this.itemParent[at]!) {
      const module = this.itemModule[at]!;
      if (module < 0) events.push(this.itemEvent[at]!);
      else events.push(...this.streamOf(module).get(this.itemChoice[at]!)!.events);
    }
    return events.sort((a, b) => a - b);
  }
}

/**
 * Per node of a family, the best product of a path from it to 1: taking an
 * event weighs its q, taking a pseudo-event its module's best set (from
 * `moduleBest`, filled children first).
 */
function bestProducts(family: BddLayout, q: Float64Array, eventCount: number, moduleBest: Float64Array): Float64Array {
  const best = new Float64Array(family.size);
  best[1] = 1;
  for (let i = 2; i < family.size; i++) {
    const v = family.event[i]!;
    const weight = v < eventCount ? q[v]! : moduleBest[v - eventCount]!;
    best[i] = Math.max(best[family.lo[i]!]!, weight * best[family.hi[i]!]!);
  }
  return best;
}
