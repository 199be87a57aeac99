import { describe, expect, it } from 'vitest';
import { load, only, show, shown, shownAll } from './validate-support';

/** A system needing one component, with extra system items. */
function system(items: string) {
  return load(`system s {\n  needs a\n  ${items}\n}\ncomponent a { mtbf 1000h mttr 1h }`);
}

function targets(items: string) {
  return system(items).system?.requirements.map((r) => [r.metric, r.op, r.target]);
}

describe('requirements', () => {
  it('read probabilities for availability, unavailability, reliability and unreliability', () => {
    expect(
      targets('require availability >= 99.95%\n  require unavailability < 5e-4\n  require reliability > 0.9\n  require unreliability <= 10%'),
    ).toEqual([
      ['availability', '>=', 0.9995],
      ['unavailability', '<', 5e-4],
      ['reliability', '>', 0.9],
      ['unreliability', '<=', 0.1],
    ]);
  });

  it('read mttf in hours, downtime in hours per year, outages per year, tolerance as a count', () => {
    expect(
      targets('require mttf >= 2y\n  require downtime <= 22min/mo\n  require downtime <= 5h\n  require outages <= 4/y\n  require outages < 1/mo\n  require tolerance >= 1'),
    ).toEqual([
      ['mttf', '>=', 17520],
      ['downtime', '<=', 4.4],
      ['downtime', '<=', 5],
      ['outages', '<=', 4],
      ['outages', '<', 12],
      ['tolerance', '>=', 1],
    ]);
  });

  it('keep the line and the target text for messages', () => {
    const model = system('require availability >= 99.95%');
    const r = model.system!.requirements[0]!;
    expect(r.targetText).toBe('99.95%');
    expect(model.files.get(r.uri)!.text.slice(r.span.start, r.span.end)).toBe('require availability >= 99.95%');
  });

  it('report a target of the wrong kind for the metric (requirement-quantity)', () => {
    const model = system('require availability >= 5h\n  require outages <= 4h\n  require downtime <= 1%\n  require mttf >= 0.5');
    expect(shownAll(model).map((d) => [d.code, d.message, d.at])).toEqual([
      ['requirement-quantity', "'require availability' takes a probability such as 99.95% or 0.9995, not '5h'", '3:27-3:29'],
      ['requirement-quantity', "'require outages' takes a rate such as 4/y, not '4h'", '4:22-4:24'],
      ['requirement-quantity', "'require downtime' takes a downtime per year such as 5h, or per period such as 22min/mo, not '1%'", '5:23-5:25'],
      ['missing-unit', 'missing unit', '6:19-6:22'],
    ]);
  });

  it('report unit problems inside a requirement like anywhere else', () => {
    const model = system('require downtime <= 22m/mo\n  require tolerance >= 1.5');
    expect(shownAll(model).map((d) => [d.code, d.message, d.text])).toEqual([
      ['unit-minutes', "'m': did you mean 'min'?", 'm'],
      ['not-an-integer', 'expected a whole number, not 1.5', '1.5'],
    ]);
  });

  it('may repeat (several bounds on one metric)', () => {
    expect(targets('require availability >= 99%\n  require availability >= 99.9%')).toHaveLength(2);
  });
});

describe('mission and default mttr', () => {
  it('are each given at most once', () => {
    const model = system('mission 1y\n  mission 2y\n  default mttr 1h\n  default mttr 2h');
    expect(shown(model, 'duplicate-item').map((d) => [d.message, d.text])).toEqual([
      ["'mission' is given twice in system 's'", 'mission 2y'],
      ["'default mttr' is given twice in system 's'", 'default mttr 2h'],
    ]);
    expect(model.mission).toBe(8760);
    expect(model.defaultMttr).toBe(1);
  });

  it('want a positive mission duration', () => {
    const model = system('mission 0h');
    expect(show(model, only(model, 'zero-value'))).toMatchObject({ message: 'mission must be greater than 0', at: '3:11-3:13' });
    expect(model.mission).toBe(8760);
  });

  it('want durations', () => {
    const model = system('mission 12\n  default mttr 50%');
    expect(shownAll(model).map((d) => [d.code, d.text])).toEqual([
      ['missing-unit', '12'],
      ['wrong-quantity', '50%'],
    ]);
  });
});

describe('unused components', () => {
  it('are warned about in the root file when it has a system, with the name for a quick fix', () => {
    const model = load('system s { needs a }\ncomponent a { mtbf 10h mttr 1h }\ncomponent orphan { mtbf 10h mttr 1h }');
    const d = only(model, 'unused-component');
    expect(show(model, d)).toMatchObject({
      severity: 'warning',
      message: "component 'orphan' is not used: the system does not need it, directly or through other elements",
      at: '3:11-3:17',
    });
    expect(d.data).toEqual({ name: 'orphan' });
  });

  it('count as used when any element refers to them, even one the system does not reach', () => {
    const model = load('system s { needs a }\ncomponent a { mtbf 10h mttr 1h }\ngroup spare = parallel(b)\ncomponent b { mtbf 10h mttr 1h }');
    expect(shownAll(model)).toEqual([]);
  });

  it('are not reported in used files or in a library root', () => {
    const withLib = load('use "lib.ft"\nsystem s { needs a }\ncomponent a { mtbf 10h mttr 1h }', {
      '/models/lib.ft': 'component spare { mtbf 10h mttr 1h }',
    });
    expect(shownAll(withLib)).toEqual([]);
    expect(shownAll(load('component lonely { mtbf 10h mttr 1h }'))).toEqual([]);
  });
});
