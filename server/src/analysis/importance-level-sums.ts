/**
 * Sums of masses added to ranges of levels, read back per level, without a
 * single subtraction: a segment tree over the levels where a range add puts
 * its mass on the O(log n) canonical nodes covering the range and a level's
 * sum is the sum along its leaf-to-root path. (A running sum with
 * "add at start, subtract at end" would cancel catastrophically when a tiny
 * mass passes under a large one.)
 */
export class LevelRangeSums {
  private readonly leaves: number;
  private readonly tree: Float64Array;

  constructor(levelCount: number) {
    let leaves = 1;
    while (leaves < Math.max(1, levelCount)) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Float64Array(2 * leaves);
  }

  /** Adds `mass` to every level in [from, to] (inclusive; empty when from > to). */
  addToRange(from: number, to: number, mass: number): void {
    if (from > to || mass === 0) return;
    let l = from + this.leaves;
    let r = to + this.leaves + 1;
    while (l < r) {
      if ((l & 1) === 1) this.tree[l++] += mass;
      if ((r & 1) === 1) this.tree[--r] += mass;
      l >>= 1;
      r >>= 1;
    }
  }

  sumAt(level: number): number {
    let sum = 0;
    for (let node = level + this.leaves; node >= 1; node >>= 1) sum += this.tree[node]!;
    return sum;
  }
}
