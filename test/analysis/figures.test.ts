import { describe, expect, it } from 'vitest';
import { analyzeText, relativeError } from '../support/analyze-text';

/**
 * System figures from `.ft` text, checked against independent answers:
 * closed forms, hand-solved chains and brute-force enumeration.
 */

const binomial = (n: number, k: number): number => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
};

/** P(at least k of n independent events with probability q). */
const atLeast = (k: number, n: number, q: number): number => {
  let sum = 0;
  for (let j = k; j <= n; j++) sum += binomial(n, j) * q ** j * (1 - q) ** (n - j);
  return sum;
};

describe('closed forms', () => {
  it('n replicas that must all work fail with 1 − (1 − p)^n', () => {
    const { system } = analyzeText(`
      system s { needs c }
      component c { probability 0.01  replicas 7  quorum 7 }`);
    const expected = -Math.expm1(7 * Math.log1p(-0.01));
    expect(relativeError(system.unavailability, expected)).toBeLessThan(1e-12);
    expect(relativeError(system.unreliability, expected)).toBeLessThan(1e-12);
  });

  it('k of n repairable replicas: the binomial sum over q = MTTR / (MTBF + MTTR)', () => {
    const { system } = analyzeText(`
      system s { needs c }
      component c { mtbf 1000h  mttr 10h  replicas 5  quorum 3 }`);
    const q = 10 / 1010;
    expect(relativeError(system.unavailability, atLeast(3, 5, q))).toBeLessThan(1e-12);
    expect(system.tolerance).toBe(2);
    expect(system.spofs).toEqual([]);
  });

  it('the bridge network with R = 0.9 each has R = 0.97848', () => {
    const { system } = analyzeText(`
      system s { needs bridge }
      component a { probability 0.1 }
      component b { probability 0.1 }
      component c { probability 0.1 }
      component d { probability 0.1 }
      component e { probability 0.1 }
      group bridge = parallel(series(a, d), series(b, e), series(a, c, e), series(b, c, d))`);
    expect(relativeError(system.reliability, 0.97848)).toBeLessThan(1e-12);
    expect(relativeError(system.unreliability, 0.02152)).toBeLessThan(1e-10);
    expect(system.cutSetCount).toBe(4n);
    expect(system.tolerance).toBe(1);
  });

  it('an exponential series has MTTF 1/(λ1 + λ2), a parallel pair 1.5/λ', () => {
    const series = analyzeText(`
      system s { needs a, b }
      component a { rate 1e-3/h }
      component b { rate 3e-3/h }`).system;
    expect(relativeError(series.mttf, 250)).toBeLessThan(1e-8);
    const pair = analyzeText(`
      system s { needs g }
      component a { rate 1e-3/h }
      component b { rate 1e-3/h }
      group g = parallel(a, b)`).system;
    expect(relativeError(pair.mttf, 1500)).toBeLessThan(1e-8);
  });

  it('a Weibull component has MTTF = scale·Γ(1 + 1/shape)', () => {
    const { system } = analyzeText(`
      system s { needs w }
      component w { weibull shape 2 scale 1000h }`);
    expect(relativeError(system.mttf, 1000 * 0.886226925452758)).toBeLessThan(1e-8);
  });

  it('reliability over the mission is exp(−λt), and --mission replaces the mission', () => {
    const text = `
      system s { needs a  mission 1000h }
      component a { rate 1e-4/h }`;
    expect(relativeError(analyzeText(text).system.reliability, Math.exp(-0.1))).toBeLessThan(1e-12);
    const overridden = analyzeText(text, {}, 2000);
    expect(overridden.analysis.mission).toBe(2000);
    expect(relativeError(overridden.system.reliability, Math.exp(-0.2))).toBeLessThan(1e-12);
  });
});

describe('outages', () => {
  it('one repairable component fails λ(1 − q) times per hour and each outage lasts its MTTR', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { mtbf 1000h  mttr 10h }`);
    const q = 10 / 1010;
    expect(relativeError(system.outagesPerYear, (1 / 1000) * (1 - q) * 8760)).toBeLessThan(1e-12);
    expect(relativeError(system.meanOutage, 10)).toBeLessThan(1e-12);
    expect(relativeError(system.downtime, q * 8760)).toBeLessThan(1e-12);
  });

  it('restart recovery shortens the repair: MTTR\' = P·T + (1 − P)·MTTR', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { mtbf 1000h  mttr 10h  recovery restart 6min coverage 90% }`);
    const mttr = 0.9 * 0.1 + 0.1 * 10;
    expect(relativeError(system.unavailability, mttr / (1000 + mttr))).toBeLessThan(1e-12);
  });

  it('retry masks a share of failures: λ\' = (1 − P)·λ', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { rate 1e-3/h  mttr 10h  recovery retry coverage 50% }`);
    const lambda = 0.5e-3;
    expect(relativeError(system.unavailability, (lambda * 10) / (1 + lambda * 10))).toBeLessThan(1e-12);
  });
});

describe('shared dependencies', () => {
  it('replicas that all need one cache and each their zone match brute-force enumeration', () => {
    const { system } = analyzeText(`
      system s { needs app }
      component zone { probability 0.02  replicas 3 }
      component cache { probability 0.001 }
      component app { probability 0.05  replicas 3  quorum 2  needs cache  needs each zone }`);
    // Enumerate the 7 events: app[1..3], zone[1..3], cache.
    const q = [0.05, 0.05, 0.05, 0.02, 0.02, 0.02, 0.001];
    let failure = 0;
    for (let mask = 0; mask < 1 << 7; mask++) {
      let p = 1;
      for (let i = 0; i < 7; i++) p *= mask & (1 << i) ? q[i]! : 1 - q[i]!;
      const cacheDown = (mask & (1 << 6)) !== 0;
      let working = 0;
      for (let i = 0; i < 3; i++) if (!(mask & (1 << i)) && !(mask & (1 << (i + 3)))) working++;
      if (cacheDown || working < 2) failure += p;
    }
    expect(relativeError(system.unavailability, failure)).toBeLessThan(1e-12);
    expect(system.spofs).toEqual(['cache']);
    expect(system.tolerance).toBe(0);
  });

  it('counts a dependency shared by two branches once, unlike series-parallel calculators', () => {
    const { system } = analyzeText(`
      system s { needs g }
      component db { probability 0.01 }
      component a { probability 0.1  needs db }
      component b { probability 0.1  needs db }
      group g = parallel(a, b)`);
    // Exact: db fails, or both a and b fail.
    expect(relativeError(system.unavailability, 0.01 + 0.99 * 0.01)).toBeLessThan(1e-12);
  });
});

describe('standby groups', () => {
  const pair = (options: string, law = 'rate 5e-4/h', mission = '730h'): string => `
    system s { needs g  mission ${mission} }
    component p { ${law} }
    component b { ${law} }
    group g = standby(p, b) { ${options} }`;

  it('cold standby with 95% switch-over coverage: R(730 h) = 0.934909', () => {
    expect(analyzeText(pair('coverage 95%')).system.reliability).toBeCloseTo(0.934909, 6);
  });

  it('cold standby with a perfect switch: R(730 h) = 0.947578', () => {
    expect(analyzeText(pair('')).system.reliability).toBeCloseTo(0.947578, 6);
  });

  it('warm standby with dormancy 0.3 and λ = 0.5/h has MTTF 46/13 h', () => {
    expect(relativeError(analyzeText(pair('dormancy 0.3', 'rate 0.5/h')).system.mttf, 46 / 13)).toBeLessThan(1e-9);
  });

  it('two repairable units (λ = 1e-3, μ = 0.1), hot, perfect, instant: A = 0.99990197', () => {
    const { system } = analyzeText(pair('dormancy 1', 'rate 1e-3/h  mttr 10h'));
    expect(system.availability).toBeCloseTo(0.99990197, 8);
    // It equals two units in parallel with independent repair.
    const parallel = analyzeText(`
      system s { needs g }
      component p { rate 1e-3/h  mttr 10h }
      component b { rate 1e-3/h  mttr 10h }
      group g = parallel(p, b)`).system;
    expect(relativeError(system.unavailability, parallel.unavailability!)).toBeLessThan(1e-9);
  });

  it('is one event that never yields a SPOF and counts as its members for tolerance', () => {
    const { system } = analyzeText(pair('failover 30s  coverage 99%', 'mtbf 30000h  mttr 2h'));
    expect(system.spofs).toEqual([]);
    expect(system.tolerance).toBe(1);
    expect(system.cutSets[0]!.events).toEqual(['b', 'p']);
  });
});

describe('common cause (beta factor)', () => {
  it('splits each replica\'s rate into (1 − β)λ of its own and βλ common', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { rate 1e-3/h  mttr 10h  replicas 2  ccf beta 0.1 }`);
    const q = (lambda: number): number => (lambda * 10) / (1 + lambda * 10);
    const own = q(0.9e-3);
    const common = q(0.1e-3);
    expect(relativeError(system.unavailability, common + (1 - common) * own * own)).toBeLessThan(1e-12);
    expect(system.commonCauseSpofs).toEqual(['ccf(a)']);
    expect(system.spofs).toEqual([]);
    expect(system.tolerance).toBe(1);
  });

  it('on a group covers every instance reached through its expression', () => {
    const { system } = analyzeText(`
      system s { needs g }
      component x { probability 0.01 }
      component y { probability 0.01 }
      group g = parallel(x, y) { ccf beta 0.2 }`);
    const own = 0.8 * 0.01;
    const common = 0.2 * 0.01;
    expect(relativeError(system.unavailability, common + (1 - common) * own * own)).toBeLessThan(1e-12);
  });
});

describe('precision', () => {
  it('keeps a 1e-15 unavailability to 1e-9 relative error', () => {
    const { system } = analyzeText(`
      system s { needs g }
      component a { probability 0.00001 }
      component b { probability 0.00001 }
      component c { probability 0.00001 }
      group g = parallel(a, b, c)`);
    expect(relativeError(system.unavailability, 1e-15)).toBeLessThan(1e-9);
    expect(system.availability).toBe(1 - 1e-15);
  });

  it('reads an availability of 99.9999999999999% as q = 1e-15 exactly', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { availability 99.9999999999999% }`);
    expect(relativeError(system.unavailability, 1e-15)).toBeLessThan(1e-9);
  });
});

describe('importance', () => {
  it('gives Birnbaum, Fussell–Vesely, RAW and RRW by their definitions', () => {
    const { system } = analyzeText(`
      system s { needs a, g }
      component a { probability 0.01 }
      component b { probability 0.1 }
      component c { probability 0.2 }
      group g = parallel(b, c)`);
    const Q = 1 - 0.99 * (1 - 0.02);
    const row = (name: string) => system.importance.find((r) => r.event === name)!;
    // a: Q(qa=1) = 1, Q(qa=0) = 0.02.
    expect(relativeError(row('a').birnbaum, 1 - 0.02)).toBeLessThan(1e-12);
    expect(relativeError(row('a').raw, 1 / Q)).toBeLessThan(1e-12);
    expect(relativeError(row('a').rrw, Q / 0.02)).toBeLessThan(1e-12);
    expect(relativeError(row('a').fussellVesely, (Q - 0.02) / Q)).toBeLessThan(1e-12);
    // b: Q(qb=1) = 1 − 0.99·0.8, Q(qb=0) = 0.01.
    expect(relativeError(row('b').birnbaum, 1 - 0.99 * 0.8 - 0.01)).toBeLessThan(1e-12);
  });

  it('reports an infinite RRW as null', () => {
    const { system } = analyzeText(`
      system s { needs a }
      component a { probability 0.01 }`);
    expect(system.importance[0]!.rrw).toBeNull();
    expect(system.importance[0]!.raw).toBe(100);
  });
});

describe('availability needs repair data', () => {
  it('is null, with a warning naming the component, when a time-based law has no mttr', () => {
    const { system, diagnostics } = analyzeText(`
      system s { needs a, b }
      component a { mtbf 1000h  mttr 1h }
      component b { mtbf 1000h }`);
    expect(system.availability).toBeNull();
    expect(system.outagesPerYear).toBeNull();
    expect(system.reliability).not.toBeNull();
    expect(diagnostics.some((d) => d.code === 'no-availability' && d.message.includes("'b'"))).toBe(true);
  });

  it('is null for MTTF when the system can work on fixed laws for ever', () => {
    const { system } = analyzeText(`
      system s { needs g }
      component a { probability 0.1 }
      component b { rate 1e-3/h }
      group g = parallel(a, b)`);
    expect(system.mttf).toBeNull();
  });
});

describe('requirements', () => {
  it('pass or fail against the computed figure, with the actual value', () => {
    const { analysis, diagnostics } = analyzeText(`
      system s {
        needs a
        require availability >= 99%
        require tolerance >= 1
      }
      component a { mtbf 1000h  mttr 1h }`);
    expect(analysis.requirements.map((r) => r.ok)).toEqual([true, false]);
    expect(analysis.requirements[1]!.actual).toBe(0);
    const failed = diagnostics.filter((d) => d.code === 'requirement-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toBe('requirement not met: tolerance >= 1, but tolerance is 0');
  });
});

describe('library models', () => {
  it('have no system figures but still per-element figures', () => {
    const { analysis } = analyzeText(`component a { mtbf 1000h  mttr 10h }`);
    expect(analysis.system).toBeNull();
    expect(analysis.requirements).toEqual([]);
    expect(relativeError(analysis.elements.get('a')!.unavailability, 10 / 1010)).toBeLessThan(1e-12);
  });
});

describe('per-element figures', () => {
  it('give "works" with needs included, and `own` for the element alone', () => {
    const { analysis } = analyzeText(`
      system s { needs app }
      component db { probability 0.01 }
      component app { probability 0.1  replicas 2  needs db }
      group pair = parallel(app, db) { needs db }`);
    const app = analysis.elements.get('app')!;
    expect(relativeError(app.own.unavailability, 0.01)).toBeLessThan(1e-12); // both replicas down
    expect(relativeError(app.unavailability, 0.01 + 0.99 * 0.01)).toBeLessThan(1e-12); // or the database
    const pair = analysis.elements.get('pair')!;
    // Alone: the expression (members with their needs); with needs: also the group's own need.
    expect(relativeError(pair.own.unavailability, 0.01)).toBeLessThan(1e-12);
    expect(relativeError(pair.unavailability, 0.01)).toBeLessThan(1e-12);
  });
});

describe('cut-set order', () => {
  it('uses steady-state unavailability, or unreliability at the mission when some event has no repair', () => {
    const repairable = analyzeText(`
      system s { needs a, b }
      component a { mtbf 1000h  mttr 10h }
      component b { mtbf 100000h  mttr 100h }`).system;
    expect(repairable.cutSetBasis).toBe('unavailability');
    expect(repairable.cutSets.map((c) => c.events[0])).toEqual(['a', 'b']);
    const notRepairable = analyzeText(`
      system s { needs a, b  mission 1000h }
      component a { mtbf 1000h }
      component b { mtbf 100h }`).system;
    expect(notRepairable.cutSetBasis).toBe('unreliability');
    expect(notRepairable.cutSets.map((c) => c.events[0])).toEqual(['b', 'a']);
    expect(relativeError(notRepairable.cutSets[0]!.probability, -Math.expm1(-10))).toBeLessThan(1e-12);
  });

  it('breaks probability ties by size, then by names in natural order', () => {
    const { system } = analyzeText(`
      system s { needs app }
      component app { probability 0.1  replicas 12  quorum 11 }`);
    expect(system.cutSets[0]!.events).toEqual(['app[1]', 'app[2]']);
    expect(system.cutSets[1]!.events).toEqual(['app[1]', 'app[3]']);
    expect(system.cutSets.length).toBe(66);
  });
});
