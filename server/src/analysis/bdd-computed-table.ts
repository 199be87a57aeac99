/**
 * The computed table (operation cache): a lossy, direct-mapped cache of
 * (a, b, c) → result. Lossy on purpose: memory stays bounded and a miss only
 * costs a recomputation. It grows with the diagram so that hit rates stay
 * high on large models.
 */

const MAX_LOG2_SIZE = 23;

export class ComputedTable {
  /** Interleaved (a, b, c, result) per slot; a = −1 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private readonly initialSize: number;

  constructor(log2Size = 12) {
    const size = 1 << Math.min(log2Size, MAX_LOG2_SIZE);
    this.initialSize = size;
    this.slots = emptySlots(size);
    this.mask = size - 1;
  }

  /** Empties the table back to its first size (entries name nodes of a store that is being reset). */
  clear(): void {
    if (this.size === this.initialSize) {
      for (let at = 0; at < this.slots.length; at += 4) this.slots[at] = -1;
    } else {
      this.slots = emptySlots(this.initialSize);
      this.mask = this.initialSize - 1;
    }
  }

  get size(): number {
    return this.mask + 1;
  }

  /** The cached result, or −1. */
  lookup(a: number, b: number, c: number): number {
    const at = (slotOf(a, b, c) & this.mask) << 2;
    const slots = this.slots;
    return slots[at] === a && slots[at + 1] === b && slots[at + 2] === c ? slots[at + 3]! : -1;
  }

  insert(a: number, b: number, c: number, result: number): void {
    const at = (slotOf(a, b, c) & this.mask) << 2;
    const slots = this.slots;
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = c;
    slots[at + 3] = result;
  }

  /** Doubles the table (dropping its content) while it is smaller than `wanted` entries. */
  growTowards(wanted: number): void {
    if (this.size >= wanted || this.size >= 1 << MAX_LOG2_SIZE) return;
    let size = this.size * 2;
    while (size < wanted && size < 1 << MAX_LOG2_SIZE) size *= 2;
    this.slots = emptySlots(size);
    this.mask = size - 1;
  }
}

function emptySlots(size: number): Int32Array {
  const slots = new Int32Array(size * 4);
  for (let at = 0; at < slots.length; at += 4) slots[at] = -1;
  return slots;
}

function slotOf(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) + Math.imul(b, 0x85ebca77) + Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
