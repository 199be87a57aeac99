import type { FileNode } from './ast';

/**
 * What a token does in the layout, read from the syntax tree: declarations
 * and items start lines, body braces open and close blocks. Keyed by the
 * token's start offset.
 */
export type TokenRole = 'declaration' | 'item' | 'body-open' | 'body-close';

export interface LayoutPlan {
  readonly roles: ReadonlyMap<number, TokenRole>;
  /** Start offset of each body's `{` → whether the body has no items. */
  readonly emptyBodies: ReadonlySet<number>;
}

export function layoutPlan(file: FileNode): LayoutPlan {
  const roles = new Map<number, TokenRole>();
  const emptyBodies = new Set<number>();
  for (const decl of file.declarations) {
    roles.set(decl.keyword.start, 'declaration');
    if (decl.kind === 'use' || decl.body === undefined) continue;
    roles.set(decl.body.start, 'body-open');
    roles.set(decl.body.end - 1, 'body-close');
    if (decl.items.length === 0) emptyBodies.add(decl.body.start);
    for (const item of decl.items) roles.set(item.keyword.start, 'item');
  }
  return { roles, emptyBodies };
}
