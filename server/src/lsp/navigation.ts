import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver';
import type { Origin, Reference, ResolvedModel } from '../language/model';
import { referenceAt, referencesTo, sameOrigin } from '../language/names';
import { rangeIn, ZERO_RANGE } from './lines';
import type { ModelEntry } from './model-cache';
import type { DocumentContext } from './project';

/** Go to definition: the declaration a name denotes, in whichever file of the model it lives. */
export function definition(ctx: DocumentContext, offset: number): Location | null {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (!ref?.target) return null;
  return locationOf(ctx.model, ref.target.uri, ref.target.name.span);
}

/**
 * Find references across every open model that holds the declaration (a
 * library's names are used by the files that use it), each occurrence once.
 */
export function references(ctx: DocumentContext, offset: number, includeDeclaration: boolean, models: readonly ModelEntry[]): Location[] {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (!ref?.target) return [];
  return occurrences(ref.target, models)
    .filter((o) => includeDeclaration || !o.ref.isDeclaration)
    .map((o) => locationOf(o.model, o.ref.uri, o.ref.name.span));
}

/** Occurrences of the name under the cursor in this document: the declaration is a write, uses are reads. */
export function documentHighlights(ctx: DocumentContext, offset: number): DocumentHighlight[] {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (!ref) return [];
  const same = ref.target
    ? referencesTo(ctx.model, ref.target)
    : (ctx.model.references ?? []).filter((r) => !r.target && r.name.text === ref.name.text);
  return same
    .filter((r) => r.uri === ctx.file.uri)
    .map((r) => ({ range: rangeIn(ctx.file, r.name.span), kind: r.isDeclaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

export interface Occurrence {
  readonly ref: Reference;
  readonly model: ResolvedModel;
}

/** Every occurrence of `target` in the given models, deduplicated by file and offset. */
export function occurrences(target: Origin, models: readonly ModelEntry[]): Occurrence[] {
  const seen = new Set<string>();
  const result: Occurrence[] = [];
  for (const entry of models) {
    if (!entry.model.files.has(target.uri)) continue;
    for (const ref of entry.model.references ?? []) {
      if (!ref.target || !sameOrigin(ref.target, target)) continue;
      const key = `${ref.uri}\u0000${ref.name.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ ref, model: entry.model });
    }
  }
  return result;
}

function locationOf(model: ResolvedModel, uri: string, span: { start: number; end: number }): Location {
  const file = model.files.get(uri);
  return { uri, range: file ? rangeIn(file, span) : ZERO_RANGE };
}
