import type { SourceFile } from '../language/model';
import { LineIndex, type Span } from '../language/span';
import type { Range } from 'vscode-languageserver';

/** One `LineIndex` per file text, built on first use (features ask for it many times per request). */
const indexes = new WeakMap<SourceFile, LineIndex>();

export function lineIndexOf(file: SourceFile): LineIndex {
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  return index;
}

export function rangeIn(file: SourceFile, at: Span): Range {
  return lineIndexOf(file).rangeOf(at);
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
