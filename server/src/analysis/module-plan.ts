import type { FaultGraph } from './fault-graph';
import { flatGatesOf } from './flat-gates';
import { findModules } from './modules';

/**
 * Which modules become pseudo-events, and which region each gate belongs to.
 *
 * A region is the part of the graph one BDD is built over: a kept module's
 * region is the gates below it down to the next kept modules (which appear in
 * it as single variables); gates under no kept module are in the top region,
 * where the roots' own diagrams live. Regions of kept modules are disjoint, so
 * every event is a variable of at most one module's diagram.
 *
 * Modules are kept at most MAX_MODULE_DEPTH deep in the module tree: the
 * search for the most probable cut sets descends the tree recursively, and a
 * deeper module is simply compiled inside its parent's diagram (exact either
 * way). A constant gate never occurs here (the graph is normalized).
 */

export const MAX_MODULE_DEPTH = 64;

/** The top region (not a module). */
export const TOP_REGION = -1;

export interface ModulePlan {
  /** Per gate: 1 when it is a kept module (compiled alone, a pseudo-event in its parent). */
  readonly kept: Uint8Array;
  /** Per gate: the kept module whose region holds it (for a kept module: the region its pseudo-event appears in), or TOP_REGION. */
  readonly regionOf: Int32Array;
  /** Per kept module gate: its depth in the module tree (1 = directly under the top region). */
  readonly depth: Int32Array;
}

export function planModules(graph: FaultGraph, maxDepth = MAX_MODULE_DEPTH): ModulePlan {
  const gateCount = graph.gates.length;
  const isModule = findModules(graph);
  const parents = parentLists(graph);
  const kept = new Uint8Array(gateCount);
  const regionOf = new Int32Array(gateCount);
  const depth = new Int32Array(gateCount);
  // Parents come after their children: walk down from the roots (descending gate index).
  for (let g = gateCount - 1; g >= 0; g--) {
    let region: number | undefined;
    for (let at = parents.start[g]!; at < parents.start[g + 1]!; at++) {
      const parent = parents.list[at]!;
      // A kept parent opens its own region for its inputs.
      const parentRegion = kept[parent] === 1 ? parent : regionOf[parent]!;
      if (region === undefined) region = parentRegion;
      else if (region !== parentRegion) region = TOP_REGION;
    }
    regionOf[g] = region ?? TOP_REGION;
    // A module no gate uses (a root only) gains nothing from a pseudo-event.
    if (isModule[g] === 1 && parents.start[g + 1]! > parents.start[g]!) {
      const d = regionOf[g] === TOP_REGION ? 1 : depth[regionOf[g]!]! + 1;
      if (d <= maxDepth) {
        kept[g] = 1;
        depth[g] = d;
      }
    }
  }
  return { kept, regionOf, depth };
}

/** Gate → the gates that use it (each parent once per input), as compressed lists. */
function parentLists(graph: FaultGraph): { start: Int32Array; list: Int32Array } {
  const gateCount = graph.gates.length;
  const flat = flatGatesOf(graph);
  const start = new Int32Array(gateCount + 1);
  for (let at = 0; at < flat.input.length; at++) if (flat.input[at]! >= 0) start[flat.input[at]! + 1]!++;
  for (let g = 0; g < gateCount; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, gateCount);
  const list = new Int32Array(start[gateCount]!);
  for (let parent = 0; parent < gateCount; parent++) {
    for (let at = flat.start[parent]!; at < flat.start[parent + 1]!; at++) {
      const code = flat.input[at]!;
      if (code >= 0) list[fill[code]!++] = parent;
    }
  }
  return { start, list };
}
