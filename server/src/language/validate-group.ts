import type { AcceptSpofItem, CcfItem, GroupDecl, StandbyExpr, StandbyOptionItem } from './ast';
import type { GroupModel, ResolvedNeed, StandbyModel } from './model';
import { asDuration, asProbability } from './units';
import { ItemTracker, type ValidationContext } from './validate-context';
import { resolveElementName, resolveExpr, resolveNeed, type Edge } from './validate-expr';

/** A validated group and the dependency edges of its expression and `needs`. */
export interface GroupResult {
  readonly model: GroupModel;
  readonly edges: readonly Edge[];
}

interface GroupItems {
  ccf?: CcfItem;
  accept?: AcceptSpofItem;
  failover?: StandbyOptionItem;
  coverage?: StandbyOptionItem;
  dormancy?: StandbyOptionItem;
}

export function validateGroup(decl: GroupDecl, uri: string, ctx: ValidationContext): GroupResult | undefined {
  const name = decl.name;
  if (!name) return undefined;
  ctx.references.push({ uri, name, target: { uri, name }, isDeclaration: true, targetKind: 'group' });
  const sink = { edges: [] as Edge[] };
  const isStandby = decl.expr?.kind === 'standby';

  let body: GroupModel['body'];
  if (decl.expr?.kind === 'standby') {
    body = { kind: 'standby', standby: { members: resolveStandbyMembers(decl.expr, uri, ctx, sink), failover: 0, coverage: 1, dormancy: 0 } };
  } else {
    // A missing expression was reported by the parser; an empty series always works.
    const expr = decl.expr ? resolveExpr(decl.expr, uri, ctx, sink) : undefined;
    body = { kind: 'expr', expr: expr ?? { kind: 'series', members: [] } };
  }

  const needs: ResolvedNeed[] = [];
  const items = collectItems(decl, uri, ctx, needs, sink, isStandby);
  if (body.kind === 'standby') body = { kind: 'standby', standby: standbyOptions(body.standby, items, uri, ctx) };

  const ccfBeta = items.ccf?.beta && !isStandby ? ctx.report.value(asProbability(items.ccf.beta), uri) : undefined;
  const model: GroupModel = {
    kind: 'group',
    name: name.text,
    label: decl.label?.value,
    origin: { uri, name },
    decl,
    body,
    needs,
    ccfBeta,
    acceptSpof: items.accept?.reason?.value,
  };
  return { model, edges: sink.edges };
}

/** Members are bound here; what they must be (components with exponential laws, …) is checked once all are known. */
function resolveStandbyMembers(expr: StandbyExpr, uri: string, ctx: ValidationContext, sink: { edges: Edge[] }): string[] {
  const members: string[] = [];
  for (let i = 0; i < expr.members.length; i++) {
    const member = expr.members[i]!;
    const symbol = resolveElementName(member, uri, ctx);
    if (!symbol) continue;
    sink.edges.push(member);
    members.push(symbol.name);
  }
  return members;
}

function collectItems(
  decl: GroupDecl,
  uri: string,
  ctx: ValidationContext,
  needs: ResolvedNeed[],
  sink: { edges: Edge[] },
  isStandby: boolean,
): GroupItems {
  const items: GroupItems = {};
  const tracker = new ItemTracker(ctx.report, uri, 'group', decl.name?.text ?? '');
  for (let i = 0; i < decl.items.length; i++) {
    const item = decl.items[i]!;
    switch (item.kind) {
      case 'needs':
        for (let k = 0; k < item.needs.length; k++) {
          const need = item.needs[k]!;
          if (need.kind === 'each') {
            ctx.report.error(
              'needs-each-replicas',
              `'needs each' pairs the replicas of a component; a group has none (write 'needs ${need.name.text}')`,
              uri,
              need.span,
              { data: { suggestion: need.name.text } },
            );
          }
          const resolved = resolveNeed(need, uri, ctx, sink);
          if (resolved && need.kind === 'expr') needs.push(resolved);
        }
        break;
      case 'ccf':
        if (!tracker.once('ccf', 'ccf beta', item.span)) break;
        items.ccf = item;
        if (isStandby) {
          ctx.report.error(
            'ccf-on-standby',
            `'ccf' cannot be set on a standby group (its members fail through the standby logic; put the common cause elsewhere)`,
            uri,
            item.span,
          );
        }
        break;
      case 'accept':
        if (tracker.once('accept', 'accept spof', item.span)) items.accept = item;
        break;
      case 'failover':
      case 'coverage':
      case 'dormancy':
        if (!tracker.once(item.kind, item.kind, item.span)) break;
        if (!isStandby) {
          ctx.report.error('standby-option', `'${item.kind}' applies only to standby groups ('group x = standby(a, b)')`, uri, item.span);
          break;
        }
        items[item.kind] = item;
        break;
    }
  }
  return items;
}

function standbyOptions(standby: StandbyModel, items: GroupItems, uri: string, ctx: ValidationContext): StandbyModel {
  const value = (item: StandbyOptionItem | undefined, convert: typeof asDuration, fallback: number): number => {
    if (!item?.value) return fallback;
    return ctx.report.value(convert(item.value), uri) ?? fallback;
  };
  return {
    members: standby.members,
    failover: value(items.failover, asDuration, 0),
    coverage: value(items.coverage, asProbability, 1),
    dormancy: value(items.dormancy, asProbability, 0),
  };
}
