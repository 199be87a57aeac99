import type { BddLayout } from './bdd-layout';
import { flattenAbove } from './bdd-layout';
import { BDD_FALSE, BDD_TRUE, BddManager } from './bdd-manager';
import { BddNodeLimitError, type NodeStore } from './bdd-node-store';
import { type SiftPolicy, siftFinished } from './bdd-reorder';
import { learnedBudget, learnedOrder, learnOrder } from './order-learned';
import type { FaultGraph, NodeRef } from './fault-graph';
import { type FlatGates, flatGatesOf } from './flat-gates';
import { sortedIncludes } from './int-arrays';

/**
 * The diagram of one root over variables (events, and pseudo-events of the
 * kept modules below it), "peeled" and in the root's own variable order.
 *
 * Peeling: the variables S reached from the root through or-gates alone each
 * fail it by themselves, so root = ⋁S ∨ root|S=0. The diagram is a chain
 * over S (each node: fails → 1, works → the next) above the diagram of the
 * residual root|S=0, compiled with the variables of S fixed to "works".
 * Why: an element "fails when it or anything it needs fails" is mostly such
 * a chain; what is left are the redundant parts (parallel, k-of-n) with only
 * their own variables, so the residual stays small, and building it never
 * builds the intermediate diagram of every element below (which, in any one
 * shared variable order, is the cost that grows quadratically).
 *
 * Every root gets its own manager (its own order: the chain first, then the
 * residual's: the depth-first order of first appearance from the root, or
 * the order sifting found for an earlier diagram holding all its variables,
 * see order-learned); a result whose build blew up is sifted (see
 * bdd-reorder). Only the flat layout is kept. Levels in the layout are the
 * root's own (0 … levelCount − 1). The exception: roots nested in a sifted
 * diagram's region are built together in its order, unpeeled (see
 * compileSharedRegion), and roots nested in a large build with nothing
 * peeled are taken from it (see takeNestedRoots); their levels are that
 * build's order's.
 */

export interface RootDiagram {
  /**
   * The root's entry is `layout.root`. The roots taken from one shared build
   * share their layout's arrays (see takeNestedRoots): those hold the nodes
   * of them all, so a pass over one root's whole layout is exact but costs
   * them all (the system's own diagram is never shared; combinedLayout and
   * modularNodeCount count shared arrays once).
   */
  readonly layout: BddLayout;
  /** The root's level → variable. */
  readonly levelToVariable: Int32Array;
}

/** The distinct layouts of some diagrams, in order of first appearance: diagrams sharing their layout's arrays (see RootDiagram) are one. */
export function distinctLayouts(diagrams: Iterable<RootDiagram>): BddLayout[] {
  const byArrays = new Map<Int32Array, BddLayout>();
  for (const { layout } of diagrams) if (!byArrays.has(layout.event)) byArrays.set(layout.event, layout);
  return [...byArrays.values()];
}

/** What the compiler knows about the graph: which gates are kept modules, and each one's pseudo-event. */
export interface RegionView {
  readonly graph: FaultGraph;
  /** Per gate: pseudo-event of a kept module, else −1. */
  readonly pseudoOf: Int32Array;
  readonly nodeLimit: number;
  /** When a finished diagram is sifted (default DEFAULT_SIFT_POLICY). */
  readonly sifting?: SiftPolicy;
  /** Nodes an unpeeled build must have created to give the roots nested in it their diagrams (default NESTED_ROOTS_FROM). */
  readonly nestedRootsFrom?: number;
}

export function compileRootDiagram(view: RegionView, root: NodeRef, nodeLimit = view.nodeLimit): RootDiagram {
  if (root.kind === 'const') return constantDiagram(root.value);
  if (root.kind === 'event') return variableDiagram(root.index);
  // `own:X` and `element:X` are often the same gate: compile it once.
  let compiled = compiledOfView.get(view);
  if (compiled === undefined) compiledOfView.set(view, (compiled = new Map()));
  if (!compiled.has(root.index)) compileSharedRegion(view, root.index, compiled);
  let diagram = compiled.get(root.index);
  if (diagram === undefined) compiled.set(root.index, (diagram = compileGateDiagram(view, root.index, nodeLimit)));
  return diagram;
}

const compiledOfView = new WeakMap<RegionView, Map<number, RootDiagram>>();

/**
 * A region whose gates may be built together in a known order (see
 * compileSharedRegion): a sifted diagram's (the order sifting found, chain
 * included), or a large peeled build's (its own order, chain on top).
 */
interface SharedRegion {
  readonly gate: number;
  /** The region's gates, ascending. */
  readonly gates: Int32Array;
  readonly order: Int32Array;
  /** Most nodes the shared build may create. */
  readonly budget: number;
  /** Whether its region's gates were built together already (see compileSharedRegion), whatever came of it. */
  shared: boolean;
}

const sharedRegionsOfView = new WeakMap<RegionView, SharedRegion[]>();

/**
 * Most nodes the shared build of a sifted region may create, per node of
 * the sifted diagram. Measured on the Aralia trees whose system diagram is
 * sifted (before sifting was put on trial, see bdd-reorder): edf9203 built
 * its 473 gates in 10.7 times the system's 146,000 nodes, edf9204 its 286
 * gates in 10 times 391,000.
 */
const SHARED_NODES_PER_SIFTED_NODE = 16;

/**
 * The same for the region of a large peeled build, per node of its diagram:
 * tighter, as its roots compiled alone are not known to blow up. Measured:
 * edf9202 built its 404 gates in 2.0 times the system's 308,000 nodes,
 * edfpa14r 1.5 times, edfpa15r 2.0 times; jbd9601 needed 7.7 times, where
 * its roots alone cost less.
 */
const SHARED_NODES_PER_PEELED_NODE = 2;

function sharedBudget(view: RegionView, perNode: number, size: number): number {
  return Math.min(view.nodeLimit, perNode * size + (1 << 16));
}

/**
 * The diagrams of every root gate in a shared region (a sifted diagram's, or
 * a large peeled build's) that holds `gate`, built together: all the
 * region's gates children first, unpeeled, in one manager and the region's
 * order, each root gate's diagram then flattened from it into `compiled`.
 *
 * Why: the roots of an imported fault tree are nested (every gate is one),
 * and a region hard enough to need sifting is hard for each of them too:
 * compiled one by one, each in its own depth-first or learned order, many
 * blew up and were sifted again (edf9203: 6.2 s for 442 gate diagrams,
 * edf9204: 48 s). In the sifted order, building the region once builds every
 * gate of it on the way (edf9203: 1.6 million nodes in 1.5 s; since
 * sifting is on trial, the system diagrams of edf9203 and edf9204, which
 * sifting barely shrinks, are not sifted, and their nested roots come from
 * the build itself, see takeNestedRoots). A large
 * peeled build holds no nested root's own value (its chain was fixed), and
 * its hundreds of nested roots each rebuilt the same shared parts (edf9202:
 * 404 gates, 1.2 s alone, 0.6 million nodes together). Tried once per
 * region, within its node budget: over it, the roots are compiled one by one
 * as before.
 */
function compileSharedRegion(view: RegionView, gate: number, compiled: Map<number, RootDiagram>): void {
  const region = unsharedRegionHolding(view, gate);
  if (region === undefined) return;
  region.shared = true;
  let built: Residual;
  try {
    built = buildResidual(view, region.gate, region.gates, chainMarks(view, []), region.order, region.budget);
  } catch (error) {
    if (!(error instanceof BddNodeLimitError)) throw error;
    return;
  }
  takeNestedRoots(view, built, compiled);
}

/** The latest region holding `gate` whose shared build was not tried yet. */
function unsharedRegionHolding(view: RegionView, gate: number): SharedRegion | undefined {
  const regions = sharedRegionsOfView.get(view) ?? [];
  for (let i = regions.length - 1; i >= 0; i--) if (!regions[i]!.shared && sortedIncludes(regions[i]!.gates, gate)) return regions[i];
  return undefined;
}

/**
 * Whether compiling `gate` now would start the shared build of a region
 * (see compileSharedRegion): seconds on the largest imported trees,
 * which a caller with a short time budget leaves for later.
 */
export function startsSharedBuild(view: RegionView, gate: number): boolean {
  return compiledOfView.get(view)?.has(gate) !== true && unsharedRegionHolding(view, gate) !== undefined;
}

/**
 * Every root gate a build (unpeeled: no chain fixed) gave a value, not
 * compiled yet, takes its diagram from it: all of them flattened together,
 * over the build's whole order, into one layout whose arrays their diagrams
 * share (each with its own root entry; see RootDiagram). Why together: the
 * nested gates of an imported fault tree share most of their nodes, and
 * flattened one by one each copied them again (edf9204: 9.8 million entries
 * for 286 gates, of a build of 4.2 million nodes), as the probability pass
 * over them then evaluated them again.
 */
function takeNestedRoots(view: RegionView, built: Residual, compiled: Map<number, RootDiagram>, except = -1): void {
  const { gateValue } = workspaceOf(view);
  // Constant gates get their constant diagram at once; the others are flattened together below.
  const nested = new Set<number>();
  for (const ref of view.graph.roots.values()) {
    if (ref.kind !== 'gate' || ref.index === except || compiled.has(ref.index) || !sortedIncludes(built.gates, ref.index)) continue;
    const value = gateValue[ref.index]!;
    if (value === BDD_FALSE || value === BDD_TRUE) compiled.set(ref.index, constantDiagram(value === BDD_TRUE));
    else nested.add(ref.index);
  }
  const gates = [...nested];
  if (gates.length === 0 || built.manager === undefined) return;
  const { layout, roots } = flattenAbove(built.manager.store, gates.map((g) => gateValue[g]!), built.residualOrder, 0);
  gates.forEach((g, k) => compiled.set(g, { layout: { ...layout, root: roots[k]! }, levelToVariable: built.residualOrder }));
}

/**
 * Nodes a build must have created for the roots nested in it to be taken
 * from it (see takeNestedRoots): below, compiling them alone costs little,
 * and their own peeled diagrams are smaller.
 */
const NESTED_ROOTS_FROM = 1 << 16;

function compileGateDiagram(view: RegionView, rootGate: number, nodeLimit: number): RootDiagram {
  const { chain, redundant } = peel(view, rootGate);
  if (redundant.length === 0) return { layout: chainAbove(chain, undefined, BDD_FALSE, new Int32Array(0)), levelToVariable: Int32Array.from(chain) };
  const started = performance.now();
  const scratch = scratchFor(view);
  // The whole region, or-gates included: combining the redundant parts along the graph's own
  // structure keeps related parts together (one flat or of them all can blow up).
  const { gates, order } = regionOf(view, [rootGate], scratch);
  const inChain = chainMarks(view, chain);
  const depthFirst = order.filter((v) => inChain.marks[v] !== inChain.mark);
  // The residual's own levels (0 = its top), below the chain's. A learned order is tried within a budget.
  const learned = learnedOrder(view, depthFirst);
  let built: Residual | undefined;
  if (learned !== undefined) {
    try {
      built = buildResidual(view, rootGate, gates, inChain, Int32Array.from(learned.order), Math.min(nodeLimit, learnedBudget(learned.sourceSize)));
    } catch (error) {
      if (!(error instanceof BddNodeLimitError)) throw error;
    }
  }
  if (built === undefined && redundant.length >= FLAT_OR_FROM) built = flatResidual(view, redundant, inChain, Int32Array.from(depthFirst), nodeLimit);
  built ??= buildResidual(view, rootGate, gates, inChain, Int32Array.from(depthFirst), nodeLimit);
  let { manager, residual, residualOrder } = built;
  if (manager !== undefined && residual !== BDD_FALSE && residual !== BDD_TRUE) {
    // A large result is sifted once (the build's garbage goes with it), and its order kept for the next diagrams;
    // unless sifting fails its trial (it barely shrinks the diagram): the build, nested roots included, is then kept as it is.
    const sifted = siftFinished(manager, residual, residualOrder.length, performance.now() - started, view.sifting);
    // Not sifted, and nothing fixed: the roots nested in a large build are in it already.
    if (sifted === undefined && chain.length === 0 && manager.store.nodeCount >= (view.nestedRootsFrom ?? NESTED_ROOTS_FROM)) takeNestedRoots(view, built, compiledOfView.get(view)!, rootGate);
    if (sifted !== undefined) {
      const moved = new Int32Array(residualOrder.length);
      residualOrder.forEach((v, level) => (moved[sifted.newLevelOf[level]!] = v));
      residualOrder = moved;
      manager = sifted.manager;
      residual = sifted.roots[0]!;
      learnOrder(view, residualOrder, sifted.size);
      rememberRegion(view, { gate: rootGate, gates, order: concatenated(chain, residualOrder), budget: sharedBudget(view, SHARED_NODES_PER_SIFTED_NODE, sifted.size), shared: false });
    }
  }
  const layout = chainAbove(chain, manager?.store, residual, residualOrder);
  const levelToVariable = concatenated(chain, residualOrder);
  // A large peeled build gives no nested root its value (the chain was fixed), but its order may serve their shared build.
  if (chain.length > 0 && manager === built.manager && manager !== undefined && manager.store.nodeCount >= (view.nestedRootsFrom ?? NESTED_ROOTS_FROM)) {
    rememberRegion(view, { gate: rootGate, gates, order: levelToVariable, budget: sharedBudget(view, SHARED_NODES_PER_PEELED_NODE, layout.size), shared: false });
  }
  return { layout, levelToVariable };
}

function rememberRegion(view: RegionView, region: SharedRegion): void {
  let regions = sharedRegionsOfView.get(view);
  if (regions === undefined) sharedRegionsOfView.set(view, (regions = []));
  regions.push(region);
}

/** The chain's variables, then the residual's (spreading a typed array would go through its iterator). */
function concatenated(chain: readonly number[], residualOrder: Int32Array): Int32Array {
  const all = new Int32Array(chain.length + residualOrder.length);
  all.set(chain);
  all.set(residualOrder, chain.length);
  return all;
}

interface Residual {
  /** Undefined when every input was constant (no variable was ever needed). */
  readonly manager: BddManager | undefined;
  /** The gates the build gave a value (`gateValue`), ascending. */
  readonly gates: Int32Array;
  readonly residual: number;
  /** Level → variable. */
  readonly residualOrder: Int32Array;
}

/**
 * Redundant parts from which a root's residual is first tried as one n-ary
 * or of them all (see flatResidual): the or-gates between them are then
 * never built. Measured on the 30,000-instance benchmark model, whose system
 * needs 395 services over 1,119 redundant parts: the services' partial ors
 * were 175,000 nodes before the system's or; the parts alone are 24,000,
 * and their or took 1.7 million set members of work (101 per input node):
 * the system's diagram took 53–69 ms instead of 112–124 ms. With the wide
 * or's usual budget (32 per input node) the attempt failed and cost 50–80 ms
 * more than not trying, hence its own budget.
 */
const FLAT_OR_FROM = 64;
const FLAT_OR_WORK_PER_NODE = 160;

/**
 * The residual as the or of the root's redundant parts (each built children
 * first, the or-gates above them skipped) in one n-ary descent; undefined
 * when the descent goes over its work budget (parts over unrelated variables:
 * then the graph's own or-structure, which keeps related parts together, is
 * the better way).
 */
function flatResidual(view: RegionView, redundant: readonly number[], inChain: ChainMarks, residualOrder: Int32Array, nodeLimit: number): Residual | undefined {
  const below = regionOf(view, redundant, scratchFor(view)).gates;
  const { manager } = buildResidual(view, -1, below, inChain, residualOrder, nodeLimit);
  const { gateValue } = workspaceOf(view);
  const parts: number[] = [];
  for (const g of redundant) {
    const x = gateValue[g]!;
    if (x === BDD_TRUE) return { manager, gates: below, residual: BDD_TRUE, residualOrder };
    if (x !== BDD_FALSE) parts.push(x);
  }
  if (parts.length <= 1 || manager === undefined) return { manager, gates: below, residual: parts[0] ?? BDD_FALSE, residualOrder };
  const residual = manager.orManyBudgeted(parts, FLAT_OR_WORK_PER_NODE);
  return residual === undefined ? undefined : { manager, gates: below, residual, residualOrder };
}

/**
 * The residual rootGate|chain=0, built gate by gate (children first) in the
 * given order, in a manager of at most `nodeLimit` nodes (rootGate −1: the
 * gates only, residual FALSE).
 */
function buildResidual(view: RegionView, rootGate: number, gates: Int32Array, inChain: ChainMarks, residualOrder: Int32Array, nodeLimit: number): Residual {
  const workspace = workspaceOf(view);
  const { levelOfVariable, gateValue } = workspace;
  const { start, input, k: kOf } = workspace.flat;
  const { pseudoOf } = view;
  residualOrder.forEach((v, level) => (levelOfVariable[v] = level));
  let manager: BddManager | undefined;
  // One array for every gate's live inputs, the count kept apart (emptying a JS array drops its storage).
  const live = workspace.liveInputs;
  // Gates are built children first, so a gate's value is always written before it is read.
  for (let i = 0; i < gates.length; i++) {
    const g = gates[i]!;
    // Most gates of a region are ors over chain variables (all FALSE here): constants are settled here, and only
    // the live inputs reach the manager (an or of one live input is that input, without a manager call).
    let trues = 0;
    let count = 0;
    for (let at = start[g]!; at < start[g + 1]!; at++) {
      const code = input[at]!;
      let x: number;
      const v = code < 0 ? -1 - code : pseudoOf[code]!;
      if (code >= 0 && v < 0) x = gateValue[code]!;
      else if (inChain.marks[v] === inChain.mark) x = BDD_FALSE;
      else x = (manager ??= recycledManager(view, nodeLimit)).variable(levelOfVariable[v]!);
      if (x === BDD_TRUE) trues++;
      else if (x !== BDD_FALSE) live[count++] = x;
    }
    const k = kOf[g]! - trues;
    if (k <= 0 || k > count || manager === undefined) gateValue[g] = k <= 0 ? BDD_TRUE : BDD_FALSE;
    else if (count === 1) gateValue[g] = live[0]!;
    else gateValue[g] = k === 1 ? manager.orAll(live, count) : k === count ? manager.andAll(live, count) : manager.atLeast(k, live, count);
  }
  return { manager, gates, residual: rootGate < 0 ? BDD_FALSE : gateValue[rootGate]!, residualOrder };
}

/** The variables of one root's chain, marked: `marks[v] === mark` for v in the chain. */
interface ChainMarks {
  readonly marks: Int32Array;
  readonly mark: number;
}

function chainMarks(view: RegionView, chain: readonly number[]): ChainMarks {
  const workspace = workspaceOf(view);
  const mark = ++workspace.chainMark;
  for (const v of chain) workspace.chainMarks[v] = mark;
  return { marks: workspace.chainMarks, mark };
}

/**
 * What one compilation reuses from diagram to diagram, so that a root costs
 * its region, not the graph, and allocates no tables of its own: stamps per
 * gate and per variable (regionOf, peel: a new generation per walk), the
 * arrays a residual build indexes by gate and variable (no Map or Set per
 * root), and one BDD manager, reset before each residual (a diagram keeps
 * only its flat layout, so nothing refers to the old nodes). The walks read
 * the gates in a flat form (integers, not objects: half the time of the walks).
 */
interface Workspace {
  readonly flat: FlatGates;
  /** A residual build's live inputs of one gate (the longest gate's worth). */
  readonly liveInputs: Int32Array;
  readonly gateStamp: Int32Array;
  /** regionOf's `from` gates, stamped with its generation. */
  readonly fromStamp: Int32Array;
  readonly variableStamp: Int32Array;
  generation: number;
  readonly levelOfVariable: Int32Array;
  readonly gateValue: Int32Array;
  readonly chainMarks: Int32Array;
  chainMark: number;
  manager: BddManager | undefined;
}
const workspaceOfView = new WeakMap<RegionView, Workspace>();

function workspaceOf(view: RegionView): Workspace {
  let workspace = workspaceOfView.get(view);
  if (workspace === undefined) {
    const gates = view.graph.gates.length;
    const variables = view.graph.events.length + gates;
    workspace = {
      flat: flatGatesOf(view.graph),
      liveInputs: new Int32Array(widestGate(flatGatesOf(view.graph))),
      gateStamp: new Int32Array(gates),
      fromStamp: new Int32Array(gates),
      variableStamp: new Int32Array(variables),
      generation: 0,
      levelOfVariable: new Int32Array(variables),
      gateValue: new Int32Array(gates),
      chainMarks: new Int32Array(variables),
      chainMark: 0,
      manager: undefined,
    };
    workspaceOfView.set(view, workspace);
  }
  return workspace;
}

function widestGate({ start }: FlatGates): number {
  let widest = 0;
  for (let g = 0; g + 1 < start.length; g++) widest = Math.max(widest, start[g + 1]! - start[g]!);
  return widest;
}

/** The workspace with a new stamp generation, for one walk over the graph. */
function scratchFor(view: RegionView): Workspace {
  const workspace = workspaceOf(view);
  workspace.generation++;
  return workspace;
}

/** The compilation's manager, reset for the next residual. */
function recycledManager(view: RegionView, nodeLimit: number): BddManager {
  const workspace = workspaceOf(view);
  if (workspace.manager === undefined) workspace.manager = new BddManager(nodeLimit, true);
  else workspace.manager.reset(nodeLimit);
  return workspace.manager;
}

/**
 * Gates below the given ones down to kept modules, ascending (children
 * first), and their variables in depth-first order of first appearance.
 */
function regionOf(view: RegionView, from: readonly number[], scratch: Workspace): { gates: Int32Array; order: number[] } {
  const { pseudoOf } = view;
  const { gateStamp, variableStamp, generation } = scratch;
  const { start, input } = scratch.flat;
  const { fromStamp } = scratch;
  const gates: number[] = [];
  const order: number[] = [];
  // Codes: events −1 − index, gates their index; `from` gates are expanded even when kept (a module's own diagram).
  const stack: number[] = [];
  for (let i = from.length - 1; i >= 0; i--) {
    stack.push(from[i]!);
    fromStamp[from[i]!] = generation;
  }
  while (stack.length > 0) {
    const code = stack.pop()!;
    let v: number;
    if (code < 0) v = -1 - code;
    else {
      if (gateStamp[code] === generation) continue;
      gateStamp[code] = generation;
      v = pseudoOf[code]!;
      if (v < 0 || fromStamp[code] === generation) {
        gates.push(code);
        for (let at = start[code + 1]! - 1; at >= start[code]!; at--) stack.push(input[at]!);
        continue;
      }
    }
    if (variableStamp[v] !== generation) {
      variableStamp[v] = generation;
      order.push(v);
    }
  }
  // Ascending is children first (gates are in topological order); a typed array sorts natively.
  return { gates: Int32Array.from(gates).sort(), order };
}

/**
 * The chain S (variables reached from the root through or-gates only,
 * stopping at modules, which are variables) in first-appearance order, and
 * the and/atleast gates the same walk meets (the root is ⋁S ∨ ⋁redundant).
 */
function peel(view: RegionView, rootGate: number): { chain: number[]; redundant: number[] } {
  const { pseudoOf } = view;
  const scratch = scratchFor(view);
  const { gateStamp, variableStamp, generation } = scratch;
  const { start, input, k } = scratch.flat;
  const chain: number[] = [];
  const redundant: number[] = [];
  const stack = [rootGate];
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (gateStamp[g] === generation) continue;
    gateStamp[g] = generation;
    if (k[g] !== 1) {
      redundant.push(g);
      continue;
    }
    for (let at = start[g + 1]! - 1; at >= start[g]!; at--) {
      const code = input[at]!;
      const v = code < 0 ? -1 - code : pseudoOf[code]!;
      if (code >= 0 && v < 0) stack.push(code);
      else if (variableStamp[v] !== generation) {
        variableStamp[v] = generation;
        chain.push(v);
      }
    }
  }
  return { chain, redundant };
}

/**
 * The layout of chain(S) above the residual diagram (children first; the
 * chain's last variable sits just above the residual, whose own levels come
 * after the chain's).
 */
function chainAbove(chain: readonly number[], store: NodeStore | undefined, residual: number, residualOrder: Int32Array): BddLayout {
  const levelCount = chain.length + residualOrder.length;
  if (store === undefined || residual === BDD_FALSE || residual === BDD_TRUE) return chainAboveConstant(chain, residual, levelCount);
  const below = flattenAbove(store, [residual], residualOrder, chain.length).layout;
  const { event, level, lo, hi } = below;
  let next = below.root;
  for (let j = chain.length - 1; j >= 0; j--) {
    const at = below.size + (chain.length - 1 - j);
    event[at] = chain[j]!;
    level[at] = j;
    lo[at] = next;
    hi[at] = BDD_TRUE;
    next = at;
  }
  return { size: below.size + chain.length, root: next, event, level, lo, hi, levelCount };
}

/** chainAbove for a constant residual (TRUE: the root always fails, and no chain is needed above it). */
function chainAboveConstant(chain: readonly number[], residual: number, levelCount: number): BddLayout {
  const length = residual === BDD_TRUE ? 0 : chain.length;
  const size = 2 + length;
  const event = new Int32Array(size);
  const level = new Int32Array(size);
  const lo = new Int32Array(size);
  const hi = new Int32Array(size);
  event[0] = event[1] = -1;
  level[0] = level[1] = levelCount;
  lo[1] = hi[1] = 1;
  let next = residual;
  for (let j = length - 1; j >= 0; j--) {
    const at = 2 + (length - 1 - j);
    event[at] = chain[j]!;
    level[at] = j;
    lo[at] = next;
    hi[at] = BDD_TRUE;
    next = at;
  }
  return { size, root: next, event, level, lo, hi, levelCount };
}

function constantDiagram(value: boolean): RootDiagram {
  const root = value ? BDD_TRUE : BDD_FALSE;
  return {
    layout: { size: 2, root, event: Int32Array.of(-1, -1), level: Int32Array.of(0, 0), lo: Int32Array.of(0, 1), hi: Int32Array.of(0, 1), levelCount: 0 },
    levelToVariable: new Int32Array(0),
  };
}

function variableDiagram(v: number): RootDiagram {
  return {
    layout: { size: 3, root: 2, event: Int32Array.of(-1, -1, v), level: Int32Array.of(1, 1, 0), lo: Int32Array.of(0, 1, 0), hi: Int32Array.of(0, 1, 1), levelCount: 1 },
    levelToVariable: Int32Array.of(v),
  };
}

