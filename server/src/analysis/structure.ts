import type {
  ComponentModel,
  ElementModel,
  GroupModel,
  Law,
  ResolvedExpr,
  ResolvedModel,
  ResolvedNeed,
  StandbyModel,
} from '../language/model';
import { FALSE, TRUE, type BasicEvent, type FaultGraph, type Gate, type NodeRef } from './fault-graph';
import { splitForCcf } from './laws';

/**
 * The structure compiler: resolved model → Boolean graph over basic events.
 *
 * Every element is built once (in dependency order, iteratively) and shared by
 * everything that needs it, so a database that all replicas need is one node,
 * never a copy. Roots: `system` (when the model has one), `element:NAME`
 * ("NAME fails", its needs included) and `own:NAME` (the element alone).
 */

/** What the figures need to know about one basic event. */
export type EventSource =
  | { readonly kind: 'instance'; readonly component: string; readonly law: Law; readonly mttr: number | undefined }
  | { readonly kind: 'ccf'; readonly owner: string; readonly law: Law; readonly mttr: number | undefined }
  | { readonly kind: 'standby'; readonly group: string; readonly standby: StandbyModel };

export interface Structure {
  readonly graph: FaultGraph;
  /** Parallel to `graph.events`. */
  readonly sources: readonly EventSource[];
  /** Event indices of each component's instances (empty for a component without a law). */
  readonly instancesOf: ReadonlyMap<string, readonly number[]>;
}

export const SYSTEM_ROOT = 'system';
export const elementRoot = (name: string): string => `element:${name}`;
export const ownRoot = (name: string): string => `own:${name}`;

export function instanceName(component: string, index: number, replicas: number): string {
  return replicas > 1 ? `${component}[${index + 1}]` : component;
}

export function compileStructure(model: ResolvedModel): Structure {
  return new StructureBuilder(model).build();
}

class StructureBuilder {
  private readonly events: BasicEvent[] = [];
  private readonly sources: EventSource[] = [];
  private readonly gates: Gate[] = [];
  private readonly roots = new Map<string, NodeRef>();
  /** "element fails" (needs included), per element name. */
  private readonly failed = new Map<string, NodeRef>();
  /** Per component: "instance i fails" including its CCF event, needs excluded. */
  private readonly instanceFailed = new Map<string, NodeRef[]>();
  private readonly instancesOf = new Map<string, number[]>();
  /** Per component: the CCF event all its instances belong to (a CCF covers every instance of a component). */
  private readonly ccfOfComponent = new Map<string, number>();
  /** Per component z: instanceWithNeeds(z, i) by i, built on first use. */
  private readonly instanceWithNeedsCache = new Map<string, (NodeRef | undefined)[]>();
  /** "Some shared need of element X fails", built once per element. */
  private readonly sharedNeedsCache = new Map<string, NodeRef>();

  constructor(private readonly model: ResolvedModel) {}

  build(): Structure {
    // The system comes first: the BDD's variable order is the depth-first
    // order of first appearance from the roots in map order, and an order
    // that follows the system's own structure keeps its diagram small
    // (measured: 15,653 nodes instead of more than 20 million on the
    // 300-instance benchmark model when element roots came first). Its key
    // is placed now; its node is built once the elements are.
    if (this.model.system) this.roots.set(SYSTEM_ROOT, FALSE);
    this.createCcfEvents();
    for (const name of dependencyOrder(this.model)) {
      const element = this.model.elements.get(name)!;
      if (element.kind === 'component') this.buildComponent(element);
      else this.buildGroup(element);
    }
    const system = this.model.system;
    if (system) this.roots.set(SYSTEM_ROOT, this.or(system.needs.map((e) => this.expr(e))));
    return {
      graph: { events: this.events, gates: this.gates, roots: this.roots },
      sources: this.sources,
      instancesOf: this.instancesOf,
    };
  }

  // ---------------------------------------------------------------- events

  private addEvent(event: BasicEvent, source: EventSource): NodeRef {
    this.events.push(event);
    this.sources.push(source);
    return { kind: 'event', index: this.events.length - 1 };
  }

  /**
   * CCF events come first so instances can refer to them. A `ccf beta` on a
   * replicated component covers its instances; on a group, every component
   * instance reached through its expression (nested groups, not `needs`).
   */
  private createCcfEvents(): void {
    for (const element of this.model.elements.values()) {
      const ccf = ccfOf(this.model, element);
      if (ccf === undefined) continue;
      const instances = ccf.covered.flatMap((c) =>
        Array.from({ length: c.replicas }, (_, i) => instanceName(c.name, i, c.replicas)),
      );
      const ref = this.addEvent({ name: `ccf(${element.name})`, kind: 'ccf', members: instances }, ccf.source);
      if (ref.kind !== 'event') continue;
      for (const c of ccf.covered) this.ccfOfComponent.set(c.name, ref.index);
    }
  }

  private buildComponent(c: ComponentModel): void {
    const instances: NodeRef[] = [];
    const indices: number[] = [];
    const ccf = this.ccfOfComponent.get(c.name);
    const ccfSource = ccf === undefined ? undefined : this.sources[ccf];
    const source = c.law ? instanceSource(this.model, c.name, c.law, c.mttr, ccfSource?.kind === 'ccf' ? ccfSource.owner : undefined) : undefined;
    for (let i = 0; i < c.replicas; i++) {
      if (!source) {
        instances.push(FALSE);
        continue;
      }
      const name = instanceName(c.name, i, c.replicas);
      const own = this.addEvent({ name, kind: 'instance', members: [name] }, source);
      if (own.kind === 'event') indices.push(own.index);
      instances.push(ccf === undefined ? own : this.or([own, { kind: 'event', index: ccf }]));
    }
    this.instanceFailed.set(c.name, instances);
    this.instancesOf.set(c.name, indices);

    // Instance i also fails when Z[i] fails, for every `needs each Z`.
    const each = eachTargets(c.needs);
    const perInstance = each.length === 0 ? instances : instances.map((own, i) => this.or([own, ...each.map((z) => this.instanceWithNeeds(z, i))]));
    const quorumLost = this.atLeastFailed(c.replicas - c.quorum + 1, perInstance);
    this.roots.set(ownRoot(c.name), this.atLeastFailed(c.replicas - c.quorum + 1, instances));
    // Shared needs fail every instance at once: one OR above the quorum, not a copy per instance.
    this.setFailed(c.name, this.or([quorumLost, ...this.sharedNeedsOf(c.name, c.needs)]));
  }

  /**
   * "Instance i of component z fails, or what it needs fails" (for `needs each z`),
   * built once per (z, i). Built in dependency order, so z's own
   * `needs each` targets already have their entries.
   */
  private instanceWithNeeds(z: string, i: number): NodeRef {
    let known = this.instanceWithNeedsCache.get(z);
    if (known === undefined) this.instanceWithNeedsCache.set(z, (known = []));
    const node = known[i];
    if (node !== undefined) return node;
    const built = this.buildInstanceWithNeeds(z, i);
    known[i] = built;
    return built;
  }

  private buildInstanceWithNeeds(z: string, i: number): NodeRef {
    const target = this.model.elements.get(z);
    const instances = this.instanceFailed.get(z);
    if (!target || target.kind !== 'component' || !instances) return FALSE;
    return this.or([
      instances[i] ?? FALSE,
      ...eachTargets(target.needs).map((inner) => this.instanceWithNeeds(inner, i)),
      ...this.sharedNeedsOf(target.name, target.needs),
    ]);
  }

  private buildGroup(g: GroupModel): void {
    let own: NodeRef;
    if (g.body.kind === 'standby') {
      own = this.addEvent({ name: g.name, kind: 'standby', members: g.body.standby.members }, { kind: 'standby', group: g.name, standby: g.body.standby });
    } else {
      own = this.expr(g.body.expr);
    }
    this.roots.set(ownRoot(g.name), own);
    this.setFailed(g.name, this.or([own, ...this.sharedNeedsOf(g.name, g.needs)]));
  }

  private setFailed(name: string, node: NodeRef): void {
    this.failed.set(name, node);
    this.roots.set(elementRoot(name), node);
  }

  // ---------------------------------------------------------------- expressions

  private sharedNeedsOf(element: string, needs: readonly ResolvedNeed[]): NodeRef[] {
    let node = this.sharedNeedsCache.get(element);
    if (!node) {
      const inputs: NodeRef[] = [];
      for (let i = 0; i < needs.length; i++) {
        const need = needs[i]!;
        if (need.kind === 'expr') inputs.push(this.expr(need.expr));
      }
      node = this.or(inputs);
      this.sharedNeedsCache.set(element, node);
    }
    return [node];
  }

  /** "expr fails". Expressions nest at most 256 deep (checked by the parser), so recursion is bounded here. */
  private expr(e: ResolvedExpr): NodeRef {
    switch (e.kind) {
      case 'ref':
        return this.failed.get(e.name) ?? FALSE;
      case 'series':
        return this.or(e.members.map((m) => this.expr(m)));
      case 'parallel':
        return this.and(e.members.map((m) => this.expr(m)));
      case 'kofn':
        return this.atLeastFailed(e.members.length - e.k + 1, e.members.map((m) => this.expr(m)));
    }
  }

  // ---------------------------------------------------------------- gates (with constant folding)

  private or(inputs: readonly NodeRef[]): NodeRef {
    return this.atLeastFailed(1, inputs);
  }

  private and(inputs: readonly NodeRef[]): NodeRef {
    return this.atLeastFailed(inputs.length, inputs);
  }

  /** At least k of the inputs failed (k ≥ 1): constants folded, one input is itself, 1 of n is an or, n of n an and. */
  private atLeastFailed(k: number, inputs: readonly NodeRef[]): NodeRef {
    let alwaysFailed = 0;
    let live: NodeRef[] | undefined;
    for (let i = 0; i < inputs.length; i++) {
      const r = inputs[i]!;
      if (r.kind !== 'const') {
        live?.push(r);
        continue;
      }
      // The first constant: the inputs before it were all live.
      live ??= inputs.slice(0, i);
      if (r.value) alwaysFailed++;
    }
    live ??= inputs as NodeRef[];
    const need = k - alwaysFailed;
    if (need <= 0) return TRUE;
    if (need > live.length) return FALSE;
    if (live.length === 1) return live[0]!;
    const copy = live === inputs ? [...live] : live;
    return this.gate(need === 1 ? { kind: 'or', inputs: copy } : need === live.length ? { kind: 'and', inputs: copy } : { kind: 'atleast', k: need, inputs: copy });
  }

  private gate(g: Gate): NodeRef {
    this.gates.push(g);
    return { kind: 'gate', index: this.gates.length - 1 };
  }
}

function eachTargets(needs: readonly ResolvedNeed[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < needs.length; i++) {
    const need = needs[i]!;
    if (need.kind === 'each') names.push(need.name);
  }
  return names;
}

/** Element names an element depends on: its expression's references, its needs, its `needs each`. */
function dependencies(element: ElementModel): string[] {
  const names: string[] = [];
  const exprs: ResolvedExpr[] = [];
  if (element.kind === 'group') {
    if (element.body.kind === 'expr') exprs.push(element.body.expr);
    else names.push(...element.body.standby.members);
  }
  for (const need of element.needs) {
    if (need.kind === 'expr') exprs.push(need.expr);
    else names.push(need.name);
  }
  collectRefs(exprs, names);
  return names;
}

function collectRefs(roots: readonly ResolvedExpr[], into: string[]): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'ref') into.push(e.name);
    else stack.push(...e.members);
  }
}

/**
 * Elements in dependency order (dependencies first), by an iterative
 * depth-first search: chains of 100,000 elements must not overflow the stack.
 * The model is validated, so there are no cycles; a name already on the path
 * is skipped defensively.
 */
export function dependencyOrder(model: ResolvedModel): string[] {
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of model.elements.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; deps: string[]; next: number }[] = [];
    const push = (name: string): void => {
      state.set(name, 'open');
      const element = model.elements.get(name);
      stack.push({ name, deps: element ? dependencies(element) : [], next: 0 });
    };
    push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const dep = top.deps[top.next++]!;
        if (!state.has(dep) && model.elements.has(dep)) push(dep);
      } else {
        stack.pop();
        state.set(top.name, 'done');
        order.push(top.name);
      }
    }
  }
  return order;
}

/** A CCF on `element`: the components it covers and its event's source; undefined when it covers no component with a law. */
function ccfOf(model: ResolvedModel, element: ElementModel): { readonly covered: readonly ComponentModel[]; readonly source: EventSource } | undefined {
  if (element.ccfBeta === undefined) return undefined;
  const covered = coveredComponents(model, element);
  const first = covered[0];
  if (!first?.law) return undefined;
  return { covered, source: { kind: 'ccf', owner: element.name, law: splitForCcf(first.law, element.ccfBeta).common, mttr: first.mttr } };
}

/** An instance's source: its law, less the share β the CCF event of `ccfOwner` takes (when it has one). */
function instanceSource(model: ResolvedModel, component: string, law: Law, mttr: number | undefined, ccfOwner: string | undefined): EventSource {
  const beta = ccfOwner === undefined ? undefined : model.elements.get(ccfOwner)?.ccfBeta;
  return { kind: 'instance', component, law: beta === undefined ? law : splitForCcf(law, beta).own, mttr };
}

/**
 * What the structure (the graph, the events and their order) depends on,
 * and nothing it does not: names, replicas, quorums, needs, expressions,
 * standby members, whether a component has a law and an element a `ccf`;
 * not the numbers. Two models with the same shape have the same graph,
 * event for event; only the sources' laws differ (see withValuesOf). The
 * text of needs and expressions is kept per object: incremental validation
 * keeps those of untouched (and of moved) declarations, so a keystroke
 * writes out one element's.
 */
export function structureShape(model: ResolvedModel): string {
  const parts: string[] = [model.system ? `system ${JSON.stringify(model.system.needs)}` : 'no system'];
  for (const element of model.elements.values()) parts.push(shapeOf(element));
  return parts.join('\n');
}

const texts = new WeakMap<object, string>();

/** JSON of needs or an expression (names and numbers only), kept per object. */
function textOf(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** One element's part of the shape (names are identifiers: spaces separate the fields unambiguously). */
function shapeOf(element: ElementModel): string {
  const ccf = element.ccfBeta === undefined ? 0 : 1;
  if (element.kind === 'component') return `c ${element.name} ${element.replicas} ${element.quorum} ${element.law ? 1 : 0} ${ccf} ${textOf(element.needs)}`;
  const body = element.body.kind === 'expr' ? element.body.expr : element.body.standby.members;
  return `g ${element.name} ${element.body.kind} ${ccf} ${textOf(body)} ${textOf(element.needs)}`;
}

/**
 * The structure of `model`, from `previous`, the structure of a model of the
 * same shape (see structureShape): the same graph, with each event's source
 * read again from `model` (its law, MTTR, CCF share, standby parameters).
 */
export function withValuesOf(previous: Structure, model: ResolvedModel): Structure {
  const element = (name: string): ElementModel => model.elements.get(name)!;
  const ccfOwnerOf = new Map<string, string>();
  for (const s of previous.sources) {
    if (s.kind !== 'ccf') continue;
    for (const c of ccfOf(model, element(s.owner))!.covered) ccfOwnerOf.set(c.name, s.owner);
  }
  const sources: EventSource[] = [];
  let last: EventSource | undefined;
  let lastComponent: string | undefined;
  for (const s of previous.sources) {
    if (s.kind === 'ccf') sources.push(ccfOf(model, element(s.owner))!.source);
    else if (s.kind === 'standby') {
      const group = element(s.group) as GroupModel;
      sources.push({ kind: 'standby', group: s.group, standby: (group.body as { readonly standby: StandbyModel }).standby });
    } else {
      // The instances of a component share one source, as when built.
      if (s.component !== lastComponent) {
        const c = element(s.component) as ComponentModel;
        last = instanceSource(model, c.name, c.law!, c.mttr, ccfOwnerOf.get(c.name));
        lastComponent = s.component;
      }
      sources.push(last!);
    }
  }
  return { graph: previous.graph, sources, instancesOf: previous.instancesOf };
}

/** The components whose instances a CCF on this element covers (through expressions, not needs). */
export function coveredComponents(model: ResolvedModel, element: ElementModel): ComponentModel[] {
  if (element.kind === 'component') return [element];
  const found: ComponentModel[] = [];
  const seen = new Set<string>();
  const stack: ResolvedExpr[] = element.body.kind === 'expr' ? [element.body.expr] : [];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind !== 'ref') {
      for (let i = e.members.length - 1; i >= 0; i--) stack.push(e.members[i]!);
      continue;
    }
    if (seen.has(e.name)) continue;
    seen.add(e.name);
    const target = model.elements.get(e.name);
    if (target?.kind === 'component') {
      if (target.law) found.push(target);
    } else if (target?.body.kind === 'expr') stack.push(target.body.expr);
  }
  return found;
}
