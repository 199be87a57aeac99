/**
 * Natural order for event names: digit runs compare as numbers, so `app[2]`
 * comes before `app[10]`; otherwise plain code-unit order (stable across locales).
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const endA = digitRunEnd(a, i);
      const endB = digitRunEnd(b, j);
      const byValue = compareDigitRuns(a.slice(i, endA), b.slice(j, endB));
      if (byValue !== 0) return byValue;
      i = endA;
      j = endB;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function digitRunEnd(s: string, from: number): number {
  let k = from;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k;
}

/** Compares digit strings by value without converting (runs may exceed 2^53). */
function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : x.length - y.length;
}
