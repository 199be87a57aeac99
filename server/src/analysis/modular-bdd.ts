import type { CompiledBdd } from './bdd';
import { type BddLayout, flatten } from './bdd-layout';
import { BDD_FALSE, BDD_TRUE, BddManager } from './bdd-manager';
import { DEFAULT_NODE_LIMIT } from './bdd-node-store';
import { levelsOfEvents } from './bdd-order';
import type { FaultGraph, NodeRef } from './fault-graph';
import { normalizeGraph } from './graph-normalize';
import { planModules } from './module-plan';

/**
 * Modular compilation of a FaultGraph: every kept module (see module-plan) is
 * compiled alone, over its own events and one pseudo-event per module
 * directly below it; the named roots are compiled over the pseudo-events of
 * the modules they reach. All diagrams share one manager, whose variables are
 * the graph's events (0 … eventCount − 1) followed by one pseudo-event per
 * module (eventCount + j), so the plain passes (probability, minsol, …) run
 * unchanged on each diagram, given values for the pseudo-events.
 *
 * Why: a service's quorum over its replicas is a module, and so is every
 * sub-system needed through a single door; the diagram of an element, "it
 * or anything it needs fails", becomes a short chain over module variables
 * instead of its whole dependency cone rebuilt once per element.
 */

export interface ModuleInfo {
  /** Its pseudo-event: a variable of the manager, eventCount + its index. */
  readonly variable: number;
  /** Its own diagram (a node of the manager). */
  readonly node: number;
}

export interface ModularBdd {
  /** The manager, its variable order and the named roots' diagrams; `bdd.eventCount` counts pseudo-events too. */
  readonly bdd: CompiledBdd;
  /** Events of the graph (the pseudo-events come after them). */
  readonly eventCount: number;
  /** Kept modules, children before parents (a module's diagram only uses pseudo-events of earlier ones). */
  readonly modules: readonly ModuleInfo[];
  /** Per module: its flat layout, filled on first use. */
  readonly moduleLayouts: (BddLayout | undefined)[];
}

export interface ModularCompileOptions {
  readonly nodeLimit?: number;
  /** Deepest module nesting kept (default: module-plan's MAX_MODULE_DEPTH). */
  readonly maxModuleDepth?: number;
}

export function compileModular(original: FaultGraph, options: ModularCompileOptions = {}): ModularBdd {
  const { graph } = normalizeGraph(original);
  const plan = planModules(graph, options.maxModuleDepth);
  const eventCount = graph.events.length;
  const pseudoOf = new Int32Array(graph.gates.length).fill(-1);
  let moduleCount = 0;
  for (let g = 0; g < graph.gates.length; g++) if (plan.kept[g] === 1) pseudoOf[g] = eventCount + moduleCount++;
  const variableCount = eventCount + moduleCount;
  const levelToEvent = modularDepthFirstOrder(graph, pseudoOf, variableCount);
  const eventToLevel = levelsOfEvents(levelToEvent, variableCount);
  const manager = new BddManager(options.nodeLimit ?? DEFAULT_NODE_LIMIT);

  // gateValue: what a parent sees (a kept module: its pseudo-event); moduleNode: a kept module's own diagram.
  const gateValue = new Int32Array(graph.gates.length);
  const moduleNode = new Int32Array(graph.gates.length);
  const modules: ModuleInfo[] = [];
  const valueOf = (ref: NodeRef): number => {
    if (ref.kind === 'const') return ref.value ? BDD_TRUE : BDD_FALSE;
    if (ref.kind === 'event') return manager.variable(eventToLevel[ref.index]!);
    return gateValue[ref.index]!;
  };
  graph.gates.forEach((gate, g) => {
    const inputs = gate.inputs.map(valueOf);
    const node =
      gate.kind === 'atleast' ? manager.atLeast(gate.k, inputs) : gate.kind === 'and' ? manager.andAll(inputs) : manager.orAll(inputs);
    if (plan.kept[g] !== 1) {
      gateValue[g] = node;
      return;
    }
    moduleNode[g] = node;
    modules.push({ variable: pseudoOf[g]!, node });
    // A constant needs no variable (never happens on a normalized graph, but costs nothing to honour).
    gateValue[g] = node === BDD_FALSE || node === BDD_TRUE ? node : manager.variable(eventToLevel[pseudoOf[g]!]!);
  });
  const roots = new Map<string, number>();
  for (const [name, ref] of graph.roots) {
    roots.set(name, ref.kind === 'gate' && plan.kept[ref.index] === 1 ? moduleNode[ref.index]! : valueOf(ref));
  }
  return {
    bdd: { manager, roots, levelToEvent, eventToLevel, eventCount: variableCount, layoutCache: new Map() },
    eventCount,
    modules,
    moduleLayouts: new Array<BddLayout | undefined>(modules.length),
  };
}

/** Flat layout of module j's own diagram. */
export function moduleLayout(m: ModularBdd, j: number): BddLayout {
  let layout = m.moduleLayouts[j];
  if (layout === undefined) {
    layout = flatten(m.bdd.manager.store, m.modules[j]!.node, m.bdd.levelToEvent);
    m.moduleLayouts[j] = layout;
  }
  return layout;
}

/** Module index of a pseudo-event, or −1 for an event of the graph. */
export function moduleOfVariable(m: ModularBdd, variable: number): number {
  return variable >= m.eventCount ? variable - m.eventCount : -1;
}

/**
 * Modules a diagram depends on, transitively, parents before children (the
 * order of the top-down passes).
 */
export function modulesBelow(m: ModularBdd, layout: BddLayout): number[] {
  const seen = new Uint8Array(m.modules.length);
  const found: number[] = [];
  const visit = (l: BddLayout): void => {
    for (let i = 2; i < l.size; i++) {
      const j = moduleOfVariable(m, l.event[i]!);
      if (j >= 0 && seen[j] === 0) {
        seen[j] = 1;
        found.push(j);
      }
    }
  };
  visit(layout);
  for (let at = 0; at < found.length; at++) visit(moduleLayout(m, found[at]!));
  // Children have smaller indices than their parents.
  return found.sort((a, b) => b - a);
}

/**
 * Depth-first, left-most order of first appearance from the roots, where a
 * kept module's pseudo-event is placed when the module is entered (then its
 * own events follow). Restricted to any one diagram's variables this is the
 * plain depth-first order of that diagram's region.
 */
function modularDepthFirstOrder(graph: FaultGraph, pseudoOf: Int32Array, variableCount: number): Int32Array {
  const order = new Int32Array(variableCount);
  const placed = new Uint8Array(variableCount);
  const visitedGate = new Uint8Array(graph.gates.length);
  let levels = 0;
  const place = (variable: number): void => {
    if (placed[variable] === 0) {
      placed[variable] = 1;
      order[levels++] = variable;
    }
  };
  const gateStack: number[] = [];
  const cursorStack: number[] = [];
  const enter = (ref: NodeRef): void => {
    if (ref.kind === 'event') place(ref.index);
    else if (ref.kind === 'gate' && visitedGate[ref.index] === 0) {
      visitedGate[ref.index] = 1;
      if (pseudoOf[ref.index]! >= 0) place(pseudoOf[ref.index]!);
      gateStack.push(ref.index);
      cursorStack.push(0);
    }
  };
  for (const root of graph.roots.values()) {
    enter(root);
    while (gateStack.length > 0) {
      const top = gateStack.length - 1;
      const inputs = graph.gates[gateStack[top]!]!.inputs;
      const cursor = cursorStack[top]!;
      if (cursor === inputs.length) {
        gateStack.pop();
        cursorStack.pop();
      } else {
        cursorStack[top] = cursor + 1;
        enter(inputs[cursor]!);
      }
    }
  }
  for (let variable = 0; variable < variableCount; variable++) place(variable);
  return order;
}
