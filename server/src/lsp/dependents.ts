import type { ElementModel, ResolvedExpr, ResolvedModel, ResolvedNeed } from '../language/model';

/**
 * Who depends on an element directly: the elements whose `needs` or group
 * expression name it, and the system when its `needs` do. For "what it
 * takes down" in SPOF warnings and hovers.
 */
export interface Dependents {
  readonly elements: readonly string[];
  readonly system: boolean;
}

const NONE: Dependents = { elements: [], system: false };
const indexOfModel = new WeakMap<ResolvedModel, ReadonlyMap<string, Dependents>>();

export function directDependents(model: ResolvedModel, name: string): Dependents {
  let index = indexOfModel.get(model);
  if (index === undefined) {
    index = dependentsIndex(model);
    indexOfModel.set(model, index);
  }
  return index.get(name) ?? NONE;
}

/** Every element's direct dependents, in one walk over the model (a warning per SPOF must not walk it again each time). */
function dependentsIndex(model: ResolvedModel): Map<string, Dependents> {
  const elements = new Map<string, string[]>();
  const system = new Set<string>();
  for (const element of model.elements.values()) {
    for (const name of namedBy(element)) {
      const list = elements.get(name);
      if (list) list.push(element.name);
      else elements.set(name, [element.name]);
    }
  }
  for (const expr of model.system?.needs ?? []) for (const name of namesIn(expr)) system.add(name);
  const index = new Map<string, Dependents>();
  for (const name of new Set([...elements.keys(), ...system])) index.set(name, { elements: elements.get(name) ?? [], system: system.has(name) });
  return index;
}

/**
 * The elements `element` names directly (needs, `needs each`, its expression
 * or standby members), each once; kept per element object: incremental
 * validation keeps the objects of untouched declarations, so after a
 * keystroke the index is rebuilt from lists, not by walking every expression.
 */
function namedBy(element: ElementModel): readonly string[] {
  let known = namedByElement.get(element);
  if (known !== undefined) return known;
  const named = new Set<string>();
  const exprs: ResolvedExpr[] = needExprs(element.needs);
  if (element.kind === 'group') {
    if (element.body.kind === 'expr') exprs.push(element.body.expr);
    else for (const member of element.body.standby.members) named.add(member);
  }
  if (element.kind === 'component') for (const need of element.needs) if (need.kind === 'each') named.add(need.name);
  for (const expr of exprs) for (const name of namesIn(expr)) named.add(name);
  known = [...named];
  namedByElement.set(element, known);
  return known;
}

const namedByElement = new WeakMap<ElementModel, readonly string[]>();

function needExprs(needs: readonly ResolvedNeed[]): ResolvedExpr[] {
  const exprs: ResolvedExpr[] = [];
  for (const need of needs) if (need.kind === 'expr') exprs.push(need.expr);
  return exprs;
}

/** The names an expression refers to (explicit stack: expressions may nest deeply). */
function namesIn(expr: ResolvedExpr): Set<string> {
  const names = new Set<string>();
  const stack: ResolvedExpr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'ref') names.add(e.name);
    else stack.push(...e.members);
  }
  return names;
}
