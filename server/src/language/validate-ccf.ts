import type { CcfItem } from './ast';
import type { ComponentModel, ElementModel, GroupModel, Law, ResolvedExpr } from './model';
import type { Span } from './span';
import type { Reporter } from './validate-context';

/**
 * Common cause (spec §4): `ccf beta b` on a group covers every component
 * instance reached through its expression (nested groups and replicas, not
 * `needs`); on a replicated component, its instances. All covered instances
 * share law, parameters and MTTR'; an instance is in at most one CCF event.
 *
 * Components without a law never fail, so they are not covered. A standby
 * group cannot be covered: its members fail through the standby logic.
 */

interface Covering {
  readonly owner: ElementModel;
  readonly item: CcfItem;
}

/** Checks every `ccf`: enough covered instances, identical ones, no instance in two events. */
export function checkCommonCauses(elements: ReadonlyMap<string, ElementModel>, report: Reporter): void {
  const coveredBy = new Map<string, Covering>();
  elements.forEach((owner) => {
    if (owner.ccfBeta !== undefined) checkCommonCause(owner, elements, coveredBy, report);
  });
}

/** One `ccf`: what it covers, and whether that may share a common cause. */
function checkCommonCause(
  owner: ElementModel,
  elements: ReadonlyMap<string, ElementModel>,
  coveredBy: Map<string, Covering>,
  report: Reporter,
): void {
  const item = ccfItemOf(owner);
  if (!item) return;
  const uri = owner.origin.uri;
  const components = owner.kind === 'component' ? [owner] : coveredComponents(owner, elements, item, report);
  if (!components) return;
  const failing = components.filter((c) => c.decl.items.some((i) => i.kind === 'law' || i.kind === 'weibull'));
  const instances = failing.reduce((sum, c) => sum + c.replicas, 0);
  if (owner.kind === 'group' && instances < 2) {
    report.error(
      'ccf-too-few',
      `'ccf' on '${owner.name}' covers ${instances} component instance${instances === 1 ? '' : 's'} with a failure law; a common cause needs at least 2`,
      uri,
      item.span,
    );
    return;
  }
  checkIdentical(owner, item, failing, report);
  for (const component of failing) {
    const earlier = coveredBy.get(component.name);
    if (earlier) {
      report.error(
        'ccf-overlap',
        `'${component.name}' is already covered by the 'ccf' of '${earlier.owner.name}' (an instance is in at most one common-cause event)`,
        uri,
        item.span,
        { related: [{ uri: earlier.owner.origin.uri, span: earlier.item.span, message: `the 'ccf' of '${earlier.owner.name}'` }] },
      );
      break;
    }
  }
  for (const component of failing) if (!coveredBy.has(component.name)) coveredBy.set(component.name, { owner, item });
}

function ccfItemOf(element: ElementModel): CcfItem | undefined {
  const items = element.decl.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'ccf') return item;
  }
  return undefined;
}

/**
 * Components reached through a group's expression, nested groups included
 * (explicit stack; dependency cycles are reported elsewhere, `seen` stops them).
 * Undefined when a standby group is reached (reported).
 */
function coveredComponents(
  group: GroupModel,
  elements: ReadonlyMap<string, ElementModel>,
  item: CcfItem,
  report: Reporter,
): ComponentModel[] | undefined {
  const result: ComponentModel[] = [];
  const seen = new Set<string>([group.name]);
  const exprs: ResolvedExpr[] = group.body.kind === 'expr' ? [group.body.expr] : [];
  while (exprs.length > 0) {
    const expr = exprs.pop()!;
    if (expr.kind !== 'ref') {
      for (let i = expr.members.length - 1; i >= 0; i--) exprs.push(expr.members[i]!);
      continue;
    }
    if (seen.has(expr.name)) continue;
    seen.add(expr.name);
    const element = elements.get(expr.name);
    if (!element) continue;
    if (element.kind === 'component') {
      result.push(element);
    } else if (element.body.kind === 'standby') {
      report.error(
        'ccf-on-standby',
        `'ccf' on '${group.name}' would cover standby group '${element.name}'; its members fail through the standby logic and cannot share a common cause`,
        group.origin.uri,
        item.span,
        { related: [{ uri: element.origin.uri, span: element.origin.name.span, message: `standby group '${element.name}'` }] },
      );
      return undefined;
    } else {
      exprs.push(element.body.expr);
    }
  }
  return result;
}

/** Covered instances must be interchangeable: same law, parameters and MTTR'. */
function checkIdentical(owner: ElementModel, item: CcfItem, components: readonly ComponentModel[], report: Reporter): void {
  const reference = components.find((c) => c.law !== undefined);
  if (!reference) return;
  for (const other of components) {
    if (other === reference || other.law === undefined) continue;
    if (sameLaw(reference.law!, other.law) && reference.mttr === other.mttr) continue;
    report.error(
      'ccf-mismatch',
      `all instances under the 'ccf' of '${owner.name}' must share law, parameters and MTTR': '${reference.name}' has ${describe(reference)}, '${other.name}' has ${describe(other)}`,
      owner.origin.uri,
      item.span,
      {
        related: [reference, other].map((c) => ({ uri: c.origin.uri, span: lawSpanOf(c), message: `law of '${c.name}'` })),
      },
    );
    return;
  }
}

export function sameLaw(a: Law, b: Law): boolean {
  switch (a.kind) {
    case 'exponential':
      return b.kind === 'exponential' && a.rate === b.rate;
    case 'weibull':
      return b.kind === 'weibull' && a.shape === b.shape && a.scale === b.scale && a.factor === b.factor;
    case 'fixed':
      return b.kind === 'fixed' && a.q === b.q;
  }
}

function describe(component: ComponentModel): string {
  const law = component.law!;
  const text =
    law.kind === 'exponential'
      ? `rate ${formatNumber(law.rate)}/h`
      : law.kind === 'weibull'
        ? `weibull shape ${formatNumber(law.shape)} scale ${formatNumber(law.scale)}h${law.factor !== 1 ? ` × ${formatNumber(law.factor)}` : ''}`
        : `probability ${formatNumber(law.q)}`;
  return component.mttr === undefined ? text : `${text}, MTTR' ${formatNumber(component.mttr)}h`;
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function lawSpanOf(component: ComponentModel): Span {
  return component.decl.items.find((i) => i.kind === 'law' || i.kind === 'weibull')?.span ?? component.origin.name.span;
}
