/** A growable stack of 32-bit integers: the explicit stack of every non-recursive pass. */
export class IntStack {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.items = new Int32Array(capacity);
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
