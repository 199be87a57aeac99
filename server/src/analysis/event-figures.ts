import type { Law, ResolvedModel, StandbyModel } from '../language/model';
import { instanceFigures, lawMttf, reliabilityAt, unreliabilityAt } from './laws';
import { standbyReliability, standbySteadyState, type StandbyParams } from './standby';
import type { EventSource } from './structure';

/**
 * Figures of one basic event, the inputs of the BDD passes. Every pair is
 * computed directly (q and p separately), never as `1 − x`.
 */
export interface EventFigures {
  /** Steady-state unavailability / availability; undefined when not repairable. */
  readonly q: number | undefined;
  readonly p: number | undefined;
  /** Failure frequency per hour in steady state (ν). */
  readonly frequency: number | undefined;
  /** Unreliability and reliability at time t (hours), no repair. */
  readonly unreliability: (t: number) => number;
  readonly reliability: (t: number) => number;
  /** Mean time to failure of the event alone, in hours; null if it may never fail. */
  readonly mttf: number | null;
  /** Failure rate λ' per hour where the law is exponential (for hover and reports). */
  readonly rate: number | undefined;
  /** Effective MTTR' in hours. */
  readonly mttr: number | undefined;
}

export function eventFigures(model: ResolvedModel, source: EventSource): EventFigures {
  if (source.kind === 'standby') return standbyEventFigures(standbyParams(model, source.standby));
  const { law, mttr } = source;
  // The replicas of a component share one law object and one mttr: their figures are one object.
  let byMttr = figuresOfLaw.get(law);
  if (byMttr === undefined) figuresOfLaw.set(law, (byMttr = new Map()));
  let figures = byMttr.get(mttr);
  if (figures === undefined) byMttr.set(mttr, (figures = lawFigures(law, mttr)));
  return figures;
}

const figuresOfLaw = new WeakMap<Law, Map<number | undefined, EventFigures>>();

function lawFigures(law: Law, mttr: number | undefined): EventFigures {
  const steady = instanceFigures(law, mttr);
  return {
    q: steady.unavailability,
    p: steady.availability,
    frequency: steady.frequency,
    unreliability: (t) => unreliabilityAt(law, t),
    reliability: (t) => reliabilityAt(law, t),
    mttf: lawMttf(law),
    rate: law.kind === 'exponential' ? law.rate : undefined,
    mttr,
  };
}

/** The CTMC's inputs: each member's λ' and MTTR' looked up from its component. */
export function standbyParams(model: ResolvedModel, s: StandbyModel): StandbyParams {
  return {
    members: s.members.map((name) => {
      const c = model.elements.get(name);
      const rate = c?.kind === 'component' && c.law?.kind === 'exponential' ? c.law.rate : 0;
      return { name, rate, mttr: c?.kind === 'component' ? c.mttr : undefined };
    }),
    failover: s.failover,
    coverage: s.coverage,
    dormancy: s.dormancy,
  };
}

function standbyEventFigures(params: StandbyParams): EventFigures {
  // An iterative solution that ran out of budget is no figure: null, never a rough number.
  const solved = standbySteadyState(params);
  const steady = solved?.converged === false ? undefined : solved;
  const transient = standbyReliability(params);
  return {
    q: steady?.unavailability,
    p: steady?.availability,
    frequency: steady?.frequency,
    unreliability: (t) => transient.unreliability(t),
    reliability: (t) => transient.reliability(t),
    // A group that may never fail (e.g. no spare can fail) has an infinite mean life: no MTTF.
    mttf: Number.isFinite(transient.mttf) ? transient.mttf : null,
    rate: undefined,
    mttr: undefined,
  };
}

const keyOfLaw = new WeakMap<Law, string>();

/**
 * Events with the same key have the same unreliability and reliability at
 * every time (replicas of one component, groups with the same parameters), so
 * the MTTF quadrature computes each curve once per time point, not once per
 * event.
 */
export function timeCurveKey(model: ResolvedModel, source: EventSource): string {
  if (source.kind !== 'standby') {
    // The replicas of a component share one law object: one key per law, not per event.
    let key = keyOfLaw.get(source.law);
    if (key === undefined) keyOfLaw.set(source.law, (key = `law ${JSON.stringify(source.law)}`));
    return key;
  }
  const { members, failover, coverage, dormancy } = standbyParams(model, source.standby);
  return `standby ${JSON.stringify({ members: members.map((m) => [m.rate, m.mttr]), failover, coverage, dormancy })}`;
}
