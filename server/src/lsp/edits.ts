import type { TextEdit } from 'vscode-languageserver';
import type { ComponentDecl } from '../language/ast';
import type { SourceFile } from '../language/model';
import { lineIndexOf } from './lines';

/** Text edits on declarations, as offsets (for what-if texts) and as LSP edits. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdit(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

export function toTextEdit(file: SourceFile, edit: OffsetEdit): TextEdit {
  const lines = lineIndexOf(file);
  return { range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: edit.text };
}

/**
 * Adds an item to a component's body, in the body's own style: on a new line
 * with the items' indentation for a multi-line body, inline before `}` for a
 * one-line body. Undefined when the body is broken (no `{ … }`).
 */
export function insertItem(file: SourceFile, decl: ComponentDecl, item: string): OffsetEdit | undefined {
  const body = decl.body;
  const text = file.text;
  if (!body || text[body.start] !== '{' || text[body.end - 1] !== '}') return undefined;
  const close = body.end - 1;
  const last = decl.items[decl.items.length - 1];
  const after = last ? last.span.end : body.start + 1;
  const lineEnd = endOfLine(text, after);
  if (lineEnd >= close) {
    // `}` on the same line as the last item: one-line style.
    return last ? { start: after, end: after, text: `  ${item}` } : { start: body.start + 1, end: close, text: ` ${item} ` };
  }
  const indent = last ? indentationAt(text, last.span.start) : '  ';
  return { start: lineEnd, end: lineEnd, text: `\n${indent}${item}` };
}

/** Removes a declaration with its line(s) when nothing else is on them. */
export function removeDeclaration(file: SourceFile, span: { start: number; end: number }): OffsetEdit {
  const text = file.text;
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const lineStarts = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  let end = span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const endsLine = end >= text.length || text[end] === '\n' || text[end] === '\r';
  if (!lineStarts || !endsLine) return { start: span.start, end: span.end, text: '' };
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end, text: '' };
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const m = /^[ \t]*/.exec(text.slice(start, offset));
  return m ? m[0] : '  ';
}
