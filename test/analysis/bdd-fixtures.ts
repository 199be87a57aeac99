/**
 * Shared by the BDD engine's tests: small builders for fault graphs, a
 * truth-table oracle (independent of any BDD) and a fast-check generator of
 * random and/or/atleast DAGs with shared sub-gates.
 */
import fc from 'fast-check';
import type { BasicEvent, FaultGraph, Gate, NodeRef } from '../../server/src/analysis/fault-graph';

export const ev = (index: number): NodeRef => ({ kind: 'event', index });
export const gt = (index: number): NodeRef => ({ kind: 'gate', index });
export const and = (...inputs: NodeRef[]): Gate => ({ kind: 'and', inputs });
export const or = (...inputs: NodeRef[]): Gate => ({ kind: 'or', inputs });
export const atleast = (k: number, ...inputs: NodeRef[]): Gate => ({ kind: 'atleast', k, inputs });

/** The bridge network in failure logic: its minimal cut sets AB, CD, AED, BEC. */
export function bridgeGraph(): FaultGraph {
  return graphOf(5, [
    and(ev(0), ev(1)),
    and(ev(2), ev(3)),
    and(ev(0), ev(4), ev(3)),
    and(ev(1), ev(4), ev(2)),
    or(gt(0), gt(1), gt(2), gt(3)),
  ]);
}

export function events(count: number): BasicEvent[] {
  return Array.from({ length: count }, (_, i) => ({ name: `e${i}`, kind: 'instance' as const, members: [`e${i}`] }));
}

/** A graph whose root `top` is the last gate (or the given ref). */
export function graphOf(eventCount: number, gates: Gate[], top?: NodeRef): FaultGraph {
  return { events: events(eventCount), gates, roots: new Map([['top', top ?? gt(gates.length - 1)]]) };
}

/** Every event with failure probability q (and success 1 − q, computed once here). */
export function uniform(count: number, q: number): { q: Float64Array; p: Float64Array } {
  return { q: new Float64Array(count).fill(q), p: new Float64Array(count).fill(1 - q) };
}

/** Value of `ref` when the events in `failed` (a bit mask) have failed. */
export function evaluate(graph: FaultGraph, ref: NodeRef, failed: number): boolean {
  const gateValue: boolean[] = [];
  const valueOf = (r: NodeRef): boolean =>
    r.kind === 'const' ? r.value : r.kind === 'event' ? ((failed >> r.index) & 1) === 1 : gateValue[r.index]!;
  graph.gates.forEach((gate, i) => {
    const count = gate.inputs.filter(valueOf).length;
    const needed = gate.kind === 'atleast' ? gate.k : gate.kind === 'and' ? gate.inputs.length : 1;
    gateValue[i] = count >= needed;
  });
  return valueOf(ref);
}

/** Probability of the states where the root is `failedValue`, by enumerating every state. */
export function bruteForceProbability(
  graph: FaultGraph,
  root: NodeRef,
  q: ArrayLike<number>,
  p: ArrayLike<number>,
  failedValue = true,
): number {
  const n = graph.events.length;
  let sum = 0;
  for (let state = 0; state < 1 << n; state++) {
    if (evaluate(graph, root, state) !== failedValue) continue;
    let product = 1;
    for (let i = 0; i < n; i++) product *= ((state >> i) & 1) === 1 ? q[i]! : p[i]!;
    sum += product;
  }
  return sum;
}

/** Minimal cut sets by enumeration, as sorted lists of event indices (excluded events never fail). */
export function bruteForceMinimalCutSets(graph: FaultGraph, root: NodeRef, exclude?: Uint8Array): number[][] {
  const n = graph.events.length;
  let excludedMask = 0;
  for (let i = 0; i < n; i++) if (exclude?.[i] === 1) excludedMask |= 1 << i;
  const isCut = (state: number): boolean => (state & excludedMask) === 0 && evaluate(graph, root, state);
  const result: number[][] = [];
  for (let state = 0; state < 1 << n; state++) {
    if (!isCut(state)) continue;
    let minimal = true;
    for (let i = 0; i < n && minimal; i++) if (((state >> i) & 1) === 1 && isCut(state & ~(1 << i))) minimal = false;
    if (minimal) result.push(Array.from({ length: n }, (_, i) => i).filter((i) => ((state >> i) & 1) === 1));
  }
  return result;
}

export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

export interface RandomCase {
  readonly graph: FaultGraph;
  readonly q: Float64Array;
  readonly p: Float64Array;
}

const refArb = (eventCount: number, gateIndex: number): fc.Arbitrary<NodeRef> => {
  const choices: fc.WeightedArbitrary<NodeRef>[] = [
    { weight: 6, arbitrary: fc.integer({ min: 0, max: eventCount - 1 }).map(ev) },
    { weight: 1, arbitrary: fc.boolean().map((value): NodeRef => ({ kind: 'const', value })) },
  ];
  if (gateIndex > 0) choices.push({ weight: 4, arbitrary: fc.integer({ min: 0, max: gateIndex - 1 }).map(gt) });
  return fc.oneof(...choices);
};

/** Failure probabilities: ordinary values and the extremes 0, 1, 1e-12. */
const probabilityArb = fc.oneof(fc.constantFrom(0, 1, 1e-12, 1e-6), fc.double({ min: 1e-4, max: 1, noNaN: true }));

const gateArb = (eventCount: number, gateIndex: number): fc.Arbitrary<Gate> =>
  fc
    .tuple(fc.constantFrom('and', 'or', 'atleast'), fc.array(refArb(eventCount, gateIndex), { minLength: 1, maxLength: 5 }), fc.nat())
    .map(([kind, inputs, seed]): Gate =>
      kind === 'atleast' ? { kind, k: 1 + (seed % inputs.length), inputs } : { kind: kind as 'and' | 'or', inputs },
    );

/** Random DAGs over ≤ maxEvents events; gates may share sub-gates and events; several roots. */
export function randomCaseArb(maxEvents = 10): fc.Arbitrary<RandomCase> {
  return fc
    .integer({ min: 1, max: maxEvents })
    .chain((eventCount) =>
      fc.tuple(
        fc.constant(eventCount),
        fc.integer({ min: 1, max: 8 }).chain((gateCount) =>
          fc.tuple(...Array.from({ length: gateCount }, (_, i) => gateArb(eventCount, i))),
        ),
        fc.array(probabilityArb, { minLength: eventCount, maxLength: eventCount }),
        fc.integer({ min: 0, max: 1000 }),
      ),
    )
    .map(([eventCount, gates, probabilities, rootSeed]) => {
      const q = Float64Array.from(probabilities);
      const p = q.map((x) => 1 - x);
      const roots = new Map<string, NodeRef>([
        ['top', gt(gates.length - 1)],
        ['inner', gt(rootSeed % gates.length)],
        ['event', ev(rootSeed % eventCount)],
      ]);
      return { graph: { events: events(eventCount), gates, roots }, q, p };
    });
}

export const bridge = bridgeGraph();
