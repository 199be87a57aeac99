import type { Comment, Declaration, FileNode } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import { scanRange } from './lex-scan';
import { FtGrammar } from './parser-grammar';
import { limitNesting, MAX_NESTING } from './parser-nesting';
import { span } from './span';

export interface ParseResult {
  readonly file: FileNode;
  readonly diagnostics: readonly Diagnostic[];
}

/** The most diagnostics one file reports; beyond, a single note says there were more. */
export const MAX_DIAGNOSTICS = 100;

/** Building the grammar (chevrotain's self-analysis) is costly: once per process, on first use. */
let sharedGrammar: FtGrammar | undefined;

function grammar(): FtGrammar {
  sharedGrammar ??= new FtGrammar();
  return sharedGrammar;
}

/** Sorts by position (stably) and keeps the first `MAX_DIAGNOSTICS`, plus a note when more were found. */
function capDiagnostics(all: Diagnostic[], uri: string): Diagnostic[] {
  const sorted = all
    .map((d, order) => ({ d, order }))
    .sort((a, b) => a.d.span.start - b.d.span.start || a.order - b.order)
    .map(({ d }) => d);
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const note = diagnostic(
    'info',
    'too-many-errors',
    `too many errors: only the first ${MAX_DIAGNOSTICS} are shown`,
    uri,
    sorted[MAX_DIAGNOSTICS]!.span,
  );
  return [...sorted.slice(0, MAX_DIAGNOSTICS), note];
}

/**
 * Parses one `.ft` file. Never throws: errors become diagnostics (at most
 * about a hundred) and the tree keeps everything that could be read.
 */
export function parseFile(text: string, uri: string): ParseResult {
  const { declarations, comments, diagnostics } = parseSpan(text, uri, 0, text.length);
  return { file: { declarations, comments, span: span(0, text.length) }, diagnostics };
}

interface ParsedSpan {
  readonly declarations: Declaration[];
  readonly comments: Comment[];
  /** Capped as a file's are (see capDiagnostics). */
  readonly diagnostics: Diagnostic[];
}

/** The declarations, comments and diagnostics of `text` from `from` (between two declarations) to `to`; `end` as scanRange's. */
function parseSpan(text: string, uri: string, from: number, to: number): ParsedSpan & { readonly end: number } {
  const scanned = scanRange(text, uri, from, to);
  // Most files nest nowhere near the limit: then no declaration is cut out.
  const nesting = scanned.deepestNesting > MAX_NESTING ? limitNesting(scanned.tokens, uri) : { tokens: scanned.tokens, headers: [], diagnostics: [] };
  const parsed = grammar().parseTokens(nesting.tokens, text);
  const declarations: Declaration[] = [...parsed.declarations, ...nesting.headers];
  if (nesting.headers.length > 0) declarations.sort((a, b) => a.span.start - b.span.start);
  const issues = parsed.issues.map((issue) => diagnostic('error', issue.code, issue.message, uri, issue.span));
  const diagnostics = capDiagnostics([...scanned.diagnostics, ...nesting.diagnostics, ...issues], uri);
  return { declarations, comments: scanned.comments, diagnostics, end: scanned.end };
}

/**
 * The declarations, comments and diagnostics of `text` between `from` and
 * `to`, as a whole-file parse reads them when a declaration ended at `from`
 * with no error before it; undefined unless `to` is a boundary where a
 * whole-file scan stops too (see scanRange) and, when a declaration begins
 * at `to`, the region reads without error (an error's recovery could read
 * on into that declaration). Spans are offsets into `text`.
 */
export function parseRegion(text: string, uri: string, from: number, to: number): ParsedSpan | undefined {
  const parsed = parseSpan(text, uri, from, to);
  if (parsed.end !== to || (to < text.length && parsed.diagnostics.length > 0)) return undefined;
  return parsed;
}
