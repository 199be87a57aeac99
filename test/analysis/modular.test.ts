/**
 * The modular engine (normalization, module detection, peeled per-root
 * diagrams, and every figure composed over modules) against the plain BDD
 * engine, which the other tests check against brute force and closed forms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets, mostProbableCutSets } from '../../server/src/analysis/cutsets';
import type { FaultGraph } from '../../server/src/analysis/fault-graph';
import { normalizeGraph } from '../../server/src/analysis/graph-normalize';
import { importanceMeasures } from '../../server/src/analysis/importance';
import { compileModular, compileModularStaged, modularNodeCount } from '../../server/src/analysis/modular-bdd';
import { compileStructure } from '../../server/src/analysis/structure';
import { loadModel } from '../../server/src/language/workspace';
import { generateServiceModel } from '../bench/generators';
import { memoryHost } from '../support/memory-host';
import { modularCutSetCount, modularMinimalCutSets, modularMostProbableCutSets } from '../../server/src/analysis/modular-cutsets';
import { modularImportance } from '../../server/src/analysis/modular-importance';
import { BATCH_WIDTH, BatchedSuccess, batchedPlan, combinedLayout, evaluateCombined, modularRootProbabilities } from '../../server/src/analysis/modular-probability';
import { modularMinimumCutWeight, modularSingleEventCutSets } from '../../server/src/analysis/modular-tolerance';
import { findModules } from '../../server/src/analysis/modules';
import { allRootProbabilities } from '../../server/src/analysis/probability';
import { minimumCutWeight, singleEventCutSets } from '../../server/src/analysis/tolerance';
import { and, atleast, ev, graphOf, gt, or, relativeError, uniform } from './bdd-fixtures';
import { modularCaseArb } from './bdd-modular-fixtures';

/** Equal to rounding: relative 1e-12, or both below 1e-300. */
function close(a: number, b: number, relative = 1e-12, absolute = 1e-300): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b)) + absolute;
}

const bySizeThenEvents = (a: number[], b: number[]): number => a.length - b.length || a.join(',').localeCompare(b.join(','));
const sortedFamily = (sets: number[][]): string[] => sets.map((s) => s.join(',')).sort();

describe('module detection (Dutuit & Rauzy)', () => {
  it('finds the gates whose events appear nowhere else', () => {
    // g0 = a∧b (module), g1 = c∨d (module), g2 = g1∧e, g3 = g0∨g2∨e: e is shared by g2 and g3, so g2 is no module.
    const graph = graphOf(5, [and(ev(0), ev(1)), or(ev(2), ev(3)), and(gt(1), ev(4)), or(gt(0), gt(2), ev(4))]);
    expect([...findModules(graph)]).toEqual([1, 1, 0, 1]);
  });

  it('ignores a root that observes a gate inside a module', () => {
    const graph: FaultGraph = { ...graphOf(3, [and(ev(0), ev(1)), or(gt(0), ev(2))]) };
    const roots = new Map([...graph.roots, ['inner', gt(0)] as const]);
    expect([...findModules({ ...graph, roots })]).toEqual([1, 1]);
  });

  it('merges structurally equal gates, so that two copies of a quorum do not look shared', () => {
    const graph = graphOf(3, [atleast(2, ev(0), ev(1), ev(2)), atleast(2, ev(2), ev(1), ev(0)), or(gt(0), gt(1))]);
    const { graph: normalized } = normalizeGraph(graph);
    expect(normalized.gates).toHaveLength(1);
    expect(normalized.roots.get('top')).toEqual(gt(0));
  });
});

describe('a compilation in two steps', () => {
  const graph = compileStructure(loadModel('/m.ft', memoryHost({ '/m.ft': generateServiceModel(300, 7).text }))).graph;

  it('compiles every module and the system first, the elements when asked, into the diagrams of one step', () => {
    const whole = compileModular(graph);
    const staged = compileModularStaged(graph, {}, ['system']);
    expect([...staged.first.roots.keys()]).toEqual(['system']);
    expect(staged.first.modules.map((d) => d.layout)).toEqual(whole.modules.map((d) => d.layout));
    // No budget: nothing more is compiled, and the caller learns the elements are still to come.
    expect(staged.complete(0)).toBeUndefined();
    const all = staged.complete()!;
    expect([...all.roots.keys()]).toEqual([...whole.roots.keys()]);
    for (const [name, d] of whole.roots) expect([name, all.roots.get(name)!.layout]).toEqual([name, d.layout]);
    expect(all.roots.get('system')).toBe(staged.first.roots.get('system'));
    expect(staged.complete(0)).toBe(all);
  });
});

describe('a compilation in two steps, over an imported fault tree', () => {
  it('leaves the shared build of a sifted region out of a call with a time budget', () => {
    // Every gate a root; the top's residual e0·e1 ∨ e1·e2 is sifted (eagerly), and the two ands nested in it
    // would come from one build of its region: never within a budget, however long.
    const gates = [and(ev(0), ev(1)), and(ev(1), ev(2)), or(gt(0), gt(1), ev(3))];
    const graph: FaultGraph = { ...graphOf(4, gates), roots: new Map([['system', gt(2)], ['a', gt(0)], ['b', gt(1)]]) };
    const eager = { minSize: 1, maxSize: 1 << 30, blowUp: 0, minMs: 1000 };
    const staged = compileModularStaged(graph, { sifting: eager }, ['system']);
    expect(staged.complete(60_000)).toBeUndefined();
    const all = staged.complete()!;
    expect([...all.roots.keys()]).toEqual(['system', 'a', 'b']);
    expect([...all.roots.get('a')!.levelToVariable]).toEqual([...all.roots.get('system')!.levelToVariable]);
  });
});

describe('peeled per-root diagrams', () => {
  it('makes a series of 10,000 independent parts one chain of 10,000 nodes', () => {
    const n = 10_000;
    const graph = graphOf(n, [or(...Array.from({ length: n }, (_, i) => ev(i)))]);
    const m = compileModular(graph);
    expect(modularNodeCount(m)).toBe(n);
    const { q, p } = uniform(n, 1e-6);
    const top = modularRootProbabilities(m, q, p).get('top')!;
    expect(relativeError(top.success, Math.pow(1 - 1e-6, n))).toBeLessThan(1e-12);
    expect(relativeError(top.failure, -Math.expm1(n * Math.log1p(-1e-6)))).toBeLessThan(1e-12);
  });

  it('builds a root over 80 overlapping quorums as one n-ary or of the quorums, exactly', () => {
    // 80 quorums, each two of three shared zones and its own replica, paired by or-gates under the top (with
    // two events of its own): 64 or more redundant parts, so the residual is one n-ary or of the quorums.
    const quorums = Array.from({ length: 80 }, (_, i) => atleast(2, ev(0), ev(1), ev(2), ev(3 + i)));
    const pairs = Array.from({ length: 40 }, (_, j) => or(gt(2 * j), gt(2 * j + 1)));
    const graph = graphOf(85, [...quorums, ...pairs, or(...pairs.map((_, j) => gt(80 + j)), ev(83), ev(84))]);
    const { q, p } = uniform(85, 0.02);
    const plain = allRootProbabilities(compileFaultGraph(graph), q, p).get('top')!;
    const modular = modularRootProbabilities(compileModular(graph), q, p).get('top')!;
    expect(close(modular.failure, plain.failure)).toBe(true);
    expect(close(modular.success, plain.success)).toBe(true);
  });

  it('falls back to the graph\'s own or-structure when the n-ary or of the parts goes over its budget', () => {
    // 400 and-pairs over disjoint events (kept from being modules by a second root that reads half of them):
    // every subproblem of one or of them all is nearly as wide as the list.
    const n = 400;
    const ands = Array.from({ length: n }, (_, i) => and(ev(2 * i), ev(2 * i + 1)));
    const other = atleast(2, ...ands.map((_, i) => ev(2 * i)));
    const gates = [...ands, other, or(...ands.map((_, i) => gt(i)))];
    const graph: FaultGraph = { ...graphOf(2 * n, gates), roots: new Map([['top', gt(n + 1)], ['other', gt(n)]]) };
    const { q, p } = uniform(2 * n, 0.1);
    const top = modularRootProbabilities(compileModular(graph), q, p).get('top')!;
    expect(relativeError(top.success, Math.pow(1 - 0.01, n))).toBeLessThan(1e-12);
  });

  it('counts 2^60 minimal cut sets exactly, past what doubles hold', () => {
    // Every one of 60 pairs must fail (the pairs are modules): one event of each, 2^60 ways.
    const pairs = Array.from({ length: 60 }, (_, i) => or(ev(2 * i), ev(2 * i + 1)));
    const graph = graphOf(120, [...pairs, and(...pairs.map((_, i) => gt(i)))]);
    expect(modularCutSetCount(modularMinimalCutSets(compileModular(graph), 'top'))).toBe(2n ** 60n);
    expect(cutSetCount(minimalCutSets(compileFaultGraph(graph), 'top'))).toBe(2n ** 60n);
  });

  it('handles 30,000 nested modules without deep recursion (a chain of and/or gates)', () => {
    const n = 30_000;
    // g_i = e_i and g_{i−1} (i odd), e_i or g_{i−1} (i even); g_0 = e_0: every gate is a module.
    const gates = [or(ev(0))];
    for (let i = 1; i < n; i++) gates.push(i % 2 === 1 ? and(ev(i), gt(i - 1)) : or(ev(i), gt(i - 1)));
    const graph = graphOf(n, gates);
    const m = compileModular(graph);
    const { q, p } = uniform(n, 0.01);
    const bdd = compileFaultGraph(graph);
    const plain = allRootProbabilities(bdd, q, p).get('top')!;
    const modular = modularRootProbabilities(m, q, p).get('top')!;
    expect(close(modular.failure, plain.failure)).toBe(true);
    expect(close(modular.success, plain.success)).toBe(true);
    const expected = importanceMeasures(bdd, 'top', q, p);
    const actual = modularImportance(m, 'top', q, p);
    for (const i of [0, 1, 2, n / 2, n - 2, n - 1]) {
      expect(close(actual.q1[i]!, expected.q1[i]!)).toBe(true);
      expect(close(actual.q0[i]!, expected.q0[i]!)).toBe(true);
    }
    expect(modularCutSetCount(modularMinimalCutSets(m, 'top'))).toBe(cutSetCount(minimalCutSets(bdd, 'top')));
  });
});

describe('the modular engine gives the plain engine\'s figures exactly, on random graphs with modules', () => {
  const params = { numRuns: 300 };

  it('gives every root the same failure and success probabilities', () => {
    fc.assert(
      fc.property(modularCaseArb(), ({ graph, q, p }) => {
        const plain = allRootProbabilities(compileFaultGraph(graph), q, p);
        const modular = modularRootProbabilities(compileModular(graph), q, p);
        for (const [name, expected] of plain) {
          const actual = modular.get(name)!;
          expect(close(actual.failure, expected.failure), `${name} failure ${actual.failure} vs ${expected.failure}`).toBe(true);
          expect(close(actual.success, expected.success), `${name} success ${actual.success} vs ${expected.success}`).toBe(true);
        }
      }),
      params,
    );
  });

  it('gives every root the same probabilities when the roots nested in one build share its layout, counted once', () => {
    let sharing = 0;
    fc.assert(
      fc.property(modularCaseArb(), ({ graph: original, q, p }) => {
        // Every gate a root, as in an imported fault tree; every build large enough to give its nested roots their diagrams.
        const graph: FaultGraph = { ...original, roots: new Map(original.gates.map((_, g) => [`g${g}`, gt(g)])) };
        const m = compileModular(graph, { nestedRootsFrom: 0 });
        const blocks = new Map([...m.modules, ...m.roots.values()].map((d) => [d.layout.event, d.layout.size - 2]));
        if (blocks.size < m.modules.length + m.roots.size) sharing++;
        expect(modularNodeCount(m)).toBe([...blocks.values()].reduce((a, b) => a + b, 0));
        expect(combinedLayout(m).size).toBe(2 + modularNodeCount(m));
        const plain = allRootProbabilities(compileFaultGraph(graph), q, p);
        const modular = modularRootProbabilities(m, q, p);
        for (const [name, expected] of plain) {
          const actual = modular.get(name)!;
          expect(close(actual.failure, expected.failure), `${name} failure ${actual.failure} vs ${expected.failure}`).toBe(true);
          expect(close(actual.success, expected.success), `${name} success ${actual.success} vs ${expected.success}`).toBe(true);
        }
      }),
      params,
    );
    expect(sharing).toBeGreaterThan(params.numRuns / 4);
  });

  it('gives, in each column of a batched pass, exactly the success of a single pass over that column\'s vector', () => {
    fc.assert(
      fc.property(modularCaseArb(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24 * BATCH_WIDTH, maxLength: 24 * BATCH_WIDTH }), ({ graph }, columns) => {
        const layout = combinedLayout(compileModular(graph));
        const n = layout.eventCount;
        const keep = [...layout.rootEntry.values()];
        const batch = new BatchedSuccess(batchedPlan(layout, keep));
        const vectors = Array.from({ length: BATCH_WIDTH }, (_, b) => {
          const q = Float64Array.from({ length: n }, (_, e) => columns[b * 24 + e]!);
          return { q, p: q.map((x) => 1 - x) };
        });
        vectors.forEach(({ q, p }, b) => {
          for (let e = 0; e < n; e++) {
            batch.q[e * BATCH_WIDTH + b] = q[e]!;
            batch.p[e * BATCH_WIDTH + b] = p[e]!;
          }
        });
        batch.run();
        vectors.forEach(({ q, p }, b) => {
          const single = evaluateCombined(layout, q, p);
          keep.forEach((entry, k) => expect(batch.kept[k * BATCH_WIDTH + b]).toBe(single.success[entry]));
        });
      }),
      params,
    );
  });

  it('gives the same Q(q_i=1), Q(q_i=0) and Birnbaum for every event', () => {
    fc.assert(
      fc.property(modularCaseArb(), ({ graph, q, p }) => {
        const bdd = compileFaultGraph(graph);
        const m = compileModular(graph);
        for (const root of ['top', 'inner', 'block']) {
          const expected = importanceMeasures(bdd, root, q, p);
          const actual = modularImportance(m, root, q, p);
          expect(close(actual.Q, expected.Q)).toBe(true);
          expect(close(actual.P, expected.P)).toBe(true);
          for (let i = 0; i < graph.events.length; i++) {
            expect(close(actual.q1[i]!, expected.q1[i]!), `${root} q1[${i}]`).toBe(true);
            expect(close(actual.q0[i]!, expected.q0[i]!), `${root} q0[${i}]`).toBe(true);
            // Birnbaum is a difference: equal to rounding relative to the larger of Q(q_i=1) and P(q_i=0).
            expect(close(actual.birnbaum[i]!, expected.birnbaum[i]!, 1e-9, 1e-12), `${root} birnbaum[${i}]`).toBe(true);
          }
        }
      }),
      params,
    );
  });

  it('gives the same minimal cut sets, count and most probable ones, with and without excluded events', () => {
    fc.assert(
      fc.property(modularCaseArb(), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), ({ graph, q }, excluded) => {
        const bdd = compileFaultGraph(graph);
        const m = compileModular(graph);
        for (const exclude of [undefined, Uint8Array.from(graph.events, (_, i) => (excluded[i] ? 1 : 0))]) {
          for (const root of ['top', 'inner', 'event']) {
            const plain = minimalCutSets(bdd, root, exclude === undefined ? {} : { exclude });
            const modular = modularMinimalCutSets(m, root, exclude === undefined ? {} : { exclude });
            const count = cutSetCount(plain);
            expect(modularCutSetCount(modular)).toBe(count);
            const all = Number(count);
            const expected = mostProbableCutSets(plain, q, all, bySizeThenEvents);
            const actual = modularMostProbableCutSets(modular, q, all, bySizeThenEvents);
            expect(sortedFamily(actual.map((s) => s.events))).toEqual(sortedFamily(expected.map((s) => s.events)));
            // The 5 most probable, in order (ties within 1e-12 by size, then events).
            const top5 = (sets: typeof expected) => sets.slice(0, 5).map((s) => s.events.join(','));
            expect(top5(actual)).toEqual(top5(expected));
            actual.slice(0, 5).forEach((s, i) => expect(close(s.probability, expected[i]!.probability)).toBe(true));
          }
        }
      }),
      params,
    );
  });

  it('gives the same tolerance (lightest cut set) and single-event cut sets', () => {
    fc.assert(
      fc.property(
        modularCaseArb(),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 24, maxLength: 24 }),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        ({ graph }, weights, excluded) => {
          const bdd = compileFaultGraph(graph);
          const m = compileModular(graph);
          const weight = Float64Array.from(graph.events, (_, i) => weights[i]!);
          for (const exclude of [undefined, Uint8Array.from(graph.events, (_, i) => (excluded[i] ? 1 : 0))]) {
            for (const root of ['top', 'inner', 'block', 'event']) {
              expect(modularMinimumCutWeight(m, root, weight, exclude)).toBe(minimumCutWeight(bdd, root, weight, exclude));
              expect(modularSingleEventCutSets(m, root, exclude)).toEqual(singleEventCutSets(bdd, root, exclude));
            }
          }
        },
      ),
      params,
    );
  });
});
