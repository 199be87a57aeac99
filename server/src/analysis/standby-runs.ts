/**
 * The state space shared by the standby chains.
 *
 * Neighbouring members with the same rate and MTTR' form a run. Members of a
 * run are interchangeable: the chain only needs how many of each run have
 * failed and which run holds the active (or switching-in) member. The rule
 * "first working spare in list order" stays exact, because a run is a
 * contiguous stretch of the list: the first run with a working member holds
 * the first working member. Ten identical members thus give a chain of 33
 * states instead of thousands; ten different members are ten runs of one.
 */
import type { StandbyMember } from './standby';

export interface Run {
  readonly size: number;
  /** Full failure rate λ' of each member. */
  readonly rate: number;
  /** MTTR' of each member (undefined: not repairable). */
  readonly mttr: number | undefined;
}

export function membersToRuns(members: readonly StandbyMember[]): Run[] {
  const runs: Run[] = [];
  for (const m of members) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.rate === m.rate && last.mttr === m.mttr) {
      runs[runs.length - 1] = { ...last, size: last.size + 1 };
    } else {
      runs.push({ size: 1, rate: m.rate, mttr: m.mttr });
    }
  }
  return runs;
}

/** Who holds the group: an active member's run, a switch-over to a member of a run, or nobody. */
export type Role =
  | { readonly kind: 'active'; readonly run: number }
  | { readonly kind: 'switching'; readonly run: number }
  | { readonly kind: 'down' };

export interface GroupState {
  /** Failed members per run. */
  readonly failed: readonly number[];
  readonly role: Role;
}

/** Packs a state into one integer (mixed radix over the runs, then the role). */
export class StateCodec {
  private readonly radix: number;

  constructor(private readonly runs: readonly Run[]) {
    this.radix = runs.reduce((p, r) => p * (r.size + 1), 1);
  }

  encode(state: GroupState): number {
    let code = 0;
    for (let r = this.runs.length - 1; r >= 0; r--) code = code * (this.runs[r].size + 1) + state.failed[r];
    const role = state.role;
    const roleCode = role.kind === 'down' ? 0 : role.kind === 'active' ? 1 + role.run : 1 + this.runs.length + role.run;
    return roleCode * this.radix + code;
  }

  decode(code: number): GroupState {
    const roleCode = Math.floor(code / this.radix);
    let rest = code % this.radix;
    const failed: number[] = [];
    for (const run of this.runs) {
      failed.push(rest % (run.size + 1));
      rest = Math.floor(rest / (run.size + 1));
    }
    const n = this.runs.length;
    const role: Role =
      roleCode === 0 ? { kind: 'down' } : roleCode <= n ? { kind: 'active', run: roleCode - 1 } : { kind: 'switching', run: roleCode - 1 - n };
    return { failed, role };
  }
}

/** Working members of run r that are idle spares (not active, not switching in). */
export function idleCount(runs: readonly Run[], state: GroupState, r: number): number {
  const holds = state.role.kind !== 'down' && state.role.run === r ? 1 : 0;
  return runs[r].size - state.failed[r] - holds;
}

/** The first run, in list order, with a working member (nobody holds the group); −1 if none. */
export function firstWorkingRun(runs: readonly Run[], failed: readonly number[]): number {
  for (let r = 0; r < runs.length; r++) if (failed[r] < runs[r].size) return r;
  return -1;
}

export function withFailed(failed: readonly number[], r: number, delta: number): number[] {
  const next = failed.slice();
  next[r] += delta;
  return next;
}

/** A transition out of a state. */
export interface Move {
  readonly to: GroupState;
  readonly rate: number;
}

/**
 * Explores every state reachable from `start` with `moves`, breadth first.
 * Returns the states (start first) and each state's moves as state indices.
 */
export function exploreStates(
  codec: StateCodec,
  start: GroupState,
  moves: (state: GroupState) => Move[],
): { states: GroupState[]; targets: number[][]; rates: number[][] } {
  const index = new Map<number, number>();
  const states: GroupState[] = [start];
  index.set(codec.encode(start), 0);
  const targets: number[][] = [];
  const rates: number[][] = [];
  for (let s = 0; s < states.length; s++) {
    const merged = new Map<number, number>();
    for (const move of moves(states[s])) {
      if (!(move.rate > 0)) continue;
      const code = codec.encode(move.to);
      let t = index.get(code);
      if (t === undefined) {
        t = states.length;
        index.set(code, t);
        states.push(move.to);
      }
      if (t !== s) merged.set(t, (merged.get(t) ?? 0) + move.rate);
    }
    targets.push([...merged.keys()]);
    rates.push([...merged.values()]);
  }
  return { states, targets, rates };
}
