/**
 * Independent check for the Markov solvers: πQ = 0, Σπ = 1 by Gaussian
 * elimination with partial pivoting (subtractions and all), over the states
 * reachable from state 0; the others get 0.
 */
export function solveByGaussianElimination(size: number, transitions: readonly (readonly [number, number, number])[]): number[] {
  const used = [0];
  for (let i = 0; i < used.length; i++) {
    for (const [from, to] of transitions) if (from === used[i] && !used.includes(to)) used.push(to);
  }
  const local = new Map(used.map((s, i) => [s, i] as const));
  const n = used.length;
  // Rows: equations Σ_i π_i Q_ij = 0 for j < n−1, last row Σ π = 1.
  const m: number[][] = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  for (const [f, t, rate] of transitions) {
    const from = local.get(f);
    const to = local.get(t);
    if (from === undefined || to === undefined) continue;
    m[to]![from]! += rate;
    m[from]![from]! -= rate;
  }
  for (let i = 0; i < n; i++) m[n - 1]![i] = 1;
  m[n - 1]![n] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const pi = new Array<number>(size).fill(0);
  used.forEach((s, i) => (pi[s] = m[i]![n]! / m[i]![i]!));
  return pi;
}
