/**
 * A binary max-heap of integer items keyed by a float priority, in typed
 * arrays that grow by doubling. Equal keys come out in insertion order, so
 * searches built on it are deterministic.
 */
export class MaxPriorityQueue {
  // Small to start with: searches open one queue per module they descend into, most of them short.
  private keys = new Float64Array(8);
  private items = new Int32Array(8);
  private order = new Float64Array(8);
  private inserted = 0;
  length = 0;

  push(item: number, key: number): void {
    if (this.length === this.keys.length) this.grow();
    let at = this.length++;
    const order = this.inserted++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(key, order, this.keys[parent]!, this.order[parent]!)) break;
      this.move(parent, at);
      at = parent;
    }
    this.set(at, item, key, order);
  }

  peekKey(): number {
    return this.length > 0 ? this.keys[0]! : -Infinity;
  }

  /** Removes and returns the item with the largest key. */
  pop(): number {
    const top = this.items[0]!;
    const last = --this.length;
    if (last > 0) {
      const key = this.keys[last]!;
      const item = this.items[last]!;
      const order = this.order[last]!;
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= last) break;
        if (child + 1 < last && this.before(this.keys[child + 1]!, this.order[child + 1]!, this.keys[child]!, this.order[child]!)) {
          child++;
        }
        if (!this.before(this.keys[child]!, this.order[child]!, key, order)) break;
        this.move(child, at);
        at = child;
      }
      this.set(at, item, key, order);
    }
    return top;
  }

  private before(keyA: number, orderA: number, keyB: number, orderB: number): boolean {
    return keyA > keyB || (keyA === keyB && orderA < orderB);
  }

  private move(from: number, to: number): void {
    this.set(to, this.items[from]!, this.keys[from]!, this.order[from]!);
  }

  private set(at: number, item: number, key: number, order: number): void {
    this.items[at] = item;
    this.keys[at] = key;
    this.order[at] = order;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const items = new Int32Array(capacity);
    items.set(this.items);
    const order = new Float64Array(capacity);
    order.set(this.order);
    this.keys = keys;
    this.items = items;
    this.order = order;
  }
}
