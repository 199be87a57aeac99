import * as path from 'node:path';
import type { Diagnostic } from '../../language/diagnostics';
import { LineIndex } from '../../language/span';

/** A diagnostic located for people: 1-based lines and columns, a display path. */
export interface LocatedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Paths inside the working directory are shown relative to it, like compilers do. */
export function displayPath(uri: string, cwd: string): string {
  const relative = path.relative(cwd, uri);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : uri;
}

export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  textOf: (uri: string) => string | undefined,
  cwd: string,
): LocatedDiagnostic[] {
  const indexes = new Map<string, LineIndex>();
  const indexFor = (uri: string): LineIndex => {
    let index = indexes.get(uri);
    if (!index) {
      index = new LineIndex(textOf(uri) ?? '');
      indexes.set(uri, index);
    }
    return index;
  };
  return diagnostics.map((d) => {
    const range = indexFor(d.uri).rangeOf(d.span);
    return {
      diagnostic: d,
      file: displayPath(d.uri, cwd),
      line: range.start.line + 1,
      column: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    };
  });
}

/** Most severe first, then by file and position; errors and warnings only unless `all`. */
export function sortLocated(located: LocatedDiagnostic[]): LocatedDiagnostic[] {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 } as const;
  return located.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      rank[a.diagnostic.severity] - rank[b.diagnostic.severity],
  );
}

/** `FILE:LINE:COL: error: message` (spec §5); hints print as `note:`. */
export function formatDiagnosticLine(d: LocatedDiagnostic): string {
  const label = d.diagnostic.severity === 'error' ? 'error' : d.diagnostic.severity === 'warning' ? 'warning' : 'note';
  return `${d.file}:${d.line}:${d.column}: ${label}: ${d.diagnostic.message} [${d.diagnostic.code}]`;
}
