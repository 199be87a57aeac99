/**
 * A minimal reader of the Open-PSA MEF fault trees of the Aralia set, for the
 * BDD engine's tests only (the product's importer lives in the CLI): define-gate
 * with one and/or/atleast formula over gate and basic-event references, and
 * define-basic-event with a float probability. Anything else (not, xor, …)
 * is reported as unsupported.
 */
import { readFileSync } from 'node:fs';
import type { FaultGraph, Gate, NodeRef } from '../../server/src/analysis/fault-graph';

export interface MefTree {
  readonly graph: FaultGraph;
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly top: string;
}

interface RawGate {
  readonly kind: 'and' | 'or' | 'atleast';
  readonly k: number;
  readonly inputs: { readonly type: 'gate' | 'basic-event'; readonly name: string }[];
}

export const ARALIA_DIR = '/work/shared/openpsa/aralia';

export function readMefTree(path: string): MefTree | { unsupported: string } {
  const xml = readFileSync(path, 'utf8');
  const gates = new Map<string, RawGate>();
  const gatePattern = /<define-gate name="([^"]+)"[^>]*>([\s\S]*?)<\/define-gate>/g;
  for (const [, name, body] of xml.matchAll(gatePattern)) {
    const formulas = [...body!.matchAll(/<(and|or|atleast|not|xor|nand|nor|iff|imply|null)\b([^>]*)>/g)];
    if (formulas.length !== 1) return { unsupported: `gate ${name} has ${formulas.length} formulas (nested or none)` };
    const formula = formulas[0]!;
    const kind = formula[1]!;
    if (kind !== 'and' && kind !== 'or' && kind !== 'atleast') return { unsupported: `<${kind}> in gate ${name}` };
    const k = kind === 'atleast' ? Number(/min="(\d+)"/.exec(formula[2]!)![1]) : 0;
    const inputs = [...body!.matchAll(/<(gate|basic-event) name="([^"]+)"\s*\/>/g)].map(([, type, input]) => ({
      type: type as 'gate' | 'basic-event',
      name: input!,
    }));
    gates.set(name!, { kind, k, inputs });
  }
  const probability = new Map<string, number>();
  for (const [, name, value] of xml.matchAll(/<define-basic-event name="([^"]+)"[^>]*>\s*(?:<label>[^<]*<\/label>\s*)?<float value="([^"]+)"\s*\/>/g)) {
    probability.set(name!, Number(value));
  }
  const referenced = new Set<string>();
  for (const gate of gates.values()) for (const input of gate.inputs) if (input.type === 'gate') referenced.add(input.name);
  const top = [...gates.keys()].find((name) => !referenced.has(name))!;

  // Gates in topological order (inputs first), with an explicit stack.
  const gateIndex = new Map<string, number>();
  const ordered: Gate[] = [];
  const eventIndex = new Map<string, number>();
  const eventNames: string[] = [];
  const refOf = (input: RawGate['inputs'][number]): NodeRef => {
    if (input.type === 'gate') return { kind: 'gate', index: gateIndex.get(input.name)! };
    let index = eventIndex.get(input.name);
    if (index === undefined) {
      index = eventNames.length;
      eventIndex.set(input.name, index);
      eventNames.push(input.name);
    }
    return { kind: 'event', index };
  };
  const stack: [string, boolean][] = [[top, false]];
  while (stack.length > 0) {
    const [name, expanded] = stack.pop()!;
    if (gateIndex.has(name)) continue;
    const gate = gates.get(name)!;
    if (expanded) {
      const inputs = gate.inputs.map(refOf);
      gateIndex.set(name, ordered.length);
      ordered.push(gate.kind === 'atleast' ? { kind: 'atleast', k: gate.k, inputs } : { kind: gate.kind, inputs });
      continue;
    }
    stack.push([name, true]);
    for (let i = gate.inputs.length - 1; i >= 0; i--) {
      const input = gate.inputs[i]!;
      if (input.type === 'gate' && !gateIndex.has(input.name)) stack.push([input.name, false]);
    }
  }
  const q = Float64Array.from(eventNames, (name) => probability.get(name) ?? 0);
  return {
    graph: {
      events: eventNames.map((name) => ({ name, kind: 'instance', members: [name] })),
      gates: ordered,
      roots: new Map([['top', { kind: 'gate', index: gateIndex.get(top)! }]]),
    },
    q,
    p: q.map((x) => 1 - x),
    top,
  };
}
