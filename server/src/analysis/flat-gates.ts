import type { FaultGraph } from './fault-graph';

/**
 * A graph's gates as integer arrays, for the passes that walk the graph many
 * times (module search, regions, residual builds): reading integers instead
 * of NodeRef objects halved those walks. Gate g's inputs are
 * input[start[g] … start[g + 1]), each a gate index (≥ 0) or −1 − event; g
 * fails when at least k[g] of them fail (or: 1, and: all of them). Constant
 * inputs are folded in (a normalized graph has none): TRUE lowers k, FALSE
 * is dropped.
 */
export interface FlatGates {
  readonly start: Int32Array;
  readonly input: Int32Array;
  readonly k: Int32Array;
}

const flatOfGraph = new WeakMap<FaultGraph, FlatGates>();

/** The flat form of a graph's gates, built once per graph. */
export function flatGatesOf(graph: FaultGraph): FlatGates {
  let flat = flatOfGraph.get(graph);
  if (flat === undefined) flatOfGraph.set(graph, (flat = flatGates(graph)));
  return flat;
}

function flatGates(graph: FaultGraph): FlatGates {
  const count = graph.gates.length;
  let inputs = 0;
  // Indexed loops: these one-shot passes over every gate run before the optimizer has seen them.
  for (let g = 0; g < count; g++) inputs += graph.gates[g]!.inputs.length;
  const start = new Int32Array(count + 1);
  const input = new Int32Array(inputs);
  const k = new Int32Array(count);
  let at = 0;
  for (let g = 0; g < count; g++) {
    const gate = graph.gates[g]!;
    start[g] = at;
    let trues = 0;
    for (let i = 0; i < gate.inputs.length; i++) {
      const ref = gate.inputs[i]!;
      if (ref.kind === 'const') trues += ref.value ? 1 : 0;
      else input[at++] = ref.kind === 'gate' ? ref.index : -1 - ref.index;
    }
    k[g] = (gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? gate.inputs.length : 1) - trues;
  }
  start[count] = at;
  return { start, input, k };
}
