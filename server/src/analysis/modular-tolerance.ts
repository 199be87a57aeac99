import { type ModularDiagrams, modulesBelow } from './modular-bdd';
import { minimumCutWeightOfLayout, singleEventCutSetsOfLayout } from './tolerance';

/**
 * Fault-tolerance figures over modular diagrams. A module's lightest minimal
 * cut set weighs its pseudo-event in the parent (infinite: the module cannot
 * fail, so the pseudo-event never does); an event is a single-event cut set
 * of the root iff it is one of its module, that module's pseudo-event is one
 * of its parent, and so on up to the root (modules are false with nothing
 * failed, so the chain of "alone" conditions is exact).
 */

/** Smallest Σ weight over the root's minimal cut sets (events excluded never fail); null when it cannot fail. */
export function modularMinimumCutWeight(
  m: ModularDiagrams,
  root: string,
  weight: Float64Array | Int32Array,
  exclude?: Uint8Array,
): number | null {
  const diagram = rootDiagram(m, root);
  const w = new Float64Array(m.variableCount);
  for (let i = 0; i < m.eventCount; i++) {
    const x = weight[i]!;
    if (!(x >= 0)) throw new Error(`cut weights must be non-negative numbers (event ${i}: ${x})`);
    w[i] = exclude !== undefined && exclude[i] === 1 ? Infinity : x;
  }
  const below = modulesBelow(m, diagram);
  for (let at = below.length - 1; at >= 0; at--) {
    const j = below[at]!;
    w[m.eventCount + j] = minimumCutWeightOfLayout(m.modules[j]!.layout, w) ?? Infinity;
  }
  return minimumCutWeightOfLayout(diagram.layout, w);
}

/** Events that alone form a minimal cut set of the root (excluded events never fail), ascending. */
export function modularSingleEventCutSets(m: ModularDiagrams, root: string, exclude?: Uint8Array): number[] {
  const diagram = rootDiagram(m, root);
  const excluded = new Uint8Array(m.variableCount);
  if (exclude !== undefined) excluded.set(exclude.subarray(0, Math.min(m.eventCount, exclude.length)));
  const single = new Uint8Array(m.variableCount);
  for (const v of singleEventCutSetsOfLayout(diagram.layout, excluded)) single[v] = 1;
  for (const j of modulesBelow(m, diagram)) {
    if (single[m.eventCount + j] === 0) continue;
    for (const v of singleEventCutSetsOfLayout(m.modules[j]!.layout, excluded)) single[v] = 1;
  }
  const events: number[] = [];
  for (let i = 0; i < m.eventCount; i++) if (single[i] === 1) events.push(i);
  return events;
}

function rootDiagram(m: ModularDiagrams, root: string) {
  const diagram = m.roots.get(root);
  if (diagram === undefined) throw new Error(`no root named '${root}' in the compiled diagrams`);
  return diagram;
}
