import type { ComponentDecl, GroupDecl, Name, NamedDecl } from './ast';
import type { Diagnostic } from './diagnostics';
import type { ElementModel, Reference } from './model';
import type { Declared, Missing, SymbolTable } from './names';
import { movedDeclaration } from './reparse';
import { span } from './span';
import { Reporter, type NameLookup, type ValidationContext } from './validate-context';

/**
 * Incremental validation, one declaration at a time: a component or group
 * is validated from its syntax node, the names it looks up and two settings
 * of the model (the `default mttr`, whether the root has a system), nothing
 * else. Incremental parsing keeps the very node of every declaration an edit
 * did not touch, so the next load finds its result here and replays it
 * (the result, its diagnostics and its name occurrences) when every name it
 * looked up still denotes the same declaration node. A declaration the
 * edit only moved (a copy with moved spans) replays its original's result,
 * moved the same, when that one had no diagnostic, and the names it looked
 * up denote the same declarations or their moved copies. A declaration that
 * met an unknown name is not kept: its message suggests names from the whole
 * model. Keyed weakly by the node: a result lives as long as its syntax.
 */
const memo = new WeakMap<NamedDecl, Validated<unknown>>();

interface Validated<R> {
  readonly uri: string;
  readonly defaultMttr: number | undefined;
  readonly rootHasSystem: boolean;
  /** Each name looked up, and the declaration node it denoted: name, node, name, node, … */
  readonly lookups: readonly (string | NamedDecl)[];
  readonly result: R;
  readonly diagnostics: readonly Diagnostic[];
  readonly references: readonly Reference[];
}

/** What validating a component or group gives. */
interface ElementResult {
  readonly model: ElementModel;
  readonly edges: readonly Name[];
}

/** `validate(decl, uri, ctx)`, or its result from the last load that validated this very node (or the node it moved from) in the same surroundings. */
export function validatedOnce<D extends ComponentDecl | GroupDecl, R extends ElementResult | undefined>(
  decl: D,
  uri: string,
  ctx: ValidationContext & { readonly symbols: SymbolTable },
  validate: (decl: D, uri: string, ctx: ValidationContext) => R,
): R {
  const known = memo.get(decl) as Validated<R> | undefined;
  if (known !== undefined && stillValid(known, uri, ctx)) {
    for (const d of known.diagnostics) ctx.report.diagnostics.push(d);
    for (const r of known.references) ctx.references.push(r);
    return known.result;
  }
  const move = movedDeclaration(decl);
  const original = move && (memo.get(move.from as NamedDecl) as Validated<R> | undefined);
  if (original !== undefined && original.result !== undefined && original.diagnostics.length === 0 && stillValid(original, uri, ctx, true)) {
    return replayMoved(decl, uri, ctx, original as Validated<ElementResult>, move!.delta) as R;
  }
  const recording = new RecordingLookup(ctx.symbols);
  const own: ValidationContext = { report: new Reporter(), symbols: recording, references: [], defaultMttr: ctx.defaultMttr, rootHasSystem: ctx.rootHasSystem };
  const result = validate(decl, uri, own);
  for (const d of own.report.diagnostics) ctx.report.diagnostics.push(d);
  for (const r of own.references) ctx.references.push(r);
  if (recording.missed) memo.delete(decl);
  else {
    memo.set(decl, {
      uri,
      defaultMttr: ctx.defaultMttr,
      rootHasSystem: ctx.rootHasSystem,
      lookups: recording.lookups,
      result,
      diagnostics: own.report.diagnostics,
      references: own.references,
    });
  }
  return result;
}

/** Same file and settings, and every name looked up denotes the same declaration (or, when `orMoved`, a moved copy of it). */
function stillValid(known: Validated<unknown>, uri: string, ctx: ValidationContext & { readonly symbols: SymbolTable }, orMoved = false): boolean {
  if (known.uri !== uri || known.defaultMttr !== ctx.defaultMttr || known.rootHasSystem !== ctx.rootHasSystem) return false;
  const { lookups } = known;
  for (let i = 0; i < lookups.length; i += 2) {
    const now = ctx.symbols.find(lookups[i] as string, uri)?.decl;
    if (now !== lookups[i + 1] && !(orMoved && now !== undefined && movedDeclaration(now)?.from === lookups[i + 1])) return false;
  }
  return true;
}

/**
 * The result of `original` (validated without diagnostic) for `decl`, its
 * copy moved by `delta`: the element on the copy's nodes, its edges and name
 * occurrences moved, each occurrence's target the declaration its name
 * denotes now. Kept for `decl` in turn.
 */
function replayMoved(decl: ComponentDecl | GroupDecl, uri: string, ctx: ValidationContext & { readonly symbols: SymbolTable }, original: Validated<ElementResult>, delta: number): ElementResult {
  const move = (name: Name): Name => ({ text: name.text, span: span(name.span.start + delta, name.span.end + delta) });
  const { model, edges } = original.result;
  const result: ElementResult = { model: { ...model, decl, origin: { uri, name: decl.name! } } as ElementModel, edges: edges.map(move) };
  const references: Reference[] = [];
  for (const r of original.references) {
    if (r.isDeclaration) references.push({ ...r, name: decl.name!, target: { uri, name: decl.name! } });
    else references.push({ ...r, name: move(r.name), target: ctx.symbols.find(r.name.text, uri)?.origin });
  }
  for (const r of references) ctx.references.push(r);
  const lookups: (string | NamedDecl)[] = [];
  for (let i = 0; i < original.lookups.length; i += 2) lookups.push(original.lookups[i]!, ctx.symbols.find(original.lookups[i] as string, uri)!.decl);
  memo.set(decl, { uri, defaultMttr: ctx.defaultMttr, rootHasSystem: ctx.rootHasSystem, lookups, result, diagnostics: [], references });
  return result;
}

/** The symbol table, with every name found noted (and whether any was not). */
class RecordingLookup implements NameLookup {
  readonly lookups: (string | NamedDecl)[] = [];
  missed = false;

  constructor(private readonly table: SymbolTable) {}

  find(name: string, fromUri: string): Declared | undefined {
    const found = this.table.find(name, fromUri);
    if (found === undefined) this.missed = true;
    else this.lookups.push(name, found.decl);
    return found;
  }

  explainMissing(name: string, fromUri: string): Missing {
    this.missed = true;
    return this.table.explainMissing(name, fromUri);
  }
}
