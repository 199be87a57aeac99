import type { Analysis, SystemFigures } from '../analysis/figures';
import { formatDuration, formatPercent, formatPercentNearOne } from '../analysis/format-figures';
import type { ElementModel, GroupModel, ResolvedExpr, ResolvedModel } from '../language/model';
import type { Span } from '../language/span';

/**
 * The architecture as a Mermaid flowchart. Node ids are generated (`n1`, …);
 * names and labels appear only inside quoted labels, escaped, because they are
 * user text. Each node id maps back to its declaration for click-to-source.
 */

export interface DiagramNode {
  readonly id: string;
  readonly name: string;
  readonly kind: 'system' | 'component' | 'group' | 'junction';
  readonly uri: string | undefined;
  readonly span: Span | undefined;
  /** The whole declaration (for "the cursor is inside this element"). */
  readonly declarationSpan: Span | undefined;
  readonly spof: boolean;
}

export interface Diagram {
  readonly text: string;
  readonly nodes: readonly DiagramNode[];
  /** True when groups were collapsed into single nodes because the model has more than `maxNodes` elements. */
  readonly collapsed: boolean;
}

export interface DiagramOptions {
  readonly direction?: 'TB' | 'LR';
  /**
   * Beyond this many element nodes, every top-level subgraph is drawn as one
   * node (its members hidden), so a large model stays readable and within
   * Mermaid's limits. Default: no limit.
   */
  readonly maxNodes?: number;
}

/** The figures a diagram shows: an `Analysis`, or the language server's snapshot of one. */
export interface DiagramFigures {
  readonly system: Pick<SystemFigures, 'availability' | 'unavailability' | 'downtime' | 'spofs'> | null;
  readonly elements: Analysis['elements'];
}

export function modelToMermaid(model: ResolvedModel, analysis: DiagramFigures | undefined, options: DiagramOptions = {}): Diagram {
  const containers = subgraphContainers(model);
  const collapse = options.maxNodes !== undefined && model.elements.size > options.maxNodes;
  return new DiagramBuilder(model, analysis, containers, collapse ? collapsedInto(containers) : new Map()).build(options.direction ?? 'TB');
}

/** Escapes user text for a double-quoted Mermaid label (entity codes, so no HTML or syntax survives). */
export function escapeLabel(text: string): string {
  return text.replace(/[&"<>#\\|{}[\]()`]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

class DiagramBuilder {
  private readonly lines: string[] = [];
  private readonly nodes: DiagramNode[] = [];
  private readonly ids = new Map<string, string>();
  private readonly edges = new Set<string>();
  private readonly spofComponents: ReadonlySet<string>;
  private nextId = 1;

  constructor(
    private readonly model: ResolvedModel,
    private readonly analysis: DiagramFigures | undefined,
    private readonly containers: ReadonlyMap<string, string>,
    /** Collapsed mode: each hidden member mapped to the top-level group drawn in its place. */
    private readonly hiddenIn: ReadonlyMap<string, string>,
  ) {
    const spofs = analysis?.system?.spofs ?? [];
    this.spofComponents = new Set(spofs.map((s) => s.replace(/\[\d+\]$/, '')));
  }

  build(direction: 'TB' | 'LR'): Diagram {
    const containers = this.containers;
    this.lines.push(`flowchart ${direction}`);
    // Elements not inside a subgraph first, then each subgraph with its members.
    for (const element of this.model.elements.values()) {
      if (containers.has(element.name)) continue;
      if (element.kind === 'group' && isSubgraph(element, containers)) {
        if (this.hiddenIn.size > 0) this.collapsedNode(element, '  ');
        else this.subgraph(element, containers, '  ');
      } else this.node(element, '  ');
    }
    this.systemNode();
    for (const element of this.model.elements.values()) this.edgesOf(element, containers);
    this.lines.push(
      '  classDef spof fill:#fde2e1,stroke:#c62828,stroke-width:3px,color:#7f0000',
      // Text colours are explicit so the light fills stay readable under dark themes too.
      '  classDef system fill:#e3f2fd,stroke:#1565c0,stroke-width:2px,color:#0d2a4a',
      '  classDef junction fill:#f5f5f5,stroke:#757575,color:#212121',
    );
    const spofIds = this.nodes.filter((n) => n.spof).map((n) => n.id);
    if (spofIds.length > 0) this.lines.push(`  class ${spofIds.join(',')} spof`);
    return { text: this.lines.join('\n') + '\n', nodes: this.nodes, collapsed: this.hiddenIn.size > 0 };
  }

  /** An edge line, once: collapsing can map several edges onto one, and never onto a self-loop. */
  private edge(from: string, arrow: string, to: string): void {
    if (from === to && this.hiddenIn.size > 0) return;
    const line = `  ${from} ${arrow} ${to}`;
    if (this.edges.has(line)) return;
    this.edges.add(line);
    this.lines.push(line);
  }

  private idFor(name: string): string {
    const drawnAs = this.hiddenIn.get(name);
    if (drawnAs !== undefined) return this.idFor(drawnAs);
    let id = this.ids.get(name);
    if (!id) {
      id = `n${this.nextId++}`;
      this.ids.set(name, id);
    }
    return id;
  }

  private node(element: ElementModel, indent: string): void {
    const id = this.idFor(element.name);
    const spof = element.kind === 'component' && this.spofComponents.has(element.name);
    const shape = element.kind === 'group' ? ['[/', '/]'] : ['[', ']'];
    this.lines.push(`${indent}${id}${shape[0]}"${this.labelOf(element)}"${shape[1]}`);
    this.nodes.push({ id, name: element.name, kind: element.kind, ...this.placeOf(element), spof });
  }

  private placeOf(element: { readonly origin: ElementModel['origin']; readonly decl: { readonly span: Span } }): Pick<DiagramNode, 'uri' | 'span' | 'declarationSpan'> {
    return { uri: element.origin.uri, span: element.origin.name.span, declarationSpan: element.decl.span };
  }

  /** A subgraph drawn as one node in collapsed mode: its rule, how many elements it hides, SPOFs inside. */
  private collapsedNode(group: GroupModel, indent: string): void {
    const id = this.idFor(group.name);
    const hidden = [...this.hiddenIn].filter(([, top]) => top === group.name).map(([member]) => member);
    const spofsInside = hidden.filter((m) => this.spofComponents.has(m)).length;
    const parts = [this.labelOf(group), `${hidden.length} element${hidden.length === 1 ? '' : 's'} inside`];
    if (spofsInside > 0) parts.push(`${spofsInside} SPOF${spofsInside === 1 ? '' : 's'} inside`);
    this.lines.push(`${indent}${id}[["${parts.join('<br/>')}"]]`);
    this.nodes.push({ id, name: group.name, kind: 'group', ...this.placeOf(group), spof: spofsInside > 0 });
  }

  /** A subgraph with its members, nested subgraphs included (explicit stack: nesting can be deep in imported trees). */
  private subgraph(top: GroupModel, containers: ReadonlyMap<string, string>, topIndent: string): void {
    type Step = { readonly open: GroupModel; readonly indent: string } | { readonly close: string };
    const stack: Step[] = [{ open: top, indent: topIndent }];
    while (stack.length > 0) {
      const step = stack.pop()!;
      if ('close' in step) {
        this.lines.push(`${step.close}end`);
        continue;
      }
      const { open: group, indent } = step;
      const id = this.idFor(group.name);
      // One line: Mermaid does not make room for a multi-line subgraph title.
      this.lines.push(`${indent}subgraph ${id}["${this.labelOf(group, ' · ')}"]`);
      this.nodes.push({ id, name: group.name, kind: 'group', ...this.placeOf(group), spof: false });
      const nested: Step[] = [];
      for (const member of directMembers(group)) {
        const element = this.model.elements.get(member);
        if (!element || containers.get(member) !== group.name) continue;
        if (element.kind === 'group' && isSubgraph(element, containers)) nested.push({ open: element, indent: indent + '  ' });
        else this.node(element, indent + '  ');
      }
      // Nested subgraphs follow the plain members, in source order, then this one closes.
      stack.push({ close: indent }, ...nested.reverse());
    }
  }

  private systemNode(): void {
    const system = this.model.system;
    if (!system) return;
    const id = 'sys';
    const s = this.analysis?.system;
    const parts = [escapeLabel(system.label ?? system.name)];
    if (s?.availability != null) parts.push(`availability ${formatPercentNearOne(s.availability, s.unavailability ?? undefined)}`);
    if (s?.downtime != null) parts.push(`downtime ${formatDuration(s.downtime)}/y`);
    if (s) parts.push(`${s.spofs.length} SPOF${s.spofs.length === 1 ? '' : 's'}`);
    this.lines.push(`  ${id}(["${parts.join('<br/>')}"])`);
    this.lines.push(`  class ${id} system`);
    this.nodes.push({ id, name: system.name, kind: 'system', ...this.placeOf(system), spof: false });
    for (const need of system.needs) this.edge(id, '-->', this.exprNode(need));
  }

  /** The node an expression stands for: an element's id, or a junction for an inline combinator. */
  private exprNode(expr: ResolvedExpr): string {
    if (expr.kind === 'ref') return this.idFor(expr.name);
    const id = `j${this.nextId++}`;
    const rule = expr.kind === 'kofn' ? `${expr.k} of ${expr.members.length}` : expr.kind;
    this.lines.push(`  ${id}{{"${rule}"}}`);
    this.lines.push(`  class ${id} junction`);
    this.nodes.push({ id, name: rule, kind: 'junction', uri: undefined, span: undefined, declarationSpan: undefined, spof: false });
    for (const member of expr.members) this.edge(id, '-->', this.exprNode(member));
    return id;
  }

  private edgesOf(element: ElementModel, containers: ReadonlyMap<string, string>): void {
    const from = this.idFor(element.name);
    if (element.kind === 'group' && element.body.kind === 'expr' && !isSubgraph(element, containers)) {
      // A group drawn as a node points at its members (they belong to several groups).
      const body = element.body.expr;
      const members = body.kind === 'ref' ? [body] : body.members;
      for (const m of members) this.edge(from, '-.->', this.exprNode(m));
    }
    for (const need of element.needs) {
      if (need.kind === 'each') this.edge(from, '-->|each|', this.idFor(need.name));
      else this.edge(from, '-->', this.exprNode(need.expr));
    }
  }

  private labelOf(element: ElementModel, separator = '<br/>'): string {
    // Replicas are one node, their count beside the name: "app ×3 (2 needed)".
    const replicas = element.kind === 'component' && element.replicas > 1 ? ` ×${element.replicas} (${element.quorum} needed)` : '';
    const parts = [escapeLabel(element.name) + replicas];
    if (element.label) parts.push(`<i>${escapeLabel(element.label)}</i>`);
    if (element.kind === 'group') parts.push(groupRule(element));
    const figures = this.analysis?.elements.get(element.name)?.own;
    if (figures?.availability != null) parts.push(formatPercentNearOne(figures.availability, figures.unavailability ?? undefined));
    if (element.kind === 'component' && this.spofComponents.has(element.name)) parts.push('SPOF');
    return parts.join(separator);
  }
}

function groupRule(group: GroupModel): string {
  if (group.body.kind === 'standby') {
    const s = group.body.standby;
    const options = [s.failover > 0 ? `failover ${formatDuration(s.failover)}` : '', s.coverage < 1 ? `coverage ${formatPercent(s.coverage)}` : '']
      .filter(Boolean)
      .join(', ');
    return options ? `standby, ${options}` : 'standby';
  }
  const e = group.body.expr;
  if (e.kind === 'kofn') return `${e.k} of ${e.members.length}`;
  return e.kind === 'ref' ? 'alias' : e.kind;
}

/** Names referenced directly by a group's expression (top-level members). */
function directMembers(group: GroupModel): string[] {
  if (group.body.kind === 'standby') return [...group.body.standby.members];
  const e = group.body.expr;
  const members = e.kind === 'ref' ? [e] : e.members;
  return members.flatMap((m) => (m.kind === 'ref' ? [m.name] : []));
}

/**
 * Which group draws each element inside its subgraph: an element referenced by
 * exactly one group's expression, and by no `needs`, belongs to that group's box.
 */
function subgraphContainers(model: ResolvedModel): Map<string, string> {
  const groupsOf = new Map<string, string[]>();
  const neededByOthers = new Set<string>();
  for (const element of model.elements.values()) {
    if (element.kind === 'group') {
      for (const m of directMembers(element)) groupsOf.set(m, [...(groupsOf.get(m) ?? []), element.name]);
    }
    for (const need of element.needs) {
      if (need.kind === 'each') neededByOthers.add(need.name);
      else collectNames(need.expr, neededByOthers);
    }
  }
  for (const need of model.system?.needs ?? []) collectNames(need, neededByOthers);
  const containers = new Map<string, string>();
  for (const [member, groups] of groupsOf) {
    if (groups.length === 1 && !neededByOthers.has(member)) containers.set(member, groups[0]!);
  }
  return containers;
}

/** For collapsed mode: every element inside a subgraph, mapped to the top-level subgraph that contains it. */
function collapsedInto(containers: ReadonlyMap<string, string>): Map<string, string> {
  const top = new Map<string, string>();
  for (const member of containers.keys()) {
    let at = containers.get(member)!;
    // Containment is a forest (each member has one container); walk up iteratively, bounded by its size.
    for (let steps = 0; containers.has(at) && steps < containers.size; steps++) at = containers.get(at)!;
    top.set(member, at);
  }
  return top;
}

function isSubgraph(group: GroupModel, containers: ReadonlyMap<string, string>): boolean {
  return directMembers(group).some((m) => containers.get(m) === group.name);
}

function collectNames(expr: ResolvedExpr, into: Set<string>): void {
  const stack = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'ref') into.add(e.name);
    else stack.push(...e.members);
  }
}
