/**
 * Steady-state availability of a standby group (spec §4, rules 1–3),
 * literally:
 * - only the active member fails at its full rate; idle spares (and the
 *   spare being switched in) fail at dormancy·λ;
 * - when the active member (or the spare being switched in) fails, the first
 *   working spare in list order is tried; each attempt fails at once with
 *   probability 1 − coverage, else a switch-over of exponential duration
 *   (mean `failover`; none when 0) begins;
 * - every failed member is repaired independently at its own MTTR'; a repair
 *   never interrupts a switch-over nor pre-empts the active member; a member
 *   back while the group is down with no switch-over becomes active at once;
 * - the group is up iff a member is active (and so no switch-over runs).
 * A member with MTTR' = 0 is repaired at the instant it fails.
 */
import { limitingDistribution } from './numeric/limiting-distribution';
import type { StandbyParams, StandbySteadyState } from './standby';
import {
  type GroupState,
  type Move,
  type Role,
  type Run,
  StateCodec,
  exploreStates,
  firstWorkingRun,
  idleCount,
  membersToRuns,
  withFailed,
} from './standby-runs';

/** Repairs that take no time happen at once: such members never stay failed. */
function settle(runs: readonly Run[], state: GroupState): GroupState {
  let role: Role = state.role;
  let failed = state.failed;
  for (let r = 0; r < runs.length; r++) {
    if (runs[r].mttr !== 0 || failed[r] === 0) continue;
    failed = withFailed(failed, r, -failed[r]);
    if (role.kind === 'down') role = { kind: 'active', run: r };
  }
  return { failed, role };
}

/**
 * The holder just failed (`failed` already counts it): try the first working
 * spare, with coverage, possibly through a switch-over.
 */
function handOver(runs: readonly Run[], params: StandbyParams, failed: number[], rate: number): Move[] {
  const next = firstWorkingRun(runs, failed);
  if (next < 0) return [{ to: { failed, role: { kind: 'down' } }, rate }];
  const taken: Role = params.failover > 0 ? { kind: 'switching', run: next } : { kind: 'active', run: next };
  return [
    { to: { failed, role: taken }, rate: params.coverage * rate },
    { to: { failed, role: { kind: 'down' } }, rate: (1 - params.coverage) * rate },
  ];
}

function availabilityMoves(runs: readonly Run[], params: StandbyParams, state: GroupState): Move[] {
  const moves: Move[] = [];
  const { failed, role } = state;
  if (role.kind === 'active') {
    moves.push(...handOver(runs, params, withFailed(failed, role.run, 1), runs[role.run].rate));
  } else if (role.kind === 'switching') {
    moves.push({ to: { failed, role: { kind: 'active', run: role.run } }, rate: 1 / params.failover });
    const incoming = runs[role.run];
    moves.push(...handOver(runs, params, withFailed(failed, role.run, 1), params.dormancy * incoming.rate));
  }
  for (let r = 0; r < runs.length; r++) {
    const idle = idleCount(runs, state, r);
    if (idle > 0) moves.push({ to: { failed: withFailed(failed, r, 1), role }, rate: idle * params.dormancy * runs[r].rate });
    if (failed[r] > 0) {
      const back: Role = role.kind === 'down' ? { kind: 'active', run: r } : role;
      moves.push({ to: { failed: withFailed(failed, r, -1), role: back }, rate: failed[r] / (runs[r].mttr as number) });
    }
  }
  return moves.map((m) => ({ to: settle(runs, m.to), rate: m.rate }));
}

/** The reachable availability chain, start state first. */
export function availabilityChain(params: StandbyParams): { states: GroupState[]; targets: number[][]; rates: number[][] } {
  const runs = membersToRuns(params.members);
  const start: GroupState = { failed: runs.map(() => 0), role: { kind: 'active', run: 0 } };
  return exploreStates(new StateCodec(runs), start, (s) => availabilityMoves(runs, params, s));
}

/** Undefined when a member has no MTTR' (the group then has no availability), or there are no members. */
export function standbySteadyState(params: StandbyParams): StandbySteadyState | undefined {
  if (params.members.length === 0 || params.members.some((m) => m.mttr === undefined)) return undefined;
  const { states, targets, rates } = availabilityChain(params);
  const { pi, method, converged } = limitingDistribution({ size: states.length, targets, rates }, 0);
  const isUp = (s: number): boolean => states[s].role.kind === 'active';
  let unavailability = 0;
  let availability = 0;
  let frequency = 0;
  for (let s = 0; s < states.length; s++) {
    if (!isUp(s)) {
      unavailability += pi[s];
      continue;
    }
    availability += pi[s];
    let toDown = 0;
    targets[s].forEach((t, e) => {
      if (!isUp(t)) toDown += rates[s][e];
    });
    frequency += pi[s] * toDown;
  }
  return { unavailability, availability, frequency, states: states.length, method, converged };
}
