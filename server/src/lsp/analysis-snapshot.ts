import type { Diagnostic } from '../language/diagnostics';
import type { Analysis, SystemFigures } from '../analysis/figures';

/**
 * The figures of one analysis run as plain data, so they cross from the
 * analysis worker to the server (structured clone). Per-event figures travel
 * as columns: a typed array is copied in one piece, where an array of objects
 * is rebuilt field by field on the server's thread (about 100 ms at 12,000
 * events, on every keystroke, while the editor waits).
 */

/** Per basic event, in the structure's order; NaN where a figure does not exist. */
export interface EventTable {
  readonly names: readonly string[];
  /** Steady-state unavailability; NaN when not repairable. */
  readonly q: Float64Array;
  /** R and F at the mission time. */
  readonly reliability: Float64Array;
  readonly unreliability: Float64Array;
  /** Importance for the system's availability (spec §4); NaN where undefined or without a system. */
  readonly birnbaum: Float64Array;
  readonly raw: Float64Array;
}

/** One event's row of the table, as hovers read it. */
export interface EventRow {
  readonly name: string;
  readonly q: number | undefined;
  readonly reliability: number;
  readonly unreliability: number;
  readonly birnbaum: number | null;
  readonly raw: number | null;
}

/** Where the MTTFs stand: computed, still being computed (they follow the other figures), or stopped by the time budget. */
export type MttfState = 'computed' | 'pending' | 'stopped';

/**
 * Where the element figures stand: computed, still being computed (they
 * follow the system's figures and verdicts: `elements` is empty and the
 * system's listed cut sets too), or stopped by the time budget (empty for
 * good in this snapshot).
 */
export type DetailsState = 'computed' | 'pending' | 'stopped';

export interface AnalysisSnapshot extends Omit<Analysis, 'events' | 'system'> {
  readonly events: EventTable;
  /** The system's figures; its importance is in `events`. */
  readonly system: Omit<SystemFigures, 'importance'> | null;
  /** Unless 'computed', `elements` and `events` are empty and the system's listed cut sets too. */
  readonly detailsState: DetailsState;
  readonly mttfState: MttfState;
}

/** What one run gives the server: figures (undefined when the model has errors or the engine stopped) and verdicts. */
export interface AnalysisOutcome {
  readonly snapshot: AnalysisSnapshot | undefined;
  /** SPOF warnings, failed requirements, engine limits. */
  readonly diagnostics: readonly Diagnostic[];
}

export function snapshotOf(analysis: Analysis, mttfState: MttfState = 'computed', detailsState: DetailsState = 'computed'): AnalysisSnapshot {
  const t = analysis.mission;
  // Until the element figures arrive, features show the last complete snapshot: a pending one needs no event rows.
  const events = detailsState === 'computed' ? analysis.events : [];
  // A plain loop: Float64Array.from with a mapping function goes through the iterator protocol (~14× slower).
  const column = (value: (i: number) => number | null | undefined): Float64Array => {
    const out = new Float64Array(events.length);
    for (let i = 0; i < events.length; i++) out[i] = value(i) ?? NaN;
    return out;
  };
  const importance = analysis.system?.importance;
  const table: EventTable = {
    names: events.map((e) => e.event.name),
    q: column((i) => events[i]!.figures.q),
    reliability: column((i) => events[i]!.figures.reliability(t)),
    unreliability: column((i) => events[i]!.figures.unreliability(t)),
    birnbaum: column((i) => importance?.[i]?.birnbaum),
    raw: column((i) => importance?.[i]?.raw),
  };
  let system: AnalysisSnapshot['system'] = null;
  if (analysis.system) {
    const { importance: _, ...rest } = analysis.system;
    system = rest;
  }
  return { ...analysis, system, events: table, detailsState, mttfState };
}

/** The parts of an element whose figures went over the node limit per element (none, one, or both). */
export function overLimitParts(snapshot: AnalysisSnapshot, element: string): AnalysisSnapshot['elementsOverLimit'] {
  return snapshot.elementsOverLimit.filter((o) => o.element === element);
}

/** "Figures", "Figures with what it needs" or "Figures alone", as hovers and hints name what is missing. */
export function overLimitText(parts: AnalysisSnapshot['elementsOverLimit']): string {
  const which = parts.length === 2 ? 'Figures' : parts[0]!.part === 'own' ? 'Figures alone' : 'Figures with what it needs';
  return `${which}: not computed, the decision diagram needs more than ${parts[0]!.nodeLimit.toLocaleString('en-US')} nodes (the limit per element)`;
}

const indexOfTable = new WeakMap<EventTable, Map<string, number>>();

/** The rows of the named events that exist, in the table's order. */
export function eventRows(table: EventTable, names: Iterable<string>): EventRow[] {
  let index = indexOfTable.get(table);
  if (index === undefined) {
    index = new Map(table.names.map((name, i) => [name, i]));
    indexOfTable.set(table, index);
  }
  const found: number[] = [];
  for (const name of names) {
    const i = index.get(name);
    if (i !== undefined) found.push(i);
  }
  const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return found
    .sort((a, b) => a - b)
    .map((i) => ({
      name: table.names[i]!,
      q: Number.isNaN(table.q[i]!) ? undefined : table.q[i]!,
      reliability: table.reliability[i]!,
      unreliability: table.unreliability[i]!,
      birnbaum: orNull(table.birnbaum[i]!),
      raw: orNull(table.raw[i]!),
    }));
}
