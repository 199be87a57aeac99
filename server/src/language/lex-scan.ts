import type { IToken, TokenType } from 'chevrotain';
import type { Comment } from './ast';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { span } from './span';
import {
  Identifier,
  KEYWORD_TOKENS,
  PUNCTUATION_TOKENS,
  Quantity,
  RESERVED_TOKENS,
  StringLit,
} from './lexer-tokens';

/**
 * The hand-written scanner: one pass over the text, char codes only, no
 * backtracking beyond a few characters, so it is linear and fast even on
 * megabytes of junk. It produces chevrotain tokens for the parser, the
 * comments, and lexical diagnostics (at most `LEXICAL_DIAGNOSTIC_LIMIT`).
 */

/** The most lexical diagnostics kept; `parseFile` caps the merged list again. */
export const LEXICAL_DIAGNOSTIC_LIMIT = 101;

/** The spec's name rule, anchored. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

export interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: Comment[];
  readonly diagnostics: Diagnostic[];
}

const enum Ch {
  Tab = 9,
  LineFeed = 10,
  VerticalTab = 11,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Percent = 37,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Less = 60,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperE = 69,
  UpperZ = 90,
  Backslash = 92,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  LCurly = 123,
  RCurly = 125,
  ByteOrderMark = 0xfeff,
}

function isWhitespace(c: number): boolean {
  return (
    c === Ch.Space ||
    c === Ch.LineFeed ||
    c === Ch.CarriageReturn ||
    c === Ch.Tab ||
    c === Ch.VerticalTab ||
    c === Ch.FormFeed ||
    c === Ch.ByteOrderMark
  );
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

function isLetter(c: number): boolean {
  return (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === Ch.Underscore;
}

function isPunctuation(c: number): boolean {
  return (
    c === Ch.LParen ||
    c === Ch.RParen ||
    c === Ch.LCurly ||
    c === Ch.RCurly ||
    c === Ch.Comma ||
    c === Ch.Equals ||
    c === Ch.Less ||
    c === Ch.Greater
  );
}

function isLineEnd(c: number): boolean {
  return c === Ch.LineFeed || c === Ch.CarriageReturn;
}

/** Characters (in context) that begin no token: a run of them is one `invalid-character`. */
function isJunkAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isWhitespace(c) || isWordChar(c) || isPunctuation(c) || c === Ch.Quote) return false;
  const next = text.charCodeAt(i + 1);
  if (c === Ch.Minus) return !isDigit(next);
  if (c === Ch.Slash) return next !== Ch.Slash && next !== Ch.Star;
  return true;
}

/** A chevrotain token with only what the parser reads (no line/column: spans are offsets). */
function makeToken(tokenType: TokenType, image: string, start: number, payload?: unknown): IToken {
  return { image, startOffset: start, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType, payload };
}

/** Skips digits from `i`; returns the first non-digit offset. */
function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function skipLetters(text: string, i: number): number {
  while (isLetter(text.charCodeAt(i))) i++;
  return i;
}

/**
 * End of the quantity starting at `start` (an optional `-` then a digit):
 * `-?NUM SUFFIX?`, each optional part taken only when complete, so `5e` is
 * `5` with unit `e` and `1.` stops before the dot.
 */
export function scanQuantityEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === Ch.Minus) i++;
  i = skipDigits(text, i);
  if (text.charCodeAt(i) === Ch.Dot && isDigit(text.charCodeAt(i + 1))) i = skipDigits(text, i + 1);
  const e = text.charCodeAt(i);
  if (e === Ch.LowerE || e === Ch.UpperE) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === Ch.Plus || sign === Ch.Minus) j++;
    if (isDigit(text.charCodeAt(j))) i = skipDigits(text, j);
  }
  const s = text.charCodeAt(i);
  if (s === Ch.Percent) return i + 1;
  if (s === Ch.Slash) return isLetter(text.charCodeAt(i + 1)) ? skipLetters(text, i + 1) : i;
  if (isLetter(s)) {
    i = skipLetters(text, i);
    if (text.charCodeAt(i) === Ch.Slash && isLetter(text.charCodeAt(i + 1))) i = skipLetters(text, i + 1);
  }
  return i;
}

/** End of a word: letters, digits, `_`, and dashes (also misplaced ones, reported as `invalid-name`). */
function scanWordEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isWordChar(c) || c === Ch.Minus) i++;
    else return i;
  }
}

function lineEndFrom(text: string, i: number): number {
  while (i < text.length && !isLineEnd(text.charCodeAt(i))) i++;
  return i;
}

function describeJunk(junk: string): string {
  const shown = junk.length > 20 ? `${junk.slice(0, 20)}…` : junk;
  const printable = JSON.stringify(shown).slice(1, -1);
  return junk.length === 1 ? `invalid character '${printable}'` : `invalid characters '${printable}'`;
}

class Scanner {
  readonly tokens: IToken[] = [];
  readonly comments: Comment[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly uri: string,
  ) {}

  private report(code: DiagnosticCode, message: string, start: number, end: number): void {
    if (this.diagnostics.length >= LEXICAL_DIAGNOSTIC_LIMIT) return;
    this.diagnostics.push(diagnostic('error', code, message, this.uri, span(start, end)));
  }

  run(): void {
    const { text } = this;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) i++;
      else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Slash) i = this.lineComment(i);
      else if (c === Ch.Slash && text.charCodeAt(i + 1) === Ch.Star) i = this.blockComment(i);
      else if (c === Ch.Quote) i = this.string(i);
      else if (isDigit(c) || (c === Ch.Minus && isDigit(text.charCodeAt(i + 1)))) i = this.quantity(i);
      else if (isLetter(c) || c === Ch.Underscore) i = this.word(i);
      else if (isPunctuation(c)) i = this.punctuation(i);
      else i = this.junk(i);
    }
  }

  private lineComment(start: number): number {
    const end = lineEndFrom(this.text, start);
    this.comments.push({ kind: 'line', text: this.text.slice(start, end), span: span(start, end) });
    return end;
  }

  private blockComment(start: number): number {
    const close = this.text.indexOf('*/', start + 2);
    const end = close < 0 ? this.text.length : close + 2;
    if (close < 0) {
      this.report('unterminated-comment', "unterminated comment: this '/*' has no matching '*/'", start, start + 2);
    }
    this.comments.push({ kind: 'block', text: this.text.slice(start, end), span: span(start, end) });
    return end;
  }

  /** A string on one line; escapes `\"` and `\\`; any other escape is kept as written and reported. */
  private string(start: number): number {
    const { text } = this;
    let value = '';
    let i = start + 1;
    let chunk = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || isLineEnd(c)) {
        value += text.slice(chunk, i);
        this.report(
          'unterminated-string',
          'unterminated string: add the closing \'"\' before the end of the line',
          start,
          i,
        );
        this.tokens.push(makeToken(StringLit, text.slice(start, i), start, value));
        return i;
      }
      if (c === Ch.Quote) {
        value += text.slice(chunk, i);
        this.tokens.push(makeToken(StringLit, text.slice(start, i + 1), start, value));
        return i + 1;
      }
      if (c === Ch.Backslash) {
        const next = text.charCodeAt(i + 1);
        if (next === Ch.Quote || next === Ch.Backslash) {
          value += text.slice(chunk, i) + text[i + 1];
          i += 2;
          chunk = i;
          continue;
        }
        if (i + 1 < text.length && !isLineEnd(next)) {
          const escape = text.slice(i, i + 2);
          this.report(
            'invalid-escape',
            `invalid escape '${escape}': only \\" and \\\\ are allowed in strings`,
            i,
            i + 2,
          );
          i += 2;
          continue;
        }
      }
      i++;
    }
  }

  private quantity(start: number): number {
    const end = scanQuantityEnd(this.text, start);
    this.tokens.push(makeToken(Quantity, this.text.slice(start, end), start));
    return end;
  }

  private word(start: number): number {
    const end = scanWordEnd(this.text, start);
    const image = this.text.slice(start, end);
    const type = RESERVED_TOKENS.get(image) ?? KEYWORD_TOKENS.get(image) ?? Identifier;
    if (type === Identifier && !NAME_PATTERN.test(image)) {
      this.report(
        'invalid-name',
        `'${image}' is not a valid name: each '-' must be followed by a letter, digit or '_'`,
        start,
        end,
      );
    }
    this.tokens.push(makeToken(type, image, start));
    return end;
  }

  private punctuation(start: number): number {
    const two = this.text.slice(start, start + 2);
    const image = two === '>=' || two === '<=' ? two : this.text[start]!;
    this.tokens.push(makeToken(PUNCTUATION_TOKENS.get(image)!, image, start));
    return start + image.length;
  }

  private junk(start: number): number {
    let end = start + 1;
    while (end < this.text.length && isJunkAt(this.text, end)) end++;
    if (this.diagnostics.length < LEXICAL_DIAGNOSTIC_LIMIT) {
      this.report('invalid-character', describeJunk(this.text.slice(start, end)), start, end);
    }
    return end;
  }
}

/** Scans `text` into parser tokens, comments and lexical diagnostics (attributed to `uri`). */
export function scanText(text: string, uri: string): ScanResult {
  const scanner = new Scanner(text, uri);
  scanner.run();
  return scanner;
}
