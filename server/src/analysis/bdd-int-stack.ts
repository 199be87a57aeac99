/** A growable stack of 32-bit integers: the explicit stack of every non-recursive pass. */
export class IntStack {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.items = new Int32Array(capacity);
  }

  /** The backing array, with room for at least `extra` more items past `length` (it may be replaced: use the one returned). */
  reserve(extra: number): Int32Array {
    if (this.length + extra > this.items.length) {
      const bigger = new Int32Array(Math.max(this.items.length * 2, this.length + extra));
      bigger.set(this.items);
      this.items = bigger;
    }
    return this.items;
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  pop(): number {
    return this.items[--this.length]!;
  }

  peek(): number {
    return this.items[this.length - 1]!;
  }
}
