import type { FaultGraph, Gate, NodeRef } from './fault-graph';

/**
 * Pulls the failures that redundancy cannot mask out of and/atleast gates:
 * an input x reached through or-gates alone from at least k inputs of
 * "at least k of (M1 … Mn)" fails the gate by itself, so
 *   atleast(k, M1 … Mn) = x ∨ atleast(k, M1 … Mn)|x=0,
 * and with C the set of all such x (every Mi being the or of its "or-closure",
 * the non-or nodes reached from it through or-gates only):
 *   atleast(k, M1 … Mn) = ⋁C ∨ atleast(k, ⋁(closure(M1) ∖ C), …, ⋁(closure(Mn) ∖ C)).
 * Exact (when every x in C is false, each Mi equals the or of the rest of its
 * closure), and no node is copied: the new gates only point at existing ones.
 *
 * Why: two replicated services in `parallel(a, b)` usually need the same
 * databases. Without this, the diagram must remember, while it reads the
 * shared databases, which member of every such pair has already failed; with
 * it the shared part is a plain series element and what is left of each pair
 * is over the members' own parts. On the generated 30,000-instance model this
 * is the difference between more than 20 million nodes and a small diagram.
 *
 * An or-gate whose closure would exceed MAX_CLOSURE nodes counts as one
 * opaque node of its parents' closures (still exact: it fails them alone), so
 * the pass stays near-linear on any input.
 */

export const MAX_CLOSURE = 4096;

export function factorCommonFailures(graph: FaultGraph): FaultGraph {
  const gates: Gate[] = [];
  const mapped: NodeRef[] = new Array<NodeRef>(graph.gates.length);
  /** Per new gate: its or-closure as codes (undefined: not an or-gate, or too large: then it is its own closure). */
  const closures: (Int32Array | undefined)[] = [];
  const mapRef = (ref: NodeRef): NodeRef => (ref.kind === 'gate' ? mapped[ref.index]! : ref);
  const add = (gate: Gate): NodeRef => {
    gates.push(gate);
    closures.push(gate.kind === 'or' ? orClosure(gate.inputs, closures) : undefined);
    return { kind: 'gate', index: gates.length - 1 };
  };
  graph.gates.forEach((gate, index) => {
    const inputs = gate.inputs.map(mapRef);
    if (gate.kind === 'or') {
      mapped[index] = add({ kind: 'or', inputs });
      return;
    }
    const k = gate.kind === 'and' ? inputs.length : gate.k;
    mapped[index] = factored(k, inputs, closures, add) ?? add(gate.kind === 'and' ? { kind: 'and', inputs } : { kind: 'atleast', k, inputs });
  });
  const roots = new Map<string, NodeRef>();
  for (const [name, ref] of graph.roots) roots.set(name, mapRef(ref));
  return { events: graph.events, gates, roots };
}

/** The factored form of atleast(k, inputs), or undefined when no input fails k of them alone. */
function factored(
  k: number,
  inputs: readonly NodeRef[],
  closures: readonly (Int32Array | undefined)[],
  add: (gate: Gate) => NodeRef,
): NodeRef | undefined {
  if (k < 2) return undefined;
  const closureOf = inputs.map((ref) => closureCodes(ref, closures));
  if (closureOf.some((c) => c === undefined)) return undefined;
  const count = new Map<number, number>();
  for (const codes of closureOf) for (const code of codes!) count.set(code, (count.get(code) ?? 0) + 1);
  const common: number[] = [];
  for (const [code, n] of count) if (n >= k) common.push(code);
  if (common.length === 0) return undefined;
  const isCommon = new Set(common);
  const rests = closureOf.map((codes) => {
    const rest = [...codes!].filter((code) => !isCommon.has(code)).map(refOfCode);
    return rest.length === 0 ? FALSE_REF : rest.length === 1 ? rest[0]! : add({ kind: 'or', inputs: rest });
  });
  const live = rests.filter((r) => r !== FALSE_REF);
  const parts = common.sort((a, b) => a - b).map(refOfCode);
  if (live.length >= k) {
    const kind: Gate = k === live.length ? { kind: 'and', inputs: live } : { kind: 'atleast', k, inputs: live };
    parts.push(add(kind));
  }
  return parts.length === 1 ? parts[0]! : add({ kind: 'or', inputs: parts });
}

const FALSE_REF: NodeRef = { kind: 'const', value: false };

/** Codes of the non-or nodes reached through or-gates only (events as −1 − index, gates as index). */
function closureCodes(ref: NodeRef, closures: readonly (Int32Array | undefined)[]): Int32Array | undefined {
  if (ref.kind === 'event') return Int32Array.of(-1 - ref.index);
  if (ref.kind === 'const') return ref.value ? undefined : new Int32Array(0);
  return closures[ref.index] ?? Int32Array.of(ref.index);
}

function orClosure(inputs: readonly NodeRef[], closures: readonly (Int32Array | undefined)[]): Int32Array | undefined {
  const codes = new Set<number>();
  for (const ref of inputs) {
    const c = closureCodes(ref, closures);
    if (c === undefined) return undefined;
    for (const code of c) codes.add(code);
    if (codes.size > MAX_CLOSURE) return undefined;
  }
  return Int32Array.from(codes);
}

function refOfCode(code: number): NodeRef {
  return code < 0 ? { kind: 'event', index: -1 - code } : { kind: 'gate', index: code };
}
