import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import type { FaultGraph, NodeRef } from '../../server/src/analysis/fault-graph';
import { importanceMeasures } from '../../server/src/analysis/importance';
import { rootProbability } from '../../server/src/analysis/probability';
import { and, bruteForceProbability, ev, events, graphOf, gt, or, randomCaseArb, relativeError, bridge } from './bdd-fixtures';

/** Q with event i's failure probability forced to `value`, by enumeration. */
function conditioned(graph: FaultGraph, root: NodeRef, q: Float64Array, p: Float64Array, i: number, value: 0 | 1): number {
  const qi = Float64Array.from(q);
  const pi = Float64Array.from(p);
  qi[i] = value;
  pi[i] = 1 - value;
  return bruteForceProbability(graph, root, qi, pi);
}


describe('importanceMeasures', () => {
  it('gives Q and P equal to rootProbability', () => {
    const q = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    const p = q.map((x) => 1 - x);
    const bdd = compileFaultGraph(bridge);
    const m = importanceMeasures(bdd, 'top', q, p);
    const { failure, success } = rootProbability(bdd, 'top', q, p);
    expect(m.Q).toBe(failure);
    expect(m.P).toBe(success);
  });

  it('gives a series system Birnbaum_i = Π_{j≠i}(1 − q_j), Q(q_i=1) = 1', () => {
    const q = Float64Array.from([0.1, 0.2, 0.3]);
    const p = q.map((x) => 1 - x);
    const m = importanceMeasures(compileFaultGraph(graphOf(3, [or(ev(0), ev(1), ev(2))])), 'top', q, p);
    expect(Array.from(m.q1)).toEqual([1, 1, 1]);
    expect(relativeError(m.birnbaum[0]!, 0.8 * 0.7)).toBeLessThan(1e-15);
    expect(relativeError(m.birnbaum[2]!, 0.9 * 0.8)).toBeLessThan(1e-15);
    expect(relativeError(m.q0[1]!, 1 - 0.9 * 0.7)).toBeLessThan(1e-15);
  });

  it('gives an event the root does not depend on Q(q_i=1) = Q(q_i=0) = Q and Birnbaum 0', () => {
    const graph: FaultGraph = { events: events(3), gates: [and(ev(0), ev(2))], roots: new Map([['top', gt(0)]]) };
    const q = Float64Array.from([0.1, 0.2, 0.3]);
    const m = importanceMeasures(compileFaultGraph(graph), 'top', q, q.map((x) => 1 - x));
    expect(m.q1[1]).toBeCloseTo(0.03, 16);
    expect(m.q0[1]).toBeCloseTo(0.03, 16);
    expect(m.birnbaum[1]).toBe(0);
  });

  it('computes Q(q_i=1) and Q(q_i=0) directly near 1e-12, where 1 − x or Q − x would lose every digit', () => {
    // top = or(and(a, b), and(c, d), and(a, c, e), and(f, b)) with q ~ 1e-6: Q ~ 3e-12.
    const graph = graphOf(6, [
      and(ev(0), ev(1)),
      and(ev(2), ev(3)),
      and(ev(0), ev(2), ev(4)),
      and(ev(5), ev(1)),
      or(gt(0), gt(1), gt(2), gt(3)),
    ]);
    const q = Float64Array.from([1e-6, 2e-6, 3e-6, 1e-6, 5e-7, 4e-6]);
    const p = q.map((x) => 1 - x);
    const m = importanceMeasures(compileFaultGraph(graph), 'top', q, p);
    const root = gt(4);
    for (let i = 0; i < 6; i++) {
      const q1 = conditioned(graph, root, q, p, i, 1);
      const q0 = conditioned(graph, root, q, p, i, 0);
      expect(relativeError(m.q1[i]!, q1)).toBeLessThan(1e-9);
      expect(relativeError(m.q0[i]!, q0)).toBeLessThan(1e-9);
      expect(relativeError(m.birnbaum[i]!, q1 - q0)).toBeLessThan(1e-6);
    }
    // e.g. Q(q_e = 0) = Q without the cut set ace: about 1e-12·(2 + 3·1 ... ) — far below Q's ulp × 1e3.
    expect(m.q0[4]!).toBeLessThan(m.Q);
    expect(relativeError(m.q0[4]!, 1e-6 * 2e-6 + 3e-6 * 1e-6 + 4e-6 * 2e-6)).toBeLessThan(1e-5);
  });

  it('counts the paths that jump over an event\'s level (the event does not matter there)', () => {
    // top = or(x, and(y, z)) with order x, y, z: the x = 1 edge jumps over y and z.
    const graph = graphOf(3, [and(ev(1), ev(2)), or(ev(0), gt(0))]);
    const q = Float64Array.from([1e-12, 0.5, 0.25]);
    const p = q.map((x) => 1 - x);
    const m = importanceMeasures(compileFaultGraph(graph), 'top', q, p);
    expect(relativeError(m.q0[1]!, 1e-12)).toBeLessThan(1e-12);
    expect(relativeError(m.q1[1]!, 1e-12 + (1 - 1e-12) * 0.25)).toBeLessThan(1e-15);
    expect(relativeError(m.q0[2]!, 1e-12)).toBeLessThan(1e-12);
  });

  it('handles constant roots: every measure is the constant, Birnbaum 0', () => {
    const graph: FaultGraph = {
      events: events(2),
      gates: [],
      roots: new Map([['always', { kind: 'const', value: true }]]),
    };
    const m = importanceMeasures(compileFaultGraph(graph), 'always', Float64Array.from([0.1, 0.2]), Float64Array.from([0.9, 0.8]));
    expect(m.Q).toBe(1);
    expect(Array.from(m.q1)).toEqual([1, 1]);
    expect(Array.from(m.q0)).toEqual([1, 1]);
    expect(Array.from(m.birnbaum)).toEqual([0, 0]);
  });

  it('equals enumeration with q_i forced to 1 and to 0, for every event, on random DAGs', () => {
    fc.assert(
      fc.property(randomCaseArb(10), ({ graph, q, p }) => {
        const bdd = compileFaultGraph(graph);
        for (const [name, ref] of graph.roots) {
          const m = importanceMeasures(bdd, name, q, p);
          for (let i = 0; i < graph.events.length; i++) {
            const q1 = conditioned(graph, ref, q, p, i, 1);
            const q0 = conditioned(graph, ref, q, p, i, 0);
            expect(relativeError(m.q1[i]!, q1)).toBeLessThan(1e-12);
            expect(relativeError(m.q0[i]!, q0)).toBeLessThan(1e-12);
            expect(Math.abs(m.birnbaum[i]! - (q1 - q0))).toBeLessThanOrEqual(1e-12 * q1);
            expect(m.birnbaum[i]!).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is linear: importance over 20,000 events takes two passes, not 20,000 evaluations', () => {
    const n = 20_000;
    const gates = Array.from({ length: n / 2 }, (_, i) => and(ev(2 * i), ev(2 * i + 1)));
    gates.push(or(...gates.map((_, i) => gt(i))));
    const graph = graphOf(n, gates);
    const q = new Float64Array(n).fill(1e-4);
    const p = new Float64Array(n).fill(1 - 1e-4);
    const bdd = compileFaultGraph(graph);
    const started = performance.now();
    const m = importanceMeasures(bdd, 'top', q, p);
    expect(performance.now() - started).toBeLessThan(500);
    // Q(q_0 = 0) = 1 − (1 − 1e-8)^(n/2 − 1), directly: the same digits as the closed form.
    expect(relativeError(m.q0[0]!, -Math.expm1((n / 2 - 1) * Math.log1p(-1e-8)))).toBeLessThan(1e-9);
  });
});
