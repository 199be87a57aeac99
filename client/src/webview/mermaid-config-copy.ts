/**
 * Mermaid's `getConfig()` answers `assignWithDepth({}, currentConfig)`: a copy,
 * three levels deep, of a configuration of about 740 keys, made with one
 * `Object.defineProperty` per key. Mermaid calls it several times for every
 * node and edge it draws, and that copy was nearly half of a preview render
 * (0.4–0.9 ms a call, about 1 700 calls for 300 nodes).
 *
 * This is the very same copy made with plain assignments, four to five times
 * faster. The build (client/build/mermaid-config-patch.mjs) makes Mermaid's
 * `getConfig` call it. The result is identical to Mermaid's for any plain
 * object, including its quirks, because Mermaid's callers may rely on them:
 * - keys whose value is `null` are left out (at the first two levels);
 * - arrays are copied without duplicates and without holes;
 * - a `__proto__` key is copied as an own property when its value is an
 *   object, and left out otherwise;
 * - objects at the third level are copied with `Object.assign`, shallowly.
 */
export function copyMermaidConfig<T extends object>(config: T): T {
  return copyLevel(config, 2) as T;
}

type Bag = Record<string, unknown>;

/** `assignWithDepth(fresh, source, { depth })` for a fresh `{}` or `[]` matching the source's kind. */
function copyLevel(source: object, depth: number): object {
  if (Array.isArray(source)) return withoutDuplicates(source);
  if (depth <= 0) return Object.assign({}, source);
  const copy: Bag = {};
  const from = source as Bag;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (typeof value === 'object') {
      if (value === null) continue;
      setOwn(copy, key, copyLevel(value, depth - 1));
    } else if (key !== '__proto__') {
      // Mermaid skips a non-object `__proto__`: `{}.__proto__` reads as an object there.
      copy[key] = value;
    }
  }
  return copy;
}

/** Mermaid merges an array into a fresh one by pushing each element it does not hold yet. */
function withoutDuplicates(source: readonly unknown[]): unknown[] {
  const copy: unknown[] = [];
  source.forEach((item) => {
    if (!copy.includes(item)) copy.push(item);
  });
  return copy;
}

/** An own data property, also for the key `__proto__` (a plain assignment would change the prototype). */
function setOwn(target: Bag, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
