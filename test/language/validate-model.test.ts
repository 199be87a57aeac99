import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { element, load, shownAll } from './validate-support';

/** The spec's §1 example, verbatim. */
function specExample(): string {
  const spec = readFileSync('/work/shared/spec/language.md', 'utf8');
  const m = /```ft\n([\s\S]*?)```/.exec(spec);
  if (!m) throw new Error('spec example not found');
  return m[1]!;
}

describe('the spec §1 example', () => {
  const model = load(specExample());

  it('loads without any diagnostic', () => {
    expect(shownAll(model)).toEqual([]);
    expect(model.hasErrors).toBe(false);
  });

  it('has the system with its needs, mission and requirements', () => {
    expect(model.system?.name).toBe('checkout');
    expect(model.system?.label).toBe('Web shop checkout');
    expect(model.system?.needs).toEqual([
      { kind: 'ref', name: 'edge' },
      { kind: 'ref', name: 'app' },
      { kind: 'ref', name: 'db_ha' },
      { kind: 'ref', name: 'dns' },
    ]);
    expect(model.mission).toBe(8760);
    expect(model.defaultMttr).toBeUndefined();
    expect(model.system?.requirements.map((r) => [r.metric, r.op, r.target, r.targetText])).toEqual([
      ['availability', '>=', 0.9995, '99.95%'],
      ['outages', '<=', 4, '4/y'],
    ]);
  });

  it('converts mtbf to a rate and keeps mttr in hours', () => {
    const lb = element(model, 'lb_a', 'component');
    expect(lb.law).toEqual({ kind: 'exponential', rate: 1 / 50000 });
    expect(lb.mttr).toBe(1);
    expect(lb.replicas).toBe(1);
    expect(lb.quorum).toBe(1);
    expect(element(model, 'cache', 'component').mttr).toBe(10 / 60);
  });

  it("resolves app: rate, replicas, quorum, needs, and MTTR' with the restart (0.9·2min + 0.1·4h)", () => {
    const app = element(model, 'app', 'component');
    expect(app.label).toBe('App server');
    expect(app.law).toEqual({ kind: 'exponential', rate: 1.2e-4 });
    expect(app.replicas).toBe(3);
    expect(app.quorum).toBe(2);
    expect(app.needs).toEqual([
      { kind: 'expr', expr: { kind: 'ref', name: 'cache' } },
      { kind: 'each', name: 'zone' },
    ]);
    expect(app.recovery).toEqual({ restart: { time: 2 / 60, coverage: 0.9 } });
    expect(app.baseMttr).toBe(4);
    expect(app.mttr).toBeCloseTo(0.9 * (2 / 60) + 0.1 * 4, 15);
  });

  it('makes edge a parallel group and db_ha a standby group with its options', () => {
    expect(element(model, 'edge', 'group').body).toEqual({
      kind: 'expr',
      expr: { kind: 'parallel', members: [{ kind: 'ref', name: 'lb_a' }, { kind: 'ref', name: 'lb_b' }] },
    });
    expect(element(model, 'db_ha', 'group').body).toEqual({
      kind: 'standby',
      standby: { members: ['db_primary', 'db_replica'], failover: 30 / 3600, coverage: 0.99, dormancy: 0 },
    });
  });

  it('makes dns exponential with λ = (1 − A)/(A·R), 1 − A taken exactly from 99.99%', () => {
    const dns = element(model, 'dns', 'component');
    expect(dns.law).toEqual({ kind: 'exponential', rate: 1e-4 / (0.9999 * 1) });
    expect(dns.mttr).toBe(1);
    expect(dns.acceptSpof).toBe('provider SLA, reviewed 2026-10');
  });

  it('lists every component and group once, in declaration order', () => {
    expect([...model.elements.keys()]).toEqual([
      'lb_a', 'lb_b', 'edge', 'zone', 'app', 'cache', 'db_primary', 'db_replica', 'db_ha', 'dns',
    ]);
  });
});

describe('mission and default mttr', () => {
  it('uses the system mission, or one year without one', () => {
    expect(load('system s { needs a  mission 30d }\ncomponent a { mtbf 1000h mttr 1h }').mission).toBe(720);
    expect(load('system s { needs a }\ncomponent a { mtbf 1000h mttr 1h }').mission).toBe(8760);
  });

  it('lets missionOverride replace the mission everywhere', () => {
    const model = load('system s { needs a  mission 30d }\ncomponent a { mtbf 1000h mttr 1h }', {}, { missionOverride: 100 });
    expect(model.mission).toBe(100);
  });

  it('gives time-based laws without mttr the default mttr, and not fixed laws', () => {
    const model = load(`system s { needs a, w, p, v  default mttr 2h }
component a { rate 1e-3/h }
component w { weibull shape 2 scale 1000h }
component p { probability 0.01 }
component v { availability 99.9% }`);
    expect(shownAll(model)).toEqual([]);
    expect(model.defaultMttr).toBe(2);
    expect(element(model, 'a', 'component').mttr).toBe(2);
    expect(element(model, 'w', 'component').mttr).toBe(2);
    expect(element(model, 'p', 'component').mttr).toBeUndefined();
    expect(element(model, 'v', 'component').law).toEqual({ kind: 'fixed', q: 0.001 });
    expect(element(model, 'v', 'component').mttr).toBeUndefined();
  });
});

describe('laws in canonical units', () => {
  const model = load(`system s { needs a, b, c, d, e, f, g, h }
component a { mttf 2y mttr 1d }
component b { fit 500 mttr 1h }
component c { rate 3/y mttr 1h recovery retry coverage 90% }
component d { weibull scale 1000h shape 1.5 mttr 1h recovery retry coverage 0.25 }
component e { probability 1e-5 }
component f { availability 99.9999999999999% }
component g { mtbf 100h mttr 2h recovery retry coverage 50% recovery restart 6min coverage 80% }
component h "no law: never fails" { needs a }`);

  it('loads cleanly', () => {
    expect(shownAll(model)).toEqual([]);
  });

  it('reads mttf as mean up time and fit as failures per 1e9 hours', () => {
    expect(element(model, 'a', 'component').law).toEqual({ kind: 'exponential', rate: 1 / 17520 });
    expect(element(model, 'a', 'component').mttr).toBe(24);
    expect(element(model, 'b', 'component').law).toEqual({ kind: 'exponential', rate: 5e-7 });
  });

  it('folds retry into the rate: λ × (1 − P)', () => {
    const c = element(model, 'c', 'component');
    expect(c.law).toEqual({ kind: 'exponential', rate: (3 / 8760) * 0.1 });
    expect(c.recovery).toEqual({ retryCoverage: 0.9 });
    expect(c.mttr).toBe(1);
  });

  it('keeps the Weibull parameters and the retry factor', () => {
    expect(element(model, 'd', 'component').law).toEqual({ kind: 'weibull', shape: 1.5, scale: 1000, factor: 0.75 });
  });

  it('makes probability and availability without mttr fixed laws, 1 − A from the text', () => {
    expect(element(model, 'e', 'component').law).toEqual({ kind: 'fixed', q: 1e-5 });
    expect(element(model, 'f', 'component').law).toEqual({ kind: 'fixed', q: 1e-15 });
    expect(element(model, 'e', 'component').mttr).toBeUndefined();
  });

  it("applies retry first and restart to MTTR': 0.8·0.1h + 0.2·2h", () => {
    const g = element(model, 'g', 'component');
    expect(g.law).toEqual({ kind: 'exponential', rate: 0.005 });
    expect(g.recovery).toEqual({ retryCoverage: 0.5, restart: { time: 0.1, coverage: 0.8 } });
    expect(g.baseMttr).toBe(2);
    expect(g.mttr).toBeCloseTo(0.8 * 0.1 + 0.2 * 2, 15);
  });

  it('leaves a component without law with no law (it never fails)', () => {
    const h = element(model, 'h', 'component');
    expect(h.law).toBeUndefined();
    expect(h.mttr).toBeUndefined();
    expect(h.label).toBe('no law: never fails');
  });
});

describe('a root file without a system', () => {
  it('is a library: no system, elements still resolved, no unused-component warnings', () => {
    const model = load('component a { mtbf 10h mttr 1h }\ncomponent b { mtbf 10h mttr 1h }');
    expect(model.system).toBeUndefined();
    expect(model.elements.size).toBe(2);
    expect(shownAll(model)).toEqual([]);
  });
});

describe('loading never throws', () => {
  it('turns absurd values into errors: 1e400, -5, replicas 1000000, mtbf 0', () => {
    const model = load(`system s { needs a, b, c, d }
component a { rate 1e400/h mttr 1h }
component b { mtbf -5h mttr 1h }
component c { mtbf 10h mttr 1h replicas 1000000 }
component d { mtbf 0h mttr 1h }`);
    expect(shownAll(model).map((d) => [d.code, d.message, d.at])).toEqual([
      ['not-finite', "'1e400' is not a finite number", '2:20-2:27'],
      ['negative-value', 'values cannot be negative', '3:20-3:23'],
      ['replicas-range', 'replicas must be between 1 and 10,000 (got 1000000)', '4:41-4:48'],
      ['zero-value', 'mtbf must be greater than 0', '5:20-5:22'],
    ]);
    expect(model.hasErrors).toBe(true);
    expect(model.elements.size).toBe(4);
  });

  it('survives broken syntax, keeping what it can', () => {
    const model = load('system s { needs a b }\ncomponent a { mtbf }\ncomponent { }\ngroup g = \n');
    expect(model.hasErrors).toBe(true);
    expect(model.elements.has('a')).toBe(true);
  });
});
