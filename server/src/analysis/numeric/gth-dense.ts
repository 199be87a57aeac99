/**
 * Stationary distribution of an irreducible CTMC by GTH elimination
 * (Grassmann, Taksar & Heyman 1985) on a dense matrix. Only additions,
 * multiplications and divisions of non-negative numbers: every probability,
 * however small, comes out with a small relative error.
 */

/**
 * `rates` is the n×n row-major matrix of off-diagonal rates (the diagonal is
 * ignored and overwritten). Returns π with Σπ = 1, or undefined when the
 * chain is not irreducible (a state with no way out of the remaining ones).
 */
export function gthDense(n: number, rates: Float64Array): Float64Array | undefined {
  const a = rates;
  for (let k = n - 1; k >= 1; k--) {
    const rowK = k * n;
    let exit = 0;
    for (let j = 0; j < k; j++) exit += a[rowK + j];
    if (!(exit > 0)) return undefined;
    for (let i = 0; i < k; i++) {
      const rowI = i * n;
      const toK = a[rowI + k];
      if (toK === 0) continue;
      const share = toK / exit;
      a[rowI + k] = share;
      // Censoring k out: i reaches j through k with the share of k's exits.
      for (let j = 0; j < k; j++) a[rowI + j] += share * a[rowK + j];
    }
  }
  const pi = new Float64Array(n);
  pi[0] = 1;
  let total = 1;
  for (let j = 1; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < j; i++) sum += pi[i] * a[i * n + j];
    pi[j] = sum;
    total += sum;
  }
  for (let j = 0; j < n; j++) pi[j] /= total;
  return pi;
}
