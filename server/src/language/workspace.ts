import type { UseDecl } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { FileHost, ResolvedModel, SourceFile } from './model';
import { parseFile } from './parser';
import type { ParseMemory } from './reparse';
import { displayName } from './validate-expr';
import { validateModel } from './validate-model';

/**
 * Loads a model: the root file plus, transitively, every file it `use`s (each
 * once, by the identity `host.resolve` gives), parsed and validated into the
 * resolved model. Never throws on bad input: everything is a diagnostic.
 *
 * The root's identity is `rootUri` as given; callers pass a canonical one
 * (the CLI: `canonicalPath` from node-file-host; the LSP: the document URI).
 */
export function loadModel(rootUri: string, host: FileHost, options: { missionOverride?: number; parses?: ParseMemory } = {}): ResolvedModel {
  const loaded = loadFiles(rootUri, host, options.parses);
  return validateModel(loaded.files, loaded.diagnostics, options);
}

interface LoadedFiles {
  /** Model order: depth-first, root first, each file once. */
  readonly files: SourceFile[];
  readonly diagnostics: Diagnostic[];
}

interface Frame {
  readonly file: SourceFile & { uses: string[] };
  readonly useDecls: readonly UseDecl[];
  next: number;
}

/**
 * Depth-first over `use` lines with an explicit stack, so the chain of a `use`
 * cycle is at hand. With `parses`, each file is parsed from its last parse
 * (only the declarations an edit touched are read again).
 */
export function loadFiles(rootUri: string, host: FileHost, parses?: ParseMemory): LoadedFiles {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded = new Set<string>();
  const frames: Frame[] = [];

  const enter = (uri: string, text: string): Frame => {
    const parsed = safeParse(text, uri, parses);
    diagnostics.push(...parsed.diagnostics);
    const file = { uri, text, syntax: parsed.file, uses: [] as string[] };
    files.push(file);
    loaded.add(uri);
    const useDecls = parsed.file.declarations.filter((d): d is UseDecl => d.kind === 'use');
    const frame = { file, useDecls, next: 0 };
    frames.push(frame);
    return frame;
  };

  const rootText = safeRead(host, rootUri);
  if (rootText === undefined) {
    diagnostics.push(diagnostic('error', 'file-not-found', `cannot read '${rootUri}'`, rootUri, { start: 0, end: 0 }));
  }
  enter(rootUri, rootText ?? '');

  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.useDecls.length) {
      frames.pop();
      continue;
    }
    const use = frame.useDecls[frame.next++]!;
    if (!use.path) continue; // reported by the parser
    const from = frame.file.uri;
    const target = safeResolve(host, from, use.path.value);
    const onPath = frames.findIndex((f) => f.file.uri === target);
    if (onPath >= 0) {
      reportUseCycle(frames.slice(onPath), target, use, diagnostics);
      addUse(frame, target);
      continue;
    }
    if (target !== undefined && loaded.has(target)) {
      addUse(frame, target);
      continue;
    }
    const text = target === undefined ? undefined : safeRead(host, target);
    if (target === undefined || text === undefined) {
      const where = target === undefined ? '' : ` (looked for ${target})`;
      diagnostics.push(diagnostic('error', 'use-not-found', `cannot find '${use.path.value}'${where}`, from, use.span, { data: { path: use.path.value } }));
      continue;
    }
    addUse(frame, target);
    const used = enter(target, text);
    hintIgnoredSystem(used, use, from, diagnostics);
  }
  return { files, diagnostics };
}

function addUse(frame: Frame, target: string | undefined): void {
  if (target !== undefined && !frame.file.uses.includes(target)) frame.file.uses.push(target);
}

/** `frames` runs from the file the `use` points back to, to the file holding that `use`. */
function reportUseCycle(frames: readonly Frame[], target: string | undefined, closing: UseDecl, diagnostics: Diagnostic[]): void {
  const chain = [...frames.map((f) => displayName(f.file.uri)), displayName(target ?? '')].join(' → ');
  const last = frames[frames.length - 1]!;
  const related = frames.slice(0, -1).map((f) => {
    const use = f.useDecls[f.next - 1]!;
    return { uri: f.file.uri, span: use.span, message: `'${displayName(f.file.uri)}' uses '${use.path?.value ?? ''}' here` };
  });
  diagnostics.push(diagnostic('error', 'use-cycle', `use cycle: ${chain}`, last.file.uri, closing.span, { related, data: { cycle: chain } }));
}

/** Only the root's system is analysed; a system in a used file is ignored, and we say so at the `use`. */
function hintIgnoredSystem(used: Frame, use: UseDecl, from: string, diagnostics: Diagnostic[]): void {
  const system = used.file.syntax.declarations.find((d) => d.kind === 'system');
  if (!system || system.kind !== 'system') return;
  const name = system.name?.text ?? '';
  diagnostics.push(
    diagnostic(
      'hint',
      'use-system-ignored',
      `system '${name}' in '${displayName(used.file.uri)}' is ignored: only the root file's system is analysed`,
      from,
      use.span,
      {
        related: [{ uri: used.file.uri, span: system.name?.span ?? system.keyword, message: `system '${name}'` }],
        data: { system: name },
      },
    ),
  );
}

/** A parser failure must not take the editor down: it becomes an error on the file, which then counts as empty. */
function safeParse(text: string, uri: string, parses: ParseMemory | undefined): ReturnType<typeof parseFile> {
  try {
    return parses ? parses.parse(text, uri) : parseFile(text, uri);
  } catch (error) {
    const message = `internal error while parsing this file: ${error instanceof Error ? error.message : String(error)}`;
    return {
      file: { declarations: [], comments: [], span: { start: 0, end: text.length } },
      diagnostics: [diagnostic('error', 'syntax-error', message, uri, { start: 0, end: 0 })],
    };
  }
}

function safeRead(host: FileHost, uri: string): string | undefined {
  try {
    return host.readFile(uri);
  } catch {
    return undefined;
  }
}

function safeResolve(host: FileHost, from: string, path: string): string | undefined {
  try {
    return host.resolve(from, path);
  } catch {
    return undefined;
  }
}
