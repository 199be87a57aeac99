import { ComputedTable } from './bdd-computed-table';
import { IntStack } from './bdd-int-stack';
import { hashOfInts, IntArrayMap } from './int-arrays';
import { NodeStore, TERMINAL_LEVEL } from './bdd-node-store';

/**
 * A reduced ordered BDD manager without complement edges: one `ite`
 * operation, run with an explicit stack (never recursion on the height of
 * the diagram), hash-consing in a NodeStore and a lossy computed table.
 * Variables are identified by their level (0 = top).
 */

export const BDD_FALSE = 0;
export const BDD_TRUE = 1;

/**
 * Inputs from which an or is first tried by the n-ary descent, and its budget
 * per input node (see orManyWithin). Measured: on the ors of 16–17 inputs of
 * the Aralia tree edf9203 the descent took 7.8 s where the pairwise fold took
 * 2.5 s; on the 395-input system or of the service benchmark, 0.17 s against 0.6 s.
 */
const N_ARY_OR_INPUTS = 64;
const N_ARY_WORK_PER_NODE = 32;

const EXPAND = 0;
const COMBINE = 1;

export class BddManager {
  readonly store: NodeStore;
  private cache: ComputedTable;
  private tasks = new IntStack(1024);
  private values = new IntStack(256);
  /** Per node id: the pass that last visited it (summedSizes). */
  private stamp = new Int32Array(0);
  private generation = 0;
  /** deepestFirst's levels and result. */
  private levelScratch = new Int32Array(32);
  private sortedScratch = new Int32Array(32);
  /** cofactorSet's kept nodes, cofactors and merged set. */
  private keptScratch = new Int32Array(64);
  private cofactorScratch = new Int32Array(64);
  private mergeScratch = new Int32Array(128);

  /** `small`: start with small tables (for the many short-lived managers of per-root diagrams). */
  constructor(nodeLimit?: number, small = false) {
    this.store = new NodeStore(nodeLimit, small ? 1 << 8 : 1 << 12);
    this.cache = new ComputedTable(small ? 10 : 14);
  }

  /** Forgets every node and cached result, keeping the tables: see NodeStore.reset. */
  reset(nodeLimit: number): void {
    this.store.reset(nodeLimit);
    this.cache.clear();
    // An operation that hit the node limit left its work on the stacks.
    this.tasks.length = 0;
    this.values.length = 0;
  }

  /** The BDD of the single variable at `level`. */
  variable(level: number): number {
    return this.store.intern(level, BDD_FALSE, BDD_TRUE);
  }

  and(f: number, g: number): number {
    return this.ite(f, g, BDD_FALSE);
  }

  or(f: number, g: number): number {
    return this.ite(f, BDD_TRUE, g);
  }

  /** Conjunction of many BDDs (see `combineAll`). */
  /** The inputs are the first `count` entries of `inputs` (callers reuse one array: no array per gate). */
  andAll(inputs: ArrayLike<number>, count = inputs.length): number {
    return this.combineAll(inputs, count, BDD_FALSE, BDD_TRUE);
  }

  /** Disjunction of many BDDs: a wide one in one n-ary descent (see `orMany`), else pairwise (see `combineAll`). */
  orAll(inputs: ArrayLike<number>, count = inputs.length): number {
    if (count >= N_ARY_OR_INPUTS) {
      const result = this.orManyBudgeted(Array.prototype.slice.call(inputs, 0, count) as number[]);
      if (result !== undefined) return result;
    }
    return this.combineAll(inputs, count, BDD_TRUE, BDD_FALSE);
  }

  /** orAll by the n-ary descent only: undefined once it went over `workPerNode` × the inputs' summed sizes (see orManyWithin). */
  orManyBudgeted(inputs: readonly number[], workPerNode = N_ARY_WORK_PER_NODE): number | undefined {
    return this.orManyWithin(inputs, workPerNode * this.summedSizes(inputs));
  }

  /**
   * Folds and (absorbing FALSE) or or (absorbing TRUE) as a balanced tree
   * over the inputs sorted by top variable: neighbours (close supports) meet
   * first and every round costs at most the total size, where a left-to-right
   * fold would rebuild an ever larger intermediate result once per input.
   * Rounds are written in place over one array (no closure, no array per round).
   */
  private combineAll(inputs: ArrayLike<number>, count: number, absorbing: number, neutral: number): number {
    const round = this.deepestFirst(inputs, count);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const input = round[i]!;
      if (input === absorbing) return absorbing;
      if (input !== neutral) round[n++] = input;
    }
    if (n === 0) return neutral;
    const or = absorbing === BDD_TRUE;
    while (n > 1) {
      let m = 0;
      for (let i = 0; i + 1 < n; i += 2) round[m++] = or ? this.ite(round[i]!, BDD_TRUE, round[i + 1]!) : this.ite(round[i]!, round[i + 1]!, BDD_FALSE);
      if (n % 2 === 1) round[m++] = round[n - 1]!;
      n = m;
    }
    return round[0]!;
  }

  /**
   * True when at least k of the inputs are true: the counting construction
   * T_j ← ite(x, T_{j−1}, T_j), O(n·k) ite calls, never the combinations.
   */
  atLeast(k: number, inputs: ArrayLike<number>, count = inputs.length): number {
    const n = count;
    if (k <= 0) return BDD_TRUE;
    if (k > n) return BDD_FALSE;
    if (k === 1) return this.orAll(inputs, n);
    if (k === n) return this.andAll(inputs, n);
    const sorted = this.deepestFirst(inputs, n);
    // atLeastJ[j]: at least j of the inputs seen so far are true.
    const atLeastJ = new Int32Array(k + 1);
    atLeastJ[0] = BDD_TRUE;
    for (let seen = 1; seen <= n; seen++) {
      const x = sorted[seen - 1]!;
      // Counts below k − (inputs still to come) can no longer reach k.
      const lowest = Math.max(1, k - (n - seen));
      for (let j = Math.min(seen, k); j >= lowest; j--) {
        atLeastJ[j] = this.ite(x, atLeastJ[j - 1]!, atLeastJ[j]!);
      }
    }
    return atLeastJ[k]!;
  }

  /**
   * if f then g else h. The two stacks are used through their arrays and
   * local lengths (room for one step reserved at the top of the loop): the
   * loop is the hottest code of the compiler, and a call per push was a
   * tenth of it.
   */
  ite(f0: number, g0: number, h0: number): number {
    const store = this.store;
    const cache = this.cache;
    const taskStack = this.tasks;
    const valueStack = this.values;
    let tasks = taskStack.reserve(4);
    let values = valueStack.reserve(1);
    let tn = taskStack.length;
    let vn = valueStack.length;
    const base = vn;
    tasks[tn++] = h0;
    tasks[tn++] = g0;
    tasks[tn++] = f0;
    tasks[tn++] = EXPAND;
    while (tn > 0) {
      // One step pushes at most 13 task words (a combine and two expansions) and one value.
      if (tn + 13 > tasks.length) {
        taskStack.length = tn;
        tasks = taskStack.reserve(13);
      }
      if (vn + 1 > values.length) {
        valueStack.length = vn;
        values = valueStack.reserve(1);
      }
      const kind = tasks[--tn]!;
      let f = tasks[--tn]!;
      let g = tasks[--tn]!;
      let h = tasks[--tn]!;
      if (kind === COMBINE) {
        const level = tasks[--tn]!;
        const hi = values[--vn]!;
        const lo = values[--vn]!;
        const result = lo === hi ? lo : store.intern(level, lo, hi);
        cache.insert(f, g, h, result);
        values[vn++] = result;
        continue;
      }
      // Terminal cases and normalisation (so that equal problems share a cache entry).
      if (f === BDD_TRUE || g === h) {
        values[vn++] = g;
        continue;
      }
      if (f === BDD_FALSE) {
        values[vn++] = h;
        continue;
      }
      if (g === f) g = BDD_TRUE;
      if (h === f) h = BDD_FALSE;
      if (g === BDD_TRUE && h === BDD_FALSE) {
        values[vn++] = f;
        continue;
      }
      if (g === h) {
        values[vn++] = g;
        continue;
      }
      if (g === BDD_TRUE && h < f) {
        const t = f;
        f = h;
        h = t;
      } else if (h === BDD_FALSE && g < f) {
        const t = f;
        f = g;
        g = t;
      }
      const cached = cache.lookup(f, g, h);
      if (cached >= 0) {
        values[vn++] = cached;
        continue;
      }
      const lf = store.levelOf(f);
      const lg = store.levelOf(g);
      const lh = store.levelOf(h);
      const level = Math.min(lf, lg, lh);
      tasks[tn++] = level;
      tasks[tn++] = h;
      tasks[tn++] = g;
      tasks[tn++] = f;
      tasks[tn++] = COMBINE;
      // The hi cofactors, then the lo ones on top (solved first).
      tasks[tn++] = lh === level ? store.hiOf(h) : h;
      tasks[tn++] = lg === level ? store.hiOf(g) : g;
      tasks[tn++] = lf === level ? store.hiOf(f) : f;
      tasks[tn++] = EXPAND;
      tasks[tn++] = lh === level ? store.loOf(h) : h;
      tasks[tn++] = lg === level ? store.loOf(g) : g;
      tasks[tn++] = lf === level ? store.loOf(f) : f;
      tasks[tn++] = EXPAND;
    }
    taskStack.length = tn;
    const result = values[--vn]!;
    valueStack.length = vn;
    if (vn !== base) throw new Error('internal error: unbalanced BDD operation stack');
    cache.growTowards(store.size);
    return result;
  }

  /**
   * Disjunction of many BDDs in one descent over all of them at once (an
   * n-ary apply): a subproblem is the set of the inputs' cofactors at the
   * top level among them, each set solved once (memo), so no intermediate
   * disjunction of a subset is ever built. Why: a system that needs hundreds
   * of services whose dependency cones overlap is an or of hundreds of large,
   * similar diagrams; pairwise, each partial result is a new diagram about
   * the size of the final one (the 30,000-instance bench model created
   * 587,000 nodes for a result of 1,400), where the n-ary descent creates
   * only the result's nodes. A set is a sorted Int32Array, memoized on a
   * numeric hash (a string key per set made the descent garbage-bound:
   * 0.3 s → 0.12 s on that system or).
   */
  orMany(inputs: readonly number[]): number {
    return this.orManyWithin(inputs, Infinity) ?? BDD_FALSE;
  }

  /**
   * orMany, abandoned (undefined) once the sets it has gone through hold more
   * than `budget` members in all: inputs over disjoint variables make every
   * subproblem nearly as wide as the input list (quadratic), where the
   * pairwise fold is linear.
   */
  private orManyWithin(inputs: readonly number[], budget: number): number | undefined {
    const store = this.store;
    const memo = new IntArrayMap<number>();
    // A task is a value ready to push, a set to expand, or the combination of a set's two cofactors.
    type Combine = { readonly level: number; readonly set: Int32Array; readonly hash: number };
    const tasks: (number | Int32Array | Combine)[] = [this.nodeSet(inputs)];
    const values: number[] = [];
    let work = 0;
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      if (typeof task === 'number') {
        values.push(task);
        continue;
      }
      if (!(task instanceof Int32Array)) {
        const hi = values.pop()!;
        const lo = values.pop()!;
        const result = lo === hi ? lo : store.intern(task.level, lo, hi);
        memo.set(task.set, result, task.hash);
        values.push(result);
        continue;
      }
      work += task.length;
      if (work > budget) return undefined;
      const hash = hashOfInts(task);
      const known = memo.get(task, hash);
      if (known !== undefined) {
        values.push(known);
        continue;
      }
      let level = TERMINAL_LEVEL;
      for (let i = 0; i < task.length; i++) level = Math.min(level, store.levelOf(task[i]!));
      tasks.push({ level, set: task, hash });
      tasks.push(this.cofactorSet(task, level, 1));
      tasks.push(this.cofactorSet(task, level, 0));
    }
    return values.pop()!;
  }

  /**
   * The set with each node at `level` replaced by its cofactor: as a set, or
   * as the or's value when that is already known. The other nodes stay in
   * order, so only the few cofactors are sorted before the merge.
   */
  private cofactorSet(set: Int32Array, level: number, branch: 0 | 1): Int32Array | number {
    const store = this.store;
    // Kept nodes (already in order) and cofactors (usually few) in scratch arrays, then merged
    // without repeats and copied out once: one array per set, the memo's key.
    if (this.keptScratch.length < set.length) {
      this.keptScratch = new Int32Array(2 * set.length);
      this.cofactorScratch = new Int32Array(2 * set.length);
    }
    const kept = this.keptScratch;
    const cofactors = this.cofactorScratch;
    let keptCount = 0;
    let count = 0;
    for (let i = 0; i < set.length; i++) {
      const n = set[i]!;
      if (store.levelOf(n) !== level) {
        kept[keptCount++] = n;
        continue;
      }
      const c = branch === 1 ? store.hiOf(n) : store.loOf(n);
      if (c === BDD_TRUE) return BDD_TRUE;
      if (c !== BDD_FALSE) cofactors[count++] = c;
    }
    sortPrefix(cofactors, count);
    return this.mergedSet(kept, keptCount, cofactors, count);
  }

  /**
   * The union of a[0 … na) and b[0 … nb) (each ascending), without FALSE and
   * repeats, merged in a scratch array and copied out once: a set of two or
   * more (the memo's key), else its or.
   */
  private mergedSet(a: Int32Array, na: number, b: Int32Array, nb: number): Int32Array | number {
    if (this.mergeScratch.length < na + nb) this.mergeScratch = new Int32Array(2 * (na + nb));
    const out = this.mergeScratch;
    let size = 0;
    let i = 0;
    let j = 0;
    while (i < na || j < nb) {
      const n = j >= nb || (i < na && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
      if (n !== BDD_FALSE && (size === 0 || out[size - 1] !== n)) out[size++] = n;
    }
    if (size === 0) return BDD_FALSE;
    return size === 1 ? out[0]! : out.slice(0, size);
  }

  /** The inputs of an or as a sorted set without FALSE, or its value when that is already known. */
  private nodeSet(nodes: readonly number[]): Int32Array | number {
    if (nodes.includes(BDD_TRUE)) return BDD_TRUE;
    const sorted = Int32Array.from(nodes).sort();
    return this.mergedSet(sorted, sorted.length, sorted, 0);
  }

  /** Nodes reachable from each input, summed (a node shared by two inputs counts twice). */
  private summedSizes(inputs: readonly number[]): number {
    const store = this.store;
    if (this.stamp.length < store.size) this.stamp = new Int32Array(Math.max(store.size, this.stamp.length * 2));
    const stamp = this.stamp;
    const stack = this.values;
    const base = stack.length;
    let total = 0;
    if (this.generation > 0x7fff0000) {
      stamp.fill(0);
      this.generation = 0;
    }
    for (const input of inputs) {
      const generation = ++this.generation;
      if (input >= 2) stack.push(input);
      while (stack.length > base) {
        const n = stack.pop();
        if (n < 2 || stamp[n] === generation) continue;
        stamp[n] = generation;
        total++;
        stack.push(store.loOf(n));
        stack.push(store.hiOf(n));
      }
    }
    return total;
  }

  /** Level of the top variable (terminals: TERMINAL_LEVEL). */
  topLevel(node: number): number {
    return this.store.levelOf(node);
  }

  /**
   * The first `n` inputs, deepest top variable first (ties by id), in the
   * first n entries of a scratch array (valid until the next call: the
   * callers only run ite in between). Up to 32 inputs (most
   * gates have two to ten) by insertion on levels read once: a sort with a
   * comparator reading the store was a twentieth of compiling the diagrams.
   */
  private deepestFirst(inputs: ArrayLike<number>, n: number): Int32Array {
    const store = this.store;
    if (this.sortedScratch.length < n) this.sortedScratch = new Int32Array(Math.max(n, 2 * this.sortedScratch.length));
    const sorted = this.sortedScratch;
    if (n > 32) {
      sorted.set((Array.prototype.slice.call(inputs, 0, n) as number[]).sort((a, b) => store.levelOf(b) - store.levelOf(a) || a - b));
      return sorted;
    }
    const levels = this.levelScratch;
    for (let i = 0; i < n; i++) {
      const node = inputs[i]!;
      const level = store.levelOf(node);
      let j = i;
      while (j > 0 && (levels[j - 1]! < level || (levels[j - 1] === level && sorted[j - 1]! > node))) {
        levels[j] = levels[j - 1]!;
        sorted[j] = sorted[j - 1]!;
        j--;
      }
      levels[j] = level;
      sorted[j] = node;
    }
    return sorted;
  }
}

/** Sorts a[0 … n) ascending: by insertion when short (the usual case), natively otherwise. */
function sortPrefix(a: Int32Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i;
    while (j > 0 && a[j - 1]! > x) {
      a[j] = a[j - 1]!;
      j--;
    }
    a[j] = x;
  }
}

export { TERMINAL_LEVEL };
