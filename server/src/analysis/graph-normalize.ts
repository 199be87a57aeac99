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
  const unique = new UniqueRefs(graph);
  const live: NodeRef[] = [];
  for (let index = 0; index < graph.gates.length; index++) {
    if (needed[index] === 0) continue;
    const gate = graph.gates[index]!;
    // Constant inputs folded away: TRUE lowers the count still needed, FALSE never counts. One array for
    // every gate's live inputs, the count kept apart (emptying a JS array drops its storage).
    let count = 0;
    let trues = 0;
    const refs = gate.inputs;
    for (let i = 0; i < refs.length; i++) {
      const mapped = mapRef(refs[i]!, index);
      if (mapped.kind !== 'const') live[count++] = mapped;
      else if (mapped.value) trues++;
    }
    const k = (gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? gate.inputs.length : 1) - trues;
    if (k <= 0) gateRef[index] = TRUE;
    else if (k > count) gateRef[index] = FALSE;
    else if (k === 1 || k === count) {
      // x ∨ x = x ∧ x = x: repeats dropped (an atleast counts them).
      const inputs = unique.of(live, count);
      gateRef[index] = inputs.length === 1 ? inputs[0]! : intern({ kind: k === 1 ? 'or' : 'and', inputs });
    } else gateRef[index] = intern({ kind: 'atleast', k, inputs: live.slice(0, count) });
  }
  const roots = new Map<string, NodeRef>();
  for (const [name, ref] of graph.roots) roots.set(name, mapRef(ref, graph.gates.length));
  return { graph: { events: graph.events, gates, roots }, gateRef };
}

/** Inputs without repeats, first appearance kept: stamps per event and per gate, no Set per gate. */
class UniqueRefs {
  private readonly eventStamp: Int32Array;
  private readonly gateStamp: Int32Array;
  private generation = 0;

  constructor(graph: FaultGraph) {
    this.eventStamp = new Int32Array(graph.events.length);
    this.gateStamp = new Int32Array(graph.gates.length);
  }

  /** The first `count` inputs, repeats dropped. */
  of(inputs: readonly NodeRef[], count: number): NodeRef[] {
    const generation = ++this.generation;
    const out: NodeRef[] = [];
    for (let i = 0; i < count; i++) {
      const ref = inputs[i]!;
      const stamps = ref.kind === 'gate' ? this.gateStamp : this.eventStamp;
      const index = (ref as { readonly index: number }).index;
      if (stamps[index] === generation) continue;
      stamps[index] = generation;
      out.push(ref);
    }
    return out;
  }
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
    const inputs = graph.gates[g]!.inputs;
    for (let i = 0; i < inputs.length; i++) {
      const ref = inputs[i]!;
      if (ref.kind === 'gate' && ref.index >= 0 && ref.index < g) needed[ref.index] = 1;
    }
  }
  return needed;
}

/** Events as −1 − index, gates as their index. */
function refCode(ref: NodeRef): number {
  return ref.kind === 'gate' ? ref.index : ref.kind === 'event' ? -1 - ref.index : Number.NaN;
}

/** Equal for gates computing the same function of the same inputs in any order: the kind (or 0, and 1, atleast its k ≥ 2), then the sorted input codes. */
function gateKey(gate: Gate): Int32Array {
  const key = new Int32Array(gate.inputs.length + 1);
  key[0] = gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? 1 : 0;
  if (gate.inputs.length > 32) {
    for (let i = 0; i < gate.inputs.length; i++) key[i + 1] = refCode(gate.inputs[i]!);
    key.subarray(1).sort();
    return key;
  }
  // Insertion sort: keys are short, and a typed-array sort call per gate cost more than the sorting.
  for (let i = 0; i < gate.inputs.length; i++) {
    const code = refCode(gate.inputs[i]!);
    let j = i + 1;
    while (j > 1 && key[j - 1]! > code) {
      key[j] = key[j - 1]!;
      j--;
    }
    key[j] = code;
  }
  return key;
}
