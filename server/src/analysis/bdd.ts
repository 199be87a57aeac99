import { reachableNodes } from './bdd-layout';
import { gatesReachedFromRoots } from './graph-normalize';
import { BDD_FALSE, BDD_TRUE, BddManager } from './bdd-manager';
import { BddNodeLimitError, DEFAULT_NODE_LIMIT } from './bdd-node-store';
import { depthFirstEventOrder, levelsOfEvents } from './bdd-order';
import type { FaultGraph, NodeRef } from './fault-graph';

/**
 * Compilation of a FaultGraph (failure logic) into reduced ordered BDDs, one
 * per named root, sharing one manager. A BDD node at level ℓ tests event
 * `levelToEvent[ℓ]`: lo = the event works, hi = it fails; terminal 1 means
 * "the root has failed".
 */

export { BddNodeLimitError, DEFAULT_NODE_LIMIT };

export interface CompiledBdd {
  readonly manager: BddManager;
  /** Root name → BDD node id. */
  readonly roots: ReadonlyMap<string, number>;
  /** level → event index. */
  readonly levelToEvent: Int32Array;
  /** event index → level. */
  readonly eventToLevel: Int32Array;
  readonly eventCount: number;
  /** Per-root flat layouts, filled on first use (see bdd-layout). */
  readonly layoutCache: Map<string, unknown>;
}

export interface CompileOptions {
  /** Most non-terminal nodes the manager may create (default 20 million). */
  readonly nodeLimit?: number;
  /** level → event index; default: depth-first, left-most first appearance. */
  readonly order?: Int32Array;
}

export function compileFaultGraph(graph: FaultGraph, options: CompileOptions = {}): CompiledBdd {
  const eventCount = graph.events.length;
  const levelToEvent = options.order ?? depthFirstEventOrder(graph);
  const eventToLevel = levelsOfEvents(levelToEvent, eventCount);
  const manager = new BddManager(options.nodeLimit ?? DEFAULT_NODE_LIMIT);
  const needed = gatesReachedFromRoots(graph);
  const gateNode = new Int32Array(graph.gates.length);
  const nodeOf = (ref: NodeRef, from: number): number => {
    switch (ref.kind) {
      case 'const':
        return ref.value ? BDD_TRUE : BDD_FALSE;
      case 'event':
        if (!(ref.index >= 0 && ref.index < eventCount)) throw new Error(`fault graph: unknown event ${ref.index}`);
        return manager.variable(eventToLevel[ref.index]!);
      case 'gate':
        if (!(ref.index >= 0 && ref.index < from)) {
          throw new Error(`fault graph: gate ${from} refers to gate ${ref.index}, which does not come before it`);
        }
        return gateNode[ref.index]!;
      default:
        throw new Error(`fault graph: malformed node reference ${JSON.stringify(ref)}`);
    }
  };
  graph.gates.forEach((gate, index) => {
    if (needed[index] === 0) return;
    const inputs = gate.inputs.map((ref) => nodeOf(ref, index));
    if (gate.kind === 'atleast') gateNode[index] = manager.atLeast(gate.k, inputs);
    else gateNode[index] = gate.kind === 'and' ? manager.andAll(inputs) : manager.orAll(inputs);
  });
  const roots = new Map<string, number>();
  for (const [name, ref] of graph.roots) roots.set(name, nodeOf(ref, graph.gates.length));
  return { manager, roots, levelToEvent, eventToLevel, eventCount, layoutCache: new Map() };
}

/** Size of the BDD: non-terminal nodes reachable from the roots (not the intermediate results of compilation). */
export function bddNodeCount(bdd: CompiledBdd): number {
  return reachableNodes(bdd.manager.store, bdd.roots.values()).length;
}
