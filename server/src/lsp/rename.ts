import { ResponseError, ErrorCodes, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { NAME_PATTERN, RESERVED_WORDS } from '../language/lexer';
import { referenceAt } from '../language/names';
import { rangeIn } from './lines';
import type { ModelEntry } from './model-cache';
import { occurrences } from './navigation';
import type { DocumentContext } from './project';

/** The name under the cursor, if it can be renamed (a declared component, group or system). */
export function prepareRename(ctx: DocumentContext, offset: number): { range: Range; placeholder: string } | null {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (!ref?.target) return null;
  return { range: rangeIn(ctx.file, ref.name.span), placeholder: ref.name.text };
}

/**
 * Rename a declaration and every use of it, across the files of every open
 * model that holds it (the `use`d files and the files that use them). The new
 * name must be a valid, unreserved name not declared already.
 */
export function rename(ctx: DocumentContext, offset: number, newName: string, models: readonly ModelEntry[]): WorkspaceEdit | null {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (!ref?.target) return null;
  if (!NAME_PATTERN.test(newName) || RESERVED_WORDS.has(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name (letters, digits, '_' and inner '-'; not use, system, component or group)`);
  }
  if (newName === ref.target.name.text) return { changes: {} };
  for (const entry of models) {
    if (entry.model.files.has(ref.target.uri) && (entry.model.elements.has(newName) || entry.model.system?.name === newName)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is already declared in this model`);
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(ref.target, models)) {
    const file = o.model.files.get(o.ref.uri);
    if (!file) continue;
    (changes[o.ref.uri] ??= []).push({ range: rangeIn(file, o.ref.name.span), newText: newName });
  }
  return { changes };
}
