/** Same length and the same integers in the same order. */
export function equalInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A map keyed by the contents of Int32Arrays: a 52-bit hash of the integers
 * (two 32-bit FNV-style lanes) finds the bucket, keys are compared in full
 * (collisions are rare, never trusted). Where a string key per array (its
 * integers joined) made the caller garbage-bound: the n-ary or's memo, the
 * hash-consing of gates.
 */
export class IntArrayMap<V> {
  private readonly byHash = new Map<number, { readonly key: Int32Array; readonly value: V }[]>();

  get(key: Int32Array, hash = hashOfInts(key)): V | undefined {
    const bucket = this.byHash.get(hash);
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (equalInts(entry.key, key)) return entry.value;
    return undefined;
  }

  /** Adds a key not yet in the map (the key array is kept: do not change it afterwards). */
  set(key: Int32Array, value: V, hash = hashOfInts(key)): void {
    const bucket = this.byHash.get(hash);
    if (bucket === undefined) this.byHash.set(hash, [{ key, value }]);
    else bucket.push({ key, value });
  }
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
