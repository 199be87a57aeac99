import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const config = JSON.parse(readFileSync(join(__dirname, '../../language-configuration.json'), 'utf8')) as {
  wordPattern: string;
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: Array<[string, string]>;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
};

const words = (text: string) => text.match(new RegExp(config.wordPattern, 'g'));

describe('the editor configuration', () => {
  it('keeps a hyphenated name as one word, but not a trailing hyphen', () => {
    expect(words('needs db-primary, a_b-c2')).toEqual(['needs', 'db-primary', 'a_b-c2']);
    expect(words('db- x')).toEqual(['db', 'x']);
    expect(words('a--b')).toEqual(['a', 'b']);
  });

  it('keeps a quantity with its unit as one word', () => {
    expect(words('mttr 15min rate 2e-6/h availability 99.95% downtime 22min/mo')).toEqual([
      'mttr', '15min', 'rate', '2e-6/h', 'availability', '99.95%', 'downtime', '22min/mo',
    ]);
  });

  it('has the spec comments and brackets', () => {
    expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    expect(config.brackets).toEqual([['{', '}'], ['(', ')']]);
  });

  it('indents after an opening brace or parenthesis and outdents at the closing one', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    expect(increase.test('component app "App" {')).toBe(true);
    expect(increase.test('group g = parallel(')).toBe(true);
    expect(increase.test('component a { mtbf 1h }')).toBe(false);
    expect(increase.test('component a "{" x')).toBe(false);
    expect(increase.test('system s "Shop // EU" {  // checkout')).toBe(true);
    expect(decrease.test('  }')).toBe(true);
  });
});
