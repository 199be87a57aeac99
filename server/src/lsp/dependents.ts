import type { ResolvedExpr, ResolvedModel, ResolvedNeed } from '../language/model';

/**
 * Who depends on an element directly: the elements whose `needs` or group
 * expression name it, and the system when its `needs` do. For "what it
 * takes down" in SPOF warnings and hovers.
 */
export function directDependents(model: ResolvedModel, name: string): { elements: string[]; system: boolean } {
  const elements: string[] = [];
  for (const element of model.elements.values()) {
    const exprs: ResolvedExpr[] = needExprs(element.needs);
    if (element.kind === 'group') {
      if (element.body.kind === 'expr') exprs.push(element.body.expr);
      else if (element.body.standby.members.includes(name)) {
        elements.push(element.name);
        continue;
      }
    }
    if (element.kind === 'component' && element.needs.some((n) => n.kind === 'each' && n.name === name)) {
      elements.push(element.name);
      continue;
    }
    if (exprs.some((e) => mentions(e, name))) elements.push(element.name);
  }
  const system = model.system?.needs.some((e) => mentions(e, name)) ?? false;
  return { elements, system };
}

function needExprs(needs: readonly ResolvedNeed[]): ResolvedExpr[] {
  const exprs: ResolvedExpr[] = [];
  for (const need of needs) if (need.kind === 'expr') exprs.push(need.expr);
  return exprs;
}

/** Whether `expr` refers to `name` anywhere (explicit stack: expressions may nest deeply). */
export function mentions(expr: ResolvedExpr, name: string): boolean {
  const stack: ResolvedExpr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'ref') {
      if (e.name === name) return true;
    } else stack.push(...e.members);
  }
  return false;
}
