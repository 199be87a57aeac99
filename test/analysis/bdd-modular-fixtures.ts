/**
 * Random fault graphs that have modules: independent random blocks (each a
 * small DAG over its own events), joined by a random top layer that may also
 * reuse a few block events or block gates directly (which breaks some
 * modules, as shared dependencies do in real models), with several roots.
 */
import fc from 'fast-check';
import type { FaultGraph, Gate, NodeRef } from '../../server/src/analysis/fault-graph';
import { events, ev, gt } from './bdd-fixtures';

export interface ModularCase {
  readonly graph: FaultGraph;
  readonly q: Float64Array;
  readonly p: Float64Array;
}

interface BlockShape {
  readonly eventCount: number;
  readonly gates: { kind: 'and' | 'or' | 'atleast'; picks: number[]; seed: number }[];
}

const blockArb: fc.Arbitrary<BlockShape> = fc.integer({ min: 1, max: 5 }).chain((eventCount) =>
  fc.record({
    eventCount: fc.constant(eventCount),
    gates: fc.array(
      fc.record({
        kind: fc.constantFrom<'and' | 'or' | 'atleast'>('and', 'or', 'atleast'),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        seed: fc.nat(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

const probabilityArb = fc.oneof(fc.constantFrom(1e-12, 1e-6, 0.5), fc.double({ min: 1e-4, max: 0.9, noNaN: true }));

export function modularCaseArb(): fc.Arbitrary<ModularCase> {
  return fc
    .record({
      blocks: fc.array(blockArb, { minLength: 1, maxLength: 4 }),
      top: fc.array(fc.record({ kind: fc.constantFrom<'and' | 'or' | 'atleast'>('and', 'or', 'atleast'), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), seed: fc.nat() }), { minLength: 1, maxLength: 4 }),
      leaks: fc.array(fc.nat(), { maxLength: 2 }),
      rootSeed: fc.nat(),
      probabilities: fc.array(probabilityArb, { minLength: 24, maxLength: 24 }),
    })
    .map(({ blocks, top, leaks, rootSeed, probabilities }) => {
      const gates: Gate[] = [];
      const blockTops: NodeRef[] = [];
      const blockInner: NodeRef[] = [];
      let eventCount = 0;
      const makeGate = (kind: 'and' | 'or' | 'atleast', inputs: NodeRef[], seed: number): NodeRef => {
        gates.push(kind === 'atleast' ? { kind, k: 1 + (seed % inputs.length), inputs } : { kind, inputs });
        return gt(gates.length - 1);
      };
      for (const block of blocks) {
        const first = eventCount;
        eventCount += block.eventCount;
        const local: NodeRef[] = Array.from({ length: block.eventCount }, (_, i) => ev(first + i));
        for (const g of block.gates) {
          const ref = makeGate(g.kind, g.picks.map((x) => local[x % local.length]!), g.seed);
          local.push(ref);
          blockInner.push(ref);
        }
        blockTops.push(local[local.length - 1]!);
      }
      // The top layer sees the block tops, plus a few leaked block events or gates.
      const visible: NodeRef[] = [...blockTops];
      for (const leak of leaks) visible.push(leak % 2 === 0 ? ev(leak % eventCount) : blockInner[leak % blockInner.length]!);
      for (const g of top) visible.push(makeGate(g.kind, g.picks.map((x) => visible[x % visible.length]!), g.seed));
      const roots = new Map<string, NodeRef>([
        ['top', visible[visible.length - 1]!],
        ['inner', blockInner[rootSeed % blockInner.length]!],
        ['block', blockTops[rootSeed % blockTops.length]!],
        ['event', ev(rootSeed % eventCount)],
      ]);
      const q = Float64Array.from({ length: eventCount }, (_, i) => probabilities[i % probabilities.length]!);
      const p = q.map((x) => 1 - x);
      return { graph: { events: events(eventCount), gates, roots }, q, p };
    });
}
