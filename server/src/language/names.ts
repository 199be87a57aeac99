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
  /** The first declaration of each name, in model order (root file first). */
  private readonly firstByName = new Map<string, Declared>();
  /** Later declarations of names declared more than once (rare: no list for the others). */
  private readonly repeats = new Map<string, Declared[]>();
  private readonly usesOf = new Map<string, readonly string[]>();
  private readonly visibleCache = new Map<string, ReadonlySet<string>>();
  private readonly suggestionCache = new Map<string, string | undefined>();
  private suggestionBudget = SUGGESTION_BUDGET;

  constructor(files: Iterable<SourceFile>) {
    for (const file of files) this.usesOf.set(file.uri, file.uses);
  }

  declare(symbol: Declared): void {
    if (!this.firstByName.has(symbol.name)) {
      this.firstByName.set(symbol.name, symbol);
      return;
    }
    const later = this.repeats.get(symbol.name);
    if (later) later.push(symbol);
    else this.repeats.set(symbol.name, [symbol]);
  }

  /** The declaration that counts for a name (the first one on duplicates). */
  primary(name: string): Declared | undefined {
    return this.firstByName.get(name);
  }

  /** Names declared more than once, with all their declarations (in the order the names were first declared). */
  *duplicates(): Iterable<readonly Declared[]> {
    if (this.repeats.size === 0) return;
    for (const [name, first] of this.firstByName) {
      const later = this.repeats.get(name);
      if (later) yield [first, ...later];
    }
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
    const first = this.firstByName.get(name);
    if (!first) return undefined;
    if (first.uri === fromUri) return first;
    const visible = this.visibleFrom(fromUri);
    if (visible.has(first.uri)) return first;
    for (const symbol of this.repeats.get(name) ?? []) if (visible.has(symbol.uri)) return symbol;
    return undefined;
  }

  /** For a name `find` does not see from `fromUri`: declared out of sight, or unknown (with a suggestion). */
  explainMissing(name: string, fromUri: string): Missing {
    const first = this.firstByName.get(name);
    if (first) return { kind: 'not-visible', symbol: first };
    return { kind: 'unknown', suggestion: this.suggestFor(name, fromUri) };
  }

  /** The closest name the file could use here: a component or group it sees. */
  private suggestFor(name: string, fromUri: string): string | undefined {
    const key = `${fromUri}\u0000${name}`;
    if (this.suggestionCache.has(key)) return this.suggestionCache.get(key);
    let result: string | undefined;
    if (this.suggestionBudget > 0) {
      this.suggestionBudget -= this.firstByName.size;
      result = suggest(name, this.usableNames(fromUri));
    }
    this.suggestionCache.set(key, result);
    return result;
  }

  private *usableNames(fromUri: string): Iterable<string> {
    const visible = this.visibleFrom(fromUri);
    const usable = (symbol: Declared): boolean => symbol.kind !== 'system' && visible.has(symbol.uri);
    for (const [name, first] of this.firstByName) {
      if (usable(first) || this.repeats.get(name)?.some(usable)) yield name;
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
 * `Origin.name` of the element and of every reference to it); with `only`,
 * just for those declarations.
 */
export function usesByTarget(references: readonly Reference[], only?: ReadonlySet<Name>): Map<Name, Reference[]> {
  const byTarget = new Map<Name, Reference[]>();
  for (let i = 0; i < references.length; i++) {
    const ref = references[i]!;
    if (ref.isDeclaration || !ref.target) continue;
    const key = ref.target.name;
    if (only && !only.has(key)) continue;
    const list = byTarget.get(key);
    if (list) list.push(ref);
    else byTarget.set(key, [ref]);
  }
  return byTarget;
}

/** The declarations (by name node) that some non-declaration occurrence denotes. */
export function referencedTargets(references: readonly Reference[]): Set<Name> {
  const targets = new Set<Name>();
  for (let i = 0; i < references.length; i++) {
    const ref = references[i]!;
    if (!ref.isDeclaration && ref.target) targets.add(ref.target.name);
  }
  return targets;
}
