/**
 * One shared value per distinct text, for texts that repeat endlessly in
 * models (`4h`, `99.9%`, unit suffixes): a large model then holds one string
 * or object per distinct text instead of one per occurrence, which is less
 * memory and much less garbage-collector work. Bounded, so junk input cannot
 * grow a table without end: past `capacity` distinct texts, values are made
 * afresh each time.
 */
export class Interner<T> {
  private readonly table = new Map<string, T>();

  constructor(
    private readonly capacity: number,
    private readonly make: (text: string) => T,
  ) {}

  get(text: string): T {
    const known = this.table.get(text);
    if (known !== undefined) return known;
    const value = this.make(text);
    if (this.table.size < this.capacity) this.table.set(text, value);
    return value;
  }
}

/** Shared strings: `texts.get(text.slice(a, b))` keeps the first such slice and drops later ones at once. */
export function stringInterner(capacity: number): Interner<string> {
  return new Interner(capacity, (text) => text);
}
