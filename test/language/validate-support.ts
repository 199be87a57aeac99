import { posix } from 'node:path';
import type { Diagnostic, DiagnosticCode } from '../../server/src/language/diagnostics';
import type { FileHost, ResolvedModel } from '../../server/src/language/model';
import { LineIndex } from '../../server/src/language/span';
import { loadModel } from '../../server/src/language/workspace';

/** Test support for the validation specs: an in-memory file system and readable diagnostics. */

export const ROOT = '/models/main.ft';

/** Files by absolute POSIX path; `use` paths resolve relative to the using file, like the disk host. */
export function memoryHost(files: Readonly<Record<string, string>>): FileHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(uri: string): string | undefined {
      reads.push(uri);
      return files[uri];
    },
    resolve(fromUri: string, path: string): string {
      return posix.resolve(posix.dirname(fromUri), path);
    },
  };
}

/** Loads `text` as the root file `/models/main.ft`, with other files beside it. */
export function load(text: string, others: Readonly<Record<string, string>> = {}, options: { missionOverride?: number } = {}): ResolvedModel {
  return loadModel(ROOT, memoryHost({ [ROOT]: text, ...others }), options);
}

/** A diagnostic as a person reads it: 1-based `line:col-line:col` and the underlined text. */
export interface Shown {
  readonly severity: string;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file: string;
  readonly at: string;
  readonly text: string;
}

export function show(model: ResolvedModel, d: Diagnostic): Shown {
  const text = model.files.get(d.uri)?.text ?? '';
  const range = new LineIndex(text).rangeOf(d.span);
  const at = `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
  return { severity: d.severity, code: d.code, message: d.message, file: posix.basename(d.uri), at, text: text.slice(d.span.start, d.span.end) };
}

/** Every diagnostic of the model, shown. */
export function shownAll(model: ResolvedModel): Shown[] {
  return model.diagnostics.map((d) => show(model, d));
}

/** The diagnostics with `code`, shown. */
export function shown(model: ResolvedModel, code: DiagnosticCode): Shown[] {
  return model.diagnostics.filter((d) => d.code === code).map((d) => show(model, d));
}

/** The one diagnostic with `code` (fails the test when there are none or several). */
export function only(model: ResolvedModel, code: DiagnosticCode): Diagnostic {
  const found = model.diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) {
    throw new Error(`expected one '${code}', got ${found.length}: ${JSON.stringify(shownAll(model), null, 1)}`);
  }
  return found[0]!;
}

/** Diagnostic codes other than `allowed`, to assert that nothing else was reported. */
export function codes(model: ResolvedModel): DiagnosticCode[] {
  return model.diagnostics.map((d) => d.code);
}

/** The element by name, failing clearly when absent. */
export function element<K extends 'component' | 'group'>(model: ResolvedModel, name: string, kind: K) {
  const found = model.elements.get(name);
  if (!found || found.kind !== kind) throw new Error(`no ${kind} '${name}'`);
  return found as Extract<NonNullable<typeof found>, { kind: K }>;
}
