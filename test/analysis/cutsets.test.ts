import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets, mostProbableCutSets } from '../../server/src/analysis/cutsets';
import type { Gate } from '../../server/src/analysis/fault-graph';
import { and, atleast, bruteForceMinimalCutSets, ev, graphOf, gt, or, randomCaseArb, uniform } from './bdd-fixtures';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const key = (set: number[]): string => set.join(',');
const bySizeThenEvents = (a: number[], b: number[]): number => a.length - b.length || key(a).localeCompare(key(b));
const allOf = (family: Parameters<typeof mostProbableCutSets>[0], eventCount: number) =>
  mostProbableCutSets(family, new Float64Array(eventCount).fill(0.5), Number.MAX_SAFE_INTEGER, bySizeThenEvents).map(
    (set) => set.events,
  );

const bridge = graphOf(5, [
  and(ev(0), ev(1)),
  and(ev(2), ev(3)),
  and(ev(0), ev(4), ev(3)),
  and(ev(1), ev(4), ev(2)),
  or(gt(0), gt(1), gt(2), gt(3)),
]);

/** and of `groups` or-gates of `width` events each: width^groups minimal cut sets. */
function productOfSums(groups: number, width: number): ReturnType<typeof graphOf> {
  const gates: Gate[] = range(groups).map((g) => or(...range(width).map((i) => ev(g * width + i))));
  gates.push(and(...range(groups).map(gt)));
  return graphOf(groups * width, gates);
}

describe('minimalCutSets and cutSetCount', () => {
  it('finds the four minimal cut sets of the bridge network', () => {
    const family = minimalCutSets(compileFaultGraph(bridge), 'top');
    expect(cutSetCount(family)).toBe(4n);
    expect(allOf(family, 5)).toEqual([
      [0, 1],
      [2, 3],
      [0, 3, 4],
      [1, 2, 4],
    ]);
  });

  it('counts C(n, m) cut sets for "at least m of n failed"', () => {
    const family = minimalCutSets(compileFaultGraph(graphOf(20, [atleast(6, ...range(20).map(ev))])), 'top');
    expect(cutSetCount(family)).toBe(38760n);
  });

  it('counts 10^20 cut sets exactly (beyond 2^53) without listing them', () => {
    const family = minimalCutSets(compileFaultGraph(productOfSums(20, 10)), 'top');
    expect(cutSetCount(family)).toBe(10n ** 20n);
  });

  it('gives a root that cannot fail no cut set, and a root that always fails the empty one', () => {
    const graph = {
      ...bridge,
      roots: new Map([
        ['never', { kind: 'const', value: false } as const],
        ['always', { kind: 'const', value: true } as const],
      ]),
    };
    const bdd = compileFaultGraph(graph);
    const never = minimalCutSets(bdd, 'never');
    const always = minimalCutSets(bdd, 'always');
    expect(cutSetCount(never)).toBe(0n);
    expect(mostProbableCutSets(never, new Float64Array(5), 10, bySizeThenEvents)).toEqual([]);
    expect(cutSetCount(always)).toBe(1n);
    expect(mostProbableCutSets(always, new Float64Array(5), 10, bySizeThenEvents)).toEqual([{ events: [], probability: 1 }]);
  });

  it('drops the events fixed to "never fails" from every cut set', () => {
    // Bridge with E (event 4) excluded: only {A, B} and {C, D} remain.
    const exclude = Uint8Array.from([0, 0, 0, 0, 1]);
    const family = minimalCutSets(compileFaultGraph(bridge), 'top', { exclude });
    expect(allOf(family, 5)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('equals the brute-force minimal cut sets on random DAGs (with and without exclusions, minus against families or diagrams)', () => {
    fc.assert(
      fc.property(randomCaseArb(10), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), ({ graph }, excluded) => {
        const bdd = compileFaultGraph(graph);
        const exclude = Uint8Array.from(excluded.slice(0, graph.events.length), (x) => (x ? 1 : 0));
        for (const [name, ref] of graph.roots) {
          for (const minus of ['families', 'diagrams'] as const) {
            for (const options of [{ minus }, { exclude, minus }]) {
              const family = minimalCutSets(bdd, name, options);
              const expected = bruteForceMinimalCutSets(graph, ref, 'exclude' in options ? exclude : undefined);
              expect(allOf(family, graph.events.length).map(key).sort()).toEqual(expected.map(key).sort());
              expect(cutSetCount(family)).toBe(BigInt(expected.length));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mostProbableCutSets', () => {
  it('lists by probability descending, then by the tie-break', () => {
    // Bridge with q_A = q_B = 0.1, q_C = q_D = 0.1, q_E = 0.5: AB and CD tie at 0.01.
    const q = Float64Array.from([0.1, 0.1, 0.1, 0.1, 0.5]);
    const family = minimalCutSets(compileFaultGraph(bridge), 'top');
    const reversedNames = (a: number[], b: number[]): number => key(b).localeCompare(key(a));
    const listed = mostProbableCutSets(family, q, 10, reversedNames);
    expect(listed.map((s) => s.events)).toEqual([
      [2, 3],
      [0, 1],
      [1, 2, 4],
      [0, 3, 4],
    ]);
    expect(listed.map((s) => s.probability)).toEqual([0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.5, 0.1 * 0.1 * 0.5]);
  });

  it('returns only the k best when there are more', () => {
    const q = Float64Array.from([0.3, 0.2, 0.1, 0.4, 0.5]);
    const family = minimalCutSets(compileFaultGraph(bridge), 'top');
    // AB 0.06, CD 0.04, AED 0.06, BEC 0.01: AB and AED tie, then CD.
    expect(mostProbableCutSets(family, q, 3, bySizeThenEvents).map((s) => s.events)).toEqual([
      [0, 1],
      [0, 3, 4],
      [2, 3],
    ]);
  });

  it('finds the 5 most probable of 10^8 cut sets without enumerating them', () => {
    const groups = 8;
    const width = 10;
    const graph = productOfSums(groups, width);
    const q = Float64Array.from(range(groups * width), (i) => 1e-3 * (1 + ((i * 37) % 97)));
    const family = minimalCutSets(compileFaultGraph(graph), 'top');
    expect(cutSetCount(family)).toBe(10n ** 8n);
    const started = performance.now();
    const best = mostProbableCutSets(family, q, 5, bySizeThenEvents);
    expect(performance.now() - started).toBeLessThan(1000);
    // Independent answer: the best set takes the most probable event of every group; the next ones
    // swap one group's choice for its second best, by smallest loss.
    const sortedGroups = range(groups).map((g) => range(width).map((i) => g * width + i).sort((a, b) => q[b]! - q[a]!));
    const top = sortedGroups.map((members) => members[0]!);
    const product = (events: number[]): number => events.reduce((acc, e) => acc * q[e]!, 1);
    expect(best[0]!.events).toEqual([...top].sort((a, b) => a - b));
    expect(best[0]!.probability).toBeCloseTo(product(top), 25);
    const swaps = range(groups)
      .map((g) => top.map((e, i) => (i === g ? sortedGroups[g]![1]! : e)))
      .sort((a, b) => product(b) - product(a));
    expect(best[1]!.events).toEqual([...swaps[0]!].sort((a, b) => a - b));
    for (let i = 1; i < best.length; i++) expect(best[i]!.probability).toBeLessThanOrEqual(best[i - 1]!.probability);
  });

  it('breaks ties among many equally probable sets by the caller\'s order', () => {
    // 2-of-30 failed, every event alike: 435 tied pairs; the caller wants them by events.
    const family = minimalCutSets(compileFaultGraph(graphOf(30, [atleast(2, ...range(30).map(ev))])), 'top');
    const { q } = uniform(30, 1e-3);
    const listed = mostProbableCutSets(family, q, 4, bySizeThenEvents);
    expect(listed.map((s) => s.events)).toEqual([
      [0, 1],
      [0, 10],
      [0, 11],
      [0, 12],
    ]);
  });

  it('lists every cut set exactly once, most probable first, on random DAGs', () => {
    fc.assert(
      fc.property(randomCaseArb(9), ({ graph, q }) => {
        const bdd = compileFaultGraph(graph);
        const [name, ref] = [...graph.roots][0]!;
        const expected = bruteForceMinimalCutSets(graph, ref);
        const listed = mostProbableCutSets(minimalCutSets(bdd, name), q, expected.length + 5, bySizeThenEvents);
        expect(listed.map((s) => key(s.events)).sort()).toEqual(expected.map(key).sort());
        for (let i = 1; i < listed.length; i++) {
          expect(listed[i]!.probability).toBeLessThanOrEqual(listed[i - 1]!.probability * (1 + 1e-12));
        }
        for (const set of listed) {
          const product = set.events.reduce((acc, e) => acc * q[e]!, 1);
          expect(set.probability).toBeCloseTo(product, 15);
        }
      }),
      { numRuns: 300 },
    );
  });
});
