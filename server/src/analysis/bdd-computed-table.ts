/**
 * The computed table (operation cache): a lossy, direct-mapped cache of
 * (a, b, c) → result. Lossy on purpose: memory stays bounded and a miss only
 * costs a recomputation. It grows with the diagram so that hit rates stay
 * high on large models.
 *
 * A slot is valid only when its stamp is the table's current epoch, so
 * clearing (once per diagram of a recycled manager: thousands per model) is
 * one increment, not a pass over the table nor a new one; a table that grew
 * is kept for the next diagram up to RETAINED_SIZE slots. Until the first
 * clear of a table (epoch 1: a fresh manager, a ZBDD) the stamps are neither
 * read nor written: an empty slot holds a = 0, which no key has (a is a
 * non-terminal operand), and a lookup costs one memory access, not two.
 */

const MAX_LOG2_SIZE = 23;
/** Largest table a clear keeps (larger ones are dropped, so a big diagram's memory is not kept). */
const RETAINED_SIZE = 1 << 16;
/** Stamps are 16-bit: the epoch wraps after this many clears (then every stamp is reset once). */
const EPOCHS = 1 << 16;

export class ComputedTable {
  /** Interleaved (a, b, c, result) per slot. */
  private slots: Int32Array;
  /** Per slot: the epoch it was written in (0: never). */
  private stamps: Uint16Array;
  private epoch = 1;
  private mask: number;
  private readonly initialSize: number;

  constructor(log2Size = 12) {
    const size = 1 << Math.min(log2Size, MAX_LOG2_SIZE);
    this.initialSize = size;
    this.slots = new Int32Array(size * 4);
    this.stamps = new Uint16Array(size);
    this.mask = size - 1;
  }

  /** Forgets every entry (they name nodes of a store that is being reset). */
  clear(): void {
    if (this.size > RETAINED_SIZE) {
      this.resize(this.initialSize);
      return;
    }
    this.epoch++;
    if (this.epoch === EPOCHS) {
      this.stamps.fill(0);
      // Not 1: the slots hold entries of earlier epochs, which only stamps tell apart.
      this.epoch = 2;
    }
  }

  get size(): number {
    return this.mask + 1;
  }

  /** The cached result, or −1. */
  lookup(a: number, b: number, c: number): number {
    const slot = slotOf(a, b, c) & this.mask;
    if (this.epoch !== 1 && this.stamps[slot] !== this.epoch) return -1;
    const at = slot << 2;
    const slots = this.slots;
    return slots[at] === a && slots[at + 1] === b && slots[at + 2] === c ? slots[at + 3]! : -1;
  }

  insert(a: number, b: number, c: number, result: number): void {
    const slot = slotOf(a, b, c) & this.mask;
    if (this.epoch !== 1) this.stamps[slot] = this.epoch;
    const at = slot << 2;
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
    this.resize(size);
  }

  private resize(size: number): void {
    this.slots = new Int32Array(size * 4);
    this.stamps = new Uint16Array(size);
    this.epoch = 1;
    this.mask = size - 1;
  }
}

function slotOf(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) + Math.imul(b, 0x85ebca77) + Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
