/**
 * Standby groups (spec §4 "Standby groups", rules 1–4), solved exactly as
 * continuous-time Markov chains:
 * - availability (rules 1–3): the steady state of the repairable chain, by
 *   GTH elimination (`standby-availability.ts`);
 * - reliability (rules 1, 2, 4): the absorbing chain without repair, by
 *   uniformisation for F(t) and a backward pass for the MTTF
 *   (`standby-reliability.ts`).
 * Both chains lump identical neighbouring members (`standby-runs.ts`).
 */
export interface StandbyMember {
  name: string;
  /** λ' per hour, after retry. */
  rate: number;
  /** MTTR' in hours; undefined when the member is not repairable. */
  mttr: number | undefined;
}

export interface StandbyParams {
  /** Primary first, then the spares in the order of the `standby(...)` list. */
  members: readonly StandbyMember[];
  /** Mean switch-over time in hours, exponentially distributed; 0 = instant. */
  failover: number;
  /** Probability that a switch-over attempt succeeds. */
  coverage: number;
  /** Idle spares fail at dormancy·λ. */
  dormancy: number;
}

export interface StandbySteadyState {
  unavailability: number;
  availability: number;
  /** Up → down transitions per hour in steady state. */
  frequency: number;
  /** Number of states of the (lumped) chain that was solved. */
  states: number;
  /** 'gth': exact elimination (chains up to 400 states); 'gauss-seidel': subtraction-free iteration to ~1e-14. */
  method: 'gth' | 'gauss-seidel';
  /** False only if the iteration ran out of its work budget (then the figures are the last iterate). */
  converged: boolean;
}

export interface StandbyReliability {
  unreliability(t: number): number;
  reliability(t: number): number;
  /** Mean time to group failure in hours; Infinity when the group may never fail. */
  mttf: number;
}

export { standbySteadyState } from './standby-availability';
export { standbyReliability } from './standby-reliability';
