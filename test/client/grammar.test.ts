import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenizeText, type Grammar, type Token } from './textmate';

const root = join(__dirname, '../..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/ft.tmLanguage.json'), 'utf8')) as Grammar;

/** Each non-blank token of the text with its innermost scope. */
function scoped(text: string): Array<[string, string]> {
  return tokenizeText(grammar, text)
    .flat()
    .filter((t: Token) => t.text.trim() !== '')
    .map((t) => [t.text.trim(), t.scopes[t.scopes.length - 1] ?? '']);
}

function samples(dir = join(root, 'samples')): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? samples(p) : p.endsWith('.ft') ? [p] : [];
  });
}

describe('the TextMate grammar', () => {
  it('scopes the reserved words and the declared name', () => {
    expect(scoped('component db-primary "Primary" {')).toEqual([
      ['component', 'storage.type.faultline'],
      ['db-primary', 'entity.name.type.faultline'],
      ['"', 'punctuation.definition.string.begin.faultline'],
      ['Primary', 'string.quoted.double.faultline'],
      ['"', 'punctuation.definition.string.end.faultline'],
      ['{', 'punctuation.section.block.begin.faultline'],
    ]);
    expect(scoped('use "net.ft"')[0]).toEqual(['use', 'keyword.control.import.faultline']);
  });

  it('keeps hyphenated names as one token and does not read keywords inside them', () => {
    expect(scoped('needs db-primary, mtbf-probe')).toEqual([
      ['needs', 'keyword.other.faultline'],
      ['db-primary', 'variable.other.element.faultline'],
      [',', 'punctuation.separator.comma.faultline'],
      ['mtbf-probe', 'variable.other.element.faultline'],
    ]);
  });

  it('splits quantities into number and unit: durations, rates, percentages, per-period downtime', () => {
    expect(scoped('mtbf 50000h')).toEqual([
      ['mtbf', 'keyword.other.faultline'],
      ['50000', 'constant.numeric.duration.faultline'],
      ['h', 'keyword.other.unit.duration.faultline'],
    ]);
    expect(scoped('rate 2e-6/h')).toContainEqual(['/h', 'keyword.other.unit.rate.faultline']);
    expect(scoped('rate 2e-6/h')).toContainEqual(['2e-6', 'constant.numeric.rate.faultline']);
    expect(scoped('require outages <= 4/y')).toContainEqual(['<=', 'keyword.operator.comparison.faultline']);
    expect(scoped('availability 99.95%')).toEqual([
      ['availability', 'keyword.other.faultline'],
      ['99.95', 'constant.numeric.percentage.faultline'],
      ['%', 'keyword.other.unit.percent.faultline'],
    ]);
    expect(scoped('require downtime <= 22min/mo')).toContainEqual(['min/mo', 'keyword.other.unit.duration.faultline']);
    expect(scoped('fit 250')).toContainEqual(['250', 'constant.numeric.faultline']);
  });

  it('marks an unknown unit as invalid', () => {
    expect(scoped('mttr 30sec')).toContainEqual(['sec', 'invalid.illegal.unit.faultline']);
  });

  it('knows combinators only before a parenthesis, and k of (…)', () => {
    expect(scoped('group g = parallel(a, b)')).toContainEqual(['parallel', 'support.function.combinator.faultline']);
    expect(scoped('needs series')).toContainEqual(['series', 'variable.other.element.faultline']);
    expect(scoped('group q = 2 of (a, b, c)').slice(3, 5)).toEqual([
      ['2', 'constant.numeric.integer.faultline'],
      ['of', 'keyword.operator.word.faultline'],
    ]);
  });

  it('scopes comments, block comments across lines, and string escapes', () => {
    expect(scoped('mttr 1h // typical')).toContainEqual(['// typical', 'comment.line.double-slash.faultline']);
    const block = scoped('/* first\n   second */ component x {}');
    expect(block).toContainEqual(['second', 'comment.block.faultline']);
    expect(block).toContainEqual(['component', 'storage.type.faultline']);
    expect(scoped('"a \\"b\\" c"')).toContainEqual(['\\"', 'constant.character.escape.faultline']);
  });

  it('ends an unterminated string at the end of its line', () => {
    expect(scoped('"open\ncomponent x {}')).toContainEqual(['component', 'storage.type.faultline']);
  });

  it('gives every token of every sample a scope and finds nothing invalid in them', () => {
    for (const file of samples()) {
      const tokens = scoped(readFileSync(file, 'utf8'));
      expect(tokens.filter(([, scope]) => scope === ''), file).toEqual([]);
      expect(tokens.filter(([, scope]) => scope.startsWith('invalid')), file).toEqual([]);
    }
  });
});
