import type { ComparisonOp } from '../language/ast';
import type { Requirement, ResolvedModel } from '../language/model';
import { eventFigures, timeCurveKey, type EventFigures } from './event-figures';
import type { BasicEvent } from './fault-graph';
import { compileModularStaged, modularNodeCount, type ModularDiagrams, type StagedCompilation } from './modular-bdd';
import { type CutSetsInFlight, startCutSetThread } from './cut-set-thread';
import { modularCutSetCount, modularMinimalCutSets, type ModularCutSets, modularMostProbableCutSets } from './modular-cutsets';
import { type ConditionalsMemo, modularImportance } from './modular-importance';
import {
  BATCH_WIDTH,
  type BatchedPlan,
  BatchedSuccess,
  batchedPlan,
  type CombinedLayout,
  combinedLayout,
  runChangedDiagrams,
  sameValue,
  variableProbabilities,
} from './modular-probability';
import { bottomUpProbabilities } from './probability';
import { modularMinimumCutWeight, modularSingleEventCutSets } from './modular-tolerance';
import { integrateReliabilitiesBatched, type MttfResult } from './mttf';
import { BatchedSuccessHelper } from './batched-success-helper';
import { equalInts } from './int-arrays';
import { compileStructure, elementRoot, ownRoot, SYSTEM_ROOT, type Structure } from './structure';
import type { AnalysisReuse } from './analysis-reuse';
import { AnalysisStopped } from './analysis-stopped';
import { DEFAULT_NODE_LIMIT } from './bdd-node-store';
import { compareNatural } from './natural-order';

/**
 * Figures of a validated model, as the spec §4 defines them. One structure,
 * compiled into modular diagrams (a diagram per module and per root, see
 * modular-bdd), then linear passes per figure.
 */

export const HOURS_PER_YEAR = 8760;
/** Diagram nodes from which `details: 'deferred'` leaves the element figures for a later stage. */
export const DEFER_DETAILS_FROM_NODES = 20_000;
/** With `details: 'deferred'`, how long the first stage may go on compiling the elements' diagrams (beyond: they follow the verdicts). */
const REST_NOW_MS = 50;
export const LISTED_CUT_SETS = 100;
/**
 * Most nodes the diagram of one element (or of the element alone) may
 * create. An element over it gets no figures, with a warning, and the
 * analysis goes on: the system's figures need the system's diagram only,
 * which keeps the whole node limit. Why this number: on generated models
 * with deep, overlapping dependencies the largest element diagrams that
 * finish take 0.5–1 million nodes and a few seconds; an element that goes
 * over 2 million takes 1–3 s to give up, where one allowed 20 million took a
 * minute and then stopped the whole analysis.
 */
export const DEFAULT_ELEMENT_NODE_LIMIT = 2_000_000;

export interface Figures {
  readonly availability: number | null;
  readonly unavailability: number | null;
  readonly reliability: number | null;
  readonly unreliability: number | null;
  /** Hours; null when R(t) does not tend to 0. */
  readonly mttf: number | null;
}

export interface ElementFigures extends Figures {
  /** The element alone, without what it `needs`. */
  readonly own: Figures;
}

export interface CutSet {
  readonly events: readonly string[];
  readonly probability: number;
}

export interface ImportanceRow {
  readonly event: string;
  readonly birnbaum: number | null;
  readonly fussellVesely: number | null;
  readonly raw: number | null;
  readonly rrw: number | null;
}

export interface SystemFigures extends Figures {
  /** Hours per year. */
  readonly downtime: number | null;
  readonly outagesPerYear: number | null;
  /** Hours. */
  readonly meanOutage: number | null;
  readonly tolerance: number | null;
  readonly spofs: readonly string[];
  /** CCF events that alone fail the system (common-cause single points of failure). */
  readonly commonCauseSpofs: readonly string[];
  /**
   * Null while the details are pending ('deferred'): the count comes with the
   * listed cut sets, so the verdicts of a large model never wait for it.
   */
  readonly cutSetCount: bigint | null;
  readonly cutSets: readonly CutSet[];
  /** Which probability ordered `cutSets`: steady-state unavailability, or unreliability at the mission when some event is not repairable. */
  readonly cutSetBasis: 'unavailability' | 'unreliability';
  readonly importance: readonly ImportanceRow[];
}

export interface RequirementResult {
  readonly requirement: Requirement;
  readonly actual: number | null;
  readonly ok: boolean;
}

export interface EventReport {
  readonly event: BasicEvent;
  readonly figures: EventFigures;
}

export interface Analysis {
  /** Hours. */
  readonly mission: number;
  readonly system: SystemFigures | null;
  readonly elements: ReadonlyMap<string, ElementFigures>;
  readonly events: readonly EventReport[];
  readonly requirements: readonly RequirementResult[];
  readonly stats: { readonly basicEvents: number; readonly gates: number; readonly bddNodes: number };
  /** Elements without figures: their diagram needed more nodes than the limit per element (their figures are null). Empty while the details are pending. */
  readonly elementsOverLimit: readonly ElementOverLimit[];
}

export interface ElementOverLimit {
  readonly element: string;
  /** 'element': the element with what it needs (its figures); 'own': the element alone (its `own` figures). */
  readonly part: 'element' | 'own';
  readonly nodeLimit: number;
}

export interface AnalyzeOptions {
  /** Most nodes any one diagram may create (default 20 million): the system's diagram going over it stops the analysis. */
  readonly nodeLimit?: number;
  /** Most nodes one element's diagram may create (default DEFAULT_ELEMENT_NODE_LIMIT): an element over it gets no figures (see Analysis.elementsOverLimit). */
  readonly elementNodeLimit?: number;
  readonly listedCutSets?: number;
  /** Diagrams and MTTFs kept from the previous analysis of this model (see AnalysisReuse). */
  readonly reuse?: AnalysisReuse;
  /**
   * 'now' (default): every MTTF is computed. 'deferred': MTTFs not known from
   * `reuse` are left out (null, `mttfPending`) for `completeMttf`, unless a
   * requirement is on `mttf`: the verdicts are always final.
   */
  readonly mttf?: 'now' | 'deferred';
  /**
   * 'now' (default): every element's figures and the listed cut sets are
   * computed. 'deferred': the first analysis compiles the modules and the
   * system's diagram, and the elements' diagrams for at most REST_NOW_MS; if
   * that was not enough, or they hold DEFER_DETAILS_FROM_NODES nodes or more,
   * it has the system's figures and the verdicts only (no elements, no listed
   * cut sets, `detailsPending`, stats counting the diagrams compiled so far),
   * and `completeDetails` adds the rest: the verdicts need one diagram, the
   * elements all of them. On small models both come together.
   */
  readonly details?: 'now' | 'deferred';
  /** Diagram nodes from which 'deferred' details are deferred (default DEFER_DETAILS_FROM_NODES). */
  readonly deferDetailsFromNodes?: number;
  /** Asked between stages (and before each diagram compiled): true abandons the analysis with AnalysisStopped. */
  readonly shouldStop?: () => boolean;
  /**
   * The cut-set thread's script (bundledCutSetWorker): the system's minimal
   * cut sets of a large diagram are then computed on a second thread while
   * this one computes the verdicts and compiles the elements' diagrams.
   * Without it, here. The figures are the same either way.
   */
  readonly cutSetWorker?: string;
}

/**
 * An analysis in stages (the language server shows each as it comes): the
 * system's figures and the verdicts, final at once; then every element's
 * figures and the listed cut sets; then the MTTFs.
 */
export interface StagedAnalysis {
  readonly analysis: Analysis;
  /** True when `analysis` has no element figures and no listed cut sets yet (deferred). */
  readonly detailsPending: boolean;
  /** True when the MTTFs in `analysis` are null only because they were deferred. */
  readonly mttfPending: boolean;
  /** The analysis with every element's figures and the listed cut sets (MTTFs as far as known); undefined when `shouldStop` stopped it first. */
  completeDetails(shouldStop?: () => boolean): Analysis | undefined;
  /** The analysis with everything, MTTFs included; undefined when `shouldStop` stopped it first. */
  completeMttf(shouldStop?: () => boolean): Analysis | undefined;
}

export function analyzeModel(model: ResolvedModel, options: AnalyzeOptions = {}): Analysis {
  return analyzeModelStaged(model, { ...options, mttf: 'now', details: 'now' }).analysis;
}

export function analyzeModelStaged(model: ResolvedModel, options: AnalyzeOptions = {}): StagedAnalysis {
  const { shouldStop } = options;
  const checkpoint = (): void => {
    if (shouldStop?.()) throw new AnalysisStopped();
  };
  const structure = options.reuse ? options.reuse.structureFor(model) : compileStructure(model);
  checkpoint();
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const elementNodeLimit = Math.min(nodeLimit, options.elementNodeLimit ?? DEFAULT_ELEMENT_NODE_LIMIT);
  const deferring = options.details === 'deferred';
  // Deferred details: the verdicts wait for every module and the system's diagram only, not for the elements'.
  const compile = (): StagedCompilation =>
    compileModularStaged(
      structure.graph,
      { nodeLimit, rootNodeLimit: (root) => (root === SYSTEM_ROOT ? undefined : elementNodeLimit), ...(shouldStop ? { shouldStop } : {}) },
      // The system first also when its cut sets may go to a thread: the rest compiles meanwhile.
      deferring || options.cutSetWorker !== undefined ? [SYSTEM_ROOT] : undefined,
    );
  const compilation = options.reuse ? options.reuse.diagramsFor(structure.graph, { nodeLimit, elementNodeLimit }, compile) : compile();
  const first = compilation.first;
  /** Every diagram (compiled now if not yet: the rest of a staged compilation). */
  const allDiagrams = (stop?: () => boolean): ModularDiagrams => compilation.complete(Infinity, stop)!;
  checkpoint();
  const events = structure.graph.events.map((event, i) => ({ event, figures: eventFigures(model, structure.sources[i]!) }));
  const curveKeys = structure.sources.map((source) => timeCurveKey(model, source));
  const inputs = new ProbabilityInputs(
    events.map((e) => e.figures),
    model.mission,
    curveKeys,
  );
  const curves = curveKeys.join('\n');
  /** Counts the diagrams compiled so far (all of them once the details are in). */
  const statsOf = (diagrams: ModularDiagrams): Analysis['stats'] => ({
    basicEvents: events.length,
    gates: structure.graph.gates.length,
    bddNodes: modularNodeCount(diagrams),
  });

  // The system's minimal cut sets (with the details) may start now on a thread: the verdicts and the rest are computed meanwhile.
  if (model.system && options.cutSetWorker !== undefined) startSystemCutSets(options.cutSetWorker, first);
  /** A stopped analysis ends its thread (a newer one would otherwise share the cores with it). */
  const stoppedHere = (error: unknown): void => {
    if (error instanceof AnalysisStopped) abandonSystemCutSets(first);
  };
  try {
    return analyzeInStages();
  } catch (error) {
    stoppedHere(error);
    throw error;
  }

  function analyzeInStages(): StagedAnalysis {
    // Stage 1: the system's figures and the verdicts, from the system's diagram (and the modules below it) alone.
    const systemBase = model.system ? systemProbabilities(first, inputs) : undefined;
    const systemVerdicts = systemBase ? systemFigures(first, structure, events, inputs, systemBase, options.reuse?.conditionals) : undefined;
    checkpoint();

    // Stage 2: every root's figures (one pass over all diagrams), the system's minimal cut sets: their count and the listed ones.
    interface Details {
      readonly diagrams: ModularDiagrams;
      readonly probabilities: RootProbabilities;
      readonly cutSets: Pick<SystemFigures, 'cutSetCount' | 'cutSets' | 'cutSetBasis'> | undefined;
    }
    let details: Details | undefined;
    const computeDetails = (stop?: () => boolean): Details => {
      if (details !== undefined) return details;
      const diagrams = allDiagrams(stop);
      details = {
        diagrams,
        probabilities: allRootProbabilities(diagrams, [...diagrams.roots.keys()], inputs),
        cutSets: systemBase ? systemCutSets(diagrams, structure, inputs, options.listedCutSets ?? LISTED_CUT_SETS, stop) : undefined,
      };
      return details;
    };

    // Stage 3: the MTTFs (known from `reuse` when the diagrams and the time curves are unchanged).
    /** MTTFs kept from the last analysis on these very diagrams (only once they are all compiled: a budget of 0 compiles nothing). */
    const knownMttfs = (): ReadonlyMap<string, number | null> | undefined => {
      const diagrams = options.reuse ? compilation.complete(0) : undefined;
      return diagrams && options.reuse?.mttfsFor(diagrams, curves);
    };
    const integrate = (stop?: () => boolean): ReadonlyMap<string, number | null> | undefined => {
      const known = knownMttfs();
      if (known) return known;
      const { diagrams, probabilities } = computeDetails(stop);
      const computed = allRootMttfs(diagrams, probabilities, inputs, stop);
      if (computed && options.reuse) options.reuse.rememberMttfs(diagrams, curves, computed);
      return computed;
    };

    const assemble = (withDetails: Details | undefined, mttfs: ReadonlyMap<string, number | null> | undefined): Analysis => {
      const mttfOf = (name: string): number | null => mttfs?.get(name) ?? null;
      const elements = new Map<string, ElementFigures>();
      const elementsOverLimit: ElementOverLimit[] = [];
      if (withDetails) {
        const figuresOf = (name: string): Figures => {
          const f = withDetails.probabilities.figures.get(name) ?? NO_FIGURES;
          return { availability: f.availability, unavailability: f.unavailability, reliability: f.reliability, unreliability: f.unreliability, mttf: mttfOf(name) };
        };
        for (const name of model.elements.keys()) {
          const f = figuresOf(elementRoot(name));
          elements.set(name, { availability: f.availability, unavailability: f.unavailability, reliability: f.reliability, unreliability: f.unreliability, mttf: f.mttf, own: figuresOf(ownRoot(name)) });
          for (const [part, root] of [['element', elementRoot(name)], ['own', ownRoot(name)]] as const) {
            const limit = withDetails.diagrams.overLimit.get(root);
            if (limit !== undefined) elementsOverLimit.push({ element: name, part, nodeLimit: limit });
          }
        }
      }
      const system: SystemFigures | null =
        systemBase && systemVerdicts
          ? {
              ...systemVerdicts,
              ...(withDetails?.cutSets ?? { cutSetCount: null, cutSets: [], cutSetBasis: cutSetBasis(inputs) }),
              ...systemBase,
              mttf: mttfOf(SYSTEM_ROOT),
            }
          : null;
      return {
        mission: model.mission,
        system,
        elements,
        events,
        requirements: model.system ? model.system.requirements.map((r) => checkRequirement(r, system)) : [],
        stats: statsOf(withDetails?.diagrams ?? first),
        elementsOverLimit,
      };
    };

    const needsMttfNow = options.mttf !== 'deferred' || (model.system?.requirements.some((r) => r.metric === 'mttf') ?? false);
    // Deferred details still come with the verdicts when the rest compiles at once and its diagrams are small.
    const quickly = deferring && !needsMttfNow ? compilation.complete(REST_NOW_MS, shouldStop) : undefined;
    const detailsNow =
      needsMttfNow || !deferring || (quickly !== undefined && modularNodeCount(quickly) < (options.deferDetailsFromNodes ?? DEFER_DETAILS_FROM_NODES));
    if (detailsNow) computeDetails(shouldStop);
    checkpoint();
    const early = needsMttfNow ? integrate(shouldStop) : knownMttfs();
    if (needsMttfNow && early === undefined) throw new AnalysisStopped();
    checkpoint();
    const analysis = assemble(details, early);
    const stopped = (stop: (() => boolean) | undefined): boolean => stop?.() === true;
    return {
      analysis,
      detailsPending: details === undefined,
      mttfPending: early === undefined,
      completeDetails: (stop) => {
        if (details !== undefined && early !== undefined) return analysis;
        if (stopped(stop)) return void abandonSystemCutSets(first);
        try {
          return assemble(computeDetails(stop), early);
        } catch (error) {
          stoppedHere(error);
          if (error instanceof AnalysisStopped) return undefined;
          throw error;
        }
      },
      completeMttf: (stop) => {
        if (details !== undefined && early !== undefined) return analysis;
        if (stopped(stop)) return void abandonSystemCutSets(first);
        try {
          const withDetails = computeDetails(stop);
          const mttfs = integrate(stop);
          return mttfs === undefined ? undefined : assemble(withDetails, mttfs);
        } catch (error) {
          stoppedHere(error);
          if (error instanceof AnalysisStopped) return undefined;
          throw error;
        }
      },
    };
  }
}

// ---------------------------------------------------------------- probability vectors

/**
 * The per-event probability vectors every pass needs, built once. An event
 * without a steady state (no mttr) gets NaN, which reaches a root exactly when
 * the root's function depends on that event: NaN then becomes null.
 */
class ProbabilityInputs {
  readonly steadyQ: Float64Array;
  readonly steadyP: Float64Array;
  readonly missionQ: Float64Array;
  readonly missionP: Float64Array;
  /** At t → ∞: time-based laws have failed for sure; fixed laws keep their q. */
  readonly limitQ: Float64Array;
  readonly limitP: Float64Array;
  /** Time scales for the MTTF grid: 1 / Σ 1/MTTFᵢ (a series of every event) and the largest event MTTF. */
  readonly shortestTime: number;
  readonly longestTime: number;
  /** One event per distinct time curve, and each event's curve. */
  private readonly curveEvent: Int32Array;
  readonly curveOf: Int32Array;

  constructor(
    readonly figures: readonly EventFigures[],
    mission: number,
    curveKeys: readonly string[],
  ) {
    const n = figures.length;
    const curveIndex = new Map<string, number>();
    const representatives: number[] = [];
    this.curveOf = new Int32Array(n);
    this.steadyQ = new Float64Array(n);
    this.steadyP = new Float64Array(n);
    this.missionQ = new Float64Array(n);
    this.missionP = new Float64Array(n);
    this.limitQ = new Float64Array(n);
    this.limitP = new Float64Array(n);
    const mttfs: number[] = [];
    // Plain loops: typed arrays filled through `from` with a mapping function go through the iterator protocol.
    for (let i = 0; i < n; i++) {
      const key = curveKeys[i]!;
      let c = curveIndex.get(key);
      if (c === undefined) {
        c = representatives.length;
        curveIndex.set(key, c);
        representatives.push(i);
      }
      this.curveOf[i] = c;
      const f = figures[i]!;
      this.steadyQ[i] = f.q ?? NaN;
      this.steadyP[i] = f.p ?? NaN;
      this.missionQ[i] = f.unreliability(mission);
      this.missionP[i] = f.reliability(mission);
      if (f.mttf === null) {
        // Never certain to fail: a fixed law keeps q for ever.
        this.limitQ[i] = f.unreliability(Number.MAX_VALUE);
        this.limitP[i] = f.reliability(Number.MAX_VALUE);
      } else {
        this.limitQ[i] = 1;
        this.limitP[i] = 0;
        mttfs.push(f.mttf);
      }
    }
    this.curveEvent = Int32Array.from(representatives);
    const finite = mttfs.filter((m) => m > 0 && Number.isFinite(m));
    this.shortestTime = finite.length === 0 ? 1 : 1 / finite.reduce((sum, m) => sum + 1 / m, 0);
    this.longestTime = finite.length === 0 ? 1 : finite.reduce((a, b) => Math.max(a, b));
  }

  /** Distinct time curves: every event's curve is `curveOf[event]`. */
  get curveCount(): number {
    return this.curveEvent.length;
  }

  /** Writes every curve's unreliability and reliability at time t into column `column` of rows `width` wide (curve · width + column). */
  writeCurveColumn(t: number, q: Float64Array, p: Float64Array, width: number, column: number): void {
    for (let c = 0, at = column; c < this.curveEvent.length; c++, at += width) {
      const f = this.figures[this.curveEvent[c]!]!;
      q[at] = f.unreliability(t);
      p[at] = f.reliability(t);
    }
  }
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
/** The figures of a root without a diagram (over its node limit). */
const NO_FIGURES: Omit<Figures, 'mttf'> = { availability: null, unavailability: null, reliability: null, unreliability: null };
/**
 * A probability as reported: q and p = 1 − q of an event are each computed
 * directly, so their sum may round to 1 + 2⁻⁵² and a product sum over the
 * diagram may land one ulp above 1; clamping removes that rounding only.
 */
const probabilityOrNull = (x: number): number | null => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : null);

/** Availability and reliability of every named root. */
interface RootProbabilities {
  readonly figures: ReadonlyMap<string, Omit<Figures, 'mttf'>>;
  /** Roots whose R(t) tends to 0 (R(∞) = 0: no way of working uses only fixed-law events): those with an MTTF. */
  readonly integrable: readonly string[];
}

/** Per layout, the plan of its probability pass (every root kept, failure too): a numbers-only edit reuses the layout, and so the plan. */
const probabilityPlanOf = new WeakMap<CombinedLayout, { readonly plan: BatchedPlan; readonly slotOf: ReadonlyMap<string, number> }>();

function probabilityPlan(layout: CombinedLayout): { readonly plan: BatchedPlan; readonly slotOf: ReadonlyMap<string, number> } {
  let known = probabilityPlanOf.get(layout);
  if (known === undefined) {
    const names = [...layout.rootEntry.keys()];
    known = { plan: batchedPlan(layout, names.map((name) => layout.rootEntry.get(name)!), undefined, undefined, true), slotOf: new Map(names.map((name, k) => [name, k])) };
    probabilityPlanOf.set(layout, known);
  }
  return known;
}

/**
 * Availability, reliability at the mission and R(∞) of every named root, in
 * one batched pass over the diagrams shared by all roots (three columns:
 * steady state, mission, t → ∞), each root read as it is computed: no array
 * the size of the layout per figure.
 */
function allRootProbabilities(bdd: ModularDiagrams, rootNames: readonly string[], inputs: ProbabilityInputs): RootProbabilities {
  const layout = combinedLayout(bdd);
  const { plan, slotOf } = probabilityPlan(layout);
  // The last pass over these very diagrams (a numbers-only edit keeps them): only diagrams reading a changed event are evaluated again.
  const last = lastProbabilityPass.get(plan);
  const batch = last ?? new BatchedSuccess(plan);
  const changed = new Uint8Array(layout.variableCount);
  let anyChanged = false;
  const columns = [
    [inputs.steadyQ, inputs.steadyP],
    [inputs.missionQ, inputs.missionP],
    [inputs.limitQ, inputs.limitP],
  ] as const;
  columns.forEach(([q, p], b) => {
    for (let e = 0; e < layout.eventCount; e++) {
      const at = e * BATCH_WIDTH + b;
      if (last !== undefined && !(sameValue(batch.q[at]!, q[e]!) && sameValue(batch.p[at]!, p[e]!))) {
        changed[e] = 1;
        anyChanged = true;
      }
      batch.q[at] = q[e]!;
      batch.p[at] = p[e]!;
    }
  });
  if (last === undefined) {
    batch.run();
    lastProbabilityPass.set(plan, batch);
  } else if (anyChanged) runChangedDiagrams(batch, layout, changed);
  const figures = new Map<string, Omit<Figures, 'mttf'>>();
  const integrable: string[] = [];
  for (const name of rootNames) {
    const at = slotOf.get(name)! * BATCH_WIDTH;
    figures.set(name, {
      availability: probabilityOrNull(batch.kept[at]!),
      unavailability: probabilityOrNull(batch.keptFailure[at]!),
      reliability: probabilityOrNull(batch.kept[at + 1]!),
      unreliability: probabilityOrNull(batch.keptFailure[at + 1]!),
    });
    if (batch.kept[at + 2] === 0) integrable.push(name);
  }
  return { figures, integrable };
}

/** Per probability plan (so per layout), its batch after the last pass: inputs, module results and every root's figures. */
const lastProbabilityPass = new WeakMap<BatchedPlan, BatchedSuccess>();

/** Per layout, the last MTTF plan: an edit of one failure law keeps the diagrams, and usually the roots and time curves too. */
const mttfPlanOf = new WeakMap<CombinedLayout, { readonly entries: Int32Array; readonly curveOf: Int32Array; readonly curveCount: number; readonly plan: BatchedPlan }>();

function mttfPlan(layout: CombinedLayout, entries: Int32Array, curveOf: Int32Array, curveCount: number): BatchedPlan {
  const known = mttfPlanOf.get(layout);
  if (known !== undefined && known.curveCount === curveCount && equalInts(known.entries, entries) && equalInts(known.curveOf, curveOf)) return known.plan;
  const plan = batchedPlan(layout, [...entries], curveOf, curveCount);
  mttfPlanOf.set(layout, { entries: entries.slice(), curveOf: curveOf.slice(), curveCount, plan });
  return plan;
}

/** Layout entries from which the MTTF quadrature starts a helper thread (below, its start-up costs more than it saves). */
const HELPER_FROM_ENTRIES = 20_000;

/** Every root's MTTF (null where R(t) does not tend to 0), by one joint integration; undefined when stopped. */
function allRootMttfs(
  bdd: ModularDiagrams,
  probabilities: RootProbabilities,
  inputs: ProbabilityInputs,
  shouldStop?: () => boolean,
): Map<string, number | null> | undefined {
  const layout = combinedLayout(bdd);
  const integrable = probabilities.integrable;
  // Roots that share a diagram (an element and its own part, often) share one integral.
  const entries = Int32Array.from(new Set(integrable.map((name) => layout.rootEntry.get(name)!))).sort();
  const columnOf = new Map<number, number>();
  entries.forEach((entry, column) => columnOf.set(entry, column));
  const plan = mttfPlan(layout, entries, inputs.curveOf, inputs.curveCount);
  const batch = new BatchedSuccess(plan);
  // On a large layout a second thread runs every other pass (see BatchedSuccessHelper).
  const helper = layout.size >= HELPER_FROM_ENTRIES ? BatchedSuccessHelper.start(plan) : undefined;
  const roots = entries.length;
  /** Columns [from, to) of a batch of times into `target`'s columns 0 … (to − from − 1). */
  const fill = (target: BatchedSuccess, times: Float64Array, from: number, to: number): void => {
    for (let b = from; b < to; b++) inputs.writeCurveColumn(times[b]!, target.q, target.p, BATCH_WIDTH, b - from);
  };
  const read = (source: BatchedSuccess, into: Float64Array, from: number, to: number): void => {
    const kept = source.kept;
    for (let i = 0; i < roots; i++) {
      const at = i * BATCH_WIDTH - from;
      for (let b = from; b < to; b++) into[b * roots + i] = kept[at + b]!;
    }
  };
  let result: MttfResult;
  try {
    result = integrateReliabilitiesBatched(
      roots,
      (times, into) => {
        const helped = helper !== undefined && helper.alive && times.length > BATCH_WIDTH;
        // The helper takes the first four times, this thread the rest.
        const split = helped ? BATCH_WIDTH : 0;
        if (helped) {
          fill(helper.batch, times, 0, split);
          helper.start();
        }
        fill(batch, times, split, times.length);
        // Stopped within the pass: the integration asks shouldStop again and gives up (the helper is closed below).
        if (!batch.run(shouldStop)) return;
        if (helped) helper.finish();
        read(batch, into, split, times.length);
        if (helped) read(helper.batch, into, 0, split);
      },
      {
        relTol: 1e-10,
        shortest: inputs.shortestTime,
        longest: inputs.longestTime,
        batchSize: helper === undefined ? BATCH_WIDTH : 2 * BATCH_WIDTH,
        ...(shouldStop ? { shouldStop } : {}),
      },
    );
  } finally {
    helper?.close();
  }
  if (result.stopped) return undefined;
  const mttfs = new Map<string, number | null>();
  for (const name of probabilities.figures.keys()) mttfs.set(name, null);
  for (const name of integrable) mttfs.set(name, orNull(result.values[columnOf.get(layout.rootEntry.get(name)!)!]!));
  return mttfs;
}

// ---------------------------------------------------------------- system

/** The system's availability and reliability at the mission, from its own diagram and the modules below it (no other root is evaluated). */
function systemProbabilities(bdd: ModularDiagrams, inputs: ProbabilityInputs): Omit<Figures, 'mttf'> {
  const layout = bdd.roots.get(SYSTEM_ROOT)!.layout;
  const at = (q: Float64Array, p: Float64Array): { failure: number; success: number } => {
    const variables = variableProbabilities(bdd, q, p);
    const { failure, success } = bottomUpProbabilities(layout, variables.q, variables.p);
    return { failure: failure[layout.root]!, success: success[layout.root]! };
  };
  const steady = at(inputs.steadyQ, inputs.steadyP);
  const mission = at(inputs.missionQ, inputs.missionP);
  return {
    availability: probabilityOrNull(steady.success),
    unavailability: probabilityOrNull(steady.failure),
    reliability: probabilityOrNull(mission.success),
    unreliability: probabilityOrNull(mission.failure),
  };
}

/** The system's figures beyond its probabilities, except its minimal cut sets (see systemCutSets): everything a verdict can need. */
function systemFigures(
  bdd: ModularDiagrams,
  structure: Structure,
  events: readonly EventReport[],
  inputs: ProbabilityInputs,
  base: Omit<Figures, 'mttf'>,
  memo?: ConditionalsMemo,
): Omit<SystemFigures, keyof Figures | 'cutSetCount' | 'cutSets' | 'cutSetBasis'> {
  const graphEvents = structure.graph.events;

  // Availability-based importance and frequency.
  const importance: ImportanceRow[] = [];
  let frequency: number | null = null;
  if (base.unavailability !== null) {
    const m = modularImportance(bdd, SYSTEM_ROOT, inputs.steadyQ, inputs.steadyP, memo);
    let w = 0;
    for (let i = 0; i < graphEvents.length; i++) {
      const b = m.birnbaum[i]!;
      w += b * (events[i]!.figures.frequency ?? 0);
      importance.push({
        event: graphEvents[i]!.name,
        birnbaum: orNull(b),
        // Q − Q(q_i=0) = q_i·Birnbaum_i (Shannon expansion), so no subtraction of nearby numbers.
        fussellVesely: ratio(inputs.steadyQ[i]! * b, m.Q),
        raw: ratio(m.q1[i]!, m.Q),
        rrw: ratio(m.Q, m.q0[i]!),
      });
    }
    frequency = w;
  }

  const shape = systemShape(bdd, structure);
  const names = (indices: readonly number[]): string[] => indices.map((i) => graphEvents[i]!.name).sort(compareNatural);
  return {
    downtime: base.unavailability === null ? null : base.unavailability * HOURS_PER_YEAR,
    outagesPerYear: frequency === null ? null : frequency * HOURS_PER_YEAR,
    meanOutage: frequency === null || base.unavailability === null ? null : ratio(base.unavailability, frequency),
    tolerance: shape.smallestCut === null ? null : shape.smallestCut - 1,
    spofs: names(shape.spofEvents),
    commonCauseSpofs: names(shape.commonCauseEvents),
    importance,
  };
}

/** Cut sets are ordered by steady-state unavailability, or by unreliability at the mission when some event has none. */
function cutSetBasis(inputs: ProbabilityInputs): SystemFigures['cutSetBasis'] {
  return inputs.steadyQ.some((q) => Number.isNaN(q)) ? 'unreliability' : 'unavailability';
}

/** The number of the system's minimal cut sets, and the `listed` most probable of them. */
function systemCutSets(
  bdd: ModularDiagrams,
  structure: Structure,
  inputs: ProbabilityInputs,
  listed: number,
  shouldStop?: () => boolean,
): Pick<SystemFigures, 'cutSetCount' | 'cutSets' | 'cutSetBasis'> {
  const graphEvents = structure.graph.events;
  const basis = cutSetBasis(inputs);
  const orderQ = basis === 'unavailability' ? inputs.steadyQ : inputs.missionQ;
  const { family, count } = systemFamily(bdd, shouldStop);
  const shownMembers = (i: number): readonly string[] => {
    const e = graphEvents[i]!;
    return e.kind === 'standby' ? e.members : [e.name];
  };
  // Ties (equal probabilities: often thousands of sets over a few events) go by size, then by the events'
  // names in natural order, each pair of events compared once.
  const compareEvents = memoizedEventOrder(graphEvents.map((e) => e.name));
  const cutSets = modularMostProbableCutSets(family, orderQ, listed, (a, b) => (a.length !== b.length ? a.length - b.length : compareEventLists(a, b, compareEvents))).map((c) => ({
    events: c.events.flatMap(shownMembers).sort(compareNatural),
    probability: c.probability,
  }));
  return { cutSetCount: count, cutSets, cutSetBasis: basis };
}

/** What the system's structure alone decides for the verdicts: the same for every set of numbers on the same diagrams. */
interface SystemShape {
  /** Lightest cut set, counting component instances, with CCF events fixed to "never fails". */
  readonly smallestCut: number | null;
  /** Component instances that alone fail the system. */
  readonly spofEvents: readonly number[];
  /** CCF events that alone fail the system. */
  readonly commonCauseEvents: readonly number[];
}

/** Per system diagram (its modules come with it): the verdicts' diagrams and the complete ones share it. */
const shapeOfSystem = new WeakMap<object, SystemShape>();

function systemShape(bdd: ModularDiagrams, structure: Structure): SystemShape {
  const key = bdd.roots.get(SYSTEM_ROOT)!;
  const known = shapeOfSystem.get(key);
  if (known) return known;
  const graphEvents = structure.graph.events;
  const isCcf = new Uint8Array(graphEvents.length);
  // Tolerance and SPOFs count component instances (a standby group: its members), with CCF events fixed to "never fails".
  const weight = new Float64Array(graphEvents.length);
  graphEvents.forEach((e, i) => {
    isCcf[i] = e.kind === 'ccf' ? 1 : 0;
    weight[i] = e.kind === 'standby' ? e.members.length : 1;
  });
  // An event that alone fails the system does so with every other event working, CCF events included:
  // fixing them to "never fails" changes no instance's verdict, so one search serves SPOFs and CCF SPOFs.
  const singles = modularSingleEventCutSets(bdd, SYSTEM_ROOT);
  const shape: SystemShape = {
    smallestCut: modularMinimumCutWeight(bdd, SYSTEM_ROOT, weight, isCcf),
    spofEvents: singles.filter((i) => graphEvents[i]!.kind === 'instance'),
    commonCauseEvents: singles.filter((i) => graphEvents[i]!.kind === 'ccf'),
  };
  shapeOfSystem.set(key, shape);
  return shape;
}

/** The system's minimal cut sets and their number: the same for every set of numbers on the same diagrams. */
interface SystemFamily {
  readonly family: ModularCutSets;
  readonly count: bigint;
}

/** Per system diagram, as shapeOfSystem; and the families being computed on a thread (see startSystemCutSets). */
const familyOfSystem = new WeakMap<object, SystemFamily>();
const familyInFlightOf = new WeakMap<object, CutSetsInFlight>();

/**
 * Starts the system's minimal cut sets on a thread, for systemFamily to take,
 * unless they are known or on their way for these diagrams already, or the
 * diagram is too small for a thread.
 */
function startSystemCutSets(script: string, bdd: ModularDiagrams): void {
  const key = bdd.roots.get(SYSTEM_ROOT);
  if (key === undefined || familyOfSystem.has(key) || familyInFlightOf.has(key)) return;
  const inFlight = startCutSetThread(script, bdd, SYSTEM_ROOT);
  if (inFlight !== undefined) familyInFlightOf.set(key, inFlight);
}

/** Ends the thread computing the system's cut sets, if any: the next systemFamily computes them here. */
function abandonSystemCutSets(bdd: ModularDiagrams): void {
  const key = bdd.roots.get(SYSTEM_ROOT);
  if (key === undefined) return;
  familyInFlightOf.get(key)?.cancel();
  familyInFlightOf.delete(key);
}

/** The system's family: known, taken from its thread (`shouldStop` asked while waiting), or computed here. */
function systemFamily(bdd: ModularDiagrams, shouldStop?: () => boolean): SystemFamily {
  const key = bdd.roots.get(SYSTEM_ROOT)!;
  const known = familyOfSystem.get(key);
  if (known) return known;
  const inFlight = familyInFlightOf.get(key);
  familyInFlightOf.delete(key);
  const family = inFlight ? inFlight.take(shouldStop) : modularMinimalCutSets(bdd, SYSTEM_ROOT);
  const found: SystemFamily = { family, count: modularCutSetCount(family) };
  familyOfSystem.set(key, found);
  return found;
}

/** a / b, with ∞ and 0/0 as null (spec §4, importance). */
function ratio(a: number, b: number): number | null {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

/** Event lists compared item by item, then by length. */
function compareEventLists(a: readonly number[], b: readonly number[], compareEvents: (x: number, y: number) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareEvents(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * Natural order of events by name, each distinct pair compared once: sorting
 * 100,000 tied cut sets over a hundred events (das9209) compares the same few
 * pairs millions of times, and ranking every event up front costs more than
 * the listing on a large model.
 */
function memoizedEventOrder(names: readonly string[]): (x: number, y: number) => number {
  const known = new Map<number, number>();
  return (x, y) => {
    if (x === y) return 0;
    const key = x * names.length + y;
    let c = known.get(key);
    if (c === undefined) known.set(key, (c = compareNatural(names[x]!, names[y]!)));
    return c;
  };
}

// ---------------------------------------------------------------- requirements

function checkRequirement(requirement: Requirement, system: SystemFigures | null): RequirementResult {
  const actual = system ? metricValue(requirement.metric, system) : null;
  return { requirement, actual, ok: actual !== null && compare(actual, requirement.op, requirement.target) };
}

function metricValue(metric: Requirement['metric'], s: SystemFigures): number | null {
  switch (metric) {
    case 'availability':
      return s.availability;
    case 'unavailability':
      return s.unavailability;
    case 'reliability':
      return s.reliability;
    case 'unreliability':
      return s.unreliability;
    case 'mttf':
      return s.mttf;
    case 'downtime':
      return s.downtime;
    case 'outages':
      return s.outagesPerYear;
    case 'tolerance':
      return s.tolerance;
  }
}

function compare(actual: number, op: ComparisonOp, target: number): boolean {
  switch (op) {
    case '>=':
      return actual >= target;
    case '>':
      return actual > target;
    case '<=':
      return actual <= target;
    case '<':
      return actual < target;
  }
}
