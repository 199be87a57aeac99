import type { ResolvedModel } from '../language/model';
import type { FaultGraph, NodeRef } from './fault-graph';
import { equalInts } from './int-arrays';
import type { ModularDiagrams, StagedCompilation } from './modular-bdd';
import { ConditionalsMemo } from './modular-importance';
import { compileStructure, type Structure, structureShape, withValuesOf } from './structure';

/**
 * What one analysis can hand to the next of the same model (the language
 * server's worker keeps one between keystrokes). Most edits change numbers,
 * not structure: then the compiled diagrams, and everything that depends on
 * structure alone, are reused as they are; and when no event's reliability
 * curve changed either (an `mttr` edit), so are the MTTFs. Keys are built
 * from the inputs themselves, so a reuse can never give a stale figure.
 */
export class AnalysisReuse {
  private structure: { readonly shape: string; readonly structure: Structure } | undefined;
  private diagrams: { readonly graph: FaultGraph; readonly key: StructureKey; readonly compilation: StagedCompilation } | undefined;
  private mttfs: { readonly diagrams: ModularDiagrams; readonly curves: string; readonly values: ReadonlyMap<string, number | null> } | undefined;
  /** Each diagram's conditionals for the system's importance, computed again only where its variables' probabilities changed. */
  readonly conditionals = new ConditionalsMemo();

  /** The model's structure: the last one's graph with the new numbers when the model's shape is unchanged (see structureShape). */
  structureFor(model: ResolvedModel): Structure {
    const shape = structureShape(model);
    const last = this.structure;
    const structure = last !== undefined && last.shape === shape ? withValuesOf(last.structure, model) : compileStructure(model);
    this.structure = { shape, structure };
    return structure;
  }

  /** The compilation of a graph with this structure (as far as it got), started afresh only when the structure differs from last time. */
  diagramsFor(graph: FaultGraph, limits: DiagramLimits, compile: () => StagedCompilation): StagedCompilation {
    const known = this.diagrams;
    // The very graph (kept by structureFor) needs no comparison.
    if (known !== undefined && known.graph === graph && known.key.ints[0] === limits.nodeLimit && known.key.ints[1] === limits.elementNodeLimit) {
      return known.compilation;
    }
    const key = structureKey(graph, limits);
    if (known !== undefined && sameStructure(known.key, key)) {
      this.diagrams = { graph, key, compilation: known.compilation };
      return known.compilation;
    }
    const compilation = compile();
    this.diagrams = { graph, key, compilation };
    return compilation;
  }

  /** MTTF of every root, if computed before on these diagrams with these reliability curves. */
  mttfsFor(diagrams: ModularDiagrams, curves: string): ReadonlyMap<string, number | null> | undefined {
    const m = this.mttfs;
    return m !== undefined && m.diagrams === diagrams && m.curves === curves ? m.values : undefined;
  }

  rememberMttfs(diagrams: ModularDiagrams, curves: string, values: ReadonlyMap<string, number | null>): void {
    this.mttfs = { diagrams, curves, values };
  }
}

/** The node limits a compilation ran under (see AnalyzeOptions): part of what its diagrams depend on. */
export interface DiagramLimits {
  readonly nodeLimit: number;
  readonly elementNodeLimit: number;
}

/**
 * Everything the diagrams and the structure-only figures depend on: each
 * event's kind and member count (tolerance weights, SPOF kinds), the gates
 * and the named roots (and the node limits they were compiled under). Not
 * names of events or numbers. As integers (one array, compared in full) and
 * the roots' names: building a string of the whole graph on every keystroke
 * cost more than the comparison it served.
 */
export interface StructureKey {
  readonly ints: Int32Array;
  readonly rootNames: string;
}

export function structureKey(graph: FaultGraph, limits: DiagramLimits = { nodeLimit: 0, elementNodeLimit: 0 }): StructureKey {
  let length = 4 + 2 * graph.events.length + graph.roots.size;
  for (const g of graph.gates) length += 3 + g.inputs.length;
  const ints = new Int32Array(length);
  let at = 0;
  ints[at++] = limits.nodeLimit;
  ints[at++] = limits.elementNodeLimit;
  ints[at++] = graph.events.length;
  for (const e of graph.events) {
    ints[at++] = e.kind === 'instance' ? 0 : e.kind === 'ccf' ? 1 : 2;
    ints[at++] = e.members.length;
  }
  ints[at++] = graph.gates.length;
  for (const g of graph.gates) {
    ints[at++] = g.kind === 'or' ? 0 : g.kind === 'and' ? 1 : 2;
    ints[at++] = g.kind === 'atleast' ? g.k : 0;
    ints[at++] = g.inputs.length;
    for (const ref of g.inputs) ints[at++] = refCode(ref);
  }
  for (const ref of graph.roots.values()) ints[at++] = refCode(ref);
  return { ints, rootNames: [...graph.roots.keys()].join('\n') };
}

export function sameStructure(a: StructureKey, b: StructureKey): boolean {
  return a.rootNames === b.rootNames && equalInts(a.ints, b.ints);
}

/** Events 4i, gates 4i + 1, false 2, true 3. */
function refCode(ref: NodeRef): number {
  return ref.kind === 'event' ? 4 * ref.index : ref.kind === 'gate' ? 4 * ref.index + 1 : ref.value ? 3 : 2;
}
