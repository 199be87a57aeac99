import { describe, expect, it } from 'vitest';
import {
  CONTEXTUAL_KEYWORDS,
  NAME_PATTERN,
  quantityFromToken,
  RESERVED_WORDS,
  tokenize,
} from '../../server/src/language/lexer';
import { LineIndex } from '../../server/src/language/span';

function kinds(text: string): [string, string][] {
  return tokenize(text).tokens.map((t) => [t.kind, t.text]);
}

function located(text: string): { code: string; line: number; character: number; text: string }[] {
  const index = new LineIndex(text);
  return tokenize(text).diagnostics.map((d) => ({
    code: d.code,
    ...index.positionAt(d.span.start),
    text: text.slice(d.span.start, d.span.end),
  }));
}

describe('token classes', () => {
  it('lexes reserved words, words, strings, quantities, operators and punctuation', () => {
    expect(kinds('group g "G" = 2 of (a, b) { coverage >= 99% }')).toEqual([
      ['reserved', 'group'],
      ['word', 'g'],
      ['string', '"G"'],
      ['operator', '='],
      ['quantity', '2'],
      ['word', 'of'],
      ['punctuation', '('],
      ['word', 'a'],
      ['punctuation', ','],
      ['word', 'b'],
      ['punctuation', ')'],
      ['punctuation', '{'],
      ['word', 'coverage'],
      ['operator', '>='],
      ['quantity', '99%'],
      ['punctuation', '}'],
    ]);
  });

  it('takes the longest operator first', () => {
    expect(kinds('>= <= > < =').map(([, t]) => t)).toEqual(['>=', '<=', '>', '<', '=']);
    expect(kinds('a>=b')).toEqual([
      ['word', 'a'],
      ['operator', '>='],
      ['word', 'b'],
    ]);
  });

  it('gives every token the exact span of its text', () => {
    const text = 'component  app {\n  mttr 4h\n}';
    for (const t of tokenize(text).tokens) expect(text.slice(t.span.start, t.span.end)).toBe(t.text);
  });

  it('reserves exactly use, system, component and group', () => {
    expect([...RESERVED_WORDS].sort()).toEqual(['component', 'group', 'system', 'use']);
    expect(kinds('use system component group').every(([k]) => k === 'reserved')).toBe(true);
  });

  it('lexes contextual keywords as ordinary words', () => {
    for (const word of ['failover', 'default', 'needs', 'mtbf', 'series', 'parallel', 'standby', 'each', 'of']) {
      expect(CONTEXTUAL_KEYWORDS.has(word)).toBe(true);
      expect(kinds(word)).toEqual([['word', word]]);
    }
  });
});

describe('quantities', () => {
  it('keeps the number and its glued suffix in one token', () => {
    expect(kinds('5 99.9% 4h 2e-6/h 22min/mo -3 30sec 5m 1.5e+3y').map(([k, t]) => `${k}:${t}`)).toEqual([
      'quantity:5',
      'quantity:99.9%',
      'quantity:4h',
      'quantity:2e-6/h',
      'quantity:22min/mo',
      'quantity:-3',
      'quantity:30sec',
      'quantity:5m',
      'quantity:1.5e+3y',
    ]);
  });

  it('splits each suffix kind into its parts', () => {
    expect(quantityFromToken('0.999', 0)).toEqual({
      text: '0.999',
      number: 0.999,
      numberText: '0.999',
      suffix: { kind: 'none' },
      span: { start: 0, end: 5 },
    });
    expect(quantityFromToken('99.9%', 3).suffix).toEqual({ kind: 'percent' });
    expect(quantityFromToken('99.9%', 3).span).toEqual({ start: 3, end: 8 });
    expect(quantityFromToken('30sec', 0).suffix).toEqual({ kind: 'unit', unit: 'sec' });
    expect(quantityFromToken('2e-6/h', 0)).toMatchObject({ number: 2e-6, numberText: '2e-6', suffix: { kind: 'per', unit: 'h' } });
    expect(quantityFromToken('22min/mo', 0).suffix).toEqual({ kind: 'unit-per', unit: 'min', per: 'mo' });
    expect(quantityFromToken('-3', 0)).toMatchObject({ number: -3, numberText: '-3', suffix: { kind: 'none' } });
  });

  it('keeps a non-finite number as parsed, for the validator to report', () => {
    expect(quantityFromToken('1e400', 0).number).toBe(Infinity);
  });

  it('takes the exponent and decimals only when complete', () => {
    expect(quantityFromToken('5e', 0)).toMatchObject({ numberText: '5', suffix: { kind: 'unit', unit: 'e' } });
    expect(kinds('1.')).toEqual([['quantity', '1']]);
    expect(located('1.')).toEqual([{ code: 'invalid-character', line: 0, character: 1, text: '.' }]);
    expect(kinds('4/ y')).toEqual([
      ['quantity', '4'],
      ['word', 'y'],
    ]);
  });

  it('treats a minus sign as part of a quantity only when a digit follows', () => {
    expect(kinds('-5h')).toEqual([['quantity', '-5h']]);
    expect(located('- 5')).toEqual([{ code: 'invalid-character', line: 0, character: 0, text: '-' }]);
  });
});

describe('names', () => {
  it('accepts dashes between name parts', () => {
    expect(kinds('db-primary a-1-b _x')).toEqual([
      ['word', 'db-primary'],
      ['word', 'a-1-b'],
      ['word', '_x'],
    ]);
    expect(tokenize('db-primary').diagnostics).toEqual([]);
  });

  it('reports a trailing or doubled dash as an invalid name, as one word', () => {
    expect(kinds('db- a--b')).toEqual([
      ['word', 'db-'],
      ['word', 'a--b'],
    ]);
    expect(located('db- a--b')).toEqual([
      { code: 'invalid-name', line: 0, character: 0, text: 'db-' },
      { code: 'invalid-name', line: 0, character: 4, text: 'a--b' },
    ]);
  });

  it('anchors the name pattern', () => {
    expect(NAME_PATTERN.test('db-primary')).toBe(true);
    expect(NAME_PATTERN.test('db-')).toBe(false);
    expect(NAME_PATTERN.test('a--b')).toBe(false);
    expect(NAME_PATTERN.test('x y')).toBe(false);
    expect(NAME_PATTERN.test('9lives')).toBe(false);
  });

  it('is case-sensitive about reserved words', () => {
    expect(kinds('System')).toEqual([['word', 'System']]);
  });
});

describe('strings', () => {
  it('accepts the two escapes', () => {
    const result = tokenize('"a\\"b\\\\c"');
    expect(result.diagnostics).toEqual([]);
    expect(result.tokens).toEqual([{ kind: 'string', text: '"a\\"b\\\\c"', span: { start: 0, end: 9 } }]);
  });

  it('reports any other escape on its two characters', () => {
    expect(located('component x "tab\\there"')).toEqual([
      { code: 'invalid-escape', line: 0, character: 16, text: '\\t' },
    ]);
  });

  it('reports an unterminated string on the rest of its line and goes on with the next line', () => {
    const text = 'component x "label\ncomponent y {}';
    expect(located(text)).toEqual([{ code: 'unterminated-string', line: 0, character: 12, text: '"label' }]);
    expect(kinds(text).slice(2)).toEqual([
      ['string', '"label'],
      ['reserved', 'component'],
      ['word', 'y'],
      ['punctuation', '{'],
      ['punctuation', '}'],
    ]);
  });

  it('does not let a string run across a line break, even after a backslash', () => {
    expect(located('"abc\\\r\nx')).toEqual([{ code: 'unterminated-string', line: 0, character: 0, text: '"abc\\' }]);
  });
});

describe('comments', () => {
  it('keeps line and block comments apart from the tokens', () => {
    const result = tokenize('a // one\n/* two\n lines */ b');
    expect(result.tokens.map((t) => t.text)).toEqual(['a', 'b']);
    expect(result.comments).toEqual([
      { kind: 'line', text: '// one', span: { start: 2, end: 8 } },
      { kind: 'block', text: '/* two\n lines */', span: { start: 9, end: 25 } },
    ]);
  });

  it('does not nest block comments', () => {
    expect(kinds('/* a /* b */ c */').map(([, t]) => t)).toEqual(['c']);
  });

  it('reports an unterminated block comment where it starts', () => {
    const text = 'component a {}\n  /* open\ncomponent b {}';
    expect(located(text)).toEqual([{ code: 'unterminated-comment', line: 1, character: 2, text: '/*' }]);
    expect(tokenize(text).comments[0]!.text).toBe('/* open\ncomponent b {}');
  });
});

describe('invalid characters', () => {
  it('reports one diagnostic per run of junk, with its text', () => {
    const text = 'mtbf §§§ 5h @\n#';
    expect(located(text)).toEqual([
      { code: 'invalid-character', line: 0, character: 5, text: '§§§' },
      { code: 'invalid-character', line: 0, character: 12, text: '@' },
      { code: 'invalid-character', line: 1, character: 0, text: '#' },
    ]);
    expect(tokenize(text).diagnostics[0]!.message).toBe("invalid characters '§§§'");
    expect(tokenize('é').diagnostics[0]!.message).toBe("invalid character 'é'");
  });

  it('shows control characters escaped', () => {
    expect(tokenize('\u0001').diagnostics[0]!.message).toBe("invalid character '\\u0001'");
  });

  it('keeps the diagnostics of binary junk bounded', () => {
    let junk = '';
    for (let i = 0; i < 200_000; i++) junk += String.fromCharCode((i * 7919) % 256);
    const result = tokenize(junk);
    expect(result.diagnostics.length).toBeLessThanOrEqual(101);
    for (const d of result.diagnostics) {
      expect(d.span.start).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(junk.length);
    }
  });
});
