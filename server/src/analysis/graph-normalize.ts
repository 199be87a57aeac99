import { FALSE, TRUE, type FaultGraph, type Gate, type NodeRef } from './fault-graph';
import { hashOfInts, IntArrayMap } from './int-arrays';

/**
 * A FaultGraph rewritten into an equivalent one where modules can be seen:
 * constants folded, gates with one input replaced by it, and structurally
 * equal gates merged (hash-consing). The structure compiler builds, e.g.,
 * "quorum of app's instances" twice (once for the `own:app` root, once inside
 * `element:app`); two copies of a gate make its events look shared, and then
 * nothing above them is a module. Only gates some root reaches are kept.
 * Events keep their indices; gates stay in topological order.
 */
export interface NormalizedGraph {
  readonly graph: FaultGraph;
  /** Original gate index → its equivalent in the normalized graph (constants included). */
  readonly gateRef: readonly NodeRef[];
}

export function normalizeGraph(graph: FaultGraph): NormalizedGraph {
  const needed = gatesReachedFromRoots(graph);
  const gates: Gate[] = [];
  const byKey = new IntArrayMap<number>();
  const gateRef: NodeRef[] = new Array<NodeRef>(graph.gates.length).fill(FALSE);
  const mapRef = (ref: NodeRef, from: number): NodeRef => {
    checkRef(graph, ref, from);
    return ref.kind === 'gate' ? gateRef[ref.index]! : ref;
  };
  const intern = (gate: Gate): NodeRef => {
    const key = gateKey(gate);
    const hash = hashOfInts(key);
    let index = byKey.get(key, hash);
    if (index === undefined) {
      index = gates.length;
      gates.push(gate);
      byKey.set(key, index, hash);
    }
    return { kind: 'gate', index };
  };
  graph.gates.forEach((gate, index) => {
    if (needed[index] === 1) gateRef[index] = foldGate(gate, gate.inputs.map((ref) => mapRef(ref, index)), intern);
  });
  const roots = new Map<string, NodeRef>();
  for (const [name, ref] of graph.roots) roots.set(name, mapRef(ref, graph.gates.length));
  return { graph: { events: graph.events, gates, roots }, gateRef };
}

/** Malformed graphs are programming errors of the caller: say which reference is wrong. */
function checkRef(graph: FaultGraph, ref: NodeRef, from: number): void {
  if (ref.kind === 'event' && !(ref.index >= 0 && ref.index < graph.events.length)) {
    throw new Error(`fault graph: unknown event ${ref.index}`);
  }
  if (ref.kind === 'gate' && !(ref.index >= 0 && ref.index < from)) {
    throw new Error(`fault graph: gate ${from} refers to gate ${ref.index}, which does not come before it`);
  }
  if (ref.kind !== 'event' && ref.kind !== 'gate' && ref.kind !== 'const') {
    throw new Error(`fault graph: malformed node reference ${JSON.stringify(ref)}`);
  }
}

/** Gates some root depends on. */
export function gatesReachedFromRoots(graph: FaultGraph): Uint8Array {
  const needed = new Uint8Array(graph.gates.length);
  for (const ref of graph.roots.values()) if (ref.kind === 'gate') needed[ref.index] = 1;
  for (let g = graph.gates.length - 1; g >= 0; g--) {
    if (needed[g] === 0) continue;
    for (const ref of graph.gates[g]!.inputs) {
      if (ref.kind === 'gate' && ref.index >= 0 && ref.index < g) needed[ref.index] = 1;
    }
  }
  return needed;
}

/** The gate with constant inputs folded away (and/or inputs deduplicated), as a constant, an input, or an interned gate. */
function foldGate(gate: Gate, inputs: readonly NodeRef[], intern: (gate: Gate) => NodeRef): NodeRef {
  const live = inputs.filter((r) => r.kind !== 'const');
  const trueCount = inputs.length - live.length - inputs.filter((r) => r.kind === 'const' && !r.value).length;
  let k = gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? inputs.length : 1;
  k -= trueCount;
  if (k <= 0) return TRUE;
  if (k > live.length) return FALSE;
  if (k === 1) return orOf(uniqueRefs(live), intern);
  if (k === live.length) return andOf(uniqueRefs(live), intern);
  return intern({ kind: 'atleast', k, inputs: live });
}

function orOf(inputs: NodeRef[], intern: (gate: Gate) => NodeRef): NodeRef {
  return inputs.length === 1 ? inputs[0]! : intern({ kind: 'or', inputs });
}

function andOf(inputs: NodeRef[], intern: (gate: Gate) => NodeRef): NodeRef {
  return inputs.length === 1 ? inputs[0]! : intern({ kind: 'and', inputs });
}

/** Inputs without repeats (x ∨ x = x ∧ x = x), first appearance kept. */
function uniqueRefs(inputs: readonly NodeRef[]): NodeRef[] {
  const seen = new Set<number>();
  return inputs.filter((r) => {
    const code = refCode(r);
    if (seen.has(code)) return false;
    seen.add(code);
    return true;
  });
}

/** Events as −1 − index, gates as their index. */
function refCode(ref: NodeRef): number {
  return ref.kind === 'gate' ? ref.index : ref.kind === 'event' ? -1 - ref.index : Number.NaN;
}

/** Equal for gates computing the same function of the same inputs in any order: the kind (or 0, and 1, atleast its k ≥ 2), then the sorted input codes. */
function gateKey(gate: Gate): Int32Array {
  const key = new Int32Array(gate.inputs.length + 1);
  key[0] = gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? 1 : 0;
  for (let i = 0; i < gate.inputs.length; i++) key[i + 1] = refCode(gate.inputs[i]!);
  key.subarray(1).sort();
  return key;
}
