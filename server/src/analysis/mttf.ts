/**
 * MTTF = ∫₀^∞ R(t) dt for many roots at once.
 *
 * Every evaluation of R at a time t costs the event figures at t (a standby
 * group's transient solution among them) plus one pass over the shared BDD,
 * and that pass gives every root's R(t); so the number of time points is what
 * matters, and all roots share them.
 *
 * With t = T·exp(s − e⁻ˢ) (T = the shortest time scale given) the integral
 * becomes ∫ f(s) ds, f(s) = R(t)·t·(1 + e⁻ˢ). For s ≫ 0 this is t ≈ T·eˢ,
 * a log-time grid: for every law here (exponential, Weibull, the CTMC of a
 * standby group, and products and sums of these) f is analytic in a strip
 * around the real axis and falls doubly exponentially on the right, so the
 * plain trapezoidal rule on a uniform grid in s converges geometrically: its
 * error is about exp(−π²/(βh)) for a Weibull shape β (exp(−π²/h) for
 * exponentials), and halving h squares the relative error. One grid covers
 * every time scale of the model at a cost that grows with
 * log(largest/smallest time), where an adaptive rule in t would bisect again
 * for each scale. For s ≪ 0 the map sends t to 0 doubly exponentially (the
 * double-exponential transformation of Mori and Sugihara), so f falls doubly
 * exponentially on the left too: the times far below every scale, where R is
 * still about R(0), cost a handful of points instead of a dozen per decade.
 *
 * - Left of the grid (t < t₀) R lies between R(t₀) and R(0) (R falls): the
 *   grid's missing terms are added as W·(R(0) + R(t₀))/2, off by at most
 *   W·(R(0) − R(t₀))/2, where W is the sum of their weights h·t·(1 + e⁻ˢ),
 *   and the grid is extended left until that is negligible.
 * - Right of the grid f has fallen below relTol/100 of the integral and is
 *   still falling, for every root; the coarse grid is extended until it has,
 *   then cut back to the first point where it has (the coarse grid's end is a
 *   guess from the longest event MTTF, and every point left in it costs two
 *   more at the first refinement and four at the next).
 * - Refinement halves h (new points are the midpoints) until, for every root,
 *   two successive sums agree so closely that the squared relative change (the
 *   error of the finer sum under geometric convergence) is under relTol/100.
 *
 * Every stage knows its points in advance (the coarse grid, an extension, all
 * the midpoints of a refinement), so R is asked for batches of times: one
 * pass over the BDD then serves a whole batch (see BatchedSuccess), which is
 * what makes the time points cheap on large models.
 */

export interface MttfOptions {
  /** Relative tolerance per root (default 1e-10). */
  readonly relTol?: number;
  /** A time (h) below every root's MTTF, e.g. 1 / Σ 1/MTTFᵢ over the events (default 1). */
  readonly shortest?: number;
  /** A time (h) near the longest root's MTTF, e.g. the largest event MTTF (default 1). */
  readonly longest?: number;
  /** Most evaluations of R before giving up refining (default 4,000). */
  readonly maxEvaluations?: number;
  /** Asked before and after every batch: true abandons the integration (a newer model made it stale). */
  readonly shouldStop?: () => boolean;
  /** Most times per call of a batched evaluation (default 16). */
  readonly batchSize?: number;
}

/** R of every root at several times: `into[j · roots + i]` = Rᵢ(times[j]). */
export type ReliabilitiesAt = (times: Float64Array, into: Float64Array) => void;

export interface MttfResult {
  /** ∫ R(t) dt per root, in the order given. */
  readonly values: Float64Array;
  /** Estimated absolute error per root. */
  readonly errors: Float64Array;
  readonly converged: boolean;
  readonly evaluations: number;
  /** shouldStop said stop: values and errors are meaningless. */
  readonly stopped: boolean;
}

/** Unwinds the integration when shouldStop says so. */
class Stopped extends Error {}

/** Coarsest step in s; finer levels halve it. */
const COARSE_STEP = 0.5;
/** Points added at once when the grid is extended at either end. */
const EXTENSION = 8;
/** Where the coarse grid starts: t = T·e^(−2.5 − e^2.5) ≈ 4e−7·T, where every weight left of it is below 1e−5·T. */
const FIRST_S = -2.5;
/** Where the grid ends: t = e^±709 is the range of doubles. */
const LARGEST_S = 700;

/** The grid's map s → t = scale·exp(s − e⁻ˢ), and its weight dt/ds. */
class TimeMap {
  constructor(readonly scale: number) {}

  time(s: number): number {
    return this.scale * Math.exp(s - Math.exp(-s));
  }

  weight(s: number): number {
    const t = this.time(s);
    // Far left t underflows to 0 while e⁻ˢ overflows: the weight is 0.
    return t === 0 ? 0 : t * (1 + Math.exp(-s));
  }

  /** Σ over j ≥ 1 of step·weight(s₀ − j·step): the grid's points left of s₀ (they fall doubly exponentially). */
  weightLeftOf(s0: number, step: number): number {
    let sum = 0;
    for (let j = 1; j < 10_000; j++) {
      const w = step * this.weight(s0 - j * step);
      sum += w;
      if (w <= sum * 1e-17 || w === 0) break;
    }
    return sum;
  }
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
  return integrateReliabilitiesBatched(
    roots,
    (times, into) => {
      for (let j = 0; j < times.length; j++) reliabilityAt(times[j]!, into.subarray(j * roots, (j + 1) * roots));
    },
    options,
  );
}

/** integrateReliabilities with R asked for batches of times (at most options.batchSize per call). */
export function integrateReliabilitiesBatched(roots: number, reliabilitiesAt: ReliabilitiesAt, options: MttfOptions = {}): MttfResult {
  const relTol = options.relTol ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 4_000;
  const shortest = positiveOr(options.shortest, 1);
  const longest = Math.max(positiveOr(options.longest, 1), shortest);
  if (roots === 0) return { values: new Float64Array(0), errors: new Float64Array(0), converged: true, evaluations: 0, stopped: false };
  try {
    const batch = new Batches(roots, reliabilitiesAt, Math.max(1, Math.floor(options.batchSize ?? 16)), options.shouldStop);
    return integrateOnLogGrid(roots, batch, relTol, maxEvaluations, shortest, longest);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    return { values: new Float64Array(roots).fill(NaN), errors: new Float64Array(roots).fill(Infinity), converged: false, evaluations: 0, stopped: true };
  }
}

/** Feeds the integration's points to a batched evaluation, at most `size` times per call. */
class Batches {
  evaluations = 0;
  private readonly times: Float64Array;
  private readonly values: Float64Array;

  constructor(
    private readonly roots: number,
    private readonly reliabilitiesAt: ReliabilitiesAt,
    private readonly size: number,
    private readonly shouldStop: (() => boolean) | undefined,
  ) {
    this.times = new Float64Array(size);
    this.values = new Float64Array(size * roots);
  }

  /** Adds f(s) = R(t(s))·t'(s) at s = start + k·step (k < count) to every root's entry of `sum`. */
  addToSum(map: TimeMap, start: number, step: number, count: number, sum: Float64Array): void {
    this.addGrid(map, start, step, count, (k, r) => {
      const w = map.weight(start + k * step);
      for (let i = 0; i < r.length; i++) sum[i] += r[i]! * w;
    });
  }

  /** R of every root at s = start + k·step (k < count), handed to `take` (the array is reused: copy what is kept). */
  addGrid(map: TimeMap, start: number, step: number, count: number, take: (k: number, reliability: Float64Array) => void): void {
    this.evaluateAll(count, (k) => map.time(start + k * step), (k, _, r) => take(k, r));
  }

  /** R of every root at each given time, written to `into` (one array per time). */
  readAt(times: readonly number[], into: readonly Float64Array[]): void {
    this.evaluateAll(times.length, (k) => times[k]!, (k, _, r) => into[k]!.set(r));
  }

  /** Evaluates R at time(k) for k < count, in batches of at most `size`, handing each point's values (one per root) to `take`. */
  private evaluateAll(count: number, time: (k: number) => number, take: (k: number, t: number, r: Float64Array) => void): void {
    const { roots, values } = this;
    for (let done = 0; done < count; done += this.size) {
      if (this.shouldStop?.()) throw new Stopped();
      const n = Math.min(this.size, count - done);
      const times = this.times.subarray(0, n);
      for (let j = 0; j < n; j++) times[j] = time(done + j);
      this.reliabilitiesAt(times, values.subarray(0, n * roots));
      // An evaluation may itself stop early when told to: its values are then not to be used.
      if (this.shouldStop?.()) throw new Stopped();
      this.evaluations += n;
      for (let j = 0; j < n; j++) take(done + j, times[j]!, values.subarray(j * roots, (j + 1) * roots));
    }
  }
}

function integrateOnLogGrid(
  roots: number,
  batches: Batches,
  relTol: number,
  maxEvaluations: number,
  shortest: number,
  longest: number,
): MttfResult {
  const negligible = relTol / 100;
  const values = new Float64Array(roots);
  const errors = new Float64Array(roots).fill(Infinity);

  // Coarse grid s = k·h over [first, last], from about 4e−7 of the shortest scale to e³ times the longest.
  // Each coarse point's R is kept (per index k): the ends are read from it, and the grid's right end is
  // trimmed to where every root has decayed before the refinements double the points.
  const map = new TimeMap(shortest);
  let h = COARSE_STEP;
  let first = Math.floor(FIRST_S / COARSE_STEP);
  let last = Math.max(first + 2, Math.ceil((Math.log(longest / shortest) + 3) / COARSE_STEP));
  const coarse = new Map<number, Float64Array>();
  const addCoarse = (from: number, count: number): void =>
    batches.addGrid(map, from * COARSE_STEP, COARSE_STEP, count, (k, reliability) => coarse.set(from + k, reliability.slice()));
  addCoarse(first, last - first + 1);
  const reliabilityAtZero = new Float64Array(roots);
  batches.readAt([0], [reliabilityAtZero]);
  /** f(s) = R·t'(s) of root i at coarse index k. */
  const f = (k: number, i: number): number => coarse.get(k)![i]! * map.weight(k * COARSE_STEP);

  // The grid's weight left of its first point, per step (for the current first point: extending left clears it).
  const leftWeights = new Map<number, number>();
  let leftWeightsFirst = first;
  const leftTail = (step: number, i: number): { value: number; bound: number } => {
    if (leftWeightsFirst !== first) {
      leftWeights.clear();
      leftWeightsFirst = first;
    }
    let weight = leftWeights.get(step);
    if (weight === undefined) leftWeights.set(step, (weight = map.weightLeftOf(first * COARSE_STEP, step)));
    const [atZero, atFirst] = [reliabilityAtZero[i]!, coarse.get(first)![i]!];
    return { value: (weight * (atZero + atFirst)) / 2, bound: (weight * Math.max(0, atZero - atFirst)) / 2 };
  };
  const sum = new Float64Array(roots);
  /** The coarse sums over [first, last], in index order. */
  const sumCoarse = (): void => {
    sum.fill(0);
    for (let k = first; k <= last; k++) {
      const reliability = coarse.get(k)!;
      const w = map.weight(k * COARSE_STEP);
      for (let i = 0; i < roots; i++) sum[i] += reliability[i]! * w;
    }
  };
  const totalAt = (step: number, stepSum: Float64Array, i: number): number => step * stepSum[i]! + leftTail(step, i).value;
  /** Every root has decayed at the coarse index k: f there is negligible and falling. */
  const decayedAt = (k: number): boolean => {
    for (let i = 0; i < roots; i++) {
      const fk = f(k, i);
      if (fk > negligible * totalAt(COARSE_STEP, sum, i) || fk > f(k - 1, i)) return false;
    }
    return true;
  };

  // Extend right until every root has decayed, and left until the part before t₀ is known closely enough.
  for (;;) {
    sumCoarse();
    const extendRight = !decayedAt(last);
    let extendLeft = false;
    for (let i = 0; i < roots && !extendLeft; i++) if (leftTail(COARSE_STEP, i).bound > negligible * totalAt(COARSE_STEP, sum, i)) extendLeft = true;
    if (!extendRight && !extendLeft) break;
    if (extendRight) {
      if ((last + EXTENSION) * COARSE_STEP + Math.log(shortest) > LARGEST_S) return result(false);
      addCoarse(last + 1, EXTENSION);
      last += EXTENSION;
    }
    if (extendLeft) {
      if ((first - EXTENSION) * COARSE_STEP < -LARGEST_S) return result(false);
      addCoarse(first - EXTENSION, EXTENSION);
      first -= EXTENSION;
    }
  }
  // The first point at which every root has decayed ends the grid: the points after it are as negligible as
  // those right of any grid, and each would cost two more at the first refinement and four at the next.
  while (last - 1 > first + 1 && decayedAt(last - 1)) last--;
  sumCoarse();

  // Refine: halve the step, adding the midpoints, until successive sums agree for every root.
  for (let i = 0; i < roots; i++) values[i] = totalAt(h, sum, i);
  const start = first * COARSE_STEP;
  let points = last - first;
  for (;;) {
    if (batches.evaluations + points > maxEvaluations) return result(false);
    batches.addToSum(map, start + 0.5 * h, h, points, sum);
    h /= 2;
    points *= 2;
    let open = false;
    for (let i = 0; i < roots; i++) {
      const finer = totalAt(h, sum, i);
      const change = Math.abs(finer - values[i]!);
      const relative = finer === 0 ? (change === 0 ? 0 : Infinity) : change / Math.abs(finer);
      // Geometric convergence: the finer sum's error is about change²/value.
      errors[i] = Math.min(change, relative * change) + leftTail(h, i).bound;
      values[i] = finer;
      if (!(change <= negligible * 10 * Math.abs(finer) || relative * relative <= negligible)) open = true;
    }
    if (!open) return result(true);
  }

  /** Gives up: the last sums, with an unknown error. */
  function result(converged: boolean): MttfResult {
    if (!converged) {
      for (let i = 0; i < roots; i++) values[i] = totalAt(h, sum, i);
      errors.fill(Infinity);
    }
    return { values, errors, converged, evaluations: batches.evaluations, stopped: false };
  }
}

function positiveOr(x: number | undefined, fallback: number): number {
  return x !== undefined && x > 0 && Number.isFinite(x) ? x : fallback;
}
