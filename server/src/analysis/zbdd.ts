import { ComputedTable } from './bdd-computed-table';
import { IntStack } from './bdd-int-stack';
import type { BddLayout } from './bdd-layout';
import { NodeStore } from './bdd-node-store';

/**
 * Zero-suppressed BDDs (Minato 1993) for families of sets of events: a node
 * (level, lo, hi) is the family lo ∪ {s ∪ {level} : s ∈ hi}, and a node whose
 * hi is the empty family is never created. Terminals: 0 = ∅ (no set),
 * 1 = {∅} (only the empty set). `without` runs on an explicit stack.
 */

export const ZBDD_EMPTY = 0;
export const ZBDD_BASE = 1;

const EXPAND = 0;
const COMBINE = 1;
/** Pops a, continues with without(a, G): the second half of the equal-level case. */
const CHAIN = 2;
/** Caches the value on top of the stack as the result of (F, G). */
const STORE = 3;

export class Zbdd {
  readonly store: NodeStore;
  private cache = new ComputedTable(16);
  private tasks = new IntStack(1024);
  private values = new IntStack(256);

  constructor(nodeLimit?: number) {
    this.store = new NodeStore(nodeLimit);
  }

  node(level: number, lo: number, hi: number): number {
    return hi === ZBDD_EMPTY ? lo : this.store.intern(level, lo, hi);
  }

  /** An operation's second half: its two results (lo, then hi) on the value stack become one node, cached under (a, b, key). */
  private combine(level: number, a: number, b: number, key: number): void {
    const { values } = this;
    const hi = values.pop();
    const lo = values.pop();
    const result = this.node(level, lo, hi);
    this.cache.insert(a, b, key, result);
    values.push(result);
  }

  /** The operation's result, its stack checked back to where it started (`base`); the cache grows with the store. */
  private finish(base: number): number {
    const result = this.values.pop();
    if (this.values.length !== base) throw new Error('internal error: unbalanced ZBDD operation stack');
    this.cache.growTowards(this.store.size);
    return result;
  }

  /** {s ∈ F : no t ∈ G with t ⊆ s} (Rauzy 1993). */
  without(f0: number, g0: number): number {
    const { store, tasks, values } = this;
    const base = values.length;
    pushTask(tasks, EXPAND, f0, g0, 0);
    while (tasks.length > 0) {
      const kind = tasks.pop();
      const f = tasks.pop();
      const g = tasks.pop();
      const level = tasks.pop();
      if (kind === COMBINE) {
        this.combine(level, f, g, 0);
        continue;
      }
      if (kind === CHAIN) {
        pushTask(tasks, EXPAND, values.pop(), g, 0);
        continue;
      }
      if (kind === STORE) {
        this.cache.insert(f, g, 0, values.peek());
        continue;
      }
      if (f === ZBDD_EMPTY || g === ZBDD_BASE || f === g) {
        values.push(ZBDD_EMPTY);
        continue;
      }
      if (g === ZBDD_EMPTY) {
        values.push(f);
        continue;
      }
      const cached = this.cache.lookup(f, g, 0);
      if (cached >= 0) {
        values.push(cached);
        continue;
      }
      const levelF = store.levelOf(f);
      const levelG = store.levelOf(g);
      if (levelF > levelG) {
        // No set of F holds G's top event: G's sets with it cannot be subsets.
        pushTask(tasks, STORE, f, g, 0);
        pushTask(tasks, EXPAND, f, store.loOf(g), 0);
      } else if (levelF < levelG) {
        pushTask(tasks, COMBINE, f, g, levelF);
        pushTask(tasks, EXPAND, store.hiOf(f), g, 0);
        pushTask(tasks, EXPAND, store.loOf(f), g, 0);
      } else {
        // Sets with the event: remove those containing a set of G.hi, then of G.lo.
        pushTask(tasks, COMBINE, f, g, levelF);
        pushTask(tasks, CHAIN, 0, store.loOf(g), 0);
        pushTask(tasks, EXPAND, store.hiOf(f), store.hiOf(g), 0);
        pushTask(tasks, EXPAND, store.loOf(f), store.loOf(g), 0);
      }
    }
    return this.finish(base);
  }

  /** A new key for `withoutSatisfying`'s cache entries over one layout (layout indices are local). */
  layoutTag(): number {
    return ++this.tags;
  }

  private tags = 0;

  /**
   * {s ∈ Z : B(s) = 0}, B the monotone function of entry `b` of `layout`
   * (non-constant B is false on the empty set), `tag` from layoutTag for
   * this layout. For minimal solutions this is `without(Z, minsol(B))`
   * (a set contains a minimal solution of B exactly when it satisfies B),
   * read off B's own diagram instead of the family of its solutions.
   */
  withoutSatisfying(z0: number, layout: BddLayout, b0: number, tag: number): number {
    const { store, cache } = this;
    const { level, lo, hi } = layout;
    // The stacks through their arrays and local lengths, as in BddManager.ite: a call per push was a tenth of the time.
    let tasks = this.tasks.reserve(4);
    let values = this.values.reserve(1);
    let tn = this.tasks.length;
    let vn = this.values.length;
    const base = vn;
    tasks[tn++] = 0;
    tasks[tn++] = b0;
    tasks[tn++] = z0;
    tasks[tn++] = EXPAND;
    while (tn > 0) {
      // One step pushes at most 12 task words and one value.
      if (tn + 12 > tasks.length) {
        this.tasks.length = tn;
        tasks = this.tasks.reserve(12);
      }
      if (vn + 1 > values.length) {
        this.values.length = vn;
        values = this.values.reserve(1);
      }
      const kind = tasks[--tn]!;
      const z = tasks[--tn]!;
      const b = tasks[--tn]!;
      const at = tasks[--tn]!;
      if (kind === COMBINE) {
        const high = values[--vn]!;
        const low = values[--vn]!;
        const result = this.node(at, low, high);
        cache.insert(z, b, tag, result);
        values[vn++] = result;
        continue;
      }
      if (kind === STORE) {
        cache.insert(z, b, tag, values[vn - 1]!);
        continue;
      }
      // Layout terminals: 0 false, 1 true.
      if (z === ZBDD_EMPTY || b === 1) {
        values[vn++] = ZBDD_EMPTY;
        continue;
      }
      if (b === 0 || z === ZBDD_BASE) {
        values[vn++] = z;
        continue;
      }
      const cached = cache.lookup(z, b, tag);
      if (cached >= 0) {
        values[vn++] = cached;
        continue;
      }
      const levelZ = store.levelOf(z);
      const levelB = level[b]!;
      if (levelZ > levelB) {
        // No set of Z holds B's events above Z's top: B is read with them working.
        let below = lo[b]!;
        while (below > 1 && level[below]! < levelZ) below = lo[below]!;
        tasks[tn++] = 0;
        tasks[tn++] = b;
        tasks[tn++] = z;
        tasks[tn++] = STORE;
        tasks[tn++] = 0;
        tasks[tn++] = below;
        tasks[tn++] = z;
        tasks[tn++] = EXPAND;
        continue;
      }
      const equal = levelZ === levelB;
      tasks[tn++] = levelZ;
      tasks[tn++] = b;
      tasks[tn++] = z;
      tasks[tn++] = COMBINE;
      tasks[tn++] = 0;
      tasks[tn++] = equal ? hi[b]! : b;
      tasks[tn++] = store.hiOf(z);
      tasks[tn++] = EXPAND;
      tasks[tn++] = 0;
      tasks[tn++] = equal ? lo[b]! : b;
      tasks[tn++] = store.loOf(z);
      tasks[tn++] = EXPAND;
    }
    this.tasks.length = tn;
    this.values.length = vn;
    return this.finish(base);
  }
}

function pushTask(tasks: IntStack, kind: number, f: number, g: number, level: number): void {
  tasks.push(level);
  tasks.push(g);
  tasks.push(f);
  tasks.push(kind);
}
