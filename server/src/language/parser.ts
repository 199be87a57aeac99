import type { Comment, Declaration, FileNode } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import { scanRange, scanText } from './lex-scan';
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
  const scanned = scanText(text, uri);
  // Most files nest nowhere near the limit: then no declaration is cut out.
  const nesting = scanned.deepestNesting > MAX_NESTING ? limitNesting(scanned.tokens, uri) : { tokens: scanned.tokens, headers: [], diagnostics: [] };
  const parsed = grammar().parseTokens(nesting.tokens, text);
  const declarations: Declaration[] = [...parsed.declarations, ...nesting.headers];
  if (nesting.headers.length > 0) declarations.sort((a, b) => a.span.start - b.span.start);
  const issues = parsed.issues.map((issue) => diagnostic('error', issue.code, issue.message, uri, issue.span));
  const diagnostics = capDiagnostics([...scanned.diagnostics, ...nesting.diagnostics, ...issues], uri);
  return {
    file: { declarations, comments: scanned.comments, span: span(0, text.length) },
    diagnostics,
  };
}

/**
 * The declarations and comments of `text` between `from` and `to`, parsed as
 * a whole-file parse would parse them if a declaration ended at `from` and
 * another began at `to`; undefined unless that region reads cleanly: no
 * lexical or syntax error, no nesting to limit, and `to` a boundary where a
 * whole-file scan stops too (see scanRange). Spans are offsets into `text`.
 */
export function parseRegion(text: string, uri: string, from: number, to: number): { declarations: Declaration[]; comments: Comment[] } | undefined {
  const scanned = scanRange(text, uri, from, to);
  if (scanned.end !== to || scanned.diagnostics.length > 0 || scanned.deepestNesting > MAX_NESTING) return undefined;
  const parsed = grammar().parseTokens(scanned.tokens, text);
  if (parsed.issues.length > 0) return undefined;
  return { declarations: parsed.declarations, comments: scanned.comments };
}
