import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { lineIndexOf } from './lines';
import type { DocumentContext } from './project';

/** Folding: declarations over several lines, block comments, and runs of two or more line comments on lines of their own. */
export function foldingRanges(ctx: DocumentContext): FoldingRange[] {
  const lines = lineIndexOf(ctx.file);
  const ranges: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    const startLine = lines.positionAt(start).line;
    const endLine = lines.positionAt(end).line;
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  for (const decl of ctx.file.syntax.declarations) if (decl.kind !== 'use') add(decl.span.start, decl.span.end);
  let runStart = -1;
  let runEnd = -1;
  let lastLine = -2;
  for (const comment of ctx.file.syntax.comments) {
    if (comment.kind === 'block') {
      add(comment.span.start, comment.span.end, FoldingRangeKind.Comment);
      continue;
    }
    const start = lines.positionAt(comment.span.start);
    // Only comments on lines of their own make a foldable run (not trailing ones after code).
    if (ctx.file.text.slice(comment.span.start - start.character, comment.span.start).trim() !== '') continue;
    const line = start.line;
    if (line === lastLine + 1 && runStart >= 0) runEnd = comment.span.end;
    else {
      if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
      runStart = comment.span.start;
      runEnd = comment.span.end;
    }
    lastLine = line;
  }
  if (runStart >= 0) add(runStart, runEnd, FoldingRangeKind.Comment);
  return ranges;
}
