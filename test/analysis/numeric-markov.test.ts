import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classStructure } from '../../server/src/analysis/numeric/closed-classes';
import { gaussSeidelStationary } from '../../server/src/analysis/numeric/gauss-seidel';
import { gthDense } from '../../server/src/analysis/numeric/gth-dense';
import {
  DENSE_GTH_LIMIT,
  limitingDistribution,
  stationaryDistribution,
} from '../../server/src/analysis/numeric/limiting-distribution';
import { type RateGraph, RateGraphBuilder } from '../../server/src/analysis/numeric/rate-graph';
import { solveByGaussianElimination } from './gaussian-stationary';

const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** Birth–death chain 0 … n−1, up at `up`, down at `down`. */
function birthDeath(n: number, up: number, down: number): RateGraph {
  const b = new RateGraphBuilder();
  for (let i = 0; i < n; i++) b.addState();
  for (let i = 0; i + 1 < n; i++) {
    b.addRate(i, i + 1, up);
    b.addRate(i + 1, i, down);
  }
  return b.build();
}

/** π_k ∝ ρ^k, normalised by a sum of positive terms. */
function birthDeathExact(n: number, rho: number): number[] {
  const w = Array.from({ length: n }, (_, k) => rho ** k);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

function toDense(g: RateGraph): Float64Array {
  const a = new Float64Array(g.size * g.size);
  g.targets.forEach((row, s) => row.forEach((t, e) => (a[s * g.size + t] = g.rates[s][e])));
  return a;
}

/** Independent check: the chain's transitions solved by Gaussian elimination (every state reachable here). */
function gaussianStationary(g: RateGraph): number[] {
  const transitions = g.targets.flatMap((row, i) => row.map((j, e) => [i, j, g.rates[i][e]] as const));
  return solveByGaussianElimination(g.size, transitions);
}

/** A random irreducible chain: a cycle through all states plus random extra transitions. */
const irreducibleChain = fc
  .record({
    n: fc.integer({ min: 2, max: 12 }),
    seed: fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: 144, maxLength: 144 }),
    density: fc.double({ min: 0, max: 0.6, noNaN: true }),
  })
  .map(({ n, seed, density }) => {
    const b = new RateGraphBuilder();
    for (let i = 0; i < n; i++) b.addState();
    for (let i = 0; i < n; i++) b.addRate(i, (i + 1) % n, seed[i]);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j && seed[i * 12 + j] / 10 < density) b.addRate(i, j, seed[(i * 12 + j + 7) % 144]);
    return b.build();
  });

describe('GTH elimination (dense)', () => {
  it('solves a birth–death chain with probabilities down to 1e-60 to full relative precision', () => {
    const n = 11;
    const pi = gthDense(n, toDense(birthDeath(n, 1e-6, 1))) as Float64Array;
    const exact = birthDeathExact(n, 1e-6);
    for (let k = 0; k < n; k++) expect(relErr(pi[k], exact[k])).toBeLessThan(1e-14);
    expect(pi[10]).toBeGreaterThan(0.99e-60);
  });

  it('agrees with Gaussian elimination on random irreducible chains', () => {
    fc.assert(
      fc.property(irreducibleChain, (g) => {
        const pi = gthDense(g.size, toDense(g)) as Float64Array;
        const reference = gaussianStationary(g);
        for (let s = 0; s < g.size; s++) expect(relErr(pi[s], reference[s])).toBeLessThan(1e-10);
      }),
    );
  });

  it('reports a chain that is not irreducible as undefined', () => {
    const b = new RateGraphBuilder();
    b.addState();
    b.addState();
    b.addRate(0, 1, 1); // state 1 never comes back
    const g = b.build();
    expect(gthDense(2, toDense(g))).toBeUndefined();
  });
});

describe('Gauss–Seidel stationary solver', () => {
  it('converges on a birth–death chain to 1e-13 in every component, tiny ones included', () => {
    const n = 11;
    const r = gaussSeidelStationary(birthDeath(n, 1e-6, 1));
    const exact = birthDeathExact(n, 1e-6);
    expect(r.converged).toBe(true);
    for (let k = 0; k < n; k++) expect(relErr(r.pi[k], exact[k])).toBeLessThan(1e-13);
  });

  it('agrees with GTH on random irreducible chains whenever it says it converged, and almost always does', () => {
    // A stiff chain may exhaust the budget: the solver then says so (and the
    // engine reports no figure rather than a rough one), never a wrong answer.
    let runs = 0;
    let converged = 0;
    fc.assert(
      fc.property(irreducibleChain, (g) => {
        runs++;
        const gth = gthDense(g.size, toDense(g)) as Float64Array;
        const gs = gaussSeidelStationary(g);
        if (!gs.converged) return;
        converged++;
        for (let s = 0; s < g.size; s++) expect(relErr(gs.pi[s], gth[s])).toBeLessThan(1e-12);
      }),
    );
    expect(converged).toBeGreaterThanOrEqual(Math.floor(runs * 0.9));
  });

  it('says when its budget ran out', () => {
    const r = gaussSeidelStationary(birthDeath(50, 0.5, 1), { maxSweeps: 2 });
    expect(r.converged).toBe(false);
    expect(r.sweeps).toBe(2);
  });
});

describe('stationaryDistribution', () => {
  it(`uses exact GTH up to ${DENSE_GTH_LIMIT} states`, () => {
    const s = stationaryDistribution(birthDeath(DENSE_GTH_LIMIT, 0.5, 1));
    expect(s.method).toBe('gth');
  });

  it('switches to Gauss–Seidel above, still accurate to 1e-12 on a 2,000-state chain', () => {
    const n = 2000;
    const s = stationaryDistribution(birthDeath(n, 0.3, 1));
    expect(s.method).toBe('gauss-seidel');
    expect(s.converged).toBe(true);
    const exact = birthDeathExact(n, 0.3);
    for (const k of [0, 1, 10, 100]) expect(relErr(s.pi[k], exact[k])).toBeLessThan(1e-12);
  });
});

describe('classStructure', () => {
  it('finds strongly connected components and which are closed', () => {
    // 0 ⇄ 1 → 2 ⇄ 3, and 1 → 4 (absorbing).
    const b = new RateGraphBuilder();
    for (let i = 0; i < 5; i++) b.addState();
    b.addRate(0, 1, 1);
    b.addRate(1, 0, 1);
    b.addRate(1, 2, 1);
    b.addRate(2, 3, 1);
    b.addRate(3, 2, 1);
    b.addRate(1, 4, 1);
    const { componentOf, components, closed } = classStructure(b.build());
    expect(componentOf[0]).toBe(componentOf[1]);
    expect(componentOf[2]).toBe(componentOf[3]);
    expect(components).toHaveLength(3);
    expect(closed[componentOf[0]]).toBe(false);
    expect(closed[componentOf[2]]).toBe(true);
    expect(closed[componentOf[4]]).toBe(true);
  });

  it('handles a 100,000-state cycle without recursion', () => {
    const n = 100_000;
    const targets = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
    const rates = Array.from({ length: n }, () => [1]);
    const { components, closed } = classStructure({ size: n, targets, rates });
    expect(components).toHaveLength(1);
    expect(closed[0]).toBe(true);
  });
});

describe('limitingDistribution', () => {
  it('puts no mass on transient states', () => {
    // 0 → 1 ⇄ 2: state 0 is left for good.
    const b = new RateGraphBuilder();
    for (let i = 0; i < 3; i++) b.addState();
    b.addRate(0, 1, 5);
    b.addRate(1, 2, 1);
    b.addRate(2, 1, 3);
    const { pi } = limitingDistribution(b.build(), 0);
    expect(pi[0]).toBe(0);
    expect(relErr(pi[1], 0.75)).toBeLessThan(1e-15);
    expect(relErr(pi[2], 0.25)).toBeLessThan(1e-15);
  });

  it('weights several closed classes by the probability of ending in each', () => {
    // 0 → A (rate 1) or → B (rate 3); A = {1 ⇄ 2} with π = (2/3, 1/3); B = {3}.
    const b = new RateGraphBuilder();
    for (let i = 0; i < 4; i++) b.addState();
    b.addRate(0, 1, 1);
    b.addRate(0, 3, 3);
    b.addRate(1, 2, 1);
    b.addRate(2, 1, 2);
    const { pi } = limitingDistribution(b.build(), 0);
    expect(pi[0]).toBe(0);
    expect(relErr(pi[1], 0.25 * (2 / 3))).toBeLessThan(1e-15);
    expect(relErr(pi[2], 0.25 * (1 / 3))).toBeLessThan(1e-15);
    expect(relErr(pi[3], 0.75)).toBeLessThan(1e-15);
  });

  it('ignores states not reachable from the start', () => {
    const b = new RateGraphBuilder();
    for (let i = 0; i < 3; i++) b.addState();
    b.addRate(0, 1, 1);
    b.addRate(1, 0, 1);
    b.addRate(2, 0, 1);
    const { pi } = limitingDistribution(b.build(), 0);
    expect(pi[2]).toBe(0);
    expect(pi[0]).toBeCloseTo(0.5, 15);
  });
});
