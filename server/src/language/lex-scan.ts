import type { IToken, TokenType } from 'chevrotain';
import type { Comment } from './ast';
import { diagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';
import { stringInterner } from './interner';
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
  /**
   * The deepest parenthesis nesting within one declaration, counted as the
   * nesting limit counts it (reset at each reserved word, a `)` without `(`
   * ignored), so the parser knows without another pass whether to check it.
   */
  readonly deepestNesting: number;
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

/**
 * Character classes of ASCII, looked up once per character instead of a chain
 * of comparisons (the scanner's dispatch runs for every character of a file).
 */
const enum Class {
  Junk = 0,
  Space,
  Letter,
  Digit,
  Underscore,
  Punctuation,
  Quote,
  Slash,
  Minus,
}

const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const c of [Ch.Space, Ch.LineFeed, Ch.CarriageReturn, Ch.Tab, Ch.VerticalTab, Ch.FormFeed]) table[c] = Class.Space;
  for (let c = Ch.LowerA; c <= Ch.LowerZ; c++) table[c] = Class.Letter;
  for (let c = Ch.UpperA; c <= Ch.UpperZ; c++) table[c] = Class.Letter;
  for (let c = Ch.Zero; c <= Ch.Nine; c++) table[c] = Class.Digit;
  for (const c of [Ch.LParen, Ch.RParen, Ch.LCurly, Ch.RCurly, Ch.Comma, Ch.Equals, Ch.Less, Ch.Greater]) table[c] = Class.Punctuation;
  table[Ch.Underscore] = Class.Underscore;
  table[Ch.Quote] = Class.Quote;
  table[Ch.Slash] = Class.Slash;
  table[Ch.Minus] = Class.Minus;
  return table;
})();

/** The class of any UTF-16 code unit (`NaN`, past the end, is junk; callers check the end first). */
function classOf(c: number): Class {
  if (c < 128) return ASCII_CLASS[c] as Class;
  return c === Ch.ByteOrderMark ? Class.Space : Class.Junk;
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

function isLetter(c: number): boolean {
  return (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ);
}

function isWordChar(c: number): boolean {
  const k = c < 128 ? ASCII_CLASS[c] : Class.Junk;
  return k === Class.Letter || k === Class.Digit || k === Class.Underscore;
}

function isLowercase(c: number): boolean {
  return c >= Ch.LowerA && c <= Ch.LowerZ;
}

function isLineEnd(c: number): boolean {
  return c === Ch.LineFeed || c === Ch.CarriageReturn;
}

/** Characters (in context) that begin no token: a run of them is one `invalid-character`. */
function isJunkAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const k = classOf(c);
  if (k === Class.Minus) return !isDigit(text.charCodeAt(i + 1));
  if (k === Class.Slash) {
    const next = text.charCodeAt(i + 1);
    return next !== Ch.Slash && next !== Ch.Star;
  }
  return k === Class.Junk;
}

/** Punctuation by character code: its token type and image (`>=` and `<=` are looked at separately). */
const PUNCTUATION_BY_CODE: readonly (readonly [TokenType, string] | undefined)[] = (() => {
  const table: (readonly [TokenType, string] | undefined)[] = [];
  for (const [image, type] of PUNCTUATION_TOKENS) if (image.length === 1) table[image.charCodeAt(0)] = [type, image];
  return table;
})();

interface Keyword {
  readonly image: string;
  readonly type: TokenType;
  /** A reserved word: it starts a declaration. */
  readonly reserved: boolean;
}

/**
 * Reserved words and contextual keywords, bucketed by length and first letter
 * (all are lowercase letters), so a word is recognised by comparing it in
 * place with one or two candidates: no string is cut out of the text for a
 * keyword, and its token shares the one keyword string.
 */
const KEYWORD_BUCKETS: readonly (readonly Keyword[] | undefined)[] = (() => {
  const buckets: Keyword[][] = [];
  for (const [image, type] of [...RESERVED_TOKENS, ...KEYWORD_TOKENS]) {
    (buckets[bucketOf(image.length, image.charCodeAt(0))] ??= []).push({ image, type, reserved: RESERVED_TOKENS.has(image) });
  }
  return buckets;
})();

function bucketOf(length: number, firstLetter: number): number {
  return length * 32 + (firstLetter - Ch.LowerA);
}

/** The keyword spelled by `text[start, end)` (lowercase letters only), if any. */
function keywordAt(text: string, start: number, end: number): Keyword | undefined {
  const bucket = KEYWORD_BUCKETS[bucketOf(end - start, text.charCodeAt(start))];
  if (bucket === undefined) return undefined;
  for (let k = 0; k < bucket.length; k++) if (text.startsWith(bucket[k]!.image, start)) return bucket[k];
  return undefined;
}

/** Quantities repeat (`4h`, `99%`): their tokens share one string per distinct text. */
const QUANTITY_TEXTS = stringInterner(1024);

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

function lineEndFrom(text: string, i: number): number {
  const n = text.length;
  while (i < n && !isLineEnd(text.charCodeAt(i))) i++;
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
  deepestNesting = 0;
  /** Open parentheses in the current declaration. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly uri: string,
  ) {}

  private report(code: DiagnosticCode, message: string, start: number, end: number): void {
    if (this.diagnostics.length >= LEXICAL_DIAGNOSTIC_LIMIT) return;
    this.diagnostics.push(diagnostic('error', code, message, this.uri, span(start, end)));
  }

  /** Where the scan stopped: the end of the last token, comment or space it read (past `to` when one ran over it). */
  end = 0;

  /** Scans from `from` while the position is before `to`; tokens may run on past `to` (see scanRange). */
  run(from = 0, to = this.text.length): void {
    const { text } = this;
    const n = to;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (classOf(c)) {
        case Class.Space:
          i++;
          break;
        case Class.Letter:
        case Class.Underscore:
          i = this.word(i);
          break;
        case Class.Digit:
          i = this.quantity(i);
          break;
        case Class.Punctuation:
          i = this.punctuation(i, c);
          break;
        case Class.Quote:
          i = this.string(i);
          break;
        case Class.Slash: {
          const next = text.charCodeAt(i + 1);
          if (next === Ch.Slash) i = this.lineComment(i);
          else if (next === Ch.Star) i = this.blockComment(i);
          else i = this.junk(i);
          break;
        }
        case Class.Minus:
          i = isDigit(text.charCodeAt(i + 1)) ? this.quantity(i) : this.junk(i);
          break;
        default:
          i = this.junk(i);
      }
    }
    this.end = i;
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
    this.tokens.push(makeToken(Quantity, QUANTITY_TEXTS.get(this.text.slice(start, end)), start));
    return end;
  }

  /** A word: letters, digits, `_`, and dashes (also misplaced ones, reported as `invalid-name`). */
  private word(start: number): number {
    const { text } = this;
    let i = start + 1;
    let lowercaseOnly = isLowercase(text.charCodeAt(start));
    let dashes = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isWordChar(c)) {
        if (lowercaseOnly && !isLowercase(c)) lowercaseOnly = false;
        i++;
      } else if (c === Ch.Minus) {
        dashes = true;
        lowercaseOnly = false;
        i++;
      } else break;
    }
    // Keywords are lowercase letters only.
    const keyword = lowercaseOnly ? keywordAt(text, start, i) : undefined;
    if (keyword) {
      if (keyword.reserved) this.depth = 0;
      this.tokens.push(makeToken(keyword.type, keyword.image, start));
      return i;
    }
    const image = text.slice(start, i);
    // Without a dash a word is always a valid name (it starts with a letter or `_`).
    if (dashes && !NAME_PATTERN.test(image)) {
      this.report(
        'invalid-name',
        `'${image}' is not a valid name: each '-' must be followed by a letter, digit or '_'`,
        start,
        i,
      );
    }
    this.tokens.push(makeToken(Identifier, image, start));
    return i;
  }

  private punctuation(start: number, c: number): number {
    if ((c === Ch.Greater || c === Ch.Less) && this.text.charCodeAt(start + 1) === Ch.Equals) {
      const image = c === Ch.Greater ? '>=' : '<=';
      this.tokens.push(makeToken(PUNCTUATION_TOKENS.get(image)!, image, start));
      return start + 2;
    }
    if (c === Ch.LParen) {
      this.depth++;
      if (this.depth > this.deepestNesting) this.deepestNesting = this.depth;
    } else if (c === Ch.RParen && this.depth > 0) {
      this.depth--;
    }
    const entry = PUNCTUATION_BY_CODE[c]!;
    this.tokens.push(makeToken(entry[0], entry[1], start));
    return start + 1;
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

/**
 * Scans `text` from `from` up to `to` as a whole-file scan would if it were
 * between two tokens at `from` (offsets stay those of `text`). `end` is where
 * the last token, comment or space read ended: exactly `to` when `to` is a
 * boundary a whole-file scan also stops at, past it when a word, number,
 * string or comment runs on over it.
 */
export function scanRange(text: string, uri: string, from: number, to: number): ScanResult & { readonly end: number } {
  const scanner = new Scanner(text, uri);
  scanner.run(from, to);
  return scanner;
}
