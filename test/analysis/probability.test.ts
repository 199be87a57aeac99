import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import { rootProbability } from '../../server/src/analysis/probability';
import {
  and,
  atleast,
  bruteForceProbability,
  ev,
  graphOf,
  or,
  randomCaseArb,
  relativeError,
  uniform,
  bridge,
} from './bdd-fixtures';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}


describe('rootProbability', () => {
  it('gives a series system the failure 1 − Π(1 − q_i) and the success Π(1 − q_i)', () => {
    const q = Float64Array.from([0.1, 0.02, 0.3, 0.004]);
    const p = q.map((x) => 1 - x);
    const bdd = compileFaultGraph(graphOf(4, [or(...range(4).map(ev))]));
    const { failure, success } = rootProbability(bdd, 'top', q, p);
    const expectedSuccess = 0.9 * 0.98 * 0.7 * 0.996;
    expect(relativeError(success, expectedSuccess)).toBeLessThan(1e-14);
    expect(relativeError(failure, 1 - expectedSuccess)).toBeLessThan(1e-14);
  });

  it('gives a parallel system the failure Π q_i', () => {
    const q = Float64Array.from([0.1, 0.02, 0.3]);
    const bdd = compileFaultGraph(graphOf(3, [and(ev(0), ev(1), ev(2))]));
    const { failure, success } = rootProbability(bdd, 'top', q, q.map((x) => 1 - x));
    expect(relativeError(failure, 0.1 * 0.02 * 0.3)).toBeLessThan(1e-14);
    expect(relativeError(success, 1 - 0.1 * 0.02 * 0.3)).toBeLessThan(1e-14);
  });

  it('gives "k of n working" the binomial sum over the states with fewer than k working', () => {
    for (const [n, k] of [
      [3, 2],
      [5, 3],
      [10, 7],
      [12, 1],
      [12, 12],
    ] as const) {
      const qValue = 0.07;
      const { q, p } = uniform(n, qValue);
      const bdd = compileFaultGraph(graphOf(n, [atleast(n - k + 1, ...range(n).map(ev))]));
      const { failure, success } = rootProbability(bdd, 'top', q, p);
      let expectedSuccess = 0;
      for (let working = k; working <= n; working++) {
        expectedSuccess += binomial(n, working) * (1 - qValue) ** working * qValue ** (n - working);
      }
      let expectedFailure = 0;
      for (let working = 0; working < k; working++) {
        expectedFailure += binomial(n, working) * (1 - qValue) ** working * qValue ** (n - working);
      }
      expect(relativeError(success, expectedSuccess)).toBeLessThan(1e-12);
      expect(relativeError(failure, expectedFailure)).toBeLessThan(1e-12);
    }
  });

  it('gives the bridge network with R = 0.9 per component the reliability 0.97848', () => {
    const { q, p } = uniform(5, 0.1);
    const { failure, success } = rootProbability(compileFaultGraph(bridge), 'top', q, p);
    expect(relativeError(success, 0.97848)).toBeLessThan(1e-13);
    expect(relativeError(failure, 0.02152)).toBeLessThan(1e-12);
  });

  it('keeps a parallel failure of 1e-15 (three events at 1e-5) to a relative error of 1e-9', () => {
    const { q, p } = uniform(3, 1e-5);
    const { failure, success } = rootProbability(compileFaultGraph(graphOf(3, [and(ev(0), ev(1), ev(2))])), 'top', q, p);
    expect(relativeError(failure, 1e-15)).toBeLessThan(1e-9);
    expect(relativeError(success, 1 - 1e-15)).toBeLessThan(1e-15);
  });

  it('keeps a series failure of 1e-15 (1000 events at 1e-18) accurate', () => {
    const { q, p } = uniform(1000, 1e-18);
    const { failure } = rootProbability(compileFaultGraph(graphOf(1000, [or(...range(1000).map(ev))])), 'top', q, p);
    // 1 − (1 − 1e-18)^1000 = 1e-15 − 4.995e-34 + …
    expect(relativeError(failure, 1e-15)).toBeLessThan(1e-9);
  });

  it('keeps a success of 1e-15 (series of three events working with 1e-5 each) accurate', () => {
    const q = new Float64Array(3).fill(1 - 1e-5);
    const p = new Float64Array(3).fill(1e-5);
    const { failure, success } = rootProbability(compileFaultGraph(graphOf(3, [or(ev(0), ev(1), ev(2))])), 'top', q, p);
    expect(relativeError(success, 1e-15)).toBeLessThan(1e-9);
    expect(relativeError(failure, 1 - 1e-15)).toBeLessThan(1e-15);
  });

  it('gives constant roots the probabilities 0 and 1, and an event root its own', () => {
    const graph = {
      ...graphOf(2, [and(ev(0), ev(1))]),
      roots: new Map([
        ['never', { kind: 'const', value: false } as const],
        ['always', { kind: 'const', value: true } as const],
        ['second', ev(1)],
      ]),
    };
    const bdd = compileFaultGraph(graph);
    const q = Float64Array.from([0.25, 0.125]);
    const p = Float64Array.from([0.75, 0.875]);
    expect(rootProbability(bdd, 'never', q, p)).toEqual({ failure: 0, success: 1 });
    expect(rootProbability(bdd, 'always', q, p)).toEqual({ failure: 1, success: 0 });
    expect(rootProbability(bdd, 'second', q, p)).toEqual({ failure: 0.125, success: 0.875 });
  });

  it('re-evaluates the same BDD with new probabilities (as quadrature does) consistently', () => {
    const bdd = compileFaultGraph(bridge);
    for (const qValue of [0.5, 0.1, 1e-3, 1e-8]) {
      const { q, p } = uniform(5, qValue);
      const { failure } = rootProbability(bdd, 'top', q, p);
      expect(relativeError(failure, bruteForceProbability(bridge, bridge.roots.get('top')!, q, p))).toBeLessThan(1e-12);
    }
  });

  it('rejects probability vectors shorter than the event list', () => {
    const bdd = compileFaultGraph(bridge);
    expect(() => rootProbability(bdd, 'top', new Float64Array(2), new Float64Array(2))).toThrow(/need 5 entries/);
  });

  it('rejects an unknown root name with a clear message', () => {
    const { q, p } = uniform(5, 0.1);
    expect(() => rootProbability(compileFaultGraph(bridge), 'nope', q, p)).toThrow(/no root named 'nope'/);
  });

  it('equals truth-table enumeration on random and/or/atleast DAGs, for failure and success', () => {
    fc.assert(
      fc.property(randomCaseArb(12), ({ graph, q, p }) => {
        const bdd = compileFaultGraph(graph);
        for (const [name, ref] of graph.roots) {
          const { failure, success } = rootProbability(bdd, name, q, p);
          expect(relativeError(failure, bruteForceProbability(graph, ref, q, p, true))).toBeLessThan(1e-12);
          expect(relativeError(success, bruteForceProbability(graph, ref, q, p, false))).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 400 },
    );
  });
});
