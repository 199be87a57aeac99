import type { ComponentDecl, GroupDecl, NamedDecl } from './ast';
import type { Diagnostic } from './diagnostics';
import type { Reference } from './model';
import type { Declared, Missing, SymbolTable } from './names';
import { Reporter, type NameLookup, type ValidationContext } from './validate-context';

/**
 * Incremental validation, one declaration at a time: a component or group
 * is validated from its syntax node, the names it looks up and two settings
 * of the model (the `default mttr`, whether the root has a system), nothing
 * else. Incremental parsing keeps the very node of every declaration an edit
 * did not touch, so the next load finds its result here and replays it
 * (the result, its diagnostics and its name occurrences) when every name it
 * looked up still denotes the same declaration node. A declaration that met
 * an unknown name is not kept: its message suggests names from the whole
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

/** `validate(decl, uri, ctx)`, or its result from the last load that validated this very node in the same surroundings. */
export function validatedOnce<D extends ComponentDecl | GroupDecl, R>(
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

function stillValid(known: Validated<unknown>, uri: string, ctx: ValidationContext & { readonly symbols: SymbolTable }): boolean {
  if (known.uri !== uri || known.defaultMttr !== ctx.defaultMttr || known.rootHasSystem !== ctx.rootHasSystem) return false;
  const { lookups } = known;
  for (let i = 0; i < lookups.length; i += 2) {
    if (ctx.symbols.find(lookups[i] as string, uri)?.decl !== lookups[i + 1]) return false;
  }
  return true;
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
