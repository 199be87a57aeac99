import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BddManager } from '../../server/src/analysis/bdd-manager';
import { BddNodeLimitError, bddNodeCount, compileFaultGraph } from '../../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets } from '../../server/src/analysis/cutsets';
import type { FaultGraph, Gate } from '../../server/src/analysis/fault-graph';
import { importanceMeasures } from '../../server/src/analysis/importance';
import { rootProbability } from '../../server/src/analysis/probability';
import { minimumCutWeight, singleEventCutSets } from '../../server/src/analysis/tolerance';
import { and, atleast, bruteForceProbability, ev, events, graphOf, gt, or, relativeError, uniform } from './bdd-fixtures';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('compileFaultGraph: variable order', () => {
  it('orders events depth-first, left-most first appearance from the roots in map order', () => {
    // top = or(g1, e4); g1 = and(e3, g0, e3); g0 = or(e1, e0); e2 appears in no root.
    const graph: FaultGraph = {
      events: events(5),
      gates: [or(ev(1), ev(0)), and(ev(3), gt(0), ev(3)), or(gt(1), ev(4))],
      roots: new Map([['top', gt(2)]]),
    };
    expect(Array.from(compileFaultGraph(graph).levelToEvent)).toEqual([3, 1, 0, 4, 2]);
  });

  it('accepts an explicit order and gives the same probabilities with it', () => {
    const graph = graphOf(4, [and(ev(0), ev(1)), and(ev(2), ev(3)), or(gt(0), gt(1))]);
    const q = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    const p = q.map((x) => 1 - x);
    const natural = compileFaultGraph(graph);
    const interleaved = compileFaultGraph(graph, { order: Int32Array.from([0, 2, 1, 3]) });
    expect(Array.from(interleaved.levelToEvent)).toEqual([0, 2, 1, 3]);
    expect(rootProbability(interleaved, 'top', q, p).failure).toBeCloseTo(rootProbability(natural, 'top', q, p).failure, 15);
    // The interleaved order is the classic bad one: more nodes for the same function.
    expect(bddNodeCount(natural)).toBe(4);
    expect(bddNodeCount(interleaved)).toBe(6);
  });

  it('rejects an order that is not a permutation of the events', () => {
    const graph = graphOf(3, [and(ev(0), ev(1), ev(2))]);
    expect(() => compileFaultGraph(graph, { order: Int32Array.from([0, 1, 1]) })).toThrow(/not a permutation/);
    expect(() => compileFaultGraph(graph, { order: Int32Array.from([0, 1]) })).toThrow(/2 entries for 3 events/);
  });

  it('rejects a gate that refers to a later gate, instead of reading garbage', () => {
    const graph = graphOf(2, [and(ev(0), gt(1)), or(ev(0), ev(1))], gt(0));
    expect(() => compileFaultGraph(graph)).toThrow(/gate 0 refers to gate 1/);
  });
});

describe('compileFaultGraph: structure and size', () => {
  it('builds "at least k of n" over n events with exactly k·(n − k + 1) nodes (the counting construction)', () => {
    for (const [n, k] of [
      [30, 10],
      [200, 3],
      [50, 49],
    ] as const) {
      const bdd = compileFaultGraph(graphOf(n, [atleast(k, ...range(n).map(ev))]));
      expect(bddNodeCount(bdd)).toBe(k * (n - k + 1));
    }
  });

  it('builds "at least 500 of 1000" quickly, never as the C(1000, 500) combinations', () => {
    const started = performance.now();
    const bdd = compileFaultGraph(graphOf(1000, [atleast(500, ...range(1000).map(ev))]));
    expect(bddNodeCount(bdd)).toBe(500 * 501);
    const { q, p } = uniform(1000, 0.5);
    // Symmetric binomial: P(at least 500 of 1000) = 1/2 + P(exactly 500)/2.
    let logChoose = 0;
    for (let i = 1; i <= 500; i++) logChoose += Math.log((500 + i) / i);
    const expected = 0.5 + Math.exp(logChoose - 1000 * Math.LN2) / 2;
    expect(relativeError(rootProbability(bdd, 'top', q, p).failure, expected)).toBeLessThan(1e-10);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('shares one manager between roots and counts each shared node once', () => {
    const graph: FaultGraph = {
      events: events(3),
      gates: [and(ev(1), ev(2)), or(ev(0), gt(0))],
      roots: new Map([
        ['system', gt(1)],
        ['pair', gt(0)],
      ]),
    };
    const bdd = compileFaultGraph(graph);
    expect(bdd.roots.size).toBe(2);
    expect(bddNodeCount(bdd)).toBe(3);
  });

  it('folds constants: and with false is false, or with true is true, atleast counts true inputs', () => {
    const F = { kind: 'const', value: false } as const;
    const T = { kind: 'const', value: true } as const;
    const graph: FaultGraph = {
      events: events(2),
      gates: [and(ev(0), F), or(ev(0), T), atleast(2, T, ev(0), ev(1))],
      roots: new Map([
        ['and', gt(0)],
        ['or', gt(1)],
        ['atleast', gt(2)],
      ]),
    };
    const bdd = compileFaultGraph(graph);
    expect(bdd.roots.get('and')).toBe(0);
    expect(bdd.roots.get('or')).toBe(1);
    const q = Float64Array.from([0.5, 0.25]);
    const p = Float64Array.from([0.5, 0.75]);
    expect(rootProbability(bdd, 'atleast', q, p).failure).toBeCloseTo(1 - 0.5 * 0.75, 15);
  });

  it('does not build gates that no root reaches', () => {
    const graph = graphOf(40, [atleast(20, ...range(40).map(ev)), or(ev(0), ev(1))]);
    const bdd = compileFaultGraph(graph);
    expect(bdd.manager.store.nodeCount).toBe(3);
  });
});

describe('compileFaultGraph: node limit', () => {
  it('throws BddNodeLimitError with a clear message when the limit is reached, not a crash', () => {
    const graph = graphOf(60, [atleast(30, ...range(60).map(ev))]);
    let thrown: unknown;
    try {
      compileFaultGraph(graph, { nodeLimit: 100 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BddNodeLimitError);
    expect((thrown as Error).message).toMatch(/more than 100 nodes/);
    expect((thrown as BddNodeLimitError).limit).toBe(100);
  });

  it('compiles the same graph when the limit is large enough', () => {
    const graph = graphOf(60, [atleast(30, ...range(60).map(ev))]);
    expect(bddNodeCount(compileFaultGraph(graph, { nodeLimit: 10_000 }))).toBe(30 * 31);
  });
});

describe('deep structures (explicit stacks, no recursion on depth)', () => {
  const N = 30_000;

  it('handles a chain of 30,000 nested gates (alternating and/or) and its 30,000 levels', () => {
    // g_i = e_i and g_{i−1} (i odd), e_i or g_{i−1} (i even); g_0 = e_0.
    const gates: Gate[] = [or(ev(0))];
    for (let i = 1; i < N; i++) gates.push(i % 2 === 1 ? and(ev(i), gt(i - 1)) : or(ev(i), gt(i - 1)));
    const graph = graphOf(N, gates);
    const q = Float64Array.from(range(N), (i) => 0.3 + 0.4 * ((i * 7919) % 101) / 101);
    const p = q.map((x) => 1 - x);
    const bdd = compileFaultGraph(graph);
    expect(bddNodeCount(bdd)).toBe(N);
    // Independent recurrence on failure F and success S of g_i.
    let F = q[0]!;
    let S = p[0]!;
    for (let i = 1; i < N; i++) {
      if (i % 2 === 1) [F, S] = [q[i]! * F, p[i]! * S + q[i]! * S + p[i]! * F];
      else [F, S] = [q[i]! * (F + S) + p[i]! * F, p[i]! * S];
    }
    const { failure, success } = rootProbability(bdd, 'top', q, p);
    expect(relativeError(failure, F)).toBeLessThan(1e-9);
    expect(relativeError(success, S)).toBeLessThan(1e-9);
    const measures = importanceMeasures(bdd, 'top', q, p);
    expect(relativeError(measures.Q, F)).toBeLessThan(1e-9);
    // An or step adds one cut set ({e_i}), an and step adds e_i to each: 1 + 14,999 or steps.
    expect(cutSetCount(minimalCutSets(bdd, 'top'))).toBe(15_000n);
    // The top is an and step over an or step: {e_29999, e_29998} is a smallest cut set.
    expect(minimumCutWeight(bdd, 'top', new Int32Array(N).fill(1))).toBe(2);
    expect(singleEventCutSets(bdd, 'top')).toEqual([]);
  });

  it('handles a 30,000-input or of and-pairs: Q = 1 − Π(1 − q²), 15,000 cut sets', () => {
    const pairs = N / 2;
    const gates: Gate[] = range(pairs).map((i) => and(ev(2 * i), ev(2 * i + 1)));
    gates.push(or(...range(pairs).map(gt)));
    const graph = graphOf(N, gates);
    const { q, p } = uniform(N, 1e-3);
    const bdd = compileFaultGraph(graph);
    expect(bddNodeCount(bdd)).toBe(N);
    const { failure, success } = rootProbability(bdd, 'top', q, p);
    expect(relativeError(success, (1 - 1e-6) ** pairs)).toBeLessThan(1e-9);
    expect(relativeError(failure, -Math.expm1(pairs * Math.log1p(-1e-6)))).toBeLessThan(1e-9);
    const family = minimalCutSets(bdd, 'top');
    expect(cutSetCount(family)).toBe(BigInt(pairs));
    expect(minimumCutWeight(bdd, 'top', new Int32Array(N).fill(1))).toBe(2);
    expect(singleEventCutSets(bdd, 'top')).toEqual([]);
    const measures = importanceMeasures(bdd, 'top', q, p);
    // Birnbaum of e_0: q_1 × P(no other pair failed).
    expect(relativeError(measures.birnbaum[0]!, 1e-3 * (1 - 1e-6) ** (pairs - 1))).toBeLessThan(1e-9);
  });

  it('agrees with enumeration on a small instance of the same chain shape', () => {
    const gates: Gate[] = [or(ev(0))];
    for (let i = 1; i < 12; i++) gates.push(i % 2 === 1 ? and(ev(i), gt(i - 1)) : or(ev(i), gt(i - 1)));
    const graph = graphOf(12, gates);
    const { q, p } = uniform(12, 0.37);
    const { failure } = rootProbability(compileFaultGraph(graph), 'top', q, p);
    expect(relativeError(failure, bruteForceProbability(graph, gt(11), q, p))).toBeLessThan(1e-13);
  });
});

describe('BddManager.reset (one manager recycled for many small diagrams)', () => {
  const build = (manager: BddManager): number => manager.orAll([manager.andAll([manager.variable(0), manager.variable(2)]), manager.atLeast(2, [0, 1, 2, 3].map((l) => manager.variable(l)))]);

  it('builds, after a reset, exactly the nodes a fresh manager builds', () => {
    const recycled = new BddManager(1_000, true);
    // Fill it with an unrelated diagram (and grow its tables) first.
    recycled.atLeast(20, Array.from({ length: 40 }, (_, l) => recycled.variable(l)));
    recycled.reset(1_000);
    const fresh = new BddManager(1_000, true);
    const a = build(recycled);
    const b = build(fresh);
    expect(a).toBe(b);
    expect(recycled.store.size).toBe(fresh.store.size);
    for (let n = 2; n < fresh.store.size; n++) {
      expect([recycled.store.levelOf(n), recycled.store.loOf(n), recycled.store.hiOf(n)]).toEqual([fresh.store.levelOf(n), fresh.store.loOf(n), fresh.store.hiOf(n)]);
    }
  });

  it('builds correctly after an operation stopped half-way at the node limit (its work is dropped)', () => {
    const recycled = new BddManager(1_000, true);
    const variables = Array.from({ length: 20 }, (_, l) => recycled.variable(l));
    const pairs = recycled.orAll(variables.filter((_, l) => l % 2 === 0).map((v, i) => recycled.and(v, variables[2 * i + 1]!)));
    const thirds = recycled.andAll(variables.filter((_, l) => l % 3 === 0));
    // A limit just above what exists: the next operation stops deep inside its work.
    recycled.store.nodeLimit = recycled.store.nodeCount + 1;
    expect(() => recycled.or(pairs, thirds)).toThrow(BddNodeLimitError);
    recycled.reset(1_000);
    const fresh = new BddManager(1_000, true);
    expect(build(recycled)).toBe(build(fresh));
    expect(recycled.store.size).toBe(fresh.store.size);
  });

  it('takes the node limit given to the reset', () => {
    const manager = new BddManager(1_000, true);
    manager.reset(5);
    expect(() => manager.atLeast(5, Array.from({ length: 10 }, (_, l) => manager.variable(l)))).toThrow(BddNodeLimitError);
  });
});

describe('BddManager.orMany (the n-ary or of wide gates)', () => {
  it('gives the very node of the pairwise or (diagrams are canonical), on random overlapping inputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.nat(11), fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 100 }),
        (terms) => {
          const manager = new BddManager(100_000, true);
          // Each input: a conjunction of literals over 12 shared variables (so inputs overlap).
          const inputs = terms.map((literals) => manager.andAll(literals.map(([level, positive]) => (positive ? manager.variable(level) : manager.ite(manager.variable(level), 0, 1)))));
          let pairwise = 0;
          for (const input of inputs) pairwise = manager.or(pairwise, input);
          expect(manager.orMany(inputs)).toBe(pairwise);
          expect(manager.orAll(inputs)).toBe(pairwise);
        },
      ),
      { numRuns: 200 },
    );
  });
});
