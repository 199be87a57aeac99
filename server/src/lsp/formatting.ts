import type { Range, TextEdit } from 'vscode-languageserver';
import { formatText } from '../language/formatter';
import { lineIndexOf } from './lines';
import type { DocumentContext } from './project';

/**
 * Whole-document formatting: the formatter's canonical layout, sent as one
 * edit covering only what changed (common prefix and suffix kept). A file with
 * syntax errors is left alone.
 */
export function formatDocument(ctx: DocumentContext): TextEdit[] {
  const formatted = formatText(ctx.file.text, ctx.file.uri);
  if (!('text' in formatted)) return [];
  return minimalEdit(ctx, 0, ctx.file.text.length, formatted.text);
}

/**
 * Range formatting formats the whole declarations the range touches (the
 * formatter works on declarations), from the first one's start to the last
 * one's end; comments and text outside them stay as they are.
 */
export function formatRange(ctx: DocumentContext, range: Range): TextEdit[] {
  const lines = lineIndexOf(ctx.file);
  const from = lines.offsetAt(range.start);
  const to = lines.offsetAt(range.end);
  const touched = ctx.file.syntax.declarations.filter((d) => d.span.end >= from && d.span.start <= to);
  if (touched.length === 0) return [];
  const start = touched[0]!.span.start;
  const end = touched[touched.length - 1]!.span.end;
  const formatted = formatText(ctx.file.text.slice(start, end), ctx.file.uri);
  if (!('text' in formatted)) return [];
  return minimalEdit(ctx, start, end, formatted.text.replace(/\r?\n$/, ''));
}

/** Replaces text[start, end) by `replacement`, trimmed to the part that differs (so the cursor and folds stay put). */
function minimalEdit(ctx: DocumentContext, start: number, end: number, replacement: string): TextEdit[] {
  const text = ctx.file.text;
  let prefix = 0;
  const maxPrefix = Math.min(end - start, replacement.length);
  while (prefix < maxPrefix && text.charCodeAt(start + prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(end - start, replacement.length) - prefix;
  while (suffix < maxSuffix && text.charCodeAt(end - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) suffix++;
  if (prefix === end - start && prefix === replacement.length) return [];
  const lines = lineIndexOf(ctx.file);
  return [
    {
      range: { start: lines.positionAt(start + prefix), end: lines.positionAt(end - suffix) },
      newText: replacement.slice(prefix, replacement.length - suffix),
    },
  ];
}
