import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { lineIndexOf } from './lines';
import type { DocumentContext } from './project';
import { tokensOf } from './tokens';

/** Token types, in legend order: keyword, system, component, group, unknown name, string, number, comment, operator. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'namespace', 'class', 'struct', 'variable', 'string', 'number', 'comment', 'operator'],
  tokenModifiers: ['declaration'],
};

const TYPE = { keyword: 0, system: 1, component: 2, group: 3, unknown: 4, string: 5, number: 6, comment: 7, operator: 8 } as const;

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly type: number;
  readonly modifiers: number;
}

/**
 * Semantic tokens from the lexer's tokens and the model's name occurrences: a
 * word is a name (coloured by what it denotes, declarations marked) when the
 * model bound it, else a keyword. Comments are split per line (no multi-line
 * tokens, which not every client supports).
 */
export function semanticTokens(ctx: DocumentContext): SemanticTokens {
  const names = new Map<number, { kind: 'system' | 'component' | 'group' | undefined; declaration: boolean }>();
  for (const ref of ctx.model.references ?? []) {
    if (ref.uri === ctx.file.uri) names.set(ref.name.span.start, { kind: ref.targetKind, declaration: ref.isDeclaration });
  }
  const pieces: Piece[] = [];
  for (const token of tokensOf(ctx.file)) {
    const { start, end } = token.span;
    switch (token.kind) {
      case 'reserved':
        pieces.push({ start, end, type: TYPE.keyword, modifiers: 0 });
        break;
      case 'word': {
        const name = names.get(start);
        if (name) pieces.push({ start, end, type: name.kind ? TYPE[name.kind] : TYPE.unknown, modifiers: name.declaration ? 1 : 0 });
        else pieces.push({ start, end, type: TYPE.keyword, modifiers: 0 });
        break;
      }
      case 'string':
        pieces.push({ start, end, type: TYPE.string, modifiers: 0 });
        break;
      case 'quantity':
        pieces.push({ start, end, type: TYPE.number, modifiers: 0 });
        break;
      case 'operator':
        pieces.push({ start, end, type: TYPE.operator, modifiers: 0 });
        break;
      case 'punctuation':
        break;
    }
  }
  for (const comment of ctx.file.syntax.comments) pieces.push({ start: comment.span.start, end: comment.span.end, type: TYPE.comment, modifiers: 0 });
  pieces.sort((a, b) => a.start - b.start);
  return { data: encode(ctx, pieces) };
}

function encode(ctx: DocumentContext, pieces: readonly Piece[]): number[] {
  const lines = lineIndexOf(ctx.file);
  const text = ctx.file.text;
  const data: number[] = [];
  let lastLine = 0;
  let lastChar = 0;
  const push = (start: number, end: number, type: number, modifiers: number): void => {
    if (end <= start) return;
    const pos = lines.positionAt(start);
    data.push(pos.line - lastLine, pos.line === lastLine ? pos.character - lastChar : pos.character, end - start, type, modifiers);
    lastLine = pos.line;
    lastChar = pos.character;
  };
  for (const p of pieces) {
    // Split at line breaks: one token per line.
    let s = p.start;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        push(s, i, p.type, p.modifiers);
        s = i + 1;
      }
    }
    push(s, p.end, p.type, p.modifiers);
  }
  return data;
}
