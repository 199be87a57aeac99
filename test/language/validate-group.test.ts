import { describe, expect, it } from 'vitest';
import { element, load, only, show, shown, shownAll } from './validate-support';

const members = `component a { mtbf 100h mttr 1h }
component b { mtbf 100h mttr 1h }
component c { mtbf 100h mttr 1h }`;

describe('k of (…)', () => {
  it('keeps 1 ≤ k ≤ n', () => {
    const model = load(`group g = 4 of (a, b, c)\n${members}`);
    const d = only(model, 'kofn-range');
    expect(show(model, d)).toMatchObject({
      message: "in 'k of (…)' k must be between 1 and 3, the number of members (got 4)",
      at: '1:11-1:12',
      text: '4',
    });
    expect(shown(load(`group g = 0 of (a, b, c)\n${members}`), 'kofn-range').map((x) => x.text)).toEqual(['0']);
  });

  it('resolves k and its members', () => {
    const model = load(`group g = 2 of (a, b, parallel(c, a))\n${members}`);
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'g', 'group').body).toEqual({
      kind: 'expr',
      expr: {
        kind: 'kofn',
        k: 2,
        members: [
          { kind: 'ref', name: 'a' },
          { kind: 'ref', name: 'b' },
          { kind: 'parallel', members: [{ kind: 'ref', name: 'c' }, { kind: 'ref', name: 'a' }] },
        ],
      },
    });
  });

  it('wants a whole number for k', () => {
    const model = load(`group g = 1.5 of (a, b)\n${members}`);
    expect(shown(model, 'not-an-integer').map((d) => d.message)).toEqual(['expected a whole number, not 1.5']);
  });
});

describe('a member listed twice in one combinator', () => {
  it('is a warning at the repeat, pointing at the first', () => {
    const model = load(`group g = 2 of (a, b, a)\n${members}`);
    const d = only(model, 'duplicate-member');
    expect(show(model, d)).toMatchObject({ severity: 'warning', message: "'a' is listed twice in k of (…)", at: '1:23-1:24' });
    expect(d.related?.[0]?.span).toEqual({ start: 16, end: 17 });
    expect(model.hasErrors).toBe(false);
  });

  it('is a warning in series and parallel too', () => {
    const model = load(`group g = parallel(a, series(b, b))\n${members}`);
    expect(shown(model, 'duplicate-member').map((d) => [d.severity, d.message])).toEqual([['warning', "'b' is listed twice in series(…)"]]);
  });
});

describe('standby groups', () => {
  it('resolve with their defaults: failover 0, coverage 1, dormancy 0', () => {
    const model = load(`group g = standby(a, b, c)\n${members}`);
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'g', 'group').body).toEqual({
      kind: 'standby',
      standby: { members: ['a', 'b', 'c'], failover: 0, coverage: 1, dormancy: 0 },
    });
  });

  it('read failover, coverage and dormancy', () => {
    const model = load(`group g = standby(a, b) { failover 2min coverage 95% dormancy 0.1 }\n${members}`);
    expect(element(model, 'g', 'group').body).toEqual({
      kind: 'standby',
      standby: { members: ['a', 'b'], failover: 2 / 60, coverage: 0.95, dormancy: 0.1 },
    });
  });

  it('are only the whole right-hand side of a group (reported by the parser)', () => {
    const model = load(`group g = parallel(a, standby(b, c))\n${members}`);
    expect(shown(model, 'standby-position')).toHaveLength(1);
  });

  it('take only components as members', () => {
    const model = load(`group g = standby(a, h)\ngroup h = parallel(b, c)\n${members}`);
    expect(show(model, only(model, 'standby-member-kind'))).toMatchObject({
      message: "standby members must be components; 'h' is a group",
      at: '1:22-1:23',
    });
  });

  it('take only members with exponential laws', () => {
    const model = load(`group g = standby(a, w, p, n, v)
component a { mtbf 100h mttr 1h }
component w { weibull shape 2 scale 100h mttr 1h }
component p { probability 0.01 }
component n { }
component v { availability 99% }`);
    expect(shown(model, 'standby-member-law').map((d) => [d.message, d.at])).toEqual([
      ["standby member 'w' needs an exponential law (mtbf, mttf, rate, fit, or availability with mttr); it has 'weibull'", '1:22-1:23'],
      ["standby member 'p' needs an exponential law (mtbf, mttf, rate, fit, or availability with mttr); it has 'probability'", '1:25-1:26'],
      ["standby member 'n' needs an exponential law (mtbf, mttf, rate, fit, or availability with mttr); it has no failure law", '1:28-1:29'],
      ["standby member 'v' needs an exponential law (mtbf, mttf, rate, fit, or availability with mttr); it has 'availability' without mttr", '1:31-1:32'],
    ]);
  });

  it('accept availability with mttr as an exponential law, and rate and fit', () => {
    const model = load(`group g = standby(a, b, c)
component a { availability 99.9% mttr 1h }
component b { rate 1e-3/h mttr 1h }
component c { fit 5000 mttr 1h }`);
    expect(shownAll(model)).toEqual([]);
  });

  it('take no members with needs or replicas', () => {
    const model = load(`group g = standby(a, b)
component a { mtbf 100h mttr 1h needs c }
component b { mtbf 100h mttr 1h replicas 2 }
component c { mtbf 100h mttr 1h }`);
    expect(shown(model, 'standby-member-needs').map((d) => [d.message, d.at])).toEqual([
      ["standby member 'a' cannot have 'needs' (put them on the group)", '1:19-1:20'],
    ]);
    expect(shown(model, 'standby-member-replicas').map((d) => [d.message, d.at])).toEqual([
      ["standby member 'b' cannot have replicas", '1:22-1:23'],
    ]);
  });

  it('take members used in no other expression anywhere', () => {
    const model = load(`system s { needs g, a, c }
group g = standby(a, b)
${members}`);
    const d = only(model, 'standby-member-shared');
    expect(show(model, d)).toMatchObject({
      message: "standby member 'a' of 'g' cannot be used anywhere else (it is used 1 more time)",
      at: '2:19-2:20',
    });
    expect(d.related?.map((r) => r.span)).toEqual([{ start: 20, end: 21 }]);
    const twoGroups = load(`group g = standby(a, b)\ngroup h = standby(b, c)\n${members}`);
    expect(shown(twoGroups, 'standby-member-shared').map((x) => [x.message, x.at])).toEqual([
      ["standby member 'b' of 'g' cannot be used anywhere else (it is used 1 more time)", '1:22-1:23'],
      ["standby member 'b' of 'h' cannot be used anywhere else (it is used 1 more time)", '2:19-2:20'],
    ]);
  });

  it('reject a member listed twice as an error', () => {
    const model = load(`group g = standby(a, b, a)\n${members}`);
    expect(shown(model, 'duplicate-member').map((d) => [d.severity, d.message, d.at])).toEqual([
      ['error', "'a' is listed twice in standby(…)", '1:25-1:26'],
    ]);
  });

  it('have at most 10 members', () => {
    const standby = (n: number) => {
      const names = Array.from({ length: n }, (_, i) => `m${i}`);
      return { names, text: `group g = standby(${names.join(', ')})\n${names.map((m) => `component ${m} { mtbf 10h mttr 1h }`).join('\n')}` };
    };
    const { names, text } = standby(11);
    const model = load(text);
    expect(show(model, only(model, 'standby-too-many'))).toMatchObject({
      message: 'a standby group has at most 10 members (got 11)',
      text: `standby(${names.join(', ')})`,
      at: `1:11-1:${11 + 'standby()'.length + names.join(', ').length}`,
    });
    expect(shownAll(load(standby(10).text))).toEqual([]);
  });

  it('cannot have ccf', () => {
    const model = load(`group g = standby(a, b) { ccf beta 10% }\n${members}`);
    expect(show(model, only(model, 'ccf-on-standby'))).toMatchObject({
      message: "'ccf' cannot be set on a standby group (its members fail through the standby logic; put the common cause elsewhere)",
      text: 'ccf beta 10%',
      at: '1:27-1:39',
    });
    expect(element(model, 'g', 'group').ccfBeta).toBeUndefined();
  });
});

describe('standby options on other groups', () => {
  it('are errors', () => {
    const model = load(`group g = parallel(a, b) { failover 30s coverage 99% dormancy 0 }\n${members}`);
    expect(shown(model, 'standby-option').map((d) => [d.message, d.text, d.at])).toEqual([
      ["'failover' applies only to standby groups ('group x = standby(a, b)')", 'failover 30s', '1:28-1:40'],
      ["'coverage' applies only to standby groups ('group x = standby(a, b)')", 'coverage 99%', '1:41-1:53'],
      ["'dormancy' applies only to standby groups ('group x = standby(a, b)')", 'dormancy 0', '1:54-1:64'],
    ]);
  });
});

describe('group items', () => {
  it('resolve needs, ccf and accept spof', () => {
    const model = load(`group g = parallel(a, b) { needs c  ccf beta 5%  accept spof "reviewed" }\n${members}`);
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'g', 'group')).toMatchObject({
      needs: [{ kind: 'expr', expr: { kind: 'ref', name: 'c' } }],
      ccfBeta: 0.05,
      acceptSpof: 'reviewed',
    });
  });

  it("reject 'needs each' on a group, suggesting a plain needs", () => {
    const model = load(`group g = parallel(a, b) { needs each c }\n${members}`);
    const d = only(model, 'needs-each-replicas');
    expect(show(model, d)).toMatchObject({
      message: "'needs each' pairs the replicas of a component; a group has none (write 'needs c')",
      text: 'each c',
      at: '1:34-1:40',
    });
  });

  it('report repeated items', () => {
    const model = load(`group g = standby(a, b) { failover 1s failover 2s }\n${members}`);
    expect(shown(model, 'duplicate-item').map((d) => [d.message, d.text])).toEqual([["'failover' is given twice in group 'g'", 'failover 2s']]);
  });
});
