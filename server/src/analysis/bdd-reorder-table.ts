import { BddNodeLimitError } from './bdd-node-store';

/**
 * A BDD node table that can change its variable order in place (Rudell
 * 1993): nodes carry their variable, not their level, and the order is a
 * permutation (variable ↔ level), so swapping two adjacent levels only
 * rewrites the nodes of the upper variable that test the lower one.
 * Reference counts (parents + external roots) tell which nodes die in a
 * swap, so the live size, the quantity sifting minimises, is always exact.
 *
 * Node 0 and 1 are the terminals. No complement edges (as the BddManager).
 * Every pass is a loop or an explicit stack: nothing recurses on the height.
 */

const NONE = -1;

export class ReorderTable {
  /** Variables are 0 … variableCount − 1. */
  readonly variableCount: number;
  /** variable → level, level → variable. */
  readonly levelOfVariable: Int32Array;
  readonly variableAtLevel: Int32Array;
  /** Live non-terminal nodes per variable. */
  readonly countOfVariable: Int32Array;
  /** Live non-terminal nodes. */
  size = 0;
  private readonly nodeLimit: number;

  private variableOf: Int32Array;
  private lo: Int32Array;
  private hi: Int32Array;
  private refs: Int32Array;
  /** Hash chain (unique table) and per-variable doubly linked lists. */
  private nextInBucket: Int32Array;
  private nextOfVariable: Int32Array;
  private previousOfVariable: Int32Array;
  private readonly headOfVariable: Int32Array;
  private buckets: Int32Array;
  private freeHead = NONE;
  /** Ids ever used (terminals included). */
  private used = 2;

  constructor(variableCount: number, capacity: number, nodeLimit: number) {
    this.variableCount = variableCount;
    this.nodeLimit = nodeLimit;
    this.levelOfVariable = Int32Array.from({ length: variableCount }, (_, v) => v);
    this.variableAtLevel = Int32Array.from({ length: variableCount }, (_, v) => v);
    this.countOfVariable = new Int32Array(variableCount);
    this.headOfVariable = new Int32Array(variableCount).fill(NONE);
    const slots = Math.max(16, capacity + 2);
    this.variableOf = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.hi = new Int32Array(slots);
    this.refs = new Int32Array(slots);
    this.nextInBucket = new Int32Array(slots);
    this.nextOfVariable = new Int32Array(slots);
    this.previousOfVariable = new Int32Array(slots);
    this.buckets = new Int32Array(bucketCountFor(slots)).fill(NONE);
    this.variableOf[0] = this.variableOf[1] = NONE;
  }

  /** Every node id is below this bound. */
  get idBound(): number {
    return this.used;
  }

  variableOfNode(node: number): number {
    return this.variableOf[node]!;
  }

  loOf(node: number): number {
    return this.lo[node]!;
  }

  hiOf(node: number): number {
    return this.hi[node]!;
  }

  /** Level of a node (terminals: variableCount, below every variable). */
  levelOf(node: number): number {
    return node < 2 ? this.variableCount : this.levelOfVariable[this.variableOf[node]!]!;
  }

  /** The reduced node (variable, lo, hi), found or created; the caller owns one reference to it. */
  make(variable: number, lo: number, hi: number): number {
    if (lo === hi) {
      this.refs[lo]!++;
      return lo;
    }
    let node = this.find(variable, lo, hi);
    if (node === NONE) {
      node = this.allocate();
      this.variableOf[node] = variable;
      this.lo[node] = lo;
      this.hi[node] = hi;
      this.refs[node] = 0;
      this.refs[lo]!++;
      this.refs[hi]!++;
      this.link(node);
    }
    this.refs[node]!++;
    return node;
  }

  /** One more reference to a node (an external root). */
  retain(node: number): void {
    this.refs[node]!++;
  }

  /** Drops one reference; a node left without any dies, and so, transitively, do the children only it held. */
  release(node: number): void {
    if (node < 2 || --this.refs[node]! > 0) return;
    const stack = [node];
    while (stack.length > 0) {
      const dead = stack.pop()!;
      this.unlink(dead);
      const lo = this.lo[dead]!;
      const hi = this.hi[dead]!;
      if (lo >= 2 && --this.refs[lo]! === 0) stack.push(lo);
      if (hi >= 2 && --this.refs[hi]! === 0) stack.push(hi);
      this.nextInBucket[dead] = this.freeHead;
      this.freeHead = dead;
    }
  }

  /**
   * Exchanges the variables at `level` and `level + 1`. Each node f of the
   * upper variable x with a child testing the lower variable y becomes, in
   * place, f = y ? (x ? f11 : f01) : (x ? f10 : f00); its parents (and the
   * ids held outside) are untouched. Nodes of y nobody tests any more die.
   */
  swap(level: number): void {
    const x = this.variableAtLevel[level]!;
    const y = this.variableAtLevel[level + 1]!;
    const upper: number[] = [];
    for (let n = this.headOfVariable[x]!; n !== NONE; n = this.nextOfVariable[n]!) upper.push(n);
    for (const f of upper) {
      const f0 = this.lo[f]!;
      const f1 = this.hi[f]!;
      const lowTests = this.variableOf[f0] === y;
      const highTests = this.variableOf[f1] === y;
      if (!lowTests && !highTests) continue;
      const f00 = lowTests ? this.lo[f0]! : f0;
      const f01 = lowTests ? this.hi[f0]! : f0;
      const f10 = highTests ? this.lo[f1]! : f1;
      const f11 = highTests ? this.hi[f1]! : f1;
      // A reduced f depends on x, so the two new children differ and f stays a node.
      const newLo = this.make(x, f00, f10);
      const newHi = this.make(x, f01, f11);
      this.unlink(f);
      this.variableOf[f] = y;
      this.lo[f] = newLo;
      this.hi[f] = newHi;
      this.link(f);
      this.release(f0);
      this.release(f1);
    }
    this.variableAtLevel[level] = y;
    this.variableAtLevel[level + 1] = x;
    this.levelOfVariable[y] = level;
    this.levelOfVariable[x] = level + 1;
  }

  /** Live nodes of each level, bottom level first: children before parents. */
  nodesBottomUp(): Int32Array {
    const nodes = new Int32Array(this.size);
    let at = 0;
    for (let level = this.variableCount - 1; level >= 0; level--) {
      const v = this.variableAtLevel[level]!;
      for (let n = this.headOfVariable[v]!; n !== NONE; n = this.nextOfVariable[n]!) nodes[at++] = n;
    }
    return nodes;
  }

  private find(variable: number, lo: number, hi: number): number {
    const bucket = hashOf(variable, lo, hi) & (this.buckets.length - 1);
    for (let n = this.buckets[bucket]!; n !== NONE; n = this.nextInBucket[n]!) {
      if (this.variableOf[n] === variable && this.lo[n] === lo && this.hi[n] === hi) return n;
    }
    return NONE;
  }

  private allocate(): number {
    if (this.size >= this.nodeLimit) throw new BddNodeLimitError(this.nodeLimit);
    if (this.freeHead !== NONE) {
      const node = this.freeHead;
      this.freeHead = this.nextInBucket[node]!;
      return node;
    }
    if (this.used === this.variableOf.length) this.grow();
    return this.used++;
  }

  /** Enters a node in the unique table and its variable's list. */
  private link(node: number): void {
    const v = this.variableOf[node]!;
    const bucket = hashOf(v, this.lo[node]!, this.hi[node]!) & (this.buckets.length - 1);
    this.nextInBucket[node] = this.buckets[bucket]!;
    this.buckets[bucket] = node;
    const head = this.headOfVariable[v]!;
    this.nextOfVariable[node] = head;
    this.previousOfVariable[node] = NONE;
    if (head !== NONE) this.previousOfVariable[head] = node;
    this.headOfVariable[v] = node;
    this.countOfVariable[v]!++;
    this.size++;
  }

  private unlink(node: number): void {
    const v = this.variableOf[node]!;
    const bucket = hashOf(v, this.lo[node]!, this.hi[node]!) & (this.buckets.length - 1);
    let n = this.buckets[bucket]!;
    if (n === node) this.buckets[bucket] = this.nextInBucket[node]!;
    else {
      while (this.nextInBucket[n] !== node) n = this.nextInBucket[n]!;
      this.nextInBucket[n] = this.nextInBucket[node]!;
    }
    const previous = this.previousOfVariable[node]!;
    const next = this.nextOfVariable[node]!;
    if (previous === NONE) this.headOfVariable[v] = next;
    else this.nextOfVariable[previous] = next;
    if (next !== NONE) this.previousOfVariable[next] = previous;
    this.countOfVariable[v]!--;
    this.size--;
  }

  private grow(): void {
    const slots = this.variableOf.length * 2;
    const bigger = (a: Int32Array): Int32Array => {
      const b = new Int32Array(slots);
      b.set(a);
      return b;
    };
    this.variableOf = bigger(this.variableOf);
    this.lo = bigger(this.lo);
    this.hi = bigger(this.hi);
    this.refs = bigger(this.refs);
    this.nextInBucket = bigger(this.nextInBucket);
    this.nextOfVariable = bigger(this.nextOfVariable);
    this.previousOfVariable = bigger(this.previousOfVariable);
    this.rehash(bucketCountFor(slots));
  }

  private rehash(bucketCount: number): void {
    this.buckets = new Int32Array(bucketCount).fill(NONE);
    const mask = bucketCount - 1;
    for (let v = 0; v < this.variableCount; v++) {
      for (let n = this.headOfVariable[v]!; n !== NONE; n = this.nextOfVariable[n]!) {
        const bucket = hashOf(v, this.lo[n]!, this.hi[n]!) & mask;
        this.nextInBucket[n] = this.buckets[bucket]!;
        this.buckets[bucket] = n;
      }
    }
  }
}

function bucketCountFor(slots: number): number {
  let count = 16;
  while (count < slots) count *= 2;
  return count;
}

function hashOf(variable: number, lo: number, hi: number): number {
  let h = Math.imul(variable, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca77) ^ Math.imul(hi, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
