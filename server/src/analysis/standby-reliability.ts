/**
 * Reliability of a standby group (spec §4, rules 1, 2 and 4): no repair,
 * switch-over time zero, a failed switch-over (probability 1 − coverage) or
 * the lack of a working spare fails the group; idle spares fail at
 * dormancy·λ. Every transition adds one failed member, so the chain is
 * acyclic:
 * - the MTTF and the eventual failure probability come from backward passes
 *   over the states (sums of non-negative terms, no linear solver);
 * - F(t) and R(t) come from uniformisation, each as its own sum of
 *   non-negative terms, so both stay precise near 0. The embedded jump
 *   chain's absorbed and surviving masses are cached by step, so repeated
 *   evaluations (as in an MTTF quadrature) only recompute Poisson weights.
 */
import { poissonTailBound, poissonWeight } from './numeric/poisson';
import type { StandbyParams, StandbyReliability } from './standby';
import { type GroupState, type Move, type Run, StateCodec, exploreStates, firstWorkingRun, idleCount, membersToRuns, withFailed } from './standby-runs';

/** Stop summing once the neglected tail is below this share of the sum. */
const TAIL_SHARE = 1e-17;

function reliabilityMoves(runs: readonly Run[], params: StandbyParams, state: GroupState, failedState: GroupState): Move[] {
  const { failed, role } = state;
  if (role.kind !== 'active') return []; // the failed group absorbs
  const moves: Move[] = [];
  const rate = runs[role.run].rate;
  const afterActive = withFailed(failed, role.run, 1);
  const next = firstWorkingRun(runs, afterActive);
  if (next < 0) {
    moves.push({ to: failedState, rate });
  } else {
    moves.push({ to: { failed: afterActive, role: { kind: 'active', run: next } }, rate: params.coverage * rate });
    moves.push({ to: failedState, rate: (1 - params.coverage) * rate });
  }
  for (let r = 0; r < runs.length; r++) {
    const idle = idleCount(runs, state, r);
    if (idle > 0) moves.push({ to: { failed: withFailed(failed, r, 1), role }, rate: idle * params.dormancy * runs[r].rate });
  }
  return moves;
}

/** The absorbing chain, with its states in an order where every transition goes to a later state. */
interface AbsorbingChain {
  readonly size: number;
  readonly absorbing: number; // −1 when the group cannot fail
  readonly targets: readonly (readonly number[])[];
  readonly rates: readonly (readonly number[])[];
  readonly exit: Float64Array;
  /** States sorted so that transitions go forward (by number of failed members). */
  readonly order: readonly number[];
}

function buildChain(params: StandbyParams): AbsorbingChain {
  const runs = membersToRuns(params.members);
  const failedState: GroupState = { failed: runs.map(() => 0), role: { kind: 'down' } };
  const start: GroupState = { failed: runs.map(() => 0), role: { kind: 'active', run: 0 } };
  const codec = new StateCodec(runs);
  const { states, targets, rates } = exploreStates(codec, start, (s) => reliabilityMoves(runs, params, s, failedState));
  const failedCode = codec.encode(failedState);
  const absorbing = states.findIndex((s) => codec.encode(s) === failedCode);
  const exit = new Float64Array(states.length);
  rates.forEach((row, s) => (exit[s] = row.reduce((a, b) => a + b, 0)));
  const depth = (s: number): number => (s === absorbing ? Infinity : states[s].failed.reduce((a, b) => a + b, 0));
  const order = states.map((_, s) => s).sort((a, b) => depth(a) - depth(b));
  return { size: states.length, absorbing, targets, rates, exit, order };
}

/** Mean time to absorption from the start (Infinity if it may never come), by a backward pass. */
function meanTimeToFailure(chain: AbsorbingChain): number {
  const tau = new Float64Array(chain.size);
  for (let i = chain.order.length - 1; i >= 0; i--) {
    const s = chain.order[i];
    if (s === chain.absorbing) continue;
    const exit = chain.exit[s];
    if (exit === 0) {
      tau[s] = Infinity; // a state that is never left: the group works forever from here
      continue;
    }
    let sum = 1;
    chain.targets[s].forEach((t, e) => (sum += chain.rates[s][e] * tau[t]));
    tau[s] = sum / exit;
  }
  return tau[0];
}

/**
 * The uniformised jump chain's step-by-step masses: absorbed[k] (group failed
 * by step k) and surviving[k] (not yet), each a sum of non-negative terms.
 */
class StepMasses {
  readonly absorbed: number[] = [0];
  readonly surviving: number[] = [1];
  private current: Float64Array;
  /** The step being computed (swapped with `current`: no array per step). */
  private next: Float64Array;

  constructor(
    private readonly chain: AbsorbingChain,
    readonly uniformRate: number,
  ) {
    this.current = new Float64Array(chain.size);
    this.current[0] = 1;
    this.next = new Float64Array(chain.size);
  }

  ensure(k: number): void {
    const { chain, uniformRate } = this;
    while (this.absorbed.length <= k) {
      const next = this.next.fill(0);
      let absorbedNow = 0;
      let surviving = 0;
      for (const s of chain.order) {
        const mass = this.current[s];
        if (mass === 0 || s === chain.absorbing) continue;
        // The uniformised self-loop keeps the share of time nothing happens.
        next[s] += (mass * (uniformRate - chain.exit[s])) / uniformRate;
        const targets = chain.targets[s]!;
        const rates = chain.rates[s]!;
        for (let e = 0; e < targets.length; e++) {
          const t = targets[e]!;
          const flow = (mass * rates[e]!) / uniformRate;
          if (t === chain.absorbing) absorbedNow += flow;
          else next[t] += flow;
        }
      }
      for (let s = 0; s < chain.size; s++) if (s !== chain.absorbing) surviving += next[s];
      this.absorbed.push(this.absorbed[this.absorbed.length - 1] + absorbedNow);
      this.surviving.push(surviving);
      this.next = this.current;
      this.current = next;
    }
  }
}

/**
 * The long-run outcome from the start: probability that the group eventually
 * fails, and that it never does, each summed on its own (backward pass).
 */
function eventualOutcome(chain: AbsorbingChain): { failed: number; working: number } {
  const fails = new Float64Array(chain.size);
  const lasts = new Float64Array(chain.size);
  for (let i = chain.order.length - 1; i >= 0; i--) {
    const s = chain.order[i];
    if (s === chain.absorbing) {
      fails[s] = 1;
      continue;
    }
    const exit = chain.exit[s];
    if (exit === 0) {
      lasts[s] = 1;
      continue;
    }
    let f = 0;
    let w = 0;
    chain.targets[s].forEach((t, e) => {
      f += chain.rates[s][e] * fails[t];
      w += chain.rates[s][e] * lasts[t];
    });
    fails[s] = f / exit;
    lasts[s] = w / exit;
  }
  return { failed: fails[0], working: lasts[0] };
}

/** Upper bound on P(no group failure by t) from the slowest member: at most n active failures are needed. */
function survivalBoundIsNegligible(params: StandbyParams, t: number): boolean {
  const slowest = Math.min(...params.members.map((m) => m.rate));
  if (!(slowest > 0)) return false;
  // P(Gamma(n, λmin) > t) = Σ_{k<n} Poisson(k; λmin·t).
  let bound = 0;
  for (let k = 0; k < params.members.length; k++) bound += poissonWeight(k, slowest * t);
  return bound < 1e-300;
}

export function standbyReliability(params: StandbyParams): StandbyReliability {
  if (params.members.length === 0) return { unreliability: () => 1, reliability: () => 0, mttf: 0 }; // nothing to work
  const chain = buildChain(params);
  const mttf = meanTimeToFailure(chain);
  const uniformRate = Math.max(0, ...chain.exit);
  const masses = new StepMasses(chain, uniformRate);

  /**
   * F(t) and R(t), each summed directly: Σ Poisson(k; Λt)·(mass absorbed,
   * resp. surviving, after k jumps). The weights are walked from the mode
   * both ways by their ratio (one logarithmic weight per time, not one per
   * term); each direction stops once what it leaves out is under TAIL_SHARE
   * of both sums.
   */
  const solve = (t: number): { failed: number; working: number } => {
    if (!(t > 0) || chain.absorbing < 0 || uniformRate === 0) return { failed: 0, working: 1 };
    if (t === Infinity) return eventualOutcome(chain);
    if (survivalBoundIsNegligible(params, t)) return { failed: 1, working: 0 };
    const mean = uniformRate * t;
    const mode = Math.floor(mean);
    masses.ensure(mode);
    const atMode = poissonWeight(mode, mean);
    let failed = 0;
    let working = 0;
    // Upwards from the mode: the terms fall at least geometrically past it.
    const limit = Math.ceil(mean + 40 * Math.sqrt(mean) + 1000);
    let w = atMode;
    for (let k = mode; k <= limit; k++) {
      if (k > mode) w *= mean / k;
      masses.ensure(k);
      failed += w * masses.absorbed[k]!;
      working += w * masses.surviving[k]!;
      const tail = poissonTailBound(k, w, mean);
      const failedDone = tail <= TAIL_SHARE * failed;
      const workingDone = tail * masses.surviving[k]! <= TAIL_SHARE * working;
      if (failedDone && workingDone) break;
    }
    // Downwards: below the mode each weight is at most k/Λt of the one above, so the rest is under w·k/(Λt − k).
    w = atMode;
    for (let k = mode - 1; k >= 0; k--) {
      w *= (k + 1) / mean;
      failed += w * masses.absorbed[k]!;
      working += w * masses.surviving[k]!;
      const rest = (w * k) / (mean - k);
      if (rest <= TAIL_SHARE * failed && rest <= TAIL_SHARE * working) break;
    }
    return { failed, working };
  };
  // The MTTF quadrature asks F and R at the same time one after the other: solve once.
  let lastTime = NaN;
  let last = { failed: 0, working: 1 };
  const solveOnce = (t: number): { failed: number; working: number } => {
    if (t !== lastTime) {
      last = solve(t);
      lastTime = t;
    }
    return last;
  };

  return {
    unreliability: (t) => solveOnce(t).failed,
    reliability: (t) => solveOnce(t).working,
    mttf,
  };
}
