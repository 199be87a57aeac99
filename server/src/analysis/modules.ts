import type { FaultGraph, NodeRef } from './fault-graph';
import { flatGatesOf } from './flat-gates';

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
  const { start, input } = flatGatesOf(graph);
  // Dates per node: events at [0, eventCount), gates after them (slot of a code: see slotOf).
  const first = new Float64Array(eventCount + gateCount);
  const last = new Float64Array(eventCount + gateCount);
  const exit = new Float64Array(gateCount);
  let date = 0;
  const slotOf = (code: number): number => (code < 0 ? -1 - code : eventCount + code);

  const gateStack: number[] = [];
  const cursorStack: number[] = [];
  /** Dates one encounter of a node (code: gate index, or −1 − event); a gate met for the first time is entered. */
  const meet = (code: number): void => {
    const at = slotOf(code);
    date++;
    if (first[at] === 0) first[at] = date;
    last[at] = date;
    if (code >= 0 && first[at] === date) {
      gateStack.push(code);
      cursorStack.push(start[code]!);
    }
  };
  for (const ref of topLevelRoots(graph)) {
    meet(ref.kind === 'gate' ? ref.index : -1 - ref.index);
    while (gateStack.length > 0) {
      const top = gateStack.length - 1;
      const gate = gateStack[top]!;
      const cursor = cursorStack[top]!;
      if (cursor === start[gate + 1]) {
        exit[gate] = ++date;
        gateStack.pop();
        cursorStack.pop();
      } else {
        cursorStack[top] = cursor + 1;
        meet(input[cursor]!);
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
    for (let at = start[g]!; at < start[g + 1]!; at++) {
      const code = input[at]!;
      const slot = slotOf(code);
      low = Math.min(low, first[slot]!);
      high = Math.max(high, last[slot]!);
      if (code >= 0) {
        low = Math.min(low, lowest[code]!);
        high = Math.max(high, highest[code]!);
      }
    }
    lowest[g] = low;
    highest[g] = high;
    if (low > first[eventCount + g]! && high < exit[g]!) isModule[g] = 1;
  }
  return isModule;
}

/** Roots no gate refers to, once each, in root order: the children of the virtual top. */
function topLevelRoots(graph: FaultGraph): Exclude<NodeRef, { kind: 'const' }>[] {
  const { input } = flatGatesOf(graph);
  const usedGate = new Uint8Array(graph.gates.length);
  const usedEvent = new Uint8Array(graph.events.length);
  for (let at = 0; at < input.length; at++) {
    const code = input[at]!;
    if (code >= 0) usedGate[code] = 1;
    else usedEvent[-1 - code] = 1;
  }
  const tops: Exclude<NodeRef, { kind: 'const' }>[] = [];
  for (const ref of graph.roots.values()) {
    if (ref.kind === 'const') continue;
    const used = ref.kind === 'gate' ? usedGate : usedEvent;
    // Used by a gate (reached through it), or already taken as a top (roots may share a node).
    if (used[ref.index] !== 0) continue;
    used[ref.index] = 2;
    tops.push(ref);
  }
  return tops;
}
