import { describe, expect, it } from 'vitest';
import { integrateToInfinity } from '../../server/src/analysis/numeric/quadrature';
import { type StandbyMember, type StandbyParams, standbyReliability } from '../../server/src/analysis/standby';

const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

const identical = (n: number, rate: number): StandbyMember[] =>
  Array.from({ length: n }, (_, i) => ({ name: `u${i + 1}`, rate, mttr: undefined }));

const group = (members: StandbyMember[], extra: Partial<StandbyParams> = {}): StandbyParams => ({
  members,
  failover: 0,
  coverage: 1,
  dormancy: 0,
  ...extra,
});

describe('standby reliability: two identical cold units, R(t) = e^{−λt}(1 + c·λt)', () => {
  const lambda = 5e-4;

  it('gives R(730 h) = 0.934909 with coverage 95%', () => {
    const r = standbyReliability(group(identical(2, lambda), { coverage: 0.95 }));
    expect(r.reliability(730).toFixed(6)).toBe('0.934909');
    expect(relErr(r.reliability(730), Math.exp(-lambda * 730) * (1 + 0.95 * lambda * 730))).toBeLessThan(1e-14);
  });

  it('gives R(730 h) = 0.947578 with a perfect switch', () => {
    const r = standbyReliability(group(identical(2, lambda)));
    expect(r.reliability(730).toFixed(6)).toBe('0.947578');
  });

  it('follows the closed form at every time, for every coverage, with F computed on its own', () => {
    for (const coverage of [0, 0.5, 0.95, 1]) {
      const r = standbyReliability(group(identical(2, lambda), { coverage }));
      for (const t of [1, 100, 730, 8760, 50000]) {
        const x = lambda * t;
        expect(relErr(r.reliability(t), Math.exp(-x) * (1 + coverage * x))).toBeLessThan(1e-13);
        expect(Math.abs(r.reliability(t) + r.unreliability(t) - 1)).toBeLessThan(1e-14);
      }
      expect(relErr(r.mttf, (1 + coverage) / lambda)).toBeLessThan(1e-15);
    }
  });

  it('keeps F precise when it is about 1e-19 (no 1 − R)', () => {
    const r = standbyReliability(group(identical(2, lambda)));
    const x = lambda * 1e-6; // 5e-10
    // 1 − e^{−x}(1 + x) = x²/2 − x³/3 + x⁴/8 − …
    const exact = (x * x) / 2 - (x * x * x) / 3 + (x * x * x * x) / 8;
    expect(relErr(r.unreliability(1e-6), exact)).toBeLessThan(1e-13);
  });
});

describe('standby reliability: warm and hot spares', () => {
  it('gives MTTF = 46/13 h for two warm units, λ = 0.5/h, dormancy 0.3', () => {
    const r = standbyReliability(group(identical(2, 0.5), { dormancy: 0.3 }));
    expect(relErr(r.mttf, 46 / 13)).toBeLessThan(1e-15);
  });

  it('follows R(t) = e^{−λt}(1 + c·(1 − e^{−dλt})/d) for two warm units', () => {
    const [lambda, d, c] = [0.5, 0.3, 0.9];
    const r = standbyReliability(group(identical(2, lambda), { dormancy: d, coverage: c }));
    for (const t of [0.01, 1, 3, 10, 40]) {
      const exact = Math.exp(-lambda * t) * (1 + (c * -Math.expm1(-d * lambda * t)) / d);
      expect(relErr(r.reliability(t), exact)).toBeLessThan(1e-13);
    }
    expect(relErr(r.mttf, 1 / lambda + c / ((1 + d) * lambda))).toBeLessThan(1e-15);
  });

  it('is the two-unit parallel system when spares are hot and switching is perfect', () => {
    const lambda = 1e-3;
    const r = standbyReliability(group(identical(2, lambda), { dormancy: 1 }));
    for (const t of [10, 1000, 10000]) {
      const q = -Math.expm1(-lambda * t);
      expect(relErr(r.unreliability(t), q * q)).toBeLessThan(1e-13);
    }
    expect(relErr(r.mttf, 1.5 / lambda)).toBeLessThan(1e-15);
  });

  it('ignores failover time for reliability (rule 4)', () => {
    const a = standbyReliability(group(identical(2, 1e-3), { failover: 5 }));
    const b = standbyReliability(group(identical(2, 1e-3)));
    expect(a.reliability(1000)).toBe(b.reliability(1000));
    expect(a.mttf).toBe(b.mttf);
  });
});

describe('standby reliability: different members', () => {
  const members: StandbyMember[] = [
    { name: 'a', rate: 1e-3, mttr: undefined },
    { name: 'b', rate: 4e-4, mttr: undefined },
    { name: 'c', rate: 2e-3, mttr: undefined },
  ];
  const params = group(members, { dormancy: 0.2, coverage: 0.97 });

  it('has ∫₀^∞ R(t) dt (uniformisation + quadrature) equal to its MTTF (backward pass)', () => {
    const r = standbyReliability(params);
    const integral = integrateToInfinity((t) => r.reliability(t), { scale: 1000 });
    expect(integral.converged).toBe(true);
    expect(relErr(integral.value, r.mttf)).toBeLessThan(1e-10);
  });

  it('matches the cold-standby convolution for two different units', () => {
    // A then B, cold, coverage c: R = e^{−λa t} + c·λa/(λb − λa)·(e^{−λa t} − e^{−λb t}).
    const [la, lb, c] = [1e-3, 4e-4, 0.97];
    const r = standbyReliability(group([members[0], members[1]], { coverage: c }));
    for (const t of [100, 1000, 5000]) {
      const exact = Math.exp(-la * t) + ((c * la) / (lb - la)) * (Math.exp(-la * t) - Math.exp(-lb * t));
      expect(relErr(r.reliability(t), exact)).toBeLessThan(1e-12);
    }
    expect(relErr(r.mttf, 1 / la + c / lb)).toBeLessThan(1e-15);
  });

  it('handles ten different warm members', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, rate: 1e-4 * (1 + i), mttr: undefined }));
    const r = standbyReliability({ members: ten, failover: 0, coverage: 0.99, dormancy: 0.5 });
    const f = r.unreliability(8760);
    expect(f).toBeGreaterThan(0);
    expect(Math.abs(f + r.reliability(8760) - 1)).toBeLessThan(1e-14);
    const integral = integrateToInfinity((t) => r.reliability(t), { scale: 1000 });
    expect(relErr(integral.value, r.mttf)).toBeLessThan(1e-9);
  });
});

describe('standby reliability: limits and degenerate groups', () => {
  it('starts at R = 1 and tends to 0', () => {
    const r = standbyReliability(group(identical(3, 1e-2), { dormancy: 0.5 }));
    expect(r.reliability(0)).toBe(1);
    expect(r.unreliability(0)).toBe(0);
    expect(r.reliability(1e6)).toBe(0);
    expect(r.unreliability(1e6)).toBe(1);
    expect(r.unreliability(Infinity)).toBe(1);
  });

  it('has an infinite MTTF when a spare never fails, and fails for good only through a failed switch-over', () => {
    const r = standbyReliability(group([{ name: 'a', rate: 1e-3, mttr: undefined }, { name: 'b', rate: 0, mttr: undefined }], { coverage: 0.9 }));
    expect(r.mttf).toBe(Infinity);
    expect(relErr(r.unreliability(Infinity), 0.1)).toBeLessThan(1e-15);
    expect(relErr(r.reliability(Infinity), 0.9)).toBeLessThan(1e-15);
    expect(relErr(r.unreliability(1000), 0.1 * -Math.expm1(-1))).toBeLessThan(1e-13);
  });

  it('never fails when the primary never fails', () => {
    const r = standbyReliability(group([{ name: 'a', rate: 0, mttr: undefined }, { name: 'b', rate: 1, mttr: undefined }]));
    expect(r.unreliability(1e9)).toBe(0);
    expect(r.mttf).toBe(Infinity);
  });

  it('keeps a tiny R(t) relatively precise over hundreds of uniformisation steps', () => {
    const r = standbyReliability(group(identical(2, 1), { dormancy: 0.5 }));
    // Warm closed form with λ = 1, d = 0.5: R = e^{−t}(1 + 2(1 − e^{−t/2})).
    for (const t of [20, 600]) {
      const exact = Math.exp(-t) * (1 + 2 * -Math.expm1(-t / 2));
      expect(relErr(r.reliability(t), exact)).toBeLessThan(1e-11);
    }
    expect(r.reliability(600)).toBeLessThan(1e-250);
  });
});
