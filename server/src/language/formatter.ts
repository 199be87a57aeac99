import type { Diagnostic } from './diagnostics';
import { layoutPlan } from './format-roles';
import { printPieces, type SourcePiece } from './format-printer';
import { scanText } from './lex-scan';
import { parseFile } from './parser';

/**
 * The canonical layout of a `.ft` file (see docs/decisions.md).
 * Refuses, returning the errors, when the file does not parse cleanly: a
 * formatter must never drop or reinterpret text it could not read.
 */
export function formatText(
  text: string,
  uri = 'untitled.ft',
): { readonly text: string } | { readonly diagnostics: readonly Diagnostic[] } {
  const parsed = parseFile(text, uri);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { diagnostics: errors };
  const scanned = scanText(text, uri);
  const pieces: SourcePiece[] = [
    ...scanned.tokens.map((t): SourcePiece => ({
      kind: 'code',
      text: t.image,
      start: t.startOffset,
      end: t.startOffset + t.image.length,
    })),
    ...scanned.comments.map((c): SourcePiece => ({
      kind: c.kind === 'line' ? 'line-comment' : 'block-comment',
      text: c.text,
      start: c.span.start,
      end: c.span.end,
    })),
  ].sort((a, b) => a.start - b.start);
  const sameLineBodies = new Set<number>();
  for (const decl of parsed.file.declarations) {
    if (decl.kind !== 'use' && decl.body && !/[\r\n]/.test(text.slice(decl.body.start, decl.body.end))) {
      sameLineBodies.add(decl.body.start);
    }
  }
  return { text: printPieces(text, layoutPlan(parsed.file), pieces, sameLineBodies) };
}
