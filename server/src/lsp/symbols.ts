import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { Declaration } from '../language/ast';
import { rangeIn } from './lines';
import type { ModelEntry } from './model-cache';
import type { DocumentContext } from './project';

const KIND = { system: SymbolKind.Module, component: SymbolKind.Class, group: SymbolKind.Struct } as const;

/** The outline: the file's declarations, with their labels as details. */
export function documentSymbols(ctx: DocumentContext): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const decl of ctx.file.syntax.declarations) {
    const symbol = symbolOf(ctx, decl);
    if (symbol) symbols.push(symbol);
  }
  return symbols;
}

function symbolOf(ctx: DocumentContext, decl: Declaration): DocumentSymbol | undefined {
  if (decl.kind === 'use') {
    if (!decl.path) return undefined;
    return { name: `use "${decl.path.value}"`, kind: SymbolKind.File, range: rangeIn(ctx.file, decl.span), selectionRange: rangeIn(ctx.file, decl.path.span) };
  }
  if (!decl.name) return undefined;
  const symbol: DocumentSymbol = {
    name: decl.name.text,
    kind: KIND[decl.kind],
    range: rangeIn(ctx.file, decl.span),
    selectionRange: rangeIn(ctx.file, decl.name.span),
  };
  const detail = decl.label?.value ?? (decl.kind === 'group' && decl.expr ? decl.expr.kind : undefined);
  if (detail) symbol.detail = detail;
  return symbol;
}

/** Workspace symbols: the declarations of every open model, matched by a case-insensitive subsequence of the query. */
export function workspaceSymbols(query: string, models: readonly ModelEntry[]): WorkspaceSymbol[] {
  const seen = new Set<string>();
  const result: WorkspaceSymbol[] = [];
  for (const entry of models) {
    for (const file of entry.model.files.values()) {
      for (const decl of file.syntax.declarations) {
        if (decl.kind === 'use' || !decl.name || !matches(query, decl.name.text)) continue;
        const key = `${file.uri}\u0000${decl.name.span.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ name: decl.name.text, kind: KIND[decl.kind], location: { uri: file.uri, range: rangeIn(file, decl.name.span) } });
      }
    }
  }
  return result;
}

export function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}
