import { describe, expect, it } from 'vitest';
import type { ComponentDecl, GroupDecl } from '../../server/src/language/ast';
import { MAX_DIAGNOSTICS, parseFile } from '../../server/src/language/parser';
import { locate, outline } from './parser-helpers';

const SPEC_EXAMPLE = `// Checkout path of a web shop
system checkout "Web shop checkout" {
  needs edge, app, db_ha, dns
  mission 1y                          // horizon for reliability R(t); default 1y
  require availability >= 99.95%
  require outages <= 4/y
}

component lb_a { mtbf 50000h  mttr 1h }
component lb_b { mtbf 50000h  mttr 1h }
group edge = parallel(lb_a, lb_b)     // either balancer suffices

component zone "Availability zone" { mtbf 20000h  mttr 4h  replicas 3 }
component app "App server" {
  rate 1.2e-4/h
  mttr 4h
  replicas 3                          // three identical, independent instances
  quorum 2                            // two must work
  needs cache                         // every replica needs the one, shared cache
  needs each zone                     // replica i runs in zone[i]
  recovery restart 2min coverage 90%  // 90% of failures are cleared by a restart
}
component cache { mtbf 10000h  mttr 10min }

component db_primary { mtbf 30000h  mttr 2h }
component db_replica { mtbf 30000h  mttr 2h }
group db_ha = standby(db_primary, db_replica) {
  failover 30s                        // switch-over time
  coverage 99%                        // probability that a switch-over succeeds
}

component dns "Managed DNS" {
  availability 99.99%  mttr 1h        // an SLA plus a typical outage length
  accept spof "provider SLA, reviewed 2026-10"
}
`;

function parse(text: string) {
  return parseFile(text, 'test.ft');
}

function outlines(text: string): string[] {
  return parse(text).file.declarations.map(outline);
}

function errorsOf(text: string) {
  return locate(text, parse(text).diagnostics);
}

describe('the spec example', () => {
  const result = parse(SPEC_EXAMPLE);

  it('parses without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('has every declaration and item as written', () => {
    expect(result.file.declarations.map(outline)).toEqual([
      'system checkout "Web shop checkout" { needs edge, app, db_ha, dns; mission 1y; require availability >= 99.95%; require outages <= 4/y }',
      'component lb_a { mtbf 50000h; mttr 1h }',
      'component lb_b { mtbf 50000h; mttr 1h }',
      'group edge = parallel(lb_a, lb_b)',
      'component zone "Availability zone" { mtbf 20000h; mttr 4h; replicas 3 }',
      'component app "App server" { rate 1.2e-4/h; mttr 4h; replicas 3; quorum 2; needs cache; needs each zone; recovery restart 2min coverage 90% }',
      'component cache { mtbf 10000h; mttr 10min }',
      'component db_primary { mtbf 30000h; mttr 2h }',
      'component db_replica { mtbf 30000h; mttr 2h }',
      'group db_ha = standby(db_primary, db_replica) { failover 30s; coverage 99% }',
      'component dns "Managed DNS" { availability 99.99%; mttr 1h; accept spof "provider SLA, reviewed 2026-10" }',
    ]);
  });

  it('keeps every comment with its text', () => {
    expect(result.file.comments.map((c) => c.text)).toEqual([
      '// Checkout path of a web shop',
      '// horizon for reliability R(t); default 1y',
      '// either balancer suffices',
      '// three identical, independent instances',
      '// two must work',
      '// every replica needs the one, shared cache',
      '// replica i runs in zone[i]',
      '// 90% of failures are cleared by a restart',
      '// switch-over time',
      '// probability that a switch-over succeeds',
      '// an SLA plus a typical outage length',
    ]);
    expect(result.file.span).toEqual({ start: 0, end: SPEC_EXAMPLE.length });
  });

  it('gives a one-line component its exact spans', () => {
    const lb = result.file.declarations[1] as ComponentDecl;
    const at = (s: { start: number; end: number } | undefined) => (s ? SPEC_EXAMPLE.slice(s.start, s.end) : undefined);
    expect(at(lb.span)).toBe('component lb_a { mtbf 50000h  mttr 1h }');
    expect(at(lb.keyword)).toBe('component');
    expect(at(lb.name?.span)).toBe('lb_a');
    expect(at(lb.body)).toBe('{ mtbf 50000h  mttr 1h }');
    expect(lb.items.map((i) => at(i.span))).toEqual(['mtbf 50000h', 'mttr 1h']);
    expect(lb.items[0]).toMatchObject({
      kind: 'law',
      law: 'mtbf',
      value: { text: '50000h', number: 50000, numberText: '50000', suffix: { kind: 'unit', unit: 'h' } },
    });
  });

  it('gives expressions and needs their spans', () => {
    const app = result.file.declarations[5] as ComponentDecl;
    const edge = result.file.declarations[3] as GroupDecl;
    const at = (s: { start: number; end: number }) => SPEC_EXAMPLE.slice(s.start, s.end);
    expect(at(edge.expr!.span)).toBe('parallel(lb_a, lb_b)');
    expect(at(edge.span)).toBe('group edge = parallel(lb_a, lb_b)');
    const needsEach = app.items[5]!;
    expect(needsEach.kind === 'needs' && at(needsEach.needs[0]!.span)).toBe('each zone');
    const recovery = app.items[6]!;
    expect(recovery.kind === 'recovery' && at(recovery.modeSpan!)).toBe('restart');
  });
});

describe('constructs', () => {
  it('reads use declarations with escapes resolved', () => {
    expect(outlines('use "lib/a \\"b\\".ft"')).toEqual(['use "lib/a \\"b\\".ft"']);
    const decl = parse('use "x\\\\y"').file.declarations[0]!;
    expect(decl.kind === 'use' && decl.path!.value).toBe('x\\y');
  });

  it('reads every system item', () => {
    const metrics = ['availability', 'unavailability', 'reliability', 'unreliability', 'mttf', 'downtime', 'outages', 'tolerance'];
    const ops = ['>=', '>', '<=', '<'];
    const requires = metrics.map((m, i) => `require ${m} ${ops[i % 4]} ${i}`).join('\n');
    expect(outlines(`system s {\n needs a, parallel(b, c)\n mission 2y\n default mttr 4h\n${requires}\n}`)).toEqual([
      `system s { needs a, parallel(b, c); mission 2y; default mttr 4h; ${metrics.map((m, i) => `require ${m} ${ops[i % 4]} ${i}`).join('; ')} }`,
    ]);
  });

  it('reads every law', () => {
    expect(
      outlines('component c { mtbf 1h mttf 2h rate 3/y fit 400 probability 0.1 availability 99% weibull shape 1.5 scale 1000h }'),
    ).toEqual(['component c { mtbf 1h; mttf 2h; rate 3/y; fit 400; probability 0.1; availability 99%; weibull shape 1.5 scale 1000h }']);
  });

  it('reads weibull parameters in either order and marks a repeat', () => {
    expect(outlines('component c { weibull scale 10h shape 2 }')).toEqual(['component c { weibull shape 2 scale 10h }']);
    expect(outlines('component c { weibull shape 2 }')).toEqual(['component c { weibull shape 2 scale ? }']);
    const decl = parse('component c { weibull shape 2 shape 3 }').file.declarations[0] as ComponentDecl;
    const text = 'component c { weibull shape 2 shape 3 }';
    const item = decl.items[0]!;
    expect(item.kind === 'weibull' && [item.shape?.text, item.scale, text.slice(item.repeated!.start, item.repeated!.end)]).toEqual([
      '2',
      undefined,
      'shape 3',
    ]);
  });

  it('reads every other component item', () => {
    expect(
      outlines(
        'component c {\n mttr 1h\n replicas 4\n quorum 2\n needs a, each z, 2 of (x, y, z)\n recovery retry coverage 0.5\n recovery restart 1min coverage 90%\n ccf beta 0.05\n accept spof "ok"\n}',
      ),
    ).toEqual([
      'component c { mttr 1h; replicas 4; quorum 2; needs a, each z, 2 of (x, y, z); recovery retry coverage 0.5; recovery restart 1min coverage 90%; ccf beta 0.05; accept spof "ok" }',
    ]);
  });

  it('reads groups with and without a body, nested combinators and standby options', () => {
    expect(
      outlines(
        'group g "G" = series(a, parallel(b, 2 of (c, d, series(e))))\ngroup h = standby(p, s1, s2) { failover 30s coverage 99% dormancy 0.1 needs n ccf beta 0.1 accept spof "r" }\ngroup k = x {}',
      ),
    ).toEqual([
      'group g "G" = series(a, parallel(b, 2 of (c, d, series(e))))',
      'group h = standby(p, s1, s2) { failover 30s; coverage 99%; dormancy 0.1; needs n; ccf beta 0.1; accept spof "r" }',
      'group k = x {  }',
    ]);
  });

  it('lets every contextual keyword be a name', () => {
    const text =
      'component failover { needs default, mtbf, each, of, shape }\ncomponent needs {}\ngroup parallel = series(needs, failover, standby, series)\nsystem mission { needs each }';
    expect(parse(text).diagnostics).toEqual([]);
    expect(outlines(text)).toEqual([
      'component failover { needs default, mtbf, each, of, shape }',
      'component needs {  }',
      'group parallel = series(needs, failover, standby, series)',
      'system mission { needs each }',
    ]);
  });

  it('treats series, parallel and standby as combinators only before "("', () => {
    expect(outlines('group g = parallel\ngroup h = parallel(series, standby)')).toEqual([
      'group g = parallel',
      'group h = parallel(series, standby)',
    ]);
  });

  it('accepts declarations in any order and an empty file', () => {
    expect(parse('').file).toEqual({ declarations: [], comments: [], span: { start: 0, end: 0 } });
    expect(outlines('group g = a\nuse "x.ft"\ncomponent a {}\nsystem s {}')).toEqual([
      'group g = a',
      'use "x.ft"',
      'component a {  }',
      'system s {  }',
    ]);
  });

  it('leaves duplicate items to validation', () => {
    expect(parse('component c { mttr 1h mttr 2h }').diagnostics).toEqual([]);
  });
});

describe('syntax diagnostics', () => {
  it('points at the token found instead of a value', () => {
    expect(errorsOf('component app { mttr four }')).toEqual([
      { code: 'syntax-error', line: 0, character: 21, covers: 'four', message: "expected a duration after 'mttr'" },
    ]);
  });

  it('points at the keyword when the value is missing at the end of the line', () => {
    expect(errorsOf('component app {\n  mttr\n  mtbf 5h\n}')).toEqual([
      { code: 'syntax-error', line: 1, character: 2, covers: 'mttr', message: "expected a duration after 'mttr'" },
    ]);
    const app = parse('component app {\n  mttr\n  mtbf 5h\n}').file.declarations[0] as ComponentDecl;
    expect(app.items.map((i) => [i.kind, 'value' in i ? i.value?.text : undefined])).toEqual([
      ['mttr', undefined],
      ['law', '5h'],
    ]);
  });

  it('reports an unclosed body at its opening brace', () => {
    const text = 'component app {\n  mtbf 5h\n\ncomponent b {}';
    expect(errorsOf(text)).toEqual([
      { code: 'syntax-error', line: 0, character: 14, covers: '{', message: "expected '}' to close component 'app'" },
    ]);
    expect(outlines(text)).toEqual(['component app { mtbf 5h }', 'component b {  }']);
  });

  it('reports a missing name, brace and equals sign', () => {
    expect(errorsOf('component {}')).toEqual([
      { code: 'syntax-error', line: 0, character: 10, covers: '{', message: "expected a name after 'component'" },
    ]);
    expect(errorsOf('system s "S" needs a }')).toEqual([
      { code: 'syntax-error', line: 0, character: 13, covers: 'needs', message: "expected '{' after system 's', found 'needs'" },
    ]);
    expect(errorsOf('group g parallel(a, b)')).toEqual([
      { code: 'syntax-error', line: 0, character: 8, covers: 'parallel', message: "expected '=' after group 'g'" },
    ]);
    expect(outlines('group g parallel(a, b)')).toEqual(['group g = parallel(a, b)']);
  });

  it('notes a reserved word used as a name (the word then starts a declaration)', () => {
    expect(errorsOf('component a { needs group }')).toEqual([
      {
        code: 'syntax-error',
        line: 0,
        character: 20,
        covers: 'group',
        message: "expected a name or an expression after 'needs' ('group' is a reserved word)",
      },
      { code: 'syntax-error', line: 0, character: 26, covers: '}', message: "expected a name after 'group'" },
    ]);
  });

  it('suggests the declaration keyword for a misspelt one', () => {
    expect(errorsOf('componnet x {}\ncomponent y {}')).toEqual([
      {
        code: 'syntax-error',
        line: 0,
        character: 0,
        covers: 'componnet',
        message: "expected a declaration ('use', 'system', 'component' or 'group'), found 'componnet' (did you mean 'component'?)",
      },
    ]);
    expect(outlines('componnet x {}\ncomponent y {}')).toEqual(['component y {  }']);
  });

  it('suggests the item keyword for a misspelt one', () => {
    expect(errorsOf('component x { mtbff 5h\n mttr 1h }')).toEqual([
      {
        code: 'syntax-error',
        line: 0,
        character: 14,
        covers: 'mtbff',
        message: "unexpected 'mtbff' in component 'x': expected an item or '}' (did you mean 'mtbf'?)",
      },
    ]);
    expect(outlines('component x { mtbff 5h\n mttr 1h }')).toEqual(['component x { mttr 1h }']);
  });

  it('reports an unknown metric and keeps the requirement', () => {
    const text = 'system s { require availabilty >= 99% }';
    expect(errorsOf(text)).toEqual([
      {
        code: 'syntax-error',
        line: 0,
        character: 19,
        covers: 'availabilty',
        message:
          "unknown metric 'availabilty' (did you mean 'availability'?); expected availability, unavailability, reliability, unreliability, mttf, downtime, outages or tolerance",
      },
    ]);
    expect(outlines(text)).toEqual(['system s { require ? >= 99% }']);
  });

  it('reports a missing comparison, coverage, beta, spof and mttr after default', () => {
    const cases: [string, string, string][] = [
      ['system s { require availability = 99% }', '=', "expected a comparison (>=, >, <= or <) after 'availability'"],
      ['component c { recovery retry 90% }', '90%', "expected 'coverage' after 'retry'"],
      ['component c { recovery soon coverage 1 }', 'soon', "expected 'retry' or 'restart' after 'recovery'"],
      ['component c { ccf 0.1 }', '0.1', "expected 'beta' after 'ccf'"],
      ['component c { accept "why" }', '"why"', "expected 'spof' after 'accept'"],
      ['system s { default 4h }', '4h', "expected 'mttr' after 'default'"],
      ['component c { weibull 2 }', '2', "expected 'shape' or 'scale' after 'weibull'"],
      ['group g = 2 (a, b)', '(', "expected 'of' after '2', as in '2 of (a, b, c)'"],
      ['group g = parallel(a, b', 'b', "expected ',' or ')' in parallel(...)"],
      ['group g = parallel(a, )', ')', "expected a name or an expression after ','"],
    ];
    for (const [text, covers, message] of cases) {
      expect(errorsOf(text).map((e) => [e.covers, e.message])).toEqual([[covers, message]]);
    }
  });

  it('rejects an item in the wrong kind of declaration', () => {
    expect(errorsOf('component c { mission 1y  mttr 1h }')).toEqual([
      {
        code: 'syntax-error',
        line: 0,
        character: 14,
        covers: 'mission',
        message: "'mission' is not allowed in a component (only in a system)",
      },
    ]);
    expect(outlines('component c { mission 1y  mttr 1h }')).toEqual(['component c { mttr 1h }']);
    expect(errorsOf('group g = a { mtbf 1h }')[0]!.message).toBe("'mtbf' is not allowed in a group (only in a component)");
    expect(errorsOf('system s { ccf beta 0.1 }')[0]!.message).toBe(
      "'ccf' is not allowed in a system (only in a component or a group)",
    );
  });

  it('reports standby options outside groups as standby-option', () => {
    expect(errorsOf('component c { failover 30s }')).toEqual([
      {
        code: 'standby-option',
        line: 0,
        character: 14,
        covers: 'failover',
        message: "'failover' is a standby-group option; it is not allowed in a component",
      },
    ]);
  });

  it('reports "needs each" in a system and drops it', () => {
    const text = 'system s { needs a, each z }';
    expect(errorsOf(text).map((e) => [e.covers, e.message])).toEqual([
      ['each z', "'needs each' pairs the replicas of a component, so it is not allowed in a system"],
    ]);
    expect(outlines(text)).toEqual(['system s { needs a }']);
  });

  it('accepts standby only as the whole right-hand side of a group', () => {
    expect(errorsOf('group g = parallel(standby(a, b), c)')).toEqual([
      {
        code: 'standby-position',
        line: 0,
        character: 19,
        covers: 'standby(a, b)',
        message: 'standby(...) can only be the whole right-hand side of a group',
      },
    ]);
    expect(errorsOf('component c { needs standby(a, b) }').map((e) => e.code)).toEqual(['standby-position']);
  });

  it('requires standby members to be names, at least two', () => {
    expect(errorsOf('group g = standby(a, parallel(b, c))').map((e) => [e.covers, e.message])).toEqual([
      ['parallel(b, c)', 'the members of standby(...) must be component names'],
    ]);
    expect(errorsOf('group g = standby(a)').map((e) => [e.covers, e.message])).toEqual([
      ['standby(a)', 'standby(...) needs a primary and at least one spare'],
    ]);
  });

  it('suggests a combinator for an unknown one', () => {
    expect(errorsOf('group g = paralel(a, b)').map((e) => [e.covers, e.message])).toEqual([
      [
        'paralel',
        "unknown combinator 'paralel' (did you mean 'parallel'?): expected series(...), parallel(...), k of (...) or standby(...)",
      ],
    ]);
  });

  it('passes lexical diagnostics through with their codes', () => {
    const text = 'component a-- "x\\q" {\n  mtbf 5h §\n}\ncomponent b "open\n/* never closed';
    expect(errorsOf(text).map(({ code, line, character, covers }) => ({ code, line, character, covers }))).toEqual([
      { code: 'invalid-name', line: 0, character: 10, covers: 'a--' },
      { code: 'invalid-escape', line: 0, character: 16, covers: '\\q' },
      { code: 'invalid-character', line: 1, character: 10, covers: '§' },
      { code: 'unterminated-string', line: 3, character: 12, covers: '"open' },
      { code: 'syntax-error', line: 3, character: 12, covers: '"open' },
      { code: 'unterminated-comment', line: 4, character: 0, covers: '/*' },
    ]);
  });

  it('caps the diagnostics of a file with a final note', () => {
    const text = Array.from({ length: 150 }, (_, i) => `component c${i} { mttr }`).join('\n');
    const diagnostics = parse(text).diagnostics;
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics[MAX_DIAGNOSTICS]).toMatchObject({
      severity: 'info',
      code: 'too-many-errors',
      message: 'too many errors: only the first 100 are shown',
    });
    expect(parse(text).file.declarations).toHaveLength(150);
  });
});

describe('recovery', () => {
  it('reports three separate errors and keeps every declaration', () => {
    const text = [
      'component a { mtbf }',
      'component b { mtbf 5h }',
      'group g = parallel(a,, b)',
      'component c { mttr 1h }',
      'system s { require availability 99% }',
      'component d { rate 1/y }',
    ].join('\n');
    expect(errorsOf(text).map((e) => [e.line, e.covers, e.message])).toEqual([
      [0, '}', "expected a duration after 'mtbf'"],
      [2, ',', "expected a name or an expression after ','"],
      [4, '99%', "expected a comparison (>=, >, <= or <) after 'availability'"],
    ]);
    expect(outlines(text)).toEqual([
      'component a { mtbf ? }',
      'component b { mtbf 5h }',
      'group g = ?',
      'component c { mttr 1h }',
      'system s { require availability ? ? }',
      'component d { rate 1/y }',
    ]);
  });

  it('goes on with the next item after a broken one', () => {
    const text = 'component a {\n  needs x y\n  mttr 1h\n  recovery restart coverage 90%\n  replicas 2\n}';
    expect(errorsOf(text).map((e) => [e.line, e.covers, e.message])).toEqual([
      [1, 'y', "unexpected 'y' in component 'a': expected an item or '}'"],
      [3, 'coverage', "expected a duration after 'restart'"],
    ]);
    expect(outlines(text)).toEqual(['component a { needs x; mttr 1h; recovery restart ? coverage 90%; replicas 2 }']);
  });

  it('keeps the declarations around a stray closing brace', () => {
    const text = 'component a {}\n}\ncomponent b {}';
    expect(errorsOf(text).map((e) => [e.line, e.covers])).toEqual([[1, '}']]);
    expect(outlines(text)).toEqual(['component a {  }', 'component b {  }']);
  });
});

describe('nesting', () => {
  const nested = (depth: number) => `group g = ${'parallel('.repeat(depth)}a${')'.repeat(depth)}`;

  it('accepts 256 nested parentheses', () => {
    const result = parse(nested(256));
    expect(result.diagnostics).toEqual([]);
    const group = result.file.declarations[0] as GroupDecl;
    expect(group.expr?.kind).toBe('parallel');
  });

  it('rejects the 257th parenthesis and keeps the declaration header', () => {
    const text = `component x {}\n${nested(257)}\ncomponent y {}`;
    const errors = errorsOf(text);
    expect(errors).toEqual([
      {
        code: 'nesting-too-deep',
        line: 1,
        character: 10 + 9 * 256 + 8,
        covers: '(',
        message: 'expressions nest too deeply: at most 256 levels of parentheses are allowed',
      },
    ]);
    expect(outlines(text)).toEqual(['component x {  }', 'group g = ?', 'component y {  }']);
  });

  it('counts depth inside component needs too', () => {
    const text = `component c "C" { mttr 1h needs ${'series('.repeat(300)}a${')'.repeat(300)} }`;
    expect(errorsOf(text).map((e) => e.code)).toEqual(['nesting-too-deep']);
    expect(outlines(text)).toEqual(['component c "C"']);
  });

  it.each([5_000, 100_000])('returns quickly with one error for %i nested parentheses', (depth) => {
    const text = nested(depth);
    const started = performance.now();
    const result = parse(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
  });

  it('survives unbalanced parentheses', () => {
    const text = `group g = ${'('.repeat(100_000)}`;
    expect(parse(text).diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
  });
});

describe('needs each', () => {
  it('reads "each" before any name as a pairing, as the grammar does, and alone as a name', () => {
    expect(outlines('group g = a {\n  needs each\n  ccf\n}')).toEqual(['group g = a { needs each ccf }']);
    expect(outlines('group g = a { needs each, b\n needs b, each }')).toEqual(['group g = a { needs each, b; needs b, each }']);
  });
});
