import type { FaultGraph, NodeRef } from './fault-graph';
import type { ModularDiagrams } from './modular-bdd';

/**
 * What one analysis can hand to the next of the same model (the language
 * server's worker keeps one between keystrokes). Most edits change numbers,
 * not structure: then the compiled diagrams, and everything that depends on
 * structure alone, are reused as they are; and when no event's reliability
 * curve changed either (an `mttr` edit), so are the MTTFs. Keys are built
 * from the inputs themselves, so a reuse can never give a stale figure.
 */
export class AnalysisReuse {
  private diagrams: { readonly key: string; readonly diagrams: ModularDiagrams } | undefined;
  private mttfs: { readonly diagrams: ModularDiagrams; readonly curves: string; readonly values: ReadonlyMap<string, number | null> } | undefined;

  /** The diagrams of a graph with this structure, compiled only when the structure differs from last time. */
  diagramsFor(graph: FaultGraph, nodeLimit: number, compile: () => ModularDiagrams): ModularDiagrams {
    const key = `${nodeLimit}|${structureKey(graph)}`;
    if (this.diagrams?.key === key) return this.diagrams.diagrams;
    const diagrams = compile();
    this.diagrams = { key, diagrams };
    return diagrams;
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

/**
 * Everything the diagrams and the structure-only figures depend on: each
 * event's kind and member count (tolerance weights, SPOF kinds), the gates
 * and the named roots. Not names or numbers.
 */
export function structureKey(graph: FaultGraph): string {
  const parts: string[] = [];
  for (const e of graph.events) parts.push(`${e.kind}${e.members.length}`);
  parts.push('|');
  for (const g of graph.gates) parts.push(`${g.kind}${g.kind === 'atleast' ? g.k : ''}(${g.inputs.map(refKey).join(',')})`);
  parts.push('|');
  for (const [name, ref] of graph.roots) parts.push(`${JSON.stringify(name)}=${refKey(ref)}`);
  return parts.join(';');
}

function refKey(ref: NodeRef): string {
  return ref.kind === 'event' ? `e${ref.index}` : ref.kind === 'gate' ? `g${ref.index}` : ref.value ? 'T' : 'F';
}
