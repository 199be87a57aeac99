/**
 * "Did you mean" suggestions by edit distance (optimal string alignment:
 * insertions, deletions, substitutions and adjacent transpositions, so
 * `cahce` is one edit from `cache`).
 *
 * The distance is bounded: candidates whose length differs too much are
 * skipped without work, and the dynamic programme stops as soon as a row
 * exceeds the bound, so a suggestion over many names stays cheap.
 */

/**
 * How far a word may be from a suggestion: about one edit per three letters,
 * none for a single letter (any other letter would be one edit away: noise).
 */
export function suggestionBound(word: string): number {
  if (word.length <= 1) return 0;
  if (word.length <= 3) return 1;
  if (word.length <= 6) return 2;
  return 3;
}

/**
 * Edit distance between `a` and `b` if it is at most `bound`, else `bound + 1`.
 * Case differences count as an edit, but are preferred by `suggest` on ties.
 */
export function boundedDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let current = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound) return bound + 1;
    const recycled = prevPrev;
    prevPrev = prev;
    prev = current;
    current = recycled;
  }
  return Math.min(prev[n]!, bound + 1);
}

/**
 * The closest candidate within the bound, or undefined. A candidate equal but
 * for case wins outright; otherwise the smallest distance, first one on ties
 * (so callers pass candidates in a meaningful order, e.g. declaration order).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const bound = suggestionBound(word);
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = bound + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = boundedDistance(word, candidate, Math.min(bound, bestDistance - 1));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
