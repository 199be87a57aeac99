import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_NESTING } from '../../server/src/cli/import/mef-formula';
import { importOpenPsa, MAX_REPORTED_ERRORS, type ImportResult } from '../../server/src/cli/import/openpsa';

const FIXTURES = new URL('../fixtures/openpsa/', import.meta.url);

function importFixture(name: string): ImportResult {
  return importOpenPsa(readFileSync(new URL(name, FIXTURES), 'utf8'), `test/fixtures/openpsa/${name}`);
}

function importedText(name: string): string {
  const result = importFixture(name);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.text;
}

function errorsOf(result: ImportResult): { line: number; column: number; message: string }[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

const STANDARD_HEADER = [
  '// Fault logic mapped onto success logic: or -> series, and -> parallel, atleast k of n -> (n-k+1) of.',
  "// The top event's probability is the system's unreliability.",
];
const REQUIRE_HINT = '  // add your target, e.g.: require unreliability <= 1e-3';

function header(file: string): string[] {
  return [`// Imported from ${file} by faultline import.`, ...STANDARD_HEADER];
}

function model(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('importOpenPsa: mapping fault trees onto success logic', () => {
  it('maps or to series, and to parallel, each named gate to a group and the top gate to the system', () => {
    const result = importFixture('or-and.xml');
    expect(result).toMatchObject({ ok: true, topEvent: 'top', gates: 2, basicEvents: 3 });
    expect(importedText('or-and.xml')).toBe(
      model([
        ...header('or-and.xml'),
        '',
        'system pumps {',
        '  needs top',
        REQUIRE_HINT,
        '}',
        '',
        'group top = series(both-pumps, power)',
        'group both-pumps = parallel(pump-a, pump-b)',
        '',
        'component pump-a { probability 0.001 }',
        'component pump-b { probability 0.001 }',
        'component power { probability 1e-7 }',
      ]),
    );
  });

  it('maps atleast k over n inputs to (n-k+1) of the same inputs', () => {
    expect(importedText('atleast.xml')).toBe(
      model([
        ...header('atleast.xml'),
        '',
        'system voting {',
        '  needs two-of-three-fail',
        REQUIRE_HINT,
        '}',
        '',
        'group two-of-three-fail = 2 of (s1, s2, s3)',
        '',
        'component s1 { probability 0.02 }',
        'component s2 { probability 0.02 }',
        'component s3 { probability 0.02 }',
      ]),
    );
  });

  it('writes nested anonymous formulas inline, resolves <event> to a gate or a basic event, and drops repeats in or/and only', () => {
    expect(importedText('nested.xml')).toBe(
      model([
        ...header('nested.xml'),
        '',
        'system nested {',
        '  needs top',
        REQUIRE_HINT,
        '}',
        '',
        'group top = series(parallel(a, series(b, c)), 2 of (a, b, c, d-or-b))',
        'group d-or-b = series(d, b)',
        '',
        'component a { probability 0.1 }',
        'component b { probability 0.2 }',
        'component c { probability 0.3 }',
        'component d { probability 0.4 }',
      ]),
    );
  });

  it('reads basic events from model-data, keeps labels, a license comment, and lists unused basic events last', () => {
    expect(importedText('model-data.xml')).toBe(
      model([
        '// Imported from model-data.xml by faultline import.',
        '// Source notice: Example tree. License: CC BY-SA 4.0, from the Faultline test suite.',
        ...STANDARD_HEADER,
        '',
        'system cooling "Loss of cooling" {',
        '  needs loss',
        REQUIRE_HINT,
        '}',
        '',
        'group loss "Loss of cooling water" = parallel(train-a, train-b)',
        '',
        'component train-a "Train A fails" { probability 0.0035 }',
        'component train-b "Train B fails" { probability 0.0035 }',
        '',
        '// Basic events that no gate uses:',
        'component spare { probability 0.5 }',
      ]),
    );
  });

  it('follows parameters, maps exponential laws to rates in their unit and the fixed mission time to the system mission', () => {
    expect(importedText('parameters.xml')).toBe(
      model([
        ...header('parameters.xml'),
        '',
        'system feed {',
        '  needs no-feed',
        '  mission 720h',
        REQUIRE_HINT,
        '}',
        '',
        'group no-feed = series(valve, motor, sensor, controller)',
        '',
        'component valve { rate 0.000002/h }',
        'component motor { rate 0.25/y }',
        'component sensor { probability 0.0125 }',
        'component controller { rate 1.5e-7/h }',
      ]),
    );
  });

  it('leaves the mission at the default when every exponential uses the system mission time', () => {
    expect(importedText('system-mission.xml')).toBe(
      model([
        ...header('system-mission.xml'),
        '',
        'system link {',
        '  needs down',
        REQUIRE_HINT,
        '}',
        '',
        'group down = series(fibre, router)',
        '',
        'component fibre { rate 0.00001/h }',
        'component router { rate 0.000004/h }',
      ]),
    );
  });

  it('keeps labels on one line with entities and CDATA decoded and " and \\ escaped', () => {
    expect(importedText('labels.xml')).toBe(
      model([
        ...header('labels.xml'),
        '',
        'system labels "Tree with \\"quoted\\" labels" {',
        '  needs top',
        REQUIRE_HINT,
        '}',
        '',
        'group top "Top & \\"worst\\" case on two lines" = series(a, b)',
        '',
        'component a "Path C:\\\\pumps\\\\a <main>" { probability 0.25 }',
        'component b "Breaker <b> & \\"co\\"" { probability 1 }',
      ]),
    );
  });

  it('makes the first of several top gates the system and keeps the others as groups named in a comment', () => {
    const result = importFixture('several-tops.xml');
    expect(result).toMatchObject({ ok: true, topEvent: 'core-damage', gates: 4, basicEvents: 4 });
    expect(importedText('several-tops.xml')).toBe(
      model([
        ...header('several-tops.xml'),
        '// Other top gates, kept as groups that the system does not need: spurious-trip, alias',
        '',
        'system plant {',
        '  needs core-damage',
        REQUIRE_HINT,
        '}',
        '',
        'group core-damage = parallel(no-cooling, relief)',
        'group no-cooling = series(pump, valve)',
        'group spurious-trip = series(sensor, valve)',
        'group alias = no-cooling',
        '',
        'component pump { probability 0.01 }',
        'component valve { probability 0.02 }',
        'component relief { probability 0.03 }',
        'component sensor { probability 0.04 }',
      ]),
    );
  });

  it('sanitises names, keeps valid names first, suffixes collisions and never uses a reserved word', () => {
    const result = importFixture('names.xml');
    expect(result).toMatchObject({ ok: true, topEvent: 'system_' });
    expect(importedText('names.xml')).toBe(
      model([
        ...header('names.xml'),
        '',
        'system system_2 {',
        '  needs system_',
        REQUIRE_HINT,
        '}',
        '',
        'group system_ = series(group_, pump_A_2, _2nd-pump, valve-b_)  // MEF name: system',
        'group group_ = parallel(group_2, series, pump_A, Pump_A)  // MEF name: group',
        '',
        'component pump_A_2 { probability 0.1 }  // MEF name: pump.A',
        'component _2nd-pump { probability 0.1 }  // MEF name: 2nd-pump',
        'component valve-b_ { probability 0.1 }  // MEF name: valve--b-',
        'component group_2 { probability 0.1 }  // MEF name: group',
        'component series { probability 0.1 }',
        'component pump_A { probability 0.1 }',
        'component Pump_A { probability 0.1 }',
      ]),
    );
  });

  it('names only the file, not its directory, in the header', () => {
    const xml = readFileSync(new URL('atleast.xml', FIXTURES), 'utf8');
    const result = importOpenPsa(xml, 'C:\\models\\plant\\atleast.xml');
    expect(result.ok && result.text.split('\n')[0]).toBe('// Imported from atleast.xml by faultline import.');
  });

  it('maps <null> to its argument, flattens define-component, reads <int> and Weibull laws', () => {
    const xml = `<opsa-mef><define-fault-tree name="t">
      <define-gate name="top"><null><gate name="inner"/></null></define-gate>
      <define-component name="sub">
        <define-gate name="inner"><or><basic-event name="a"/><basic-event name="w"/></or></define-gate>
        <define-basic-event name="a"><int value="0"/></define-basic-event>
      </define-component>
      <define-basic-event name="w"><Weibull><float value="5000"/><float value="1.5"/><float value="0"/><float value="100"/></Weibull></define-basic-event>
    </define-fault-tree></opsa-mef>`;
    const result = importOpenPsa(xml, 't.xml');
    expect(result.ok && result.text.split('\n').slice(4)).toEqual([
      'system t {',
      '  needs top',
      '  mission 100h',
      REQUIRE_HINT,
      '}',
      '',
      'group top = inner',
      'group inner = series(a, w)',
      '',
      'component a { probability 0 }',
      'component w { weibull shape 1.5 scale 5000h }',
      '',
    ]);
  });

  it('writes fit rates and mission times in years as given', () => {
    const xml = `<opsa-mef><define-fault-tree name="t">
      <define-gate name="top"><and><basic-event name="a"/><basic-event name="b"/></and></define-gate>
      <define-parameter name="fits" unit="fit"><float value="250"/></define-parameter>
      <define-parameter name="horizon" unit="years"><float value="2"/></define-parameter>
      <define-basic-event name="a"><exponential><parameter name="fits"/><parameter name="horizon"/></exponential></define-basic-event>
      <define-basic-event name="b"><exponential><float value="1e-6"/><float value="17520"/></exponential></define-basic-event>
    </define-fault-tree></opsa-mef>`;
    const result = importOpenPsa(xml, 't.xml');
    expect(result.ok && result.text.split('\n').slice(4)).toEqual([
      'system t {',
      '  needs top',
      '  mission 2y',
      REQUIRE_HINT,
      '}',
      '',
      'group top = parallel(a, b)',
      '',
      'component a { fit 250 }',
      'component b { rate 0.000001/h }',
      '',
    ]);
  });

  it('writes every probability so that it reads back as the same number, never as .5', () => {
    const values = ['.5', '1.', '1.0E-3', '+0.25', '1e-300', '0.1234567890123456789', '3.3333333333333333e-5'];
    const events = values.map((v, i) => `<define-basic-event name="e${i}"><float value="${v}"/></define-basic-event>`);
    const refs = values.map((_, i) => `<basic-event name="e${i}"/>`).join('');
    const xml = `<opsa-mef><define-fault-tree name="t"><define-gate name="top"><or>${refs}</or></define-gate>${events.join('')}</define-fault-tree></opsa-mef>`;
    const result = importOpenPsa(xml, 't.xml');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const written = [...result.text.matchAll(/probability (\S+) \}/g)].map((m) => m[1]!);
    expect(written).toEqual(['0.5', '1', '0.001', '0.25', '1e-300', '0.12345678901234568', '0.000033333333333333335']);
    written.forEach((w, i) => {
      expect(w).toMatch(/^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/);
      expect(Number(w)).toBe(Number(values[i]));
    });
  });

  it('wraps a long gate after commas into lines of at most 100 characters', () => {
    const n = 40;
    const refs = Array.from({ length: n }, (_, i) => `<basic-event name="event-${i}"/>`).join('');
    const events = Array.from({ length: n }, (_, i) => `<define-basic-event name="event-${i}"><float value="0.01"/></define-basic-event>`);
    const xml = `<opsa-mef><define-fault-tree name="t"><define-gate name="top"><and>${refs}</and></define-gate>${events.join('')}</define-fault-tree></opsa-mef>`;
    const result = importOpenPsa(xml, 't.xml');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const lines = result.text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('group top = parallel('));
    const groupLines = lines.slice(start, lines.indexOf('', start));
    expect(groupLines.length).toBeGreaterThan(3);
    for (const line of groupLines) expect(line.length).toBeLessThanOrEqual(100);
    expect(groupLines.slice(1).every((l) => l.startsWith('    event-'))).toBe(true);
    const joined = groupLines.map((l) => l.trim()).join(' ');
    expect(joined).toBe(`group top = parallel(${Array.from({ length: n }, (_, i) => `event-${i}`).join(', ')})`);
  });
});

describe('importOpenPsa: what Faultline cannot express is an error at its line', () => {
  it("reports a 'not' gate with its line", () => {
    expect(errorsOf(importFixture('not-gate.xml'))).toEqual([
      { line: 11, column: 7, message: "'not' gates cannot be expressed in Faultline (no negation); the tree is not coherent" },
    ]);
  });

  it.each([
    ['xor', 'exclusive or needs negation'],
    ['nand', 'negated and'],
    ['nor', 'negated or'],
    ['iff', 'equivalence needs negation'],
    ['imply', 'implication needs negation'],
  ])("reports a '%s' gate with its line", (connective, reason) => {
    const xml = [
      '<opsa-mef>',
      '<define-fault-tree name="t">',
      '<define-gate name="top">',
      '  <or><basic-event name="a"/>',
      `    <${connective}><basic-event name="a"/><basic-event name="b"/></${connective}>`,
      '  </or>',
      '</define-gate>',
      '<define-basic-event name="a"><float value="0.1"/></define-basic-event>',
      '<define-basic-event name="b"><float value="0.1"/></define-basic-event>',
      '</define-fault-tree>',
      '</opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 5, column: 5, message: `'${connective}' gates cannot be expressed in Faultline (${reason}); the tree is not coherent` },
    ]);
  });

  it('reports a house event at its definition and at its use', () => {
    expect(errorsOf(importFixture('house-event.xml'))).toEqual([
      {
        line: 7,
        column: 9,
        message:
          "house event 'in-maintenance' cannot be expressed in Faultline (a house event is a true/false switch, not a failure); set it by hand and remove it before importing",
      },
      {
        line: 10,
        column: 5,
        message:
          "house event 'in-maintenance' cannot be expressed in Faultline (a house event is a true/false switch, not a failure); set it by hand and remove it before importing",
      },
    ]);
  });

  it('reports a MEF CCF group', () => {
    expect(errorsOf(importFixture('ccf-group.xml'))).toEqual([
      {
        line: 10,
        column: 5,
        message:
          "CCF group 'pumps' (define-CCF-group) cannot be expressed in Faultline; import without it and model common cause with 'ccf beta' on a group",
      },
    ]);
  });

  it('reports malformed XML with the line of the mismatched tag', () => {
    expect(errorsOf(importFixture('malformed.xml'))).toEqual([
      { line: 7, column: 7, message: 'closing tag </and> does not match <or> opened at line 5' },
    ]);
  });

  it('reports each undefined reference, pointing out a reference of the wrong kind', () => {
    expect(errorsOf(importFixture('undefined-reference.xml'))).toEqual([
      { line: 6, column: 9, message: "undefined gate 'missing-gate'" },
      { line: 7, column: 9, message: "undefined basic event 'missing-event'" },
      { line: 8, column: 9, message: "undefined gate 'e' ('e' is a basic event: reference it with <basic-event> or <event>)" },
      { line: 9, column: 9, message: "undefined gate or basic event 'nowhere'" },
    ]);
  });

  it('reports a cycle among gates, spelled out', () => {
    expect(errorsOf(importFixture('cycle.xml'))).toEqual([
      { line: 10, column: 5, message: 'gates form a cycle: a -> b -> a' },
    ]);
  });

  it('reports duplicate definitions with the line of the first', () => {
    const xml = [
      '<opsa-mef><define-fault-tree name="t">',
      '<define-gate name="top"><or><basic-event name="a"/></or></define-gate>',
      '<define-gate name="top"><and><basic-event name="a"/></and></define-gate>',
      '<define-basic-event name="a"><float value="0.1"/></define-basic-event>',
      '<define-basic-event name="a"><float value="0.2"/></define-basic-event>',
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 3, column: 1, message: "gate 'top' is defined twice (first at line 2)" },
      { line: 5, column: 1, message: "basic event 'a' is defined twice (first at line 4)" },
    ]);
  });

  it('reports an ambiguous <event> that names both a gate and a basic event', () => {
    const xml = [
      '<opsa-mef><define-fault-tree name="t">',
      '<define-gate name="top"><or><event name="x"/></or></define-gate>',
      '<define-gate name="x"><or><basic-event name="x"/></or></define-gate>',
      '<define-basic-event name="x"><float value="0.1"/></define-basic-event>',
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      {
        line: 2,
        column: 29,
        message: '<event name="x"/> is ambiguous: there is a gate and a basic event \'x\' (use <gate> or <basic-event>)',
      },
    ]);
  });

  it.each([
    ['<lognormal-deviate><float value="1e-3"/><float value="3"/><float value="0.95"/></lognormal-deviate>',
      "basic event 'a': <lognormal-deviate> cannot be expressed in Faultline (uncertainty distributions are not supported); it needs a fixed probability or a constant rate"],
    ['<mul><float value="0.1"/><float value="0.2"/></mul>',
      "basic event 'a': <mul> cannot be expressed in Faultline (only constants (<float>, <int>, <parameter>), <exponential> and <Weibull> are supported); it needs a fixed probability or a constant rate"],
    ['<float value="1.5"/>', "basic event 'a': probability 1.5 is not in [0, 1]"],
    ['<float value="-0.1"/>', "basic event 'a': probability -0.1 is not in [0, 1]"],
    ['<float value="INF"/>', 'basic event \'a\': <float value="INF"/> is not a finite number'],
    ['<float value="1e999"/>', 'basic event \'a\': <float value="1e999"/> is not a finite number'],
    ['<parameter name="nope"/>', "basic event 'a': undefined parameter 'nope'"],
    ['<exponential><float value="1e-3"/></exponential>',
      "basic event 'a': <exponential> needs 2 arguments (failure rate, mission time), found 1"],
    ['<exponential><float value="-1e-3"/><system-mission-time/></exponential>',
      "basic event 'a': the failure rate cannot be negative (-0.001)"],
    ['<Weibull><float value="100"/><float value="2"/><float value="10"/><system-mission-time/></Weibull>',
      "basic event 'a': a Weibull time shift (here 10) cannot be expressed in Faultline"],
  ])('reports the basic event law %s', (law, message) => {
    const xml = [
      '<opsa-mef><define-fault-tree name="t">',
      '<define-gate name="top"><or><basic-event name="a"/></or></define-gate>',
      `<define-basic-event name="a">${law}</define-basic-event>`,
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    const errors = errorsOf(importOpenPsa(xml, 't.xml'));
    expect(errors.map((e) => e.message)).toEqual([message]);
    expect(errors[0]!.line).toBe(3);
  });

  it('reports a basic event without a probability', () => {
    const xml = '<opsa-mef><define-fault-tree name="t"><define-gate name="top"><or><basic-event name="a"/></or></define-gate><define-basic-event name="a"/></define-fault-tree></opsa-mef>';
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 1, column: 109, message: 'basic event \'a\' has no probability (expected <float value="..."/> or <exponential>)' },
    ]);
  });

  it('reports parameters that refer to each other in a cycle', () => {
    const xml = [
      '<opsa-mef><model-data>',
      '<define-parameter name="p"><parameter name="q"/></define-parameter>',
      '<define-parameter name="q"><parameter name="p"/></define-parameter>',
      '</model-data><define-fault-tree name="t">',
      '<define-gate name="top"><or><basic-event name="a"/></or></define-gate>',
      '<define-basic-event name="a"><parameter name="p"/></define-basic-event>',
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 2, column: 1, message: 'parameters form a cycle: p → q → p' },
    ]);
  });

  it('reports exponential laws with different mission times', () => {
    const xml = [
      '<opsa-mef><define-fault-tree name="t">',
      '<define-gate name="top"><or><basic-event name="a"/><basic-event name="b"/></or></define-gate>',
      '<define-basic-event name="a"><exponential><float value="1e-3"/><float value="100"/></exponential></define-basic-event>',
      '<define-basic-event name="b"><exponential><float value="1e-3"/><float value="200"/></exponential></define-basic-event>',
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 4, column: 64, message: 'mission time 200h differs from 100h (line 3); a Faultline model has one mission time' },
    ]);
  });

  it('reports atleast with a bad or too large min, gates without a formula, and constants', () => {
    const xml = [
      '<opsa-mef><define-fault-tree name="t">',
      '<define-gate name="top"><or><gate name="g1"/><gate name="g2"/><gate name="g3"/><gate name="g4"/></or></define-gate>',
      '<define-gate name="g1"><atleast min="3"><basic-event name="a"/><basic-event name="a"/></atleast></define-gate>',
      '<define-gate name="g2"><atleast min="two"><basic-event name="a"/></atleast></define-gate>',
      '<define-gate name="g3"><label>empty</label></define-gate>',
      '<define-gate name="g4"><constant value="true"/></define-gate>',
      '<define-basic-event name="a"><float value="0.1"/></define-basic-event>',
      '</define-fault-tree></opsa-mef>',
    ].join('\n');
    expect(errorsOf(importOpenPsa(xml, 't.xml'))).toEqual([
      { line: 3, column: 24, message: '<atleast min="3"> has only 2 arguments, so it can never fail' },
      { line: 4, column: 24, message: '<atleast> needs min="k" with a whole number k ≥ 1 (found "two")' },
      { line: 5, column: 1, message: "gate 'g3' has no formula" },
      { line: 6, column: 24, message: "'constant' (true/false) formulas cannot be expressed in Faultline; remove them before importing" },
    ]);
  });

  it('reports a file that is not MEF, one without gates, and event trees', () => {
    expect(errorsOf(importOpenPsa('<fault-tree/>', 'x.xml'))).toEqual([
      { line: 1, column: 1, message: 'the root element is <fault-tree>, expected <opsa-mef> (an Open-PSA MEF file)' },
    ]);
    expect(errorsOf(importOpenPsa('<opsa-mef>\n<model-data/>\n</opsa-mef>', 'x.xml'))).toEqual([
      { line: 1, column: 1, message: 'the file defines no gate, so there is no top event to import' },
    ]);
    expect(errorsOf(importOpenPsa('<opsa-mef>\n  <define-event-tree name="e"/>\n</opsa-mef>', 'x.xml'))).toEqual([
      { line: 2, column: 3, message: '<define-event-tree> is not supported by faultline import (it imports fault trees only)' },
    ]);
  });

  it(`lists at most ${MAX_REPORTED_ERRORS} errors in file order, then how many more`, () => {
    const gates = Array.from({ length: 30 }, (_, i) => `<define-gate name="g${i}"><not><basic-event name="a"/></not></define-gate>`);
    const xml = `<opsa-mef><define-fault-tree name="t">\n${gates.join('\n')}\n<define-basic-event name="a"><float value="0.1"/></define-basic-event></define-fault-tree></opsa-mef>`;
    const errors = errorsOf(importOpenPsa(xml, 't.xml'));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.slice(0, MAX_REPORTED_ERRORS).map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(errors[MAX_REPORTED_ERRORS]).toEqual({ line: 22, column: 25, message: '... and 10 more errors like these' });
  });

  it(`accepts formulas nested ${MAX_FORMULA_NESTING} deep and reports deeper ones, without recursion`, () => {
    const nested = (depth: number): string =>
      `<opsa-mef><define-fault-tree name="t">\n<define-gate name="top">${'<or><basic-event name="a"/>'.repeat(depth)}${'</or>'.repeat(depth)}</define-gate>\n` +
      '<define-basic-event name="a"><float value="0.1"/></define-basic-event></define-fault-tree></opsa-mef>';
    const ok = importOpenPsa(nested(MAX_FORMULA_NESTING), 't.xml');
    expect(ok.ok && ok.text.replace(/,\n {4}/g, ', ')).toContain(`group top = ${'series(a, '.repeat(MAX_FORMULA_NESTING - 1)}series(a)${')'.repeat(MAX_FORMULA_NESTING - 1)}`);
    const message = `this formula nests more than ${MAX_FORMULA_NESTING} levels deep, the limit of the Faultline language; split it into named gates`;
    expect(errorsOf(importOpenPsa(nested(MAX_FORMULA_NESTING + 1), 't.xml'))).toEqual([
      { line: 2, column: 24 + 27 * MAX_FORMULA_NESTING + 1, message },
    ]);
    expect(errorsOf(importOpenPsa(nested(100_000), 't.xml')).map((e) => e.message)).toEqual([message]);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '<', '<opsa-mef>', '\u0000\uffff', '<opsa-mef><define-gate/></opsa-mef>', 'x'.repeat(1000)]) {
      const result = importOpenPsa(text, 'x.xml');
      expect(result.ok).toBe(false);
    }
  });
});
