import { createToken, createTokenInstance, EmbeddedActionsParser, getLookaheadPaths, Lexer, type TokenType } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComponentDecl, Quantity } from '../../server/src/language/ast';
import { Interner, stringInterner } from '../../server/src/language/interner';
import { quantityFromToken, tokenize } from '../../server/src/language/lexer';
import { parseFile } from '../../server/src/language/parser';
import { assertSingleTokenOptions, choicesByToken, FtGrammar } from '../../server/src/language/parser-grammar';
import { asProbability, decimalComplement } from '../../server/src/language/units';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from '../support/memory-host';

/**
 * The mechanisms that make parsing and validation fast must not change a
 * single result: each is checked here against a plain reference.
 */

/** The original split of a quantity token, by regular expression. */
function referenceQuantity(text: string, start: number): Quantity {
  const parts = /^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(.*)$/s.exec(text);
  const numberText = parts ? parts[1]! : text;
  const rest = parts ? parts[2]! : '';
  const slash = rest.indexOf('/');
  const suffix: Quantity['suffix'] =
    rest === ''
      ? { kind: 'none' }
      : rest === '%'
        ? { kind: 'percent' }
        : rest.startsWith('/')
          ? { kind: 'per', unit: rest.slice(1) }
          : slash > 0
            ? { kind: 'unit-per', unit: rest.slice(0, slash), per: rest.slice(slash + 1) }
            : { kind: 'unit', unit: rest };
  return { text, number: Number(numberText), numberText, suffix, span: { start, end: start + text.length } };
}

const quantityChars = fc.constantFrom('0', '1', '5', '9', '.', 'e', 'E', '+', '-', '%', '/', 'h', 'm', 'i', 'n', 'y', 'o', 's');

describe('quantity tokens', () => {
  it('split into number and suffix exactly as the regular expression does (property)', () => {
    fc.assert(
      fc.property(fc.array(quantityChars, { maxLength: 12 }).map((cs) => cs.join('')), fc.nat(1000), (text, start) => {
        expect(quantityFromToken(text, start)).toEqual(referenceQuantity(text, start));
      }),
      { numRuns: 2000 },
    );
  });

  it('share one frozen suffix object per suffix text across quantities', () => {
    const { file } = parseFile('component a { mttr 4h }\ncomponent b { mttr 30h  rate 2/h }\ncomponent c { rate 3/h }', 'x.ft');
    const [a, b, c] = file.declarations as ComponentDecl[];
    const mttrA = a!.items[0]!.kind === 'mttr' ? a!.items[0]!.value! : undefined;
    const mttrB = b!.items[0]!.kind === 'mttr' ? b!.items[0]!.value! : undefined;
    const rateB = b!.items[1]!.kind === 'law' ? b!.items[1]!.value! : undefined;
    const rateC = c!.items[0]!.kind === 'law' ? c!.items[0]!.value! : undefined;
    expect(mttrA!.suffix).toBe(mttrB!.suffix);
    expect(rateB!.suffix).toBe(rateC!.suffix);
    expect(mttrA!.suffix).toEqual({ kind: 'unit', unit: 'h' });
    expect(Object.isFrozen(mttrA!.suffix)).toBe(true);
    const text30h = 'component a { mttr 4h }\ncomponent b { mttr 30h  rate 2/h }';
    expect(mttrB!.span).toEqual({ start: text30h.indexOf('30h'), end: text30h.indexOf('30h') + 3 });
  });
});

describe('bounded interners', () => {
  it('give the first value made for a text to every later request for it', () => {
    let made = 0;
    const interner = new Interner(10, (text) => ({ text, n: ++made }));
    const first = interner.get('4h');
    expect(interner.get('4h')).toBe(first);
    expect(made).toBe(1);
  });

  it('stop remembering at their capacity and make values afresh beyond it', () => {
    let made = 0;
    const interner = new Interner(2, (text) => ({ text, n: ++made }));
    interner.get('a');
    interner.get('b');
    const c1 = interner.get('c');
    const c2 = interner.get('c');
    expect(c1).not.toBe(c2);
    expect(c1).toEqual({ text: 'c', n: 3 });
    expect(interner.get('a')).toEqual({ text: 'a', n: 1 });
    expect(stringInterner(4).get('30min')).toBe('30min');
  });
});

describe('keywords recognised in place by the scanner', () => {
  it('lexes every keyword, and only exact keywords, as such', () => {
    const keywords = ['use', 'system', 'component', 'group', 'needs', 'mission', 'availability', 'of', 'each', 'standby'];
    for (const word of keywords) {
      expect(tokenize(word).tokens.map((t) => [t.kind, t.text])).toEqual([
        [['use', 'system', 'component', 'group'].includes(word) ? 'reserved' : 'word', word],
      ]);
    }
    const names = ['users', 'xuse', 'Use', 'GROUP', 'group_', 'group-a', 'of2', 'o', 'availabilityx', 'a'];
    for (const word of names) expect(tokenize(word).tokens.map((t) => [t.kind, t.text])).toEqual([['word', word]]);
  });

  it('parses names that begin or end like keywords as names', () => {
    const { file, diagnostics } = parseFile('component mttrx { mtbf 1h }\ngroup xgroup = series(mttrx, component_a)', 'x.ft');
    expect(diagnostics).toEqual([]);
    expect(file.declarations.map((d) => (d.kind === 'use' ? '' : d.name?.text))).toEqual(['mttrx', 'xgroup']);
  });
});

describe('the nesting limit, decided during the scan', () => {
  /** Depth as the limit counts it: per declaration (reset at `group`), a `)` without `(` ignored. */
  function referenceDepth(pieces: readonly string[]): number {
    let depth = 0;
    let deepest = 0;
    for (const piece of pieces) {
      if (piece.startsWith('group')) depth = 0;
      else if (piece === '(') deepest = Math.max(deepest, ++depth);
      else if (piece === ')' && depth > 0) depth--;
    }
    return deepest;
  }

  it('reports a too-deep declaration exactly when one nests deeper than 256 (property)', () => {
    const piece = fc.constantFrom('(', '(', '(', ')', 'series', 'a', ',', 'group g =', '"(("', '// ((\n');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 200, maxLength: 700 }), (pieces) => {
        const text = `group g = ${pieces.join(' ')}`;
        const reported = parseFile(text, 'x.ft').diagnostics.some((d) => d.code === 'nesting-too-deep');
        expect(reported).toBe(referenceDepth(['group', ...pieces.filter((p) => !p.startsWith('"') && !p.startsWith('//'))]) > 256);
      }),
      { numRuns: 300 },
    );
  });
});

describe('single-token options', () => {
  it('are decided by the next token alone, as the grammar checks when it is built', () => {
    expect(() => assertSingleTokenOptions(new FtGrammar().getGAstProductions())).not.toThrow();
  });

  it('are decided on one token by chevrotain itself, even where a second would tell more (what the parser relies on)', () => {
    const A = createToken({ name: 'A', pattern: Lexer.NA });
    const B = createToken({ name: 'B', pattern: Lexer.NA });
    class OptionBeforeSameToken extends EmbeddedActionsParser {
      constructor() {
        super([A, B], { maxLookahead: 2 });
        this.performSelfAnalysis();
      }
      // `A? A B`: chevrotain's lookahead for the option stops where the option's content ends.
      readonly top = this.RULE('top', () => {
        this.OPTION(() => this.CONSUME(A));
        this.CONSUME2(A);
        this.CONSUME(B);
      });
    }
    const rule = new OptionBeforeSameToken().getGAstProductions()['top']!;
    const [inside] = getLookaheadPaths({ occurrence: 0, rule, prodType: 'Option', maxLookahead: 2 });
    expect(inside!.map((path) => path.map((token) => token.name))).toEqual([['A']]);
    expect(() => assertSingleTokenOptions({ top: rule })).not.toThrow();
  });
});

describe('choices made on the next token', () => {
  const A = createToken({ name: 'A', pattern: Lexer.NA });
  const B = createToken({ name: 'B', pattern: Lexer.NA });
  const C = createToken({ name: 'C', pattern: Lexer.NA });
  const AnyOf = createToken({ name: 'AnyOf', pattern: Lexer.NA });
  const D = createToken({ name: 'D', pattern: Lexer.NA, categories: [AnyOf] });

  class Choices extends EmbeddedActionsParser {
    constructor() {
      super([AnyOf, A, B, C, D], { maxLookahead: 2 });
      this.performSelfAnalysis();
    }
    // One token decides: the first alternative that admits it wins, categories included.
    readonly oneToken = this.RULE('oneToken', () =>
      this.OR([
        { ALT: () => (this.CONSUME(A), 0) },
        { ALT: () => (this.CONSUME(D), 1) },
        { IGNORE_AMBIGUITIES: true, ALT: () => (this.CONSUME(AnyOf), 2) }, // D too, but D's own alternative comes first
        { ALT: () => (this.CONSUME(B), 3) },
      ]),
    );
    // `A B` or `A C`: only the second token decides.
    readonly twoTokens = this.RULE('twoTokens', () =>
      this.OR2([
        {
          ALT: () => {
            this.CONSUME(A);
            this.CONSUME(B);
          },
        },
        {
          ALT: () => {
            this.CONSUME2(A);
            this.CONSUME(C);
          },
        },
      ]),
    );
  }

  it('map each token to the alternative chevrotain chooses', () => {
    const parser = new Choices();
    const choices = choicesByToken(parser.getGAstProductions()['oneToken']!, 0);
    const chosenByChevrotain = (type: TokenType): number | undefined => {
      parser.input = [createTokenInstance(type, 'x', 0, 0, 1, 1, 1, 1)];
      const chosen = parser.oneToken();
      return parser.errors.length === 0 ? chosen : undefined;
    };
    for (const type of [A, B, C, D, AnyOf]) expect(choices[type.tokenTypeIdx!]).toBe(chosenByChevrotain(type));
    expect([A, B, C, D, AnyOf].map((t) => choices[t.tokenTypeIdx!])).toEqual([0, 3, undefined, 1, 2]);
  });

  it('are refused when the next token does not decide', () => {
    const rules = new Choices().getGAstProductions();
    expect(() => choicesByToken(rules['twoTokens']!, 2)).toThrow("grammar: choice 2 of 'twoTokens' is not decided by one token");
  });
});

describe('decimal fast paths', () => {
  it('give 1 − x exactly as the general path does for plain decimals (property)', () => {
    const decimal = fc
      .tuple(fc.stringMatching(/^[0-9]{1,9}$/), fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, fc.constantFrom(0, 2), (text, shift) => {
        // An exponent takes the general (BigInt) path; `e0` leaves the value unchanged.
        expect(decimalComplement(text, shift)).toBe(decimalComplement(`${text}e0`, shift));
      }),
      { numRuns: 3000 },
    );
  });

  it('read percentages exactly as the general path does (property)', () => {
    const percent = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.stringMatching(/^[0-9]{0,8}$/))
      .map(([whole, fraction]) => (fraction === '' || whole === 100 ? `${whole}` : `${whole}.${fraction}`));
    fc.assert(
      fc.property(percent, (text) => {
        const fast = asProbability(quantityFromToken(`${text}%`, 0));
        const general = asProbability(quantityFromToken(`${text}e0%`, 0));
        expect(fast).toEqual(general);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('repeated members', () => {
  const load = (text: string) => loadModel('/m.ft', memoryHost({ '/m.ft': text }));
  const warnings = (text: string): string[] =>
    load(text)
      .diagnostics.filter((d) => d.code === 'duplicate-member')
      .map((d) => `${d.message} @${d.span.start}<-${d.related?.[0]?.span.start}`);

  it('are reported the same for short lists and long ones, against the first listing', () => {
    const components = Array.from({ length: 20 }, (_, i) => `component m${i} { mtbf 1h }`).join('\n');
    const members = (names: string[]): string => `group g = parallel(${names.join(', ')})\n${components}`;
    const short = ['m1', 'm2', 'm1', 'm3', 'm1', 'm2'];
    const long = [...short, ...Array.from({ length: 14 }, (_, i) => `m${i + 4}`)];
    const shortText = members(short);
    const longText = members(long);
    // Every member is listed before the component declarations, so offsets are found in the list.
    const first = (text: string, name: string): number => text.indexOf(`${name},`);
    const nth = (text: string, name: string, n: number): number => {
      let at = -1;
      for (let i = 0; i < n; i++) at = text.indexOf(name, at + 1);
      return at;
    };
    for (const text of [shortText, longText]) {
      expect(warnings(text)).toEqual([
        `'m1' is listed twice in parallel(…) @${nth(text, 'm1,', 2)}<-${first(text, 'm1')}`,
        `'m1' is listed twice in parallel(…) @${nth(text, 'm1,', 3)}<-${first(text, 'm1')}`,
        `'m2' is listed twice in parallel(…) @${nth(text, 'm2', 2)}<-${first(text, 'm2')}`,
      ]);
    }
  });
});
