import type { ComponentDecl, GroupDecl, NamedDecl } from './ast';
import type { Diagnostic } from './diagnostics';
import { span, type Span } from './span';
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
 *
 * A kept node may have moved since (see reparseFile: its spans are moved in
 * place). The result and the name occurrences hold only syntax nodes, which
 * moved with it; a diagnostic may hold a span of its own (a unit within a
 * quantity), so the diagnostics are kept with their spans inside the
 * declaration as offsets from its start, and placed again when it moved.
 */
const memo = new WeakMap<NamedDecl, Validated<unknown>>();

interface Validated<R> {
  readonly uri: string;
  readonly defaultMttr: number | undefined;
  readonly rootHasSystem: boolean;
  /** Each name looked up, and the declaration node it denoted: name, node, name, node, … */
  readonly lookups: readonly (string | NamedDecl)[];
  readonly result: R;
  readonly diagnostics: readonly PlacedDiagnostic[];
  readonly references: readonly Reference[];
}

/** A diagnostic whose spans inside its declaration are offsets from the declaration's start (others: as they were). */
interface PlacedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly at: Placement;
  readonly related: readonly Placement[] | undefined;
}

/** Offsets from the declaration's start, or undefined for a span outside it (another declaration's node: it moves itself). */
type Placement = { readonly start: number; readonly end: number } | undefined;

/** `validate(decl, uri, ctx)`, or its result from the last load that validated this very node in the same surroundings. */
export function validatedOnce<D extends ComponentDecl | GroupDecl, R>(
  decl: D,
  uri: string,
  ctx: ValidationContext & { readonly symbols: SymbolTable },
  validate: (decl: D, uri: string, ctx: ValidationContext) => R,
): R {
  const known = memo.get(decl) as Validated<R> | undefined;
  if (known !== undefined && stillValid(known, uri, ctx)) {
    for (const d of known.diagnostics) ctx.report.diagnostics.push(placed(d, decl.span.start));
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
      diagnostics: own.report.diagnostics.map((d) => placement(d, decl.span)),
      references: own.references,
    });
  }
  return result;
}

function placement(diagnostic: Diagnostic, decl: Span): PlacedDiagnostic {
  const offsets = (at: Span): Placement => (at.start >= decl.start && at.end <= decl.end ? { start: at.start - decl.start, end: at.end - decl.start } : undefined);
  return { diagnostic, at: offsets(diagnostic.span), related: diagnostic.related?.map((r) => offsets(r.span)) };
}

/** The diagnostic at its declaration's current start: itself when nothing moved (the common case). */
function placed({ diagnostic, at, related }: PlacedDiagnostic, start: number): Diagnostic {
  const moved = (offsets: Placement, now: Span): Span => (offsets === undefined ? now : span(start + offsets.start, start + offsets.end));
  const unmoved = (offsets: Placement, now: Span): boolean => offsets === undefined || (now.start === start + offsets.start && now.end === start + offsets.end);
  if (unmoved(at, diagnostic.span) && (related === undefined || diagnostic.related!.every((r, i) => unmoved(related[i], r.span)))) return diagnostic;
  return {
    ...diagnostic,
    span: moved(at, diagnostic.span),
    ...(diagnostic.related ? { related: diagnostic.related.map((r, i) => ({ ...r, span: moved(related![i], r.span) })) } : {}),
  };
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
