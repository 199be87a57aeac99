import type { Name, NamedDecl } from './ast';
import type { Origin, Reference, ResolvedModel, SourceFile } from './model';
import { suggest } from './suggest';

/**
 * The model's names: systems, components and groups share one namespace
 * across all files. A file sees its own names and those of the files it uses,
 * transitively (the visibility rule of spec §4).
 */

export type SymbolKind = 'system' | 'component' | 'group';

export interface Declared {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly uri: string;
  readonly decl: NamedDecl;
  readonly nameNode: Name;
  /** Where it is declared; shared by every reference to it. */
  readonly origin: Origin;
}

/** Why `find` found nothing. */
export type Missing =
  /** Declared, but in a file the looking file does not (transitively) use. */
  | { readonly kind: 'not-visible'; readonly symbol: Declared }
  | { readonly kind: 'unknown'; readonly suggestion: string | undefined };

/** Bounds the did-you-mean work on files full of unknown names (each distinct name is looked at once). */
const SUGGESTION_BUDGET = 2_000_000;

export class SymbolTable {
  /** Every declaration of each name, in model order (root file first). */
  private readonly byName = new Map<string, Declared[]>();
  private readonly usesOf = new Map<string, readonly string[]>();
  private readonly visibleCache = new Map<string, ReadonlySet<string>>();
  private readonly suggestionCache = new Map<string, string | undefined>();
  private suggestionBudget = SUGGESTION_BUDGET;

  constructor(files: Iterable<SourceFile>) {
    for (const file of files) this.usesOf.set(file.uri, file.uses);
  }

  declare(symbol: Declared): void {
    const list = this.byName.get(symbol.name);
    if (list) list.push(symbol);
    else this.byName.set(symbol.name, [symbol]);
  }

  /** The declaration that counts for a name (the first one on duplicates). */
  primary(name: string): Declared | undefined {
    return this.byName.get(name)?.[0];
  }

  /** Names declared more than once, with all their declarations. */
  *duplicates(): Iterable<readonly Declared[]> {
    for (const list of this.byName.values()) if (list.length > 1) yield list;
  }

  /** Files whose names `uri` sees: itself and everything it uses, transitively. */
  visibleFrom(uri: string): ReadonlySet<string> {
    const cached = this.visibleCache.get(uri);
    if (cached) return cached;
    const seen = new Set<string>([uri]);
    const stack = [uri];
    while (stack.length > 0) {
      for (const used of this.usesOf.get(stack.pop()!) ?? []) {
        if (!seen.has(used)) {
          seen.add(used);
          stack.push(used);
        }
      }
    }
    this.visibleCache.set(uri, seen);
    return seen;
  }

  /** The declaration `name` denotes as seen from `fromUri` (the first visible one), if any. */
  find(name: string, fromUri: string): Declared | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    const first = list[0]!;
    if (first.uri === fromUri) return first;
    const visible = this.visibleFrom(fromUri);
    for (const symbol of list) if (visible.has(symbol.uri)) return symbol;
    return undefined;
  }

  /** For a name `find` does not see from `fromUri`: declared out of sight, or unknown (with a suggestion). */
  explainMissing(name: string, fromUri: string): Missing {
    const list = this.byName.get(name);
    if (list) return { kind: 'not-visible', symbol: list[0]! };
    return { kind: 'unknown', suggestion: this.suggestFor(name, fromUri) };
  }

  /** The closest name the file could use here: a component or group it sees. */
  private suggestFor(name: string, fromUri: string): string | undefined {
    const key = `${fromUri}\u0000${name}`;
    if (this.suggestionCache.has(key)) return this.suggestionCache.get(key);
    let result: string | undefined;
    if (this.suggestionBudget > 0) {
      this.suggestionBudget -= this.byName.size;
      result = suggest(name, this.usableNames(fromUri));
    }
    this.suggestionCache.set(key, result);
    return result;
  }

  private *usableNames(fromUri: string): Iterable<string> {
    const visible = this.visibleFrom(fromUri);
    for (const [name, list] of this.byName) {
      if (list.some((symbol) => symbol.kind !== 'system' && visible.has(symbol.uri))) yield name;
    }
  }
}

// ---------------------------------------------------------------- reference queries for the LSP

/** The model's references (empty for a hand-built model without them). */
export function referencesOf(model: ResolvedModel): readonly Reference[] {
  return model.references ?? [];
}

/** The name occurrence under `offset` in `uri` (inclusive of the name's end, as a cursor after it). */
export function referenceAt(model: ResolvedModel, uri: string, offset: number): Reference | undefined {
  for (const ref of referencesOf(model)) {
    if (ref.uri === uri && offset >= ref.name.span.start && offset <= ref.name.span.end) return ref;
  }
  return undefined;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  return a.uri === b.uri && a.name.span.start === b.name.span.start;
}

/** Every occurrence (declaration included) denoting `target`: find references, rename. */
export function referencesTo(model: ResolvedModel, target: Origin): Reference[] {
  return referencesOf(model).filter((ref) => ref.target !== undefined && sameOrigin(ref.target, target));
}

/**
 * Non-declaration occurrences grouped by the declaration they denote, keyed by
 * the declaration's name node (one object per declaration, shared by
 * `Origin.name` of the element and of every reference to it).
 */
export function usesByTarget(references: readonly Reference[]): Map<Name, Reference[]> {
  const byTarget = new Map<Name, Reference[]>();
  for (const ref of references) {
    if (ref.isDeclaration || !ref.target) continue;
    const key = ref.target.name;
    const list = byTarget.get(key);
    if (list) list.push(ref);
    else byTarget.set(key, [ref]);
  }
  return byTarget;
}
