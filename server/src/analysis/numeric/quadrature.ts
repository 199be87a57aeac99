/**
 * ∫₀^∞ f(t) dt by globally adaptive Gauss–Kronrod quadrature on the
 * transformed interval t = s·(1 − u)/u, u ∈ (0, 1] (QUADPACK's QAGI without
 * its extrapolation step, which smooth decaying integrands do not need).
 *
 * The interval with the largest error estimate is bisected until the summed
 * error meets the tolerance or the evaluation budget is spent; the answer
 * then says `converged: false` instead of throwing.
 */
import { KRONROD_POINTS, gaussKronrod15 } from './gauss-kronrod';

export interface QuadratureOptions {
  /** Relative tolerance on the value (default 1e-10). */
  relTol?: number;
  /** Absolute tolerance (default 0). */
  absTol?: number;
  /** Budget of f evaluations (default 1500). */
  maxEvaluations?: number;
  /** Where the mass of f lies, e.g. the smallest component MTTF (default 1): t = scale·(1 − u)/u. */
  scale?: number;
}

export interface QuadratureResult {
  value: number;
  error: number;
  evaluations: number;
  converged: boolean;
}

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
}

/** Max-heap of pieces by error estimate, so the worst piece is found in O(log n). */
class PieceHeap {
  private readonly items: Piece[] = [];

  get size(): number {
    return this.items.length;
  }

  push(piece: Piece): void {
    const items = this.items;
    items.push(piece);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent].error >= items[i].error) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  pop(): Piece {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as Piece;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let largest = i;
        if (l < items.length && items[l].error > items[largest].error) largest = l;
        if (r < items.length && items[r].error > items[largest].error) largest = r;
        if (largest === i) break;
        [items[largest], items[i]] = [items[i], items[largest]];
        i = largest;
      }
    }
    return top;
  }

  /** Sums recomputed from the pieces, so rounding does not drift over many bisections. */
  totals(): { value: number; error: number } {
    let value = 0;
    let error = 0;
    for (const p of this.items) {
      value += p.value;
      error += p.error;
    }
    return { value, error };
  }
}

export function integrateToInfinity(f: (t: number) => number, options: QuadratureOptions = {}): QuadratureResult {
  const relTol = options.relTol ?? 1e-10;
  const absTol = options.absTol ?? 0;
  const maxEvaluations = options.maxEvaluations ?? 1500;
  const scale = options.scale !== undefined && options.scale > 0 && Number.isFinite(options.scale) ? options.scale : 1;

  // The transformed integrand; u = 0 (t = ∞) is never a Kronrod node.
  const g = (u: number): number => {
    const value = f((scale * (1 - u)) / u);
    return value === 0 ? 0 : (value * scale) / (u * u);
  };
  const rule = (a: number, b: number): Piece => ({ a, b, ...gaussKronrod15(g, a, b) });

  const heap = new PieceHeap();
  heap.push(rule(0, 1));
  let evaluations = KRONROD_POINTS;
  for (;;) {
    const { value, error } = heap.totals();
    if (!Number.isFinite(value) || !Number.isFinite(error)) {
      return { value: Number.isNaN(value) ? NaN : value, error: Infinity, evaluations, converged: false };
    }
    if (error <= Math.max(absTol, relTol * Math.abs(value))) return { value, error, evaluations, converged: true };
    if (evaluations + 2 * KRONROD_POINTS > maxEvaluations) return { value, error, evaluations, converged: false };
    const worst = heap.pop();
    const mid = 0.5 * (worst.a + worst.b);
    if (!(mid > worst.a && mid < worst.b)) {
      // The piece cannot be split further in double precision: the error stays.
      return { value, error, evaluations, converged: false };
    }
    heap.push(rule(worst.a, mid));
    heap.push(rule(mid, worst.b));
    evaluations += 2 * KRONROD_POINTS;
  }
}
