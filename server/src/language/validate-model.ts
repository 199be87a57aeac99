import type { SystemDecl } from './ast';
import { diagnostic, type Diagnostic } from './diagnostics';
import type { ElementModel, Reference, ResolvedModel, SourceFile, SystemModel } from './model';
import { referencedTargets, SymbolTable, type Declared } from './names';
import { checkCommonCauses } from './validate-ccf';
import { validateComponent } from './validate-component';
import { Reporter, type ValidationContext } from './validate-context';
import { reportDependencyCycles, type DependencyNode } from './validate-cycles';
import { validateGroup } from './validate-group';
import { validatedOnce } from './validate-memo';
import { reportUnusedComponents } from './validate-hints';
import { checkEventLimit } from './validate-limits';
import { checkNeedsEach } from './validate-needs-each';
import { checkStandbyGroups } from './validate-standby';
import { DEFAULT_MISSION_HOURS, systemSettings, validateSystem } from './validate-system';

/**
 * From parsed files to the resolved model: names, every static rule of the
 * spec, the canonical values. `files` are in model order, root first; the
 * diagnostics of loading and parsing come in `earlier`.
 */
export function validateModel(
  files: readonly SourceFile[],
  earlier: readonly Diagnostic[],
  options: { readonly missionOverride?: number } = {},
): ResolvedModel {
  const root = files[0]!;
  const report = new Reporter();
  const symbols = new SymbolTable(files);
  const rootSystems = declareAll(files, root.uri, symbols);
  reportDuplicateNames(symbols, report);
  reportExtraSystems(rootSystems, root.uri, report);

  const settings = rootSystems[0] ? systemSettings(rootSystems[0], root.uri, report) : { mission: undefined, defaultMttr: undefined };
  const ctx: ValidationContext & { readonly symbols: SymbolTable } = {
    report,
    symbols,
    references: [],
    defaultMttr: settings.defaultMttr,
    rootHasSystem: rootSystems.length > 0,
  };

  const elements = new Map<string, ElementModel>();
  const nodes: DependencyNode[] = [];
  let system: SystemModel | undefined;
  for (const file of files) {
    const declarations = file.syntax.declarations;
    for (let i = 0; i < declarations.length; i++) {
      const decl = declarations[i]!;
      if (decl.kind === 'use') continue;
      if (decl.kind === 'system') {
        if (file.uri !== root.uri) continue; // ignored, with a hint at the `use`
        const result = validateSystem(decl, file.uri, ctx);
        if (result && decl === rootSystems[0]) system = result.model;
        continue;
      }
      const result = decl.kind === 'component' ? validatedOnce(decl, file.uri, ctx, validateComponent) : validatedOnce(decl, file.uri, ctx, validateGroup);
      if (!result || symbols.primary(result.model.name)?.decl !== decl) continue;
      elements.set(result.model.name, result.model);
      nodes.push({ name: result.model.name, uri: file.uri, edges: result.edges });
    }
  }

  checkNeedsEach(elements, symbols, report);
  checkStandbyGroups(elements, ctx.references, report);
  checkCommonCauses(elements, report);
  reportDependencyCycles(nodes, report);
  checkEventLimit(elements, report);
  if (system) reportUnusedComponents(root.uri, elements, referencedTargets(ctx.references), report);

  const fileOrder = new Map(files.map((file, i) => [file.uri, i]));
  const all = sortBySource([...earlier, ...report.diagnostics], fileOrder);
  const hasErrors = all.some((d) => d.severity === 'error');
  const diagnostics = capPerFile(all);
  const mission = options.missionOverride ?? settings.mission ?? DEFAULT_MISSION_HOURS;
  return {
    rootUri: root.uri,
    files: new Map(files.map((file) => [file.uri, file])),
    system,
    elements,
    mission,
    defaultMttr: settings.defaultMttr,
    diagnostics,
    hasErrors,
    references: sortBySource(ctx.references, fileOrder, (ref) => ref.name.span.start) as Reference[],
  };
}

/** Declares every named declaration (systems only from the root); returns the root's systems in order. */
function declareAll(files: readonly SourceFile[], rootUri: string, symbols: SymbolTable): SystemDecl[] {
  const rootSystems: SystemDecl[] = [];
  for (const file of files) {
    const declarations = file.syntax.declarations;
    for (let i = 0; i < declarations.length; i++) {
      const decl = declarations[i]!;
      if (decl.kind === 'use' || !decl.name) continue;
      if (decl.kind === 'system') {
        if (file.uri !== rootUri) continue;
        rootSystems.push(decl);
      }
      symbols.declare({ name: decl.name.text, kind: decl.kind, uri: file.uri, decl, nameNode: decl.name, origin: { uri: file.uri, name: decl.name } });
    }
  }
  return rootSystems;
}

/** Systems, components and groups share one namespace: a repeat is reported at every place. */
function reportDuplicateNames(symbols: SymbolTable, report: Reporter): void {
  for (const list of symbols.duplicates()) {
    const times = list.length === 2 ? 'twice' : `${list.length.toLocaleString('en-US')} times`;
    for (const symbol of list) {
      const others = firstOthers(list, symbol, 10);
      report.error('duplicate-name', `'${symbol.name}' is declared ${times} (systems, components and groups share one namespace)`, symbol.uri, symbol.nameNode.span, {
        related: others.map((other) => ({ uri: other.uri, span: other.nameNode.span, message: `'${symbol.name}' is also declared here` })),
      });
    }
  }
}

/** Up to `count` entries of `list` other than `symbol`, without scanning the whole list (it may be huge). */
function firstOthers(list: readonly Declared[], symbol: Declared, count: number): Declared[] {
  const others: Declared[] = [];
  for (let i = 0; i < list.length && others.length < count; i++) if (list[i] !== symbol) others.push(list[i]!);
  return others;
}

function reportExtraSystems(systems: readonly SystemDecl[], uri: string, report: Reporter): void {
  const first = systems[0];
  for (const extra of systems.slice(1)) {
    report.error('multiple-systems', `a model has one system; '${extra.name?.text}' is a second one`, uri, extra.name?.span ?? extra.keyword, {
      related: [{ uri, span: first!.name?.span ?? first!.keyword, message: `the system '${first!.name?.text}' is declared here` }],
    });
  }
}

/** A file's problems beyond this are summarised in one note: 300,000 copies of one mistake help nobody, and choke editors. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** Keeps the first `MAX_DIAGNOSTICS_PER_FILE` of each file (the list is sorted by file), with a note where it cuts. */
function capPerFile(sorted: readonly Diagnostic[]): Diagnostic[] {
  const kept: Diagnostic[] = [];
  const counts = new Map<string, number>();
  for (const d of sorted) {
    const count = (counts.get(d.uri) ?? 0) + 1;
    counts.set(d.uri, count);
    if (count <= MAX_DIAGNOSTICS_PER_FILE) kept.push(d);
    else if (count === MAX_DIAGNOSTICS_PER_FILE + 1) {
      const message = `too many problems: only the first ${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')} in this file are shown`;
      kept.push(diagnostic('info', 'too-many-errors', message, d.uri, d.span));
    }
  }
  return kept;
}

/** Stable order: by file (model order), then by position; items usually arrive in order, so check first. */
function sortBySource<T extends { readonly uri: string }>(
  items: readonly T[],
  fileOrder: ReadonlyMap<string, number>,
  start: (item: T) => number = (item) => (item as unknown as Diagnostic).span.start,
): T[] {
  const fileOf = (item: T): number => fileOrder.get(item.uri) ?? Number.MAX_SAFE_INTEGER;
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const byFile = a.uri === b.uri ? 0 : fileOf(a) - fileOf(b);
    sorted = byFile < 0 || (byFile === 0 && start(a) <= start(b));
  }
  if (sorted) return items.slice();
  return items
    .map((item, i) => ({ item, i, file: fileOf(item), at: start(item) }))
    .sort((a, b) => a.file - b.file || a.at - b.at || a.i - b.i)
    .map((entry) => entry.item);
}
