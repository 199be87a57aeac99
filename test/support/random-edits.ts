import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** An edit of a whole text, as a user's keystroke or paste makes it. */
export type Edit = (text: string) => string;

/** The texts of the bundled samples (`samples/*.ft`). */
export function sampleTexts(): string[] {
  return readdirSync('samples')
    .filter((f) => f.endsWith('.ft'))
    .map((f) => readFileSync(join('samples', f), 'utf8'));
}

/** Where the k-th match of `pattern` (global) starts, counting round; −1 when none. */
function nthMatch(text: string, pattern: RegExp, k: number): number {
  const all = [...text.matchAll(pattern)];
  return all.length === 0 ? -1 : all[k % all.length]!.index!;
}

/** Replaces one character matching `pattern` (global, one character) by one of `replacements`. */
export function characterEdit(pattern: RegExp, replacements: readonly string[]): fc.Arbitrary<Edit> {
  return fc.record({ k: fc.nat(), by: fc.constantFrom(...replacements) }).map(
    ({ k, by }): Edit =>
      (text) => {
        const at = nthMatch(text, pattern, k);
        return at < 0 ? text : text.slice(0, at) + by + text.slice(at + 1);
      },
  );
}

/** Inserts one of `lines` at the start of a line. */
export function lineEdit(lines: readonly string[]): fc.Arbitrary<Edit> {
  return fc.record({ k: fc.nat(), insert: fc.constantFrom(...lines) }).map(
    ({ k, insert }): Edit =>
      (text) => {
        const at = nthMatch(text, /^/gm, k);
        return text.slice(0, at) + insert + text.slice(at);
      },
  );
}
