/**
 * Hash-consed storage of decision-diagram nodes (level, lo, hi) in typed
 * arrays that grow by doubling. Shared by the BDD manager and the ZBDD of
 * cut sets: each applies its own reduction rule before calling `intern`.
 *
 * Ids 0 and 1 are the terminals. A node is always created after its
 * children, so ids are a topological order (children < parent): passes over
 * a diagram are plain loops over ascending or descending ids.
 */

/** Level of the terminals: below every variable. */
export const TERMINAL_LEVEL = 0x7fffffff;

export const DEFAULT_NODE_LIMIT = 20_000_000;

export class BddNodeLimitError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(
      `the decision diagram needs more than ${limit.toLocaleString('en-US')} nodes, ` +
        'the limit set to protect memory; the model is too large to analyse exactly',
    );
    this.name = 'BddNodeLimitError';
    this.limit = limit;
  }
}

function nodeHash(level: number, lo: number, hi: number): number {
  let h = Math.imul(level, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca77) ^ Math.imul(hi, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Largest bucket table a reset clears in place (larger ones are dropped). */
const RECYCLED_CAPACITY = 1 << 14;

/** Int32 slots per node: level, lo, hi, next-in-bucket (one cache line holds whole nodes). */
const STRIDE = 4;

export class NodeStore {
  /** Interleaved (level, lo, hi, next) per node: a lookup touches one cache line, not four arrays. */
  private nodes: Int32Array;
  private buckets: Int32Array;
  /** Number of ids in use, terminals included. */
  size = 2;
  nodeLimit: number;
  private readonly initialCapacity: number;

  constructor(nodeLimit = DEFAULT_NODE_LIMIT, initialCapacity = 1 << 12) {
    this.nodeLimit = nodeLimit;
    this.initialCapacity = Math.max(4, initialCapacity);
    [this.nodes, this.buckets] = NodeStore.emptyTables(this.initialCapacity);
  }

  /**
   * Forgets every node (ids are reused from 2): a store recycled for the next
   * of many small diagrams costs no allocation. Tables that grew large are
   * dropped rather than cleared, so a big diagram's memory is not kept.
   */
  reset(nodeLimit: number): void {
    this.nodeLimit = nodeLimit;
    if (this.buckets.length > RECYCLED_CAPACITY) [this.nodes, this.buckets] = NodeStore.emptyTables(this.initialCapacity);
    else if (4 * this.size < this.buckets.length) {
      // A small diagram in a table a larger one grew: empty only the buckets its nodes went to.
      const mask = this.buckets.length - 1;
      for (let at = 2 * STRIDE; at < this.size * STRIDE; at += STRIDE) this.buckets[nodeHash(this.nodes[at]!, this.nodes[at + 1]!, this.nodes[at + 2]!) & mask] = 0;
    } else this.buckets.fill(0);
    this.size = 2;
  }

  /** Node and bucket tables for `capacity` nodes, holding only the two terminals. */
  private static emptyTables(capacity: number): [Int32Array, Int32Array] {
    const nodes = new Int32Array(capacity * STRIDE);
    nodes[0] = TERMINAL_LEVEL;
    nodes[STRIDE] = TERMINAL_LEVEL;
    nodes[STRIDE + 1] = 1;
    nodes[STRIDE + 2] = 1;
    return [nodes, new Int32Array(capacity)];
  }

  /** Non-terminal nodes created so far. */
  get nodeCount(): number {
    return this.size - 2;
  }

  levelOf(node: number): number {
    return this.nodes[node * STRIDE]!;
  }

  loOf(node: number): number {
    return this.nodes[node * STRIDE + 1]!;
  }

  hiOf(node: number): number {
    return this.nodes[node * STRIDE + 2]!;
  }

  /** The node (level, lo, hi), created when absent. */
  intern(level: number, lo: number, hi: number): number {
    const nodes = this.nodes;
    const bucket = nodeHash(level, lo, hi) & (this.buckets.length - 1);
    for (let n = this.buckets[bucket]!; n !== 0; n = nodes[n * STRIDE + 3]!) {
      const at = n * STRIDE;
      if (nodes[at] === level && nodes[at + 1] === lo && nodes[at + 2] === hi) return n;
    }
    if (this.size - 2 >= this.nodeLimit) throw new BddNodeLimitError(this.nodeLimit);
    if (this.size * STRIDE === this.nodes.length) this.grow();
    const n = this.size++;
    const at = n * STRIDE;
    this.nodes[at] = level;
    this.nodes[at + 1] = lo;
    this.nodes[at + 2] = hi;
    if (this.size > this.buckets.length) {
      this.rehash(this.buckets.length * 2);
    } else {
      this.nodes[at + 3] = this.buckets[bucket]!;
      this.buckets[bucket] = n;
    }
    return n;
  }

  private grow(): void {
    const capacity = Math.min((this.nodes.length / STRIDE) * 2, this.nodeLimit + 2);
    const nodes = new Int32Array(capacity * STRIDE);
    nodes.set(this.nodes);
    this.nodes = nodes;
  }

  private rehash(bucketCount: number): void {
    const nodes = this.nodes;
    const buckets = new Int32Array(bucketCount);
    const mask = bucketCount - 1;
    for (let n = 2; n < this.size; n++) {
      const at = n * STRIDE;
      const bucket = nodeHash(nodes[at]!, nodes[at + 1]!, nodes[at + 2]!) & mask;
      nodes[at + 3] = buckets[bucket]!;
      buckets[bucket] = n;
    }
    this.buckets = buckets;
  }
}
