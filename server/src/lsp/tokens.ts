import type { Declaration, FileNode } from '../language/ast';
import type { SourceFile } from '../language/model';
import { tokenize, tokenizeRange, type Token } from '../language/lexer';

/** Tokens of a file text, lexed once per text and shared by completion, hover, signature help and semantic tokens. */
const cache = new WeakMap<SourceFile, readonly Token[]>();

export function tokensOf(file: SourceFile): readonly Token[] {
  let tokens = cache.get(file);
  if (!tokens) {
    tokens = tokenize(file.text, file.uri).tokens;
    cache.set(file, tokens);
  }
  return tokens;
}

/**
 * The tokens of the declaration around `offset`, from its start to the token
 * at `offset`: all that completion, hover and signature help read, without
 * lexing the whole file right after an edit (the whole file's tokens when
 * they are already lexed).
 */
export function tokensAround(file: SourceFile, offset: number): readonly Token[] {
  return cache.get(file) ?? tokenizeRange(file.text, file.uri, declarationAt(file.syntax, offset)?.span.start ?? 0, offset + 1);
}

/** The innermost declaration starting before `offset`. */
export function declarationAt(file: FileNode, offset: number): Declaration | undefined {
  let found: Declaration | undefined;
  for (const d of file.declarations) {
    if (d.span.start < offset) found = d;
    else break;
  }
  return found;
}

/** Index of the first token that ends after `offset` (binary search); tokens.length if none. */
export function tokenIndexAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.span.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The token touching `offset` (the cursor inside it or right after it), if any. */
export function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  const i = tokenIndexAfter(tokens, offset);
  const inside = tokens[i];
  if (inside && inside.span.start <= offset) return inside;
  const before = tokens[i - 1];
  return before && before.span.end === offset ? before : undefined;
}
