import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import { minimumCutWeight, singleEventCutSets } from '../../server/src/analysis/tolerance';
import { and, atleast, bruteForceMinimalCutSets, ev, graphOf, gt, or, randomCaseArb } from './bdd-fixtures';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const ones = (n: number): Int32Array => new Int32Array(n).fill(1);

describe('minimumCutWeight', () => {
  it('is 1 for a series system, n for a parallel one, n − k + 1 for k of n working', () => {
    expect(minimumCutWeight(compileFaultGraph(graphOf(4, [or(...range(4).map(ev))])), 'top', ones(4))).toBe(1);
    expect(minimumCutWeight(compileFaultGraph(graphOf(4, [and(...range(4).map(ev))])), 'top', ones(4))).toBe(4);
    // 3 of 7 working ⇔ the system fails when at least 5 have failed.
    expect(minimumCutWeight(compileFaultGraph(graphOf(7, [atleast(5, ...range(7).map(ev))])), 'top', ones(7))).toBe(5);
  });

  it('counts a standby-like event by its weight (its number of members)', () => {
    // top = or(and(a, b), g) where g weighs 3: the smallest cut is {a, b} (2) not {g} (3).
    const bdd = compileFaultGraph(graphOf(3, [and(ev(0), ev(1)), or(gt(0), ev(2))]));
    expect(minimumCutWeight(bdd, 'top', Int32Array.from([1, 1, 3]))).toBe(2);
    expect(singleEventCutSets(bdd, 'top')).toEqual([2]);
  });

  it('ignores excluded events (CCF fixed to "never fails") and is null when nothing can fail the root', () => {
    const bdd = compileFaultGraph(graphOf(3, [and(ev(0), ev(1)), or(gt(0), ev(2))]));
    expect(minimumCutWeight(bdd, 'top', ones(3), Uint8Array.from([0, 0, 1]))).toBe(2);
    expect(minimumCutWeight(bdd, 'top', ones(3), Uint8Array.from([1, 0, 1]))).toBeNull();
    const never = compileFaultGraph({ ...graphOf(1, []), roots: new Map([['top', { kind: 'const', value: false }]]) });
    expect(minimumCutWeight(never, 'top', ones(1))).toBeNull();
  });

  it('is 0 for a root that has always failed', () => {
    const always = compileFaultGraph({ ...graphOf(1, []), roots: new Map([['top', { kind: 'const', value: true }]]) });
    expect(minimumCutWeight(always, 'top', ones(1))).toBe(0);
    expect(singleEventCutSets(always, 'top')).toEqual([]);
  });

  it('rejects negative weights', () => {
    const bdd = compileFaultGraph(graphOf(2, [or(ev(0), ev(1))]));
    expect(() => minimumCutWeight(bdd, 'top', Int32Array.from([1, -1]))).toThrow(/non-negative/);
  });
});

describe('singleEventCutSets', () => {
  it('lists every member of a series system and nothing of a parallel one', () => {
    expect(singleEventCutSets(compileFaultGraph(graphOf(3, [or(ev(2), ev(0), ev(1))])), 'top')).toEqual([0, 1, 2]);
    expect(singleEventCutSets(compileFaultGraph(graphOf(3, [and(ev(0), ev(1), ev(2))])), 'top')).toEqual([]);
  });

  it('finds the shared dependency of replicas as the single point of failure', () => {
    // Three replicas (e0..e2), two needed, each needing the cache e3: fails when cache fails or ≥ 2 replicas fail.
    const graph = graphOf(4, [or(ev(0), ev(3)), or(ev(1), ev(3)), or(ev(2), ev(3)), atleast(2, gt(0), gt(1), gt(2))]);
    expect(singleEventCutSets(compileFaultGraph(graph), 'top')).toEqual([3]);
  });

  it('leaves out excluded events', () => {
    const bdd = compileFaultGraph(graphOf(3, [or(ev(0), ev(1), ev(2))]));
    expect(singleEventCutSets(bdd, 'top', Uint8Array.from([0, 1, 0]))).toEqual([0, 2]);
  });
});

describe('tolerance figures on random DAGs', () => {
  it('equal the brute-force minimal cut sets: smallest weight and the singletons', () => {
    fc.assert(
      fc.property(
        randomCaseArb(10),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        ({ graph }, weights, excluded) => {
          const n = graph.events.length;
          const weight = Int32Array.from(weights.slice(0, n));
          const exclude = Uint8Array.from(excluded.slice(0, n), (x) => (x ? 1 : 0));
          const bdd = compileFaultGraph(graph);
          for (const [name, ref] of graph.roots) {
            const sets = bruteForceMinimalCutSets(graph, ref, exclude);
            const expectedWeight = sets.length === 0 ? null : Math.min(...sets.map((s) => s.reduce((a, e) => a + weight[e]!, 0)));
            expect(minimumCutWeight(bdd, name, weight, exclude)).toBe(expectedWeight);
            const singles = sets.filter((s) => s.length === 1).map((s) => s[0]!);
            expect(singleEventCutSets(bdd, name, exclude)).toEqual(singles.sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
