import { describe, expect, it } from 'vitest';
import { element, load, only, show, shown, shownAll } from './validate-support';

/** A component alone in a library file (no system, so no unused-component warnings). */
function component(body: string, prefix = '') {
  return load(`${prefix}component c { ${body} }`);
}

/** Diagnostics as [code, message, underlined text, line:col-line:col]. */
function reported(model: ReturnType<typeof load>) {
  return shownAll(model).map((d) => [d.code, d.message, d.text, d.at]);
}

describe('quantities by keyword', () => {
  it("reports a duration keyword without unit as 'missing unit' (mtbf, mttr)", () => {
    const model = component('mtbf 5000 mttr 2');
    expect(shownAll(model).map((d) => [d.code, d.message, d.at])).toEqual([
      ['missing-unit', 'missing unit', '1:20-1:24'],
      ['missing-unit', 'missing unit', '1:30-1:31'],
    ]);
  });

  it("reports 'sec' with a suggestion, underlining only the unit", () => {
    const model = component('mtbf 1000h mttr 30sec');
    const d = only(model, 'unknown-unit');
    expect(show(model, d)).toMatchObject({ message: "unknown unit 'sec' (did you mean 's'?)", at: '1:33-1:36', text: 'sec' });
    expect(d.data).toEqual({ suggestion: 's' });
  });

  it("reports 'm' as unit-minutes with the quick-fix data", () => {
    const model = component('mtbf 1000h mttr 5m');
    const d = only(model, 'unit-minutes');
    expect(show(model, d)).toMatchObject({ message: "'m': did you mean 'min'?", at: '1:32-1:33', text: 'm' });
    expect(d.data).toEqual({ suggestion: 'min' });
  });

  it('wants a rate for rate, a plain number for fit and weibull shape, a probability for coverage', () => {
    const model = load(`component a { rate 2e-6h mttr 1h }
component b { fit 200/h mttr 1h }
component c { weibull shape 1.5h scale 1000h mttr 1h }
component d { mtbf 10h mttr 1h recovery retry coverage 90h }`);
    expect(shownAll(model).map((d) => [d.code, d.message, d.at])).toEqual([
      ['wrong-quantity', "expected a rate such as 2e-6/h or 3/y, not a duration ('2e-6h')", '1:20-1:25'],
      ['wrong-quantity', "expected a plain number, not a rate ('200/h')", '2:19-2:24'],
      ['wrong-quantity', "expected a plain number, not a duration ('1.5h')", '3:29-3:33'],
      ['wrong-quantity', "expected a probability such as 0.999 or 99.9%, not a duration ('90h')", '4:56-4:59'],
    ]);
  });

  it('wants probabilities in [0, 1] and suggests a percentage', () => {
    const model = component('availability 99.95 mttr 1h');
    const d = only(model, 'probability-range');
    expect(show(model, d)).toMatchObject({ message: 'a probability is between 0 and 1 (did you mean 99.95%?)', text: '99.95', at: '1:28-1:33' });
    expect(d.data).toEqual({ suggestion: '99.95%' });
  });

  it('wants whole numbers for replicas and quorum', () => {
    const model = component('mtbf 10h mttr 1h replicas 2.5');
    expect(reported(model)).toEqual([['not-an-integer', 'expected a whole number, not 2.5', '2.5', '1:41-1:44']]);
  });

  it('rejects zero where it makes no sense: mtbf, mttf, weibull shape and scale', () => {
    const model = load(`component a { mtbf 0h mttr 1h }
component b { mttf 0y mttr 1h }
component c { weibull shape 0 scale 0h mttr 1h }`);
    expect(reported(model)).toEqual([
      ['zero-value', 'mtbf must be greater than 0', '0h', '1:20-1:22'],
      ['zero-value', 'mttf must be greater than 0', '0y', '2:20-2:22'],
      ['zero-value', 'weibull shape must be greater than 0', '0', '3:29-3:30'],
      ['zero-value', 'weibull scale must be greater than 0', '0h', '3:37-3:39'],
    ]);
  });

  it('accepts zero where it means something: rate 0 never fails, mttr 0 repairs at once', () => {
    const model = component('rate 0/h mttr 0h');
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'c', 'component').law).toEqual({ kind: 'exponential', rate: 0 });
    expect(element(model, 'c', 'component').mttr).toBe(0);
  });
});

describe('each item at most once', () => {
  it('reports a repeated item at the repeat, pointing at the first', () => {
    const model = component('mtbf 10h mttr 1h mttr 2h');
    const d = only(model, 'duplicate-item');
    expect(show(model, d)).toMatchObject({ message: "'mttr' is given twice in component 'c'", at: '1:32-1:39', text: 'mttr 2h' });
    expect(d.related?.[0]?.message).toBe("first 'mttr' here");
    expect(element(model, 'c', 'component').mttr).toBe(1);
  });

  it('lets needs accumulate', () => {
    const model = load('component c { needs a  needs b }\ncomponent a { }\ncomponent b { }');
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'c', 'component').needs).toHaveLength(2);
  });

  it('allows recovery once per kind', () => {
    const ok = component('mtbf 10h mttr 1h recovery retry coverage 10% recovery restart 1min coverage 50%');
    expect(shownAll(ok)).toEqual([]);
    const twice = component('mtbf 10h mttr 1h recovery retry coverage 10% recovery retry coverage 20%');
    expect(reported(twice)).toEqual([['duplicate-item', "'recovery retry' is given twice in component 'c'", 'recovery retry coverage 20%', '1:60-1:87']]);
  });

  it('reports a repeated law keyword as a duplicate item', () => {
    expect(reported(component('mtbf 10h mtbf 20h mttr 1h'))).toEqual([['duplicate-item', "'mtbf' is given twice in component 'c'", 'mtbf 20h', '1:24-1:32']]);
  });

  it('reports replicas, quorum, ccf and accept spof repeated', () => {
    const model = component('mtbf 10h mttr 1h replicas 3 replicas 3 quorum 2 quorum 2 ccf beta 5% ccf beta 5% accept spof "a" accept spof "b"');
    expect(shown(model, 'duplicate-item').map((d) => d.message)).toEqual([
      "'replicas' is given twice in component 'c'",
      "'quorum' is given twice in component 'c'",
      "'ccf beta' is given twice in component 'c'",
      "'accept spof' is given twice in component 'c'",
    ]);
  });
});

describe('laws', () => {
  it('allows at most one law per component', () => {
    const model = component('mtbf 10h rate 1/h mttr 1h');
    const d = only(model, 'multiple-laws');
    expect(show(model, d)).toMatchObject({ message: "a component has at most one law: 'rate' after 'mtbf'", text: 'rate 1/h', at: '1:24-1:32' });
    expect(d.related?.[0]?.message).toBe("the law 'mtbf' is given here");
  });

  it('wants both weibull shape and scale', () => {
    const model = component('weibull shape 2 mttr 1h');
    const d = only(model, 'weibull-incomplete');
    expect(show(model, d)).toMatchObject({ message: 'weibull needs both shape and scale (missing scale)', text: 'weibull shape 2', at: '1:15-1:30' });
  });

  it('forbids mttr with probability', () => {
    const model = component('probability 0.01 mttr 1h');
    expect(reported(model)).toEqual([
      ['probability-with-repair', "'probability' cannot have 'mttr' (use 'availability' with 'mttr' for a repairable component)", 'mttr 1h', '1:32-1:39'],
    ]);
  });

  it('forbids recovery with probability', () => {
    const model = component('probability 0.01 recovery restart 1min coverage 50%');
    expect(reported(model)).toEqual([
      ['probability-with-repair', "'probability' cannot have 'recovery' (it is a fixed failure probability)", 'recovery restart 1min coverage 50%', '1:32-1:66'],
    ]);
  });

  it('allows availability with mttr, and rejects availability 0 with mttr', () => {
    expect(shownAll(component('availability 99.9% mttr 1h'))).toEqual([]);
    expect(reported(component('availability 0% mttr 1h'))).toEqual([
      ['zero-value', "availability must be greater than 0 when 'mttr' is given", '0%', '1:28-1:30'],
    ]);
    expect(reported(component('availability 99% mttr 0h'))).toEqual([
      ['zero-value', "mttr must be greater than 0 with 'availability' (λ = (1 − A)/(A·mttr))", '0h', '1:37-1:39'],
    ]);
  });
});

describe('recovery', () => {
  it('needs a repairable law: a time-based law with mttr', () => {
    const model = component('mtbf 10h recovery restart 1min coverage 90%');
    expect(reported(model).filter((d) => d[0] === 'recovery-without-repair')).toEqual([
      [
        'recovery-without-repair',
        "'recovery' needs a repairable law (a time-based law with 'mttr', or a 'default mttr'): it has no 'mttr' and the model no 'default mttr'",
        'recovery restart 1min coverage 90%', '1:24-1:58',
      ],
    ]);
  });

  it("is satisfied by the model's default mttr", () => {
    const model = load('system s { needs c  default mttr 4h }\ncomponent c { mtbf 10h recovery restart 6min coverage 50% }');
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'c', 'component').mttr).toBeCloseTo(0.5 * 0.1 + 0.5 * 4, 15);
  });

  it('needs a law at all', () => {
    expect(reported(component('recovery retry coverage 50%'))).toEqual([
      [
        'recovery-without-repair',
        "'recovery' needs a repairable law (a time-based law with 'mttr', or a 'default mttr'): this component has no failure law",
        'recovery retry coverage 50%', '1:15-1:42',
      ],
    ]);
  });

  it('rejects retry on a fixed law', () => {
    expect(reported(component('availability 99.9% recovery retry coverage 50%'))).toEqual([
      ['retry-on-fixed-law', "'recovery retry' cannot apply to a fixed law ('availability' without 'mttr')", 'recovery retry coverage 50%', '1:34-1:61'],
    ]);
  });

  it('rejects restart on availability without mttr as not repairable', () => {
    expect(reported(component('availability 99.9% recovery restart 1min coverage 50%'))).toEqual([
      [
        'recovery-without-repair',
        "'recovery' needs a repairable law (a time-based law with 'mttr', or a 'default mttr'): 'availability' without 'mttr' is a fixed law",
        'recovery restart 1min coverage 50%', '1:34-1:68',
      ],
    ]);
  });
});

describe('replicas and quorum', () => {
  it('keeps replicas between 1 and 10,000', () => {
    expect(reported(component('mtbf 10h mttr 1h replicas 0'))).toEqual([['replicas-range', 'replicas must be between 1 and 10,000 (got 0)', '0', '1:41-1:42']]);
    expect(reported(component('mtbf 10h mttr 1h replicas 10001'))).toEqual([
      ['replicas-range', 'replicas must be between 1 and 10,000 (got 10001)', '10001', '1:41-1:46'],
    ]);
    expect(element(component('mtbf 10h mttr 1h replicas 10000'), 'c', 'component').replicas).toBe(10000);
  });

  it('needs replicas for a quorum', () => {
    const model = component('mtbf 10h mttr 1h quorum 1');
    expect(show(model, only(model, 'quorum-without-replicas'))).toMatchObject({
      message: "quorum needs replicas: 'c' is a single instance",
      text: 'quorum 1',
      at: '1:32-1:40',
    });
  });

  it('keeps 1 ≤ quorum ≤ replicas', () => {
    expect(reported(component('mtbf 10h mttr 1h replicas 3 quorum 4'))).toEqual([
      ['quorum-range', 'quorum must be between 1 and 3, the number of replicas (got 4)', '4', '1:50-1:51'],
    ]);
    expect(reported(component('mtbf 10h mttr 1h replicas 3 quorum 0'))).toEqual([
      ['quorum-range', 'quorum must be between 1 and 3, the number of replicas (got 0)', '0', '1:50-1:51'],
    ]);
    const model = component('mtbf 10h mttr 1h quorum 3 replicas 5');
    expect(shownAll(model)).toEqual([]);
    expect(element(model, 'c', 'component')).toMatchObject({ replicas: 5, quorum: 3 });
  });

  it('needs replicas ≥ 2 for ccf on a component', () => {
    const model = component('mtbf 10h mttr 1h ccf beta 10%');
    expect(show(model, only(model, 'ccf-without-replicas'))).toMatchObject({
      message: "'ccf' on a component needs replicas ≥ 2 (a common cause fails several instances at once)",
      text: 'ccf beta 10%',
      at: '1:32-1:44',
    });
    expect(element(component('mtbf 10h mttr 1h replicas 2 ccf beta 10%'), 'c', 'component').ccfBeta).toBe(0.1);
  });
});

describe('hints on components', () => {
  it('suggests availability for a probability above 0.5, at the keyword', () => {
    const model = component('probability 0.999');
    const d = only(model, 'probability-looks-like-availability');
    expect(show(model, d)).toMatchObject({
      severity: 'warning',
      message: "'probability' is the chance of being failed; 0.999 is high: did you mean `availability`?",
      text: 'probability',
      at: '1:15-1:26',
    });
    expect(d.data).toEqual({ suggestion: 'availability' });
    expect(shownAll(component('probability 0.5'))).toEqual([]);
  });

  it('warns that a time-based law without any mttr has no availability, naming the component', () => {
    const model = component('mtbf 1000h', 'system s { needs c }\n');
    const d = only(model, 'no-availability');
    expect(show(model, d)).toMatchObject({
      severity: 'warning',
      message: "component 'c' has no 'mttr' (and the model no 'default mttr'): its availability, and the system's, cannot be computed",
      text: 'c',
      at: '2:11-2:12',
    });
    expect(d.data).toEqual({ name: 'c' });
    expect(shownAll(component('probability 0.1', 'system s { needs c }\n'))).toEqual([]);
    expect(shownAll(component('mtbf 1000h', 'system s { needs c  default mttr 1h }\n'))).toEqual([]);
  });

  it('leaves the system out of the warning in a library root', () => {
    expect(shownAll(component('mtbf 1000h')).map((d) => [d.code, d.message])).toEqual([
      ['no-availability', "component 'c' has no 'mttr' (and the model no 'default mttr'): its availability cannot be computed"],
    ]);
  });
});
