import { BddNodeLimitError, DEFAULT_NODE_LIMIT } from './bdd-node-store';
import type { SiftPolicy } from './bdd-reorder';
import type { FaultGraph, NodeRef } from './fault-graph';
import { normalizeGraph } from './graph-normalize';
import { planModules } from './module-plan';
import { AnalysisStopped } from './analysis-stopped';
import { compileRootDiagram, distinctLayouts, type RootDiagram, startsSharedBuild } from './root-diagram';

/**
 * Modular compilation of a FaultGraph: every kept module (see module-plan) is
 * compiled alone, over its own events and one pseudo-event per kept module
 * directly below it; each named root likewise, over the pseudo-events of the
 * modules it reaches. Variables: the graph's events (0 … eventCount − 1),
 * then one pseudo-event per module (eventCount + j). Each diagram is a
 * peeled root diagram in its own variable order (see root-diagram), kept as a
 * flat layout, so the plain layout passes run on it unchanged once the
 * pseudo-events have their values.
 *
 * Why: a service's quorum over its replicas is a module, and so is every
 * sub-system needed through a single door; the diagram of an element, "it or
 * anything it needs fails", becomes a short chain over module variables
 * instead of its whole dependency cone rebuilt once per element.
 */

export interface ModularDiagrams {
  /** Events of the graph (the pseudo-events come after them). */
  readonly eventCount: number;
  /** Events and pseudo-events. */
  readonly variableCount: number;
  /** Module j (pseudo-event eventCount + j), children before parents: a module's diagram only uses pseudo-events of earlier ones. */
  readonly modules: readonly RootDiagram[];
  readonly roots: ReadonlyMap<string, RootDiagram>;
  /** Roots without a diagram: it needed more nodes than their limit (see ModularCompileOptions.rootNodeLimit), which is given. */
  readonly overLimit: ReadonlyMap<string, number>;
}

export interface ModularCompileOptions {
  /** Most nodes one diagram's manager may create (default 20 million). */
  readonly nodeLimit?: number;
  /** Deepest module nesting kept (default: module-plan's MAX_MODULE_DEPTH). */
  readonly maxModuleDepth?: number;
  /**
   * A root's own node limit, below nodeLimit: a root that needs more is left
   * without a diagram (`overLimit`) and the compilation goes on. Undefined
   * for a root (or no function): nodeLimit applies, and going over it stops
   * the whole compilation (BddNodeLimitError).
   */
  readonly rootNodeLimit?: (root: string) => number | undefined;
  /** Asked before each diagram: true abandons the compilation with AnalysisStopped (a newer model made it stale). */
  readonly shouldStop?: () => boolean;
  /** When a finished diagram is sifted (default: see root-diagram). */
  readonly sifting?: SiftPolicy;
  /** Nodes a build must have created to give the roots nested in it their diagrams (default: see root-diagram). */
  readonly nestedRootsFrom?: number;
}

export function compileModular(original: FaultGraph, options: ModularCompileOptions = {}): ModularDiagrams {
  return compileModularStaged(original, options).complete()!;
}

/**
 * A compilation in two steps: every module and the `first` roots at once
 * (`first`), the other roots when asked (`complete`), as many as a time
 * budget allows per call, resuming where the last call stopped. Why: the
 * verdicts need the system's diagram only, and on some models a handful of
 * element diagrams cost seconds each.
 */
export interface StagedCompilation {
  /** Every module, and the roots asked for first. */
  readonly first: ModularDiagrams;
  /**
   * Every root; undefined when `budgetMs` ran out first, or when a finite
   * budget meets a root that would start the shared build of a region
   * (the next call goes on from there). `shouldStop` is asked before each
   * diagram, as in the first step (true: AnalysisStopped).
   */
  complete(budgetMs?: number, shouldStop?: () => boolean): ModularDiagrams | undefined;
}

export function compileModularStaged(original: FaultGraph, options: ModularCompileOptions = {}, firstRoots?: readonly string[]): StagedCompilation {
  const { graph } = normalizeGraph(original);
  const plan = planModules(graph, options.maxModuleDepth);
  const eventCount = graph.events.length;
  const pseudoOf = new Int32Array(graph.gates.length).fill(-1);
  const moduleGates: number[] = [];
  for (let g = 0; g < graph.gates.length; g++) {
    if (plan.kept[g] === 1) {
      pseudoOf[g] = eventCount + moduleGates.length;
      moduleGates.push(g);
    }
  }
  const view = {
    graph,
    pseudoOf,
    nodeLimit: options.nodeLimit ?? DEFAULT_NODE_LIMIT,
    ...(options.sifting ? { sifting: options.sifting } : {}),
    ...(options.nestedRootsFrom === undefined ? {} : { nestedRootsFrom: options.nestedRootsFrom }),
  };
  // Each step asks its own caller (a later step may serve a later analysis).
  let shouldStop = options.shouldStop;
  const checkpoint = (): void => {
    if (shouldStop?.()) throw new AnalysisStopped();
  };
  const modules = moduleGates.map((g) => (checkpoint(), compileRootDiagram(view, { kind: 'gate', index: g })));
  const variableCount = eventCount + moduleGates.length;
  const compiled = new Map<string, RootDiagram>();
  const overLimit = new Map<string, number>();
  // Gates whose diagram went over a root's limit, with that limit: `own:X` and `element:X` are often one gate.
  const gatesOverLimit = new Map<number, number>();
  const limitOf = (name: string): number | undefined => {
    const limit = options.rootNodeLimit?.(name);
    return limit === undefined || limit >= view.nodeLimit ? undefined : limit;
  };
  const compileRoot = (name: string, ref: NodeRef): void => {
    const j = ref.kind === 'gate' ? pseudoOf[ref.index]! - eventCount : -1;
    checkpoint();
    if (j >= 0) return void compiled.set(name, modules[j]!);
    const limit = limitOf(name);
    if (limit === undefined || ref.kind !== 'gate') return void compiled.set(name, compileRootDiagram(view, ref));
    const failedAt = gatesOverLimit.get(ref.index);
    if (failedAt !== undefined && failedAt >= limit) return void overLimit.set(name, limit);
    try {
      compiled.set(name, compileRootDiagram(view, ref, limit));
    } catch (error) {
      if (!(error instanceof BddNodeLimitError)) throw error;
      gatesOverLimit.set(ref.index, limit);
      overLimit.set(name, limit);
    }
  };
  /** Roots without a limit of their own first: a limited root that shares their gate then finds its diagram made. */
  const inCompileOrder = (roots: readonly (readonly [string, NodeRef])[]): (readonly [string, NodeRef])[] => [
    ...roots.filter(([name]) => limitOf(name) === undefined),
    ...roots.filter(([name]) => limitOf(name) !== undefined),
  ];
  const isFirst = (name: string): boolean => firstRoots === undefined || firstRoots.includes(name);
  for (const [name, ref] of inCompileOrder([...graph.roots].filter(([name]) => isFirst(name)))) compileRoot(name, ref);
  // Roots in the graph's order, as a one-step compilation gives them.
  const inGraphOrder = (): ModularDiagrams => ({
    eventCount,
    variableCount,
    modules,
    roots: new Map([...graph.roots.keys()].filter((name) => compiled.has(name)).map((name) => [name, compiled.get(name)!])),
    overLimit: new Map([...graph.roots.keys()].filter((name) => overLimit.has(name)).map((name) => [name, overLimit.get(name)!])),
  });
  const first = inGraphOrder();
  let all: ModularDiagrams | undefined = compiled.size + overLimit.size === graph.roots.size ? first : undefined;
  // The roots still to compile.
  const pending = inCompileOrder([...graph.roots].filter(([name]) => !isFirst(name)));
  let next = 0;
  return {
    first,
    complete: (budgetMs = Infinity, stop) => {
      shouldStop = stop;
      const deadline = performance.now() + budgetMs;
      while (all === undefined && next < pending.length) {
        if (performance.now() >= deadline) return undefined;
        const [name, ref] = pending[next]!;
        // Not the shared build of a region within a budget (edf9204: 7 s): it waits for a call without one.
        if (budgetMs !== Infinity && ref.kind === 'gate' && startsSharedBuild(view, ref.index)) return undefined;
        compileRoot(name, ref);
        next++;
      }
      all ??= inGraphOrder();
      return all;
    },
  };
}

/** Module index of a variable, or −1 for an event of the graph. */
export function moduleOfVariable(m: ModularDiagrams, variable: number): number {
  return variable >= m.eventCount ? variable - m.eventCount : -1;
}

/**
 * Modules a diagram depends on, transitively, parents before children (the
 * order of the top-down passes). Kept per diagram: the system's verdicts ask
 * for it four times (cut sets, importance, tolerance, SPOFs). Do not modify
 * the list.
 */
export function modulesBelow(m: ModularDiagrams, diagram: RootDiagram): readonly number[] {
  let known = modulesBelowOf.get(m);
  if (known === undefined) modulesBelowOf.set(m, (known = new WeakMap()));
  let found = known.get(diagram);
  if (found === undefined) known.set(diagram, (found = findModulesBelow(m, diagram)));
  return found;
}

const modulesBelowOf = new WeakMap<ModularDiagrams, WeakMap<RootDiagram, number[]>>();

function findModulesBelow(m: ModularDiagrams, diagram: RootDiagram): number[] {
  const seen = new Uint8Array(m.modules.length);
  const found: number[] = [];
  const visit = (d: RootDiagram): void => {
    const { layout } = d;
    for (let i = 2; i < layout.size; i++) {
      const j = moduleOfVariable(m, layout.event[i]!);
      if (j >= 0 && seen[j] === 0) {
        seen[j] = 1;
        found.push(j);
      }
    }
  };
  visit(diagram);
  for (let at = 0; at < found.length; at++) visit(m.modules[found[at]!]!);
  return found.sort((a, b) => b - a);
}

/** Non-terminal nodes over every diagram (modules and distinct roots; roots sharing their layout's arrays counted once). */
export function modularNodeCount(m: ModularDiagrams): number {
  return distinctLayouts([...m.modules, ...m.roots.values()]).reduce((count, layout) => count + layout.size - 2, 0);
}
