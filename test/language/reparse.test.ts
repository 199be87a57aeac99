import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../server/src/language/parser';
import { reparseFile } from '../../server/src/language/reparse';
import { generateServiceModel } from '../bench/generators';
import { characterEdit, lineEdit, sampleTexts, type Edit } from '../support/random-edits';

const URI = 'file:///model.ft';
const SAMPLES = sampleTexts();

/** Reparses `edited` from the parse of `text`, and checks it against a whole parse of `edited`. */
function expectSameAsWholeParse(text: string, edited: string): void {
  const incremental = reparseFile({ text, result: parseFile(text, URI) }, edited, URI);
  expect(incremental).toEqual(parseFile(edited, URI));
}

function replaced(text: string, find: string, by: string): string {
  const at = text.indexOf(find);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at) + by + text.slice(at + find.length);
}

describe('incremental parsing gives the tree of a whole parse', () => {
  const base = SAMPLES.find((s) => s.includes('mttr'))!;
  const number = /\d+(\.\d+)?(h|min|y)\b/.exec(base)!;

  it('after a number changed in place (same length) and with a new length', () => {
    const at = number.index;
    expectSameAsWholeParse(base, base.slice(0, at) + '7' + base.slice(at + 1));
    expectSameAsWholeParse(base, base.slice(0, at) + '12345' + base.slice(at + 1));
  });

  it('after a declaration is added, removed, or split by a stray brace', () => {
    const at = base.indexOf('\ncomponent ');
    expectSameAsWholeParse(base, base.slice(0, at) + '\ncomponent added { mtbf 5h mttr 1h }\n' + base.slice(at));
    const next = base.indexOf('\ncomponent ', at + 1);
    if (next > 0) expectSameAsWholeParse(base, base.slice(0, at) + base.slice(next));
    expectSameAsWholeParse(base, base.slice(0, at + 5) + '}' + base.slice(at + 5));
  });

  it('after an edit that fixes the only error, reading only the declaration it was in', () => {
    const at = base.indexOf('\ncomponent ') + 1;
    // The same length, so that the declarations kept are the very objects.
    const broken = base.slice(0, at) + 'component   { }\n' + base.slice(at);
    const brokenResult = parseFile(broken, URI);
    expect(brokenResult.diagnostics.length).toBeGreaterThan(0);
    const fixed = base.slice(0, at) + 'component x { }\n' + base.slice(at);
    const incremental = reparseFile({ text: broken, result: brokenResult }, fixed, URI);
    expect(incremental).toEqual(parseFile(fixed, URI));
    expect(incremental.file.declarations.filter((d) => brokenResult.file.declarations.includes(d)).length).toBe(brokenResult.file.declarations.length - 1);
  });

  it('after edits that change how the rest of the file reads (a string, a comment opened or closed)', () => {
    const at = base.indexOf('\ncomponent ');
    for (const opener of ['"', '/*', '//', '(', '{', '1e', '-']) expectSameAsWholeParse(base, base.slice(0, at) + opener + base.slice(at));
    const commented = base.slice(0, at) + '/* x */' + base.slice(at);
    expectSameAsWholeParse(commented, replaced(commented, '*/', ''));
  });

  it('returns the same result for the same text, and keeps the untouched declarations themselves', () => {
    const result = parseFile(base, URI);
    expect(reparseFile({ text: base, result }, base, URI)).toBe(result);
    const at = number.index;
    const edited = reparseFile({ text: base, result }, base.slice(0, at) + '7' + base.slice(at + 1), URI);
    const kept = edited.file.declarations.filter((d) => result.file.declarations.includes(d));
    expect(kept.length).toBe(result.file.declarations.length - 1);
  });

  it('keeps the declarations after an edit that changes the length as the same nodes, moved to their new place', () => {
    const result = parseFile(base, URI);
    const before = result.file.declarations.map((d) => d.span.start);
    const at = number.index;
    const editedText = base.slice(0, at) + '12345' + base.slice(at + 1);
    const edited = reparseFile({ text: base, result }, editedText, URI);
    expect(edited).toEqual(parseFile(editedText, URI));
    const moved = edited.file.declarations.filter((d) => d.span.start > at);
    expect(moved.length).toBeGreaterThan(0);
    for (const d of moved) {
      const index = result.file.declarations.indexOf(d);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(d.span.start).toBe(before[index]! + 4);
    }
  });

  it('on random edit sequences over the samples (property)', () => {
    const snippets = [
      '',
      ' ',
      '\n',
      'x',
      '5h',
      '9',
      '.5',
      'e-3',
      '%',
      '}',
      '{',
      '(',
      ')',
      ',',
      '"',
      '/*',
      '*/',
      '//',
      '-',
      'needs ',
      'mtbf 20h',
      'component c { mttr 1h }\n',
      'group g = parallel(a, b)\n',
      'use "x.ft"\n',
      'system',
      '\u00e9',
    ];
    // Anywhere, anything (mostly breaking the text); a digit for a digit and a line at a line's start (mostly keeping it valid).
    const anywhere = fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), insert: fc.constantFrom(...snippets) }).map(
      ({ at, length, insert }): Edit =>
        (text) => {
          const from = at % (text.length + 1);
          return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + length));
        },
    );
    const digit = characterEdit(/\d/g, ['0', '7', '42', '']);
    const line = lineEdit(['\n', '// note\n', 'component c { mtbf 5h mttr 1h }\n', '/* a\n b */\n', '}\n']);
    // Near the end of the file, where errors are read in place (nothing after them to recover into).
    const tail = fc.record({ back: fc.nat({ max: 60 }), length: fc.nat({ max: 4 }), insert: fc.constantFrom(...snippets) }).map(
      ({ back, length, insert }): Edit =>
        (text) => {
          const from = Math.max(0, text.length - back);
          return text.slice(0, from) + insert + text.slice(Math.min(text.length, from + length));
        },
    );
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(fc.oneof(anywhere, digit, line, tail), { minLength: 1, maxLength: 12 }), (sample, edits) => {
        let text = sample;
        let result = parseFile(text, URI);
        for (const edit of edits) {
          const edited = edit(text);
          // Each result is handed to the next parse (its kept nodes move to the new text), as ParseMemory does.
          const incremental = reparseFile({ text, result }, edited, URI);
          expect(incremental).toEqual(parseFile(edited, URI));
          // And back (an edit that breaks the text, undone: the error fixed), and forth again.
          const undone = reparseFile({ text: edited, result: incremental }, text, URI);
          expect(undone).toEqual(parseFile(text, URI));
          result = reparseFile({ text, result: undone }, edited, URI);
          expect(result).toEqual(parseFile(edited, URI));
          text = edited;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-reads one declaration of a 2,000-component model, not the file', () => {
    const text = generateServiceModel(12_500, 11).text;
    const result = parseFile(text, URI);
    const at = text.indexOf('  mttr ') + '  mttr '.length;
    const edited = text.slice(0, at) + '9' + text.slice(at + 1);
    const started = performance.now();
    const incremental = reparseFile({ text, result }, edited, URI);
    const incrementalMs = performance.now() - started;
    expect(incremental).toEqual(parseFile(edited, URI));
    // Generous bound (a whole parse takes about 70 ms here): it must not be a whole parse.
    expect(incrementalMs).toBeLessThan(30);
  });
});
