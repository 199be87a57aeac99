/** Same length and the same integers in the same order. */
export function equalInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `x` is in `sorted` (ascending), by binary search. */
export function sortedIncludes(sorted: Int32Array, x: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid]!;
    if (at === x) return true;
    if (at < x) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/**
 * A map keyed by the contents of Int32Arrays: a 52-bit hash of the integers
 * (two 32-bit FNV-style lanes) finds the slot of an open-addressing table,
 * keys are compared in full (collisions are rare, never trusted). Where a
 * string key per array (its integers joined) made the caller garbage-bound:
 * the n-ary or's memo, the hash-consing of gates. Entries live in parallel
 * arrays, the table in an Int32Array (no object or bucket array per entry).
 */
export class IntArrayMap<V> {
  private readonly keys: Int32Array[] = [];
  private readonly values: V[] = [];
  private readonly hashes: number[] = [];
  /** Slot → entry index + 1 (0: empty); linear probing, at most half full. */
  private table = new Int32Array(64);

  get(key: Int32Array, hash = hashOfInts(key)): V | undefined {
    const { table, keys, hashes } = this;
    const mask = table.length - 1;
    for (let slot = slotOfHash(hash) & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]! - 1;
      if (entry < 0) return undefined;
      if (hashes[entry] === hash && equalInts(keys[entry]!, key)) return this.values[entry];
    }
  }

  /** Adds a key not yet in the map (the key array is kept: do not change it afterwards). */
  set(key: Int32Array, value: V, hash = hashOfInts(key)): void {
    this.keys.push(key);
    this.values.push(value);
    this.hashes.push(hash);
    if (2 * this.keys.length > this.table.length) this.rehash(this.table.length * 2);
    else this.place(this.keys.length - 1);
  }

  private place(entry: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let slot = slotOfHash(this.hashes[entry]!) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = entry + 1;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    for (let entry = 0; entry < this.keys.length; entry++) this.place(entry);
  }
}

/** Table slot of a 52-bit hash: its low 32 bits, mixed. */
function slotOfHash(hash: number): number {
  const h = Math.imul((hash % 0x100000000) | 0, 0x9e3779b1);
  return h ^ (h >>> 16);
}

/** The 52-bit hash IntArrayMap files a key under (exact as a Map key). */
export function hashOfInts(a: Int32Array): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ a.length;
  for (let i = 0; i < a.length; i++) {
    const n = a[i]!;
    h1 = Math.imul(h1 ^ n, 0x01000193);
    h2 = Math.imul(h2 ^ n, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 0x100000 + (h2 >>> 12);
}
