import { describe, expect, it } from 'vitest';
import { gthDense } from '../../server/src/analysis/numeric/gth-dense';
import { limitingDistribution } from '../../server/src/analysis/numeric/limiting-distribution';
import { type StandbyMember, type StandbyParams, standbySteadyState } from '../../server/src/analysis/standby';
import { availabilityChain } from '../../server/src/analysis/standby-availability';
import { solveByGaussianElimination } from './gaussian-stationary';

const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

const identical = (n: number, rate: number, mttr: number | undefined): StandbyMember[] =>
  Array.from({ length: n }, (_, i) => ({ name: `u${i + 1}`, rate, mttr }));

const group = (members: StandbyMember[], extra: Partial<StandbyParams> = {}): StandbyParams => ({
  members,
  failover: 0,
  coverage: 1,
  dormancy: 0,
  ...extra,
});

/**
 * Members A (primary) and B, written out by hand from spec §4 rules 1–3.
 * States: 0 {} A active · 1 {} B active · 2 {B} A active · 3 {A} B active ·
 * 4 {A} switching to B · 5 {A} down, B idle · 6 {B} switching to A ·
 * 7 {B} down, A idle · 8 {A,B} down · 9 {} switching to B · 10 {} switching to A.
 * Up: 0–3. With failover 0 the switching states are never entered.
 */
function handChain(p: { lA: number; lB: number; muA: number; muB: number; d: number; c: number; failover: number }) {
  const { lA, lB, muA, muB, d, c, failover } = p;
  const phi = failover > 0 ? 1 / failover : 0;
  const toB = failover > 0 ? 4 : 3; // a successful attempt to B: switch-over, or B active at once
  const toA = failover > 0 ? 6 : 2;
  const t: [number, number, number][] = [
    [0, toB, c * lA], [0, 5, (1 - c) * lA], [0, 2, d * lB],
    [1, toA, c * lB], [1, 7, (1 - c) * lB], [1, 3, d * lA],
    [2, 8, lA], [2, 0, muB],
    [3, 8, lB], [3, 1, muA],
    [5, 8, d * lB], [5, 0, muA],
    [7, 8, d * lA], [7, 1, muB],
    [8, 2, muA], [8, 3, muB],
  ];
  if (failover > 0) {
    t.push(
      [4, 3, phi], [4, 8, d * lB], [4, 9, muA],
      [9, 1, phi], [9, 6, c * d * lB], [9, 7, (1 - c) * d * lB], [9, 4, d * lA],
      [6, 2, phi], [6, 8, d * lA], [6, 10, muB],
      [10, 0, phi], [10, 4, c * d * lA], [10, 5, (1 - c) * d * lA], [10, 6, d * lB],
    );
  }
  const pi = solveByGaussianElimination(11, t.filter(([, , r]) => r > 0));
  const unavailability = pi.slice(4).reduce((a, b) => a + b, 0);
  // Up → down: the active member's failure, except a successful instant switch-over.
  const handOverDown = failover > 0 ? 1 : 1 - c;
  const frequency = pi[0] * handOverDown * lA + pi[2] * lA + pi[1] * handOverDown * lB + pi[3] * lB;
  return { unavailability, frequency };
}

describe('standby steady state: closed forms', () => {
  it('hot standby of two units with instant, perfect switching is the two-unit parallel: A = 1 − (λ/(λ+μ))²', () => {
    const lambda = 1e-3;
    const mu = 0.1;
    const r = standbySteadyState(group(identical(2, lambda, 10), { dormancy: 1 })) as NonNullable<ReturnType<typeof standbySteadyState>>;
    const q = lambda / (lambda + mu);
    expect(relErr(r.availability, 1 - q * q)).toBeLessThan(1e-14);
    expect(r.availability.toFixed(8)).toBe('0.99990197');
    expect(relErr(r.unavailability, q * q)).toBeLessThan(1e-14);
    // Hand CTMC: down is entered only from "one failed" (π = 2q(1 − q)) at the survivor's rate λ.
    expect(relErr(r.frequency, 2 * q * (1 - q) * lambda)).toBeLessThan(1e-14);
  });

  it('hot standby of different units is independent units in parallel: U = Π q_i, w = Σ λ_i(1 − q_i) Π_{j≠i} q_j', () => {
    const members: StandbyMember[] = [
      { name: 'a', rate: 1e-3, mttr: 4 },
      { name: 'b', rate: 3e-4, mttr: 12 },
      { name: 'c', rate: 2e-3, mttr: 1 },
    ];
    const r = standbySteadyState(group(members, { dormancy: 1 }))!;
    const q = members.map((m) => (m.rate * m.mttr!) / (1 + m.rate * m.mttr!));
    const product = q.reduce((a, b) => a * b, 1);
    const w = members.reduce((sum, m, i) => sum + m.rate * (1 - q[i]) * q.filter((_, j) => j !== i).reduce((a, b) => a * b, 1), 0);
    expect(relErr(r.unavailability, product)).toBeLessThan(1e-13);
    expect(relErr(r.frequency, w)).toBeLessThan(1e-13);
  });

  it('cold standby with perfect switching is a birth–death chain: π_k ∝ ρ^k / k!', () => {
    const lambda = 1e-3;
    const mttr = 20;
    const rho = lambda * mttr;
    const weights = [1, rho, (rho * rho) / 2, (rho * rho * rho) / 6];
    const total = weights.reduce((a, b) => a + b, 0);
    const r = standbySteadyState(group(identical(3, lambda, mttr)))!;
    expect(r.states).toBe(4);
    expect(relErr(r.unavailability, weights[3] / total)).toBeLessThan(1e-14);
    expect(relErr(r.frequency, (weights[2] / total) * lambda)).toBeLessThan(1e-14);
  });

  it('computes an unavailability of about 1e-18 to full precision (λ = 1e-6, mttr 1 h, 3 members)', () => {
    const lambda = 1e-6;
    const hot = standbySteadyState(group(identical(3, lambda, 1), { dormancy: 1 }))!;
    const q = lambda / (1 + lambda);
    expect(relErr(hot.unavailability, q * q * q)).toBeLessThan(1e-14);
    expect(hot.unavailability).toBeLessThan(1.01e-18);
    expect(hot.availability).toBe(1);
    const cold = standbySteadyState(group(identical(3, lambda, 1)))!;
    const rho = lambda;
    const exactCold = (rho ** 3 / 6) / (1 + rho + rho ** 2 / 2 + rho ** 3 / 6);
    expect(relErr(cold.unavailability, exactCold)).toBeLessThan(1e-14);
  });

  it('solves ten identical members as a 33-state lumped chain, down to 1e-60', () => {
    const lambda = 1e-6;
    const r = standbySteadyState(group(identical(10, lambda, 1), { dormancy: 1, failover: 0.01, coverage: 1 }))!;
    expect(r.states).toBeLessThanOrEqual(33);
    expect(r.method).toBe('gth');
    // The switching states make it differ from q^10, but it must stay positive and tiny.
    expect(r.unavailability).toBeGreaterThan(0);
    const perfect = standbySteadyState(group(identical(10, lambda, 1), { dormancy: 1 }))!;
    expect(relErr(perfect.unavailability, (lambda / (1 + lambda)) ** 10)).toBeLessThan(1e-13);
  });
});

describe('standby steady state: hand-written chains for failover > 0 and coverage < 1', () => {
  const cases = [
    { lA: 1e-3, lB: 2e-3, muA: 1 / 8, muB: 1 / 5, d: 0.2, c: 0.9, failover: 0.05 },
    { lA: 0.2, lB: 0.05, muA: 0.5, muB: 1, d: 1, c: 0.5, failover: 2 },
    { lA: 1e-4, lB: 1e-4, muA: 1, muB: 0.25, d: 0, c: 0.99, failover: 1 / 120 },
    { lA: 1e-3, lB: 5e-4, muA: 0.1, muB: 0.2, d: 0.5, c: 0.8, failover: 0 },
    { lA: 1e-3, lB: 5e-4, muA: 0.1, muB: 0.2, d: 0, c: 0, failover: 0 },
  ];
  for (const p of cases) {
    it(`matches Gaussian elimination to 1e-12 for ${JSON.stringify(p)}`, () => {
      const members: StandbyMember[] = [
        { name: 'A', rate: p.lA, mttr: 1 / p.muA },
        { name: 'B', rate: p.lB, mttr: 1 / p.muB },
      ];
      const r = standbySteadyState({ members, failover: p.failover, coverage: p.c, dormancy: p.d })!;
      const hand = handChain(p);
      expect(relErr(r.unavailability, hand.unavailability)).toBeLessThan(1e-12);
      expect(relErr(r.frequency, hand.frequency)).toBeLessThan(1e-12);
      expect(Math.abs(r.availability + r.unavailability - 1)).toBeLessThan(1e-15);
    });
  }
});

describe('standby steady state: large groups', () => {
  const heterogeneous = (n: number): StandbyMember[] =>
    Array.from({ length: n }, (_, i) => ({ name: `m${i}`, rate: 1e-4 * (1 + i), mttr: 5 + i }));

  it('solves ten different hot members (5,121 states) iteratively, matching independence to 1e-12', () => {
    const members = heterogeneous(10);
    const r = standbySteadyState(group(members, { dormancy: 1 }))!;
    expect(r.states).toBe(10 * 512 + 1); // every (failed set, active member) and (all failed, down)
    expect(r.method).toBe('gauss-seidel');
    expect(r.converged).toBe(true);
    const q = members.map((m) => (m.rate * m.mttr!) / (1 + m.rate * m.mttr!));
    expect(relErr(r.unavailability, q.reduce((a, b) => a * b, 1))).toBeLessThan(1e-12);
  });

  it('agrees with exact GTH on a 447-state chain solved iteratively', () => {
    const params: StandbyParams = { members: heterogeneous(6), failover: 0.01, coverage: 0.99, dormancy: 0.5 };
    const { states, targets, rates } = availabilityChain(params);
    const n = states.length;
    expect(n).toBe(447);
    const iterative = limitingDistribution({ size: n, targets, rates }, 0);
    expect(iterative.method).toBe('gauss-seidel');
    const dense = new Float64Array(n * n);
    targets.forEach((row, s) => row.forEach((t, e) => (dense[s * n + t] = rates[s][e])));
    const exact = gthDense(n, dense) as Float64Array;
    for (let s = 0; s < n; s++) expect(relErr(iterative.pi[s], exact[s])).toBeLessThan(1e-12);
  });

  it('solves ten members with failover and coverage on the full 11,263-state chain as exactly as the lumped one', () => {
    // Rates differing in the last bit defeat the lumping of identical members:
    // the full chain (Gauss–Seidel) must agree with the 33-state lumped chain (GTH).
    const base = 2e-4;
    const nudged = base * (1 + Number.EPSILON);
    const full = Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, rate: i % 2 === 0 ? base : nudged, mttr: 6 }));
    const params = { failover: 0.01, coverage: 0.99, dormancy: 0.5 };
    const r = standbySteadyState({ members: full, ...params })!;
    expect(r.states).toBe(11263);
    expect(r.method).toBe('gauss-seidel');
    expect(r.converged).toBe(true);
    const lumped = standbySteadyState({ members: identical(10, base, 6), ...params })!;
    expect(lumped.states).toBeLessThanOrEqual(33);
    expect(lumped.method).toBe('gth');
    expect(relErr(r.unavailability, lumped.unavailability)).toBeLessThan(1e-12);
    expect(relErr(r.frequency, lumped.frequency)).toBeLessThan(1e-12);
  });
});

describe('standby steady state: edge cases', () => {
  it('has no availability when a member has no MTTR', () => {
    expect(standbySteadyState(group([{ name: 'a', rate: 1e-3, mttr: 1 }, { name: 'b', rate: 1e-3, mttr: undefined }]))).toBeUndefined();
  });

  it('is never down when the primary never fails', () => {
    const r = standbySteadyState(group([{ name: 'a', rate: 0, mttr: 1 }, { name: 'b', rate: 1e-3, mttr: 1 }], { dormancy: 1 }))!;
    expect(r.unavailability).toBe(0);
    expect(r.frequency).toBe(0);
    expect(r.availability).toBe(1);
  });

  it('settles on the first spare that never fails, and is then never down', () => {
    // a fails; b, tried first, never fails: b ends up holding the group for good.
    const members: StandbyMember[] = [
      { name: 'a', rate: 1e-2, mttr: 1 },
      { name: 'b', rate: 0, mttr: 1 },
      { name: 'c', rate: 0, mttr: 2 },
    ];
    const r = standbySteadyState({ members, failover: 0, coverage: 0.9, dormancy: 1 })!;
    expect(r.unavailability).toBe(0);
  });

  it('treats an MTTR of 0 as an instant repair: a failed switch-over costs no downtime', () => {
    const r = standbySteadyState(group(identical(2, 1e-3, 0), { coverage: 0.5 }))!;
    expect(r.unavailability).toBe(0);
    expect(r.frequency).toBe(0);
  });

  it('with coverage 0 keeps the spare idle: the group is down for every repair of the primary', () => {
    // Cold spare never used: A alone, U = λ·mttr/(1 + λ·mttr).
    const r = standbySteadyState(group([{ name: 'a', rate: 1e-3, mttr: 10 }, { name: 'b', rate: 1e-3, mttr: 10 }], { coverage: 0 }))!;
    expect(relErr(r.unavailability, 1e-2 / 1.01)).toBeLessThan(1e-14);
  });
});
