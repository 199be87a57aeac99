/**
 * "Did you mean" for words: the closest candidate within a small edit
 * distance (at most 2, and less than half the word), or undefined.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(2, Math.floor((word.length - 1) / 2));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(word.toLowerCase(), candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `cap`) once it cannot be below `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return previous[b.length]!;
}

/** ` (did you mean 'x'?)`, or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestWord(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}
