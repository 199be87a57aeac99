import type { FaultGraph, NodeRef } from './fault-graph';

/**
 * The variable order: events in depth-first, left-most order of first
 * appearance from the roots (in map order), then any event no root reaches,
 * by index. Returns level → event index. Explicit stack: graph depth is
 * unbounded.
 */
export function depthFirstEventOrder(graph: FaultGraph): Int32Array {
  const eventCount = graph.events.length;
  const order = new Int32Array(eventCount);
  const placed = new Uint8Array(eventCount);
  const visitedGate = new Uint8Array(graph.gates.length);
  let levels = 0;
  const place = (event: number): void => {
    if (placed[event] === 0) {
      placed[event] = 1;
      order[levels++] = event;
    }
  };
  const gateStack: number[] = [];
  const cursorStack: number[] = [];
  const enter = (ref: NodeRef): void => {
    if (ref.kind === 'event') place(ref.index);
    else if (ref.kind === 'gate' && visitedGate[ref.index] === 0) {
      visitedGate[ref.index] = 1;
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
  for (let event = 0; event < eventCount; event++) place(event);
  return order;
}

/** level → event turned into event → level; throws when `order` is not a permutation of the events. */
export function levelsOfEvents(order: Int32Array, eventCount: number): Int32Array {
  if (order.length !== eventCount) {
    throw new Error(`variable order has ${order.length} entries for ${eventCount} events`);
  }
  const levelOf = new Int32Array(eventCount).fill(-1);
  for (let level = 0; level < eventCount; level++) {
    const event = order[level]!;
    if (!(event >= 0 && event < eventCount) || levelOf[event] !== -1) {
      throw new Error(`variable order is not a permutation of the events (entry ${level}: ${event})`);
    }
    levelOf[event] = level;
  }
  return levelOf;
}
