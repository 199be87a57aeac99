import { KRONROD_POINTS, gaussKronrod15 } from './numeric/gauss-kronrod';

/**
 * MTTF = ∫₀^∞ R(t) dt for many roots at once.
 *
 * Every evaluation of R at a time t costs the event figures at t (a standby
 * group's transient solution among them) plus one pass over the shared BDD,
 * and that one pass gives every root's R(t). So all roots are integrated
 * together: globally adaptive Gauss–Kronrod (G7-K15) on t = s·(1 − u)/u,
 * u ∈ (0, 1] (QUADPACK's QAGI), where the piece that is bisected next is the
 * one that contributes most to the roots that have not met their tolerance.
 */

export interface MttfOptions {
  /** Relative tolerance per root (default 1e-10). */
  readonly relTol?: number;
  /** Most pieces before giving up refining (each costs 15 evaluations; default 400). */
  readonly maxPieces?: number;
  /** Where the mass of R lies, e.g. a typical component MTTF (default 1). */
  readonly scale?: number;
}

export interface MttfResult {
  /** ∫ R(t) dt per root, in the order given. */
  readonly values: Float64Array;
  /** Estimated absolute error per root. */
  readonly errors: Float64Array;
  readonly converged: boolean;
  readonly evaluations: number;
}

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly values: Float64Array;
  readonly errors: Float64Array;
}

/**
 * Integrates `reliabilityAt(t)` (one value per root, written into the given
 * array) over [0, ∞). Roots whose R does not tend to 0 must be left out by
 * the caller: their integral diverges.
 */
export function integrateReliabilities(
  roots: number,
  reliabilityAt: (t: number, into: Float64Array) => void,
  options: MttfOptions = {},
): MttfResult {
  const relTol = options.relTol ?? 1e-10;
  const maxPieces = options.maxPieces ?? 400;
  const scale = options.scale !== undefined && options.scale > 0 && Number.isFinite(options.scale) ? options.scale : 1;
  if (roots === 0) return { values: new Float64Array(0), errors: new Float64Array(0), converged: true, evaluations: 0 };

  let evaluations = 0;
  const rule = (a: number, b: number): Piece => {
    // The rule's 15 abscissae, in the order it asks for them.
    const xs: number[] = [];
    gaussKronrod15((x) => (xs.push(x), 0), a, b);
    const samples = xs.map((u) => {
      const r = new Float64Array(roots);
      reliabilityAt((scale * (1 - u)) / u, r);
      const jacobian = scale / (u * u);
      for (let i = 0; i < roots; i++) r[i] = r[i] === 0 ? 0 : r[i]! * jacobian;
      return r;
    });
    evaluations += KRONROD_POINTS;
    const values = new Float64Array(roots);
    const errors = new Float64Array(roots);
    for (let i = 0; i < roots; i++) {
      let k = 0;
      const result = gaussKronrod15(() => samples[k++]![i]!, a, b);
      values[i] = result.value;
      errors[i] = result.error;
    }
    return { a, b, values, errors };
  };

  const pieces: Piece[] = [rule(0, 1)];
  const totals = new Float64Array(roots);
  const totalErrors = new Float64Array(roots);
  for (;;) {
    totals.fill(0);
    totalErrors.fill(0);
    for (const p of pieces) {
      for (let i = 0; i < roots; i++) {
        totals[i] += p.values[i]!;
        totalErrors[i] += p.errors[i]!;
      }
    }
    // Weight of each unconverged root: 1 / its allowed error.
    const weight = new Float64Array(roots);
    let open = false;
    for (let i = 0; i < roots; i++) {
      const allowed = relTol * Math.abs(totals[i]!);
      if (totalErrors[i]! > allowed && Number.isFinite(totalErrors[i]!)) {
        weight[i] = allowed > 0 ? 1 / allowed : 1;
        open = true;
      }
    }
    if (!open) return { values: totals, errors: totalErrors, converged: true, evaluations };
    if (pieces.length >= maxPieces) return { values: totals, errors: totalErrors, converged: false, evaluations };
    let worst = 0;
    let worstScore = -1;
    pieces.forEach((p, index) => {
      let score = 0;
      for (let i = 0; i < roots; i++) score += weight[i]! * p.errors[i]!;
      if (score > worstScore) {
        worstScore = score;
        worst = index;
      }
    });
    const piece = pieces[worst]!;
    const mid = 0.5 * (piece.a + piece.b);
    if (!(mid > piece.a && mid < piece.b)) return { values: totals, errors: totalErrors, converged: false, evaluations };
    pieces[worst] = rule(piece.a, mid);
    pieces.push(rule(mid, piece.b));
  }
}
