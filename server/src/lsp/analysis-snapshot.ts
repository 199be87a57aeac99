import type { Diagnostic } from '../language/diagnostics';
import type { Analysis } from '../analysis/figures';
import type { BasicEventKind } from '../analysis/fault-graph';

/**
 * The figures of one analysis run as plain data, so they cross from the
 * analysis worker to the server (structured clone): an `Analysis` whose
 * per-event law functions are replaced by their values at the mission.
 */
export interface EventSnapshot {
  readonly name: string;
  readonly kind: BasicEventKind;
  readonly members: readonly string[];
  /** Steady-state unavailability / availability; undefined when not repairable. */
  readonly q: number | undefined;
  readonly p: number | undefined;
  readonly frequency: number | undefined;
  /** λ' per hour for exponential laws. */
  readonly rate: number | undefined;
  /** MTTR' in hours. */
  readonly mttr: number | undefined;
  readonly mttf: number | null;
  /** R and F at the mission time. */
  readonly reliability: number;
  readonly unreliability: number;
}

/** Where the MTTFs stand: computed, still being computed (they follow the other figures), or stopped by the time budget. */
export type MttfState = 'computed' | 'pending' | 'stopped';

export interface AnalysisSnapshot extends Omit<Analysis, 'events'> {
  readonly events: readonly EventSnapshot[];
  readonly mttfState: MttfState;
}

/** What one run gives the server: figures (undefined when the model has errors or the engine stopped) and verdicts. */
export interface AnalysisOutcome {
  readonly snapshot: AnalysisSnapshot | undefined;
  /** SPOF warnings, failed requirements, engine limits. */
  readonly diagnostics: readonly Diagnostic[];
}

export function snapshotOf(analysis: Analysis, mttfState: MttfState = 'computed'): AnalysisSnapshot {
  const t = analysis.mission;
  return {
    ...analysis,
    mttfState,
    events: analysis.events.map(({ event, figures }) => ({
      name: event.name,
      kind: event.kind,
      members: event.members,
      q: figures.q,
      p: figures.p,
      frequency: figures.frequency,
      rate: figures.rate,
      mttr: figures.mttr,
      mttf: figures.mttf,
      reliability: figures.reliability(t),
      unreliability: figures.unreliability(t),
    })),
  };
}
