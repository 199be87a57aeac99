import { describe, expect, it } from 'vitest';
import { formatText } from '../../server/src/language/formatter';

function format(text: string): string {
  const result = formatText(text);
  if (!('text' in result)) throw new Error(`refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  expect(formatText(result.text)).toEqual({ text: result.text });
  return result.text;
}

const lines = (...parts: string[]) => `${parts.join('\n')}\n`;

describe('formatText', () => {
  it('lays out the spec example canonically', () => {
    const spec = lines(
      '// Checkout path of a web shop',
      'system checkout "Web shop checkout" {',
      '  needs edge, app, db_ha, dns',
      '  mission 1y                          // horizon for reliability R(t); default 1y',
      '  require availability >= 99.95%',
      '}',
      '',
      'component lb_a { mtbf 50000h  mttr 1h }',
      'group edge = parallel(lb_a, lb_b)     // either balancer suffices',
      '',
      'component app "App server" {',
      '  rate 1.2e-4/h',
      '  replicas 3                          // three identical, independent instances',
      '  quorum 2                            // two must work',
      '  recovery restart 2min coverage 90%  // 90% of failures are cleared by a restart',
      '}',
      'component dns "Managed DNS" {',
      '  availability 99.99%  mttr 1h        // an SLA plus a typical outage length',
      '}',
    );
    expect(format(spec)).toBe(
      lines(
        '// Checkout path of a web shop',
        'system checkout "Web shop checkout" {',
        '  needs edge, app, db_ha, dns',
        '  mission 1y  // horizon for reliability R(t); default 1y',
        '  require availability >= 99.95%',
        '}',
        '',
        'component lb_a { mtbf 50000h  mttr 1h }',
        'group edge = parallel(lb_a, lb_b)  // either balancer suffices',
        '',
        'component app "App server" {',
        '  rate 1.2e-4/h',
        '  replicas 3                          // three identical, independent instances',
        '  quorum 2                            // two must work',
        '  recovery restart 2min coverage 90%  // 90% of failures are cleared by a restart',
        '}',
        'component dns "Managed DNS" {',
        '  availability 99.99%',
        '  mttr 1h  // an SLA plus a typical outage length',
        '}',
      ),
    );
  });

  it('normalises spacing around names, operators, commas and parentheses', () => {
    expect(format('group   g"G"=2 of(a ,b,series( c , d ))\nsystem s{require availability>=99%\nneeds g,parallel (a,b)}')).toBe(
      lines(
        'group g "G" = 2 of (a, b, series(c, d))',
        'system s {',
        '  require availability >= 99%',
        '  needs g, parallel(a, b)',
        '}',
      ),
    );
  });

  it('keeps quantities, labels and names exactly as written', () => {
    expect(format('component db-primary "a \\" b" { rate 2e-6/h mttr 30sec fit 1e400 }')).toBe(
      lines('component db-primary "a \\" b" { rate 2e-6/h  mttr 30sec  fit 1e400 }'),
    );
  });

  it('puts one item per line in a body written over several lines, indented by two spaces', () => {
    expect(format('component c {\nmtbf 5h   mttr 1h\n      replicas 2 }')).toBe(
      lines('component c {', '  mtbf 5h', '  mttr 1h', '  replicas 2', '}'),
    );
  });

  it('keeps a body written on one line on one line, and expands it beyond 100 columns', () => {
    expect(format('component c { mtbf 5h mttr 1h }')).toBe(lines('component c { mtbf 5h  mttr 1h }'));
    const long = `component c "${'x'.repeat(70)}" { mtbf 5h mttr 1h replicas 3 }`;
    expect(format(long)).toBe(lines(`component c "${'x'.repeat(70)}" {`, '  mtbf 5h', '  mttr 1h', '  replicas 3', '}'));
  });

  it('prints an empty body as {}', () => {
    expect(format('component c {\n\n}\nsystem s {   }')).toBe(lines('component c {}', 'system s {}'));
  });

  it('keeps at most one blank line where the author left some, none after "{" or before "}"', () => {
    expect(format('\n\ncomponent a {}\n\n\n\ncomponent b {\n\n  mtbf 1h\n\n\n  mttr 1h\n\n}\ncomponent c {}\n\n')).toBe(
      lines('component a {}', '', 'component b {', '  mtbf 1h', '', '  mttr 1h', '}', 'component c {}'),
    );
  });

  it('keeps comments where they were: own line, end of line, inline blocks', () => {
    const text = [
      '/* header',
      '   block */',
      'component a { // about a',
      '    // before mtbf',
      '  mtbf 5h /* hours */ mttr 1h',
      '  /* lead */ replicas 2',
      '} // end',
      '// last',
    ].join('\n');
    expect(format(text)).toBe(
      lines(
        '/* header',
        '   block */',
        'component a {  // about a',
        '  // before mtbf',
        '  mtbf 5h /* hours */',
        '  mttr 1h',
        '  /* lead */ replicas 2',
        '}  // end',
        '// last',
      ),
    );
  });

  it('continues an item broken by a line comment on an indented line', () => {
    expect(format('component a {\n  needs b, // the b\n c\n}')).toBe(
      lines('component a {', '  needs b,  // the b', '    c', '}'),
    );
  });

  it('aligns the line comments of consecutive lines', () => {
    expect(format('component a {\n  mtbf 5h // x\n  replicas 3 // y\n\n  mttr 1h // z\n}')).toBe(
      lines('component a {', '  mtbf 5h     // x', '  replicas 3  // y', '', '  mttr 1h  // z', '}'),
    );
  });

  it('writes LF line endings', () => {
    expect(format('component a {\r\n  mtbf 5h\r\n}\r\n')).toBe(lines('component a {', '  mtbf 5h', '}'));
  });

  it('formats an empty or comment-only file', () => {
    expect(format('')).toBe('');
    expect(format('  \n\n')).toBe('');
    expect(format('// only\n\n\n// comments')).toBe(lines('// only', '', '// comments'));
  });

  it('refuses a file with syntax errors and returns them', () => {
    const result = formatText('component a { mttr }\ncomponent b { § }', 'bad.ft');
    expect('diagnostics' in result && result.diagnostics.map((d) => [d.code, d.uri])).toEqual([
      ['syntax-error', 'bad.ft'],
      ['invalid-character', 'bad.ft'],
    ]);
  });
});
