import type { Comment } from './ast';
import type { Diagnostic } from './diagnostics';
import { scanRange, scanText } from './lex-scan';
import type { TokenType } from 'chevrotain';
import {
  Comma,
  Equals,
  Greater,
  GreaterEq,
  KEYWORD_TOKENS,
  LCurly,
  Less,
  LessEq,
  LParen,
  Quantity,
  RCurly,
  RESERVED_TOKENS,
  RParen,
  StringLit,
} from './lexer-tokens';
import { span, type Span } from './span';

export { NAME_PATTERN, scanQuantityEnd } from './lex-scan';
export { quantityFromToken } from './lex-quantity';

/** The only words that can never be names: they start declarations. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(RESERVED_TOKENS.keys());

/** Words that act as keywords in some position; each may still be used as a name. */
export const CONTEXTUAL_KEYWORDS: ReadonlySet<string> = new Set(KEYWORD_TOKENS.keys());

/**
 * What a token is, lexically. Words other than reserved ones are all `word`:
 * whether `failover` is a keyword or a component's name depends on where it
 * stands, which only the parser knows (the syntax tree's `keyword` spans and
 * `Name` nodes tell them apart).
 */
export type TokenKind = 'reserved' | 'word' | 'string' | 'quantity' | 'operator' | 'punctuation';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
}

export interface TokenizeResult {
  /** Every token in source order, comments excluded. */
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
  /** Lexical errors only (at most about a hundred). */
  readonly diagnostics: readonly Diagnostic[];
}

const RESERVED_TYPES: ReadonlySet<TokenType> = new Set(RESERVED_TOKENS.values());
const PUNCTUATION_TYPES: ReadonlySet<TokenType> = new Set([LParen, RParen, LCurly, RCurly, Comma]);
const OPERATOR_TYPES: ReadonlySet<TokenType> = new Set([GreaterEq, LessEq, Greater, Less, Equals]);

function kindOf(type: TokenType): TokenKind {
  if (RESERVED_TYPES.has(type)) return 'reserved';
  if (type === StringLit) return 'string';
  if (type === Quantity) return 'quantity';
  if (PUNCTUATION_TYPES.has(type)) return 'punctuation';
  if (OPERATOR_TYPES.has(type)) return 'operator';
  return 'word';
}

/** Lexes `text` into tokens with kinds and spans (for semantic highlighting and tools). */
export function tokenize(text: string, uri = ''): TokenizeResult {
  const scanned = scanText(text, uri);
  return { tokens: scanned.tokens.map(toToken), comments: scanned.comments, diagnostics: scanned.diagnostics };
}

/** The tokens of `text` from `from` (between two tokens) that start before `to` (the last one read to its end). */
export function tokenizeRange(text: string, uri: string, from: number, to: number): Token[] {
  return scanRange(text, uri, from, to).tokens.map(toToken);
}

function toToken(t: { readonly tokenType: TokenType; readonly image: string; readonly startOffset: number }): Token {
  return { kind: kindOf(t.tokenType), text: t.image, span: span(t.startOffset, t.startOffset + t.image.length) };
}
