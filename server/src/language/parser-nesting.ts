import type { IToken } from 'chevrotain';
import type { Declaration, Name, StringLiteral } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import * as T from './lexer-tokens';
import { span, type Span } from './span';

/**
 * The nesting limit (spec §2), checked on the tokens before parsing so no
 * input can drive the parser's recursion deep. Parentheses never legitimately
 * span declarations, and reserved words always start one, so depth is counted
 * per declaration (from one reserved word to the next).
 *
 * A declaration nested too deep is not parsed: it is reported at its first
 * offending `(` and kept in the tree as its header only (keyword, name, label),
 * so its name still resolves and nothing else is reported inside it.
 */
export const MAX_NESTING = 256;

export interface NestingResult {
  /** The tokens to parse: all of them except those of too-deep declarations. */
  readonly tokens: IToken[];
  /** Header-only declarations standing in for the too-deep ones. */
  readonly headers: Declaration[];
  readonly diagnostics: Diagnostic[];
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly offendingParen: number;
}

const RESERVED_TYPES = new Set(T.RESERVED_TOKENS.values());

function tokenSpan(t: IToken): Span {
  return span(t.startOffset, t.startOffset + t.image.length);
}

/** Token ranges [start, end) of declarations whose parentheses nest deeper than the limit. */
function tooDeepSegments(tokens: readonly IToken[]): Segment[] {
  const found: Segment[] = [];
  let start = 0;
  let depth = 0;
  let offending = -1;
  const close = (end: number): void => {
    if (offending >= 0) found.push({ start, end, offendingParen: offending });
  };
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (RESERVED_TYPES.has(type)) {
      close(i);
      start = i;
      depth = 0;
      offending = -1;
    } else if (type === T.LParen) {
      depth++;
      if (depth > MAX_NESTING && offending < 0) offending = i;
    } else if (type === T.RParen && depth > 0) {
      depth--;
    }
  }
  close(tokens.length);
  return found;
}

function isName(t: IToken | undefined): t is IToken {
  return t !== undefined && (t.tokenType === T.Identifier || T.KEYWORD_TOKENS.get(t.image) === t.tokenType);
}

function isString(t: IToken | undefined): t is IToken {
  return t !== undefined && t.tokenType === T.StringLit;
}

/** The declaration a too-deep segment stands for, with only its header. */
function headerOf(tokens: readonly IToken[], segment: Segment): Declaration | undefined {
  const first = tokens[segment.start]!;
  if (!RESERVED_TYPES.has(first.tokenType)) return undefined;
  const last = tokens[segment.end - 1]!;
  const whole = span(first.startOffset, last.startOffset + last.image.length);
  const keyword = tokenSpan(first);
  const stringAt = (i: number): StringLiteral | undefined =>
    isString(tokens[i]) ? { value: tokens[i]!.payload as string, span: tokenSpan(tokens[i]!) } : undefined;
  if (first.image === 'use') return { kind: 'use', keyword, path: stringAt(segment.start + 1), span: whole };
  const nameToken = tokens[segment.start + 1];
  const name: Name | undefined = isName(nameToken) ? { text: nameToken.image, span: tokenSpan(nameToken) } : undefined;
  const label = stringAt(segment.start + (name ? 2 : 1));
  const header = { keyword, name, label, items: [], body: undefined, span: whole };
  if (first.image === 'group') return { kind: 'group', ...header, expr: undefined };
  return { kind: first.image as 'system' | 'component', ...header };
}

export function limitNesting(tokens: IToken[], uri: string): NestingResult {
  const segments = tooDeepSegments(tokens);
  if (segments.length === 0) return { tokens, headers: [], diagnostics: [] };
  const kept: IToken[] = [];
  const headers: Declaration[] = [];
  const diagnostics: Diagnostic[] = [];
  let next = 0;
  for (const segment of segments) {
    for (let i = next; i < segment.start; i++) kept.push(tokens[i]!);
    next = segment.end;
    const header = headerOf(tokens, segment);
    if (header) headers.push(header);
    diagnostics.push(
      diagnostic(
        'error',
        'nesting-too-deep',
        `expressions nest too deeply: at most ${MAX_NESTING} levels of parentheses are allowed`,
        uri,
        tokenSpan(tokens[segment.offendingParen]!),
      ),
    );
  }
  for (let i = next; i < tokens.length; i++) kept.push(tokens[i]!);
  return { tokens: kept, headers, diagnostics };
}
