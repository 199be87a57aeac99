/**
 * Which diagram node the editor cursor is on, for the preview's highlight.
 * Pure (no `vscode` import): positions are LSP-style, 0-based.
 */

import type { Position, Range } from '../../../server/src/language/span';

export type { Position, Range };

export interface LocatedNode {
  readonly id: string;
  readonly name: string;
  readonly kind: 'system' | 'component' | 'group' | 'junction';
  readonly uri: string | null;
  readonly range: Range | null;
  readonly declarationRange: Range | null;
}

/**
 * A name under the cursor that a node is drawn for wins (a reference such as
 * `needs cache` highlights `cache`); otherwise the innermost declaration that
 * contains the cursor in this document; otherwise nothing.
 */
export function nodeAtCursor(
  nodes: readonly LocatedNode[],
  inThisDocument: (nodeUri: string) => boolean,
  position: Position,
  wordAtCursor: string | undefined,
): string | null {
  if (wordAtCursor !== undefined) {
    const named = nodes.find((n) => n.kind !== 'junction' && n.name === wordAtCursor);
    if (named) return named.id;
  }
  let best: { id: string; size: number } | undefined;
  for (const node of nodes) {
    if (node.uri === null || node.declarationRange === null || !inThisDocument(node.uri)) continue;
    if (!contains(node.declarationRange, position)) continue;
    const size = node.declarationRange.end.line - node.declarationRange.start.line;
    if (!best || size < best.size) best = { id: node.id, size };
  }
  return best?.id ?? null;
}

export function contains(range: Range, p: Position): boolean {
  return !before(p, range.start) && !before(range.end, p);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
