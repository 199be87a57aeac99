import type { Comment, Declaration } from './ast';
import { parseFile, parseRegion, type ParseResult } from './parser';
import { span } from './span';

/**
 * The last parse of each file, so that its next text is parsed from it
 * (see reparseFile): the language server keeps one per side (documents, and
 * the analysis worker), across versions.
 */
export class ParseMemory {
  private readonly last = new Map<string, { readonly text: string; readonly result: ParseResult }>();

  parse(text: string, uri: string): ParseResult {
    const previous = this.last.get(uri);
    const result = previous === undefined ? parseFile(text, uri) : reparseFile(previous, text, uri);
    this.last.set(uri, { text, result });
    return result;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/**
 * Incremental parsing, one declaration at a time: an edit re-reads only the
 * declarations it touches, and the others are kept (those after it moved by
 * the edit's change in length). The result is the very tree a whole parse of
 * the new text gives (a property test compares them on random edits); where
 * that cannot be guaranteed cheaply (the old text had errors outside the
 * edited region, the region has errors and a declaration follows it, its
 * edges fall inside a token) it is a whole parse.
 *
 * The previous result is handed over, not copied: the declarations after the
 * edit are the same nodes, their spans moved in place to the new text (a
 * copy of each, and everything derived from it again, cost more than the
 * rest of an edit on a large file). So a tree is read at the positions of
 * the last text parsed from it; ParseMemory holds the one previous result
 * per file and passes it on.
 */
export function reparseFile(previous: { readonly text: string; readonly result: ParseResult }, text: string, uri: string): ParseResult {
  if (previous.text === text) return previous.result;
  const old = previous.result;
  const { from, oldTo, delta } = changedRange(previous.text, text);
  const declarations = old.file.declarations;
  // Kept before: declarations ending a little before the edit (a token's end is decided by the characters after it).
  let before = 0;
  while (before < declarations.length && declarations[before]!.span.end + LOOKAHEAD < from) before++;
  // Kept after: declarations starting after the edit.
  let after = declarations.length;
  while (after > before && declarations[after - 1]!.span.start > oldTo) after--;
  const regionStart = before === 0 ? 0 : declarations[before - 1]!.span.end;
  const regionEnd = (after === declarations.length ? previous.text.length : declarations[after]!.span.start) + delta;
  if (regionEnd < regionStart) return parseFile(text, uri);
  // The old text's errors, if any, must all be in the part read again (the edit fixed them): what is kept read cleanly.
  const oldRegionEnd = regionEnd - delta;
  for (const d of old.diagnostics) if (d.span.start < regionStart || d.span.end > oldRegionEnd) return parseFile(text, uri);
  const region = parseRegion(text, uri, regionStart, regionEnd);
  if (region === undefined) return parseFile(text, uri);
  // An error's message may name the declaration before it while that one could still go on (a group's optional
  // body): errors are read in place only after a closed body, or at the start of the file.
  if (region.diagnostics.length > 0 && regionStart > 0 && text.charCodeAt(regionStart - 1) !== CLOSING_BRACE) return parseFile(text, uri);
  const comments = old.file.comments;
  const keptDeclarations: Declaration[] = declarations.slice(0, before);
  for (const d of region.declarations) keptDeclarations.push(d);
  const keptComments: Comment[] = [];
  for (const c of comments) if (c.span.end <= regionStart) keptComments.push(c);
  for (const c of region.comments) keptComments.push(c);
  const movedComments = comments.filter((c) => c.span.start >= oldRegionEnd);
  const movedDeclarations = declarations.slice(after);
  moveSpans([...movedDeclarations, ...movedComments], delta);
  for (const d of movedDeclarations) keptDeclarations.push(d);
  for (const c of movedComments) keptComments.push(c);
  // Errors only in a region that runs to the end of the file: nothing before it had any.
  return { file: { declarations: keptDeclarations, comments: keptComments, span: span(0, text.length) }, diagnostics: region.diagnostics };
}

const CLOSING_BRACE = 0x7d;

/** Characters after a token that may decide where it ends (a number's exponent, a unit): kept declarations end further from the edit. */
const LOOKAHEAD = 8;

/** The edit between two texts: [from, oldTo) in the old text became [from, oldTo + delta) in the new one. */
function changedRange(oldText: string, text: string): { from: number; oldTo: number; delta: number } {
  const shortest = Math.min(oldText.length, text.length);
  let from = 0;
  while (from < shortest && oldText.charCodeAt(from) === text.charCodeAt(from)) from++;
  let suffix = 0;
  while (suffix < shortest - from && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { from, oldTo: oldText.length - suffix, delta: text.length - oldText.length };
}

/**
 * Moves every span of the kept syntax after the edit by `delta`, in place:
 * the nodes stay the same objects, so whatever was derived from them and
 * keyed by them (validation, structure) is found again, and holds positions
 * in the new text.
 */
function moveSpans(nodes: readonly object[], delta: number): void {
  if (delta === 0) return;
  for (const node of nodes) {
    for (const s of spansOf(node)) {
      s.start += delta;
      s.end += delta;
    }
  }
}

/** Each kept node's spans, found once: a node keeps its spans for life (only their positions change). */
const spansOfNode = new WeakMap<object, MovableSpan[]>();

type MovableSpan = { start: number; end: number };

/**
 * Every span object in a node, each once (nodes of a declaration share some).
 * Syntax nodes are plain data, and spans the only objects with exactly
 * `start` and `end`. An explicit stack, as nesting may be deep.
 */
function spansOf(root: object): MovableSpan[] {
  const known = spansOfNode.get(root);
  if (known !== undefined) return known;
  const found = new Set<MovableSpan>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
      continue;
    }
    const node = value as Record<string, unknown>;
    if (isSpan(node)) {
      found.add(node as MovableSpan);
      continue;
    }
    for (const field in node) {
      const item = node[field];
      if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  const spans = [...found];
  spansOfNode.set(root, spans);
  return spans;
}

/** A span: exactly `start` and `end`, numbers (no other syntax object has both). */
function isSpan(value: Record<string, unknown>): value is { start: number; end: number } {
  if (typeof value.start !== 'number' || typeof value.end !== 'number') return false;
  let fields = 0;
  for (const _ in value) fields++;
  return fields === 2;
}
