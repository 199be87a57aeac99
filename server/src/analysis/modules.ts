import type { FaultGraph, NodeRef } from './fault-graph';

/**
 * Modules of a fault graph (Dutuit & Rauzy 1996, "A linear-time algorithm to
 * find modules of fault trees"): a gate is a module when nothing below it is
 * reached from outside it. Its function then depends on events no other part
 * of the graph sees, so it can be compiled and evaluated on its own and stand
 * in its parents as one independent pseudo-event.
 *
 * One depth-first traversal from a virtual top over the roots that no gate
 * uses dates every encounter of every node; a gate G is a module iff every
 * node below it was first met after G was entered and last met before G was
 * left. Roots that are also inputs of gates are reached through those gates
 * (a root reference is an observation, not a use). Explicit stacks: depth is
 * unbounded.
 */
export function findModules(graph: FaultGraph): Uint8Array {
  const gateCount = graph.gates.length;
  const eventCount = graph.events.length;
  // Dates per node: events at [0, eventCount), gates after them.
  const first = new Float64Array(eventCount + gateCount);
  const last = new Float64Array(eventCount + gateCount);
  const exit = new Float64Array(gateCount);
  let date = 0;
  const slot = (ref: Exclude<NodeRef, { kind: 'const' }>): number => (ref.kind === 'event' ? ref.index : eventCount + ref.index);

  const gateStack: number[] = [];
  const cursorStack: number[] = [];
  /** Dates one encounter of `ref`; a gate met for the first time is entered. */
  const meet = (ref: NodeRef): void => {
    if (ref.kind === 'const') return;
    const at = slot(ref);
    date++;
    if (first[at] === 0) first[at] = date;
    last[at] = date;
    if (ref.kind === 'gate' && first[at] === date) {
      gateStack.push(ref.index);
      cursorStack.push(0);
    }
  };
  for (const ref of topLevelRoots(graph)) {
    meet(ref);
    while (gateStack.length > 0) {
      const top = gateStack.length - 1;
      const gate = gateStack[top]!;
      const inputs = graph.gates[gate]!.inputs;
      const cursor = cursorStack[top]!;
      if (cursor === inputs.length) {
        exit[gate] = ++date;
        gateStack.pop();
        cursorStack.pop();
      } else {
        cursorStack[top] = cursor + 1;
        meet(inputs[cursor]!);
      }
    }
  }

  // Earliest and latest date met anywhere strictly below each gate (children first: topological order).
  const lowest = new Float64Array(gateCount);
  const highest = new Float64Array(gateCount);
  const isModule = new Uint8Array(gateCount);
  for (let g = 0; g < gateCount; g++) {
    if (first[eventCount + g] === 0) continue;
    let low = Infinity;
    let high = -Infinity;
    for (const ref of graph.gates[g]!.inputs) {
      if (ref.kind === 'const') continue;
      const at = slot(ref);
      low = Math.min(low, first[at]!);
      high = Math.max(high, last[at]!);
      if (ref.kind === 'gate') {
        low = Math.min(low, lowest[ref.index]!);
        high = Math.max(high, highest[ref.index]!);
      }
    }
    lowest[g] = low;
    highest[g] = high;
    if (low > first[eventCount + g]! && high < exit[g]!) isModule[g] = 1;
  }
  return isModule;
}

/** Roots no gate refers to, once each, in root order: the children of the virtual top. */
function topLevelRoots(graph: FaultGraph): NodeRef[] {
  const usedGate = new Uint8Array(graph.gates.length);
  const usedEvent = new Uint8Array(graph.events.length);
  for (const gate of graph.gates) {
    for (const ref of gate.inputs) {
      if (ref.kind === 'gate') usedGate[ref.index] = 1;
      else if (ref.kind === 'event') usedEvent[ref.index] = 1;
    }
  }
  const tops: NodeRef[] = [];
  const seen = new Set<string>();
  for (const ref of graph.roots.values()) {
    if (ref.kind === 'const') continue;
    if (ref.kind === 'gate' ? usedGate[ref.index] === 1 : usedEvent[ref.index] === 1) continue;
    const key = `${ref.kind}${ref.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tops.push(ref);
  }
  return tops;
}
