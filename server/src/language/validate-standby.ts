import type { Name, StandbyExpr } from './ast';
import { usesByTarget } from './names';
import type { ElementModel, GroupModel, Reference } from './model';
import type { Span } from './span';
import type { Reporter } from './validate-context';
import { lawCategory, lawKeyword } from './validate-law';

/** The spec's limit (§2): the standby CTMC grows exponentially with members. */
export const MAX_STANDBY_MEMBERS = 10;

/**
 * Standby groups (spec §3): at most 10 members, each a
 * component with an exponential law, no `needs`, no replicas, used in no
 * other expression anywhere in the model.
 */
export function checkStandbyGroups(
  elements: ReadonlyMap<string, ElementModel>,
  references: readonly Reference[],
  report: Reporter,
): void {
  const groups: GroupModel[] = [];
  elements.forEach((element) => {
    if (element.kind === 'group' && element.decl.expr?.kind === 'standby') groups.push(element);
  });
  if (groups.length === 0) return;
  const uses = usesByTarget(references, memberDeclarations(groups, elements));
  for (const group of groups) {
    const expr = group.decl.expr as StandbyExpr;
    const uri = group.origin.uri;
    const count = expr.members.length;
    if (count > MAX_STANDBY_MEMBERS) {
      report.error('standby-too-many', `a standby group has at most ${MAX_STANDBY_MEMBERS} members (got ${count})`, uri, expr.span, {
        data: { count },
      });
    }
    // Fewer than two members is a syntax error (the grammar needs a spare).
    const seen = new Map<string, Span>();
    for (const member of expr.members) {
      const earlier = seen.get(member.text);
      if (earlier) {
        report.error('duplicate-member', `'${member.text}' is listed twice in standby(…)`, uri, member.span, {
          data: { name: member.text },
          related: [{ uri, span: earlier, message: 'first listed here' }],
        });
        continue;
      }
      seen.set(member.text, member.span);
      const element = elements.get(member.text);
      if (element) checkMember(group, element, member.span, uses, report);
    }
  }
}

/** The name nodes of the elements standby groups name as members (only their uses are looked at). */
function memberDeclarations(groups: readonly GroupModel[], elements: ReadonlyMap<string, ElementModel>): Set<Name> {
  const names = new Set<Name>();
  for (const group of groups) {
    for (const member of (group.decl.expr as StandbyExpr).members) {
      const element = elements.get(member.text);
      if (element) names.add(element.origin.name);
    }
  }
  return names;
}

function checkMember(
  group: GroupModel,
  element: ElementModel,
  at: Span,
  usesByTarget: ReadonlyMap<Name, readonly Reference[]>,
  report: Reporter,
): void {
  const uri = group.origin.uri;
  if (element.kind !== 'component') {
    report.error('standby-member-kind', `standby members must be components; '${element.name}' is a group`, uri, at, {
      related: [{ uri: element.origin.uri, span: element.origin.name.span, message: `'${element.name}' is declared here` }],
    });
    return;
  }
  const items = element.decl.items;
  const law = items.find((item) => item.kind === 'law' || item.kind === 'weibull');
  const hasMttr = items.some((item) => item.kind === 'mttr');
  if (!law || law.kind === 'weibull' || lawCategory(law, hasMttr) !== 'time') {
    const has = law ? `'${lawKeyword(law)}'${law.kind === 'law' && law.law === 'availability' ? ' without mttr' : ''}` : 'no failure law';
    report.error(
      'standby-member-law',
      `standby member '${element.name}' needs an exponential law (mtbf, mttf, rate, fit, or availability with mttr); it has ${has}`,
      uri,
      at,
      { related: [{ uri: element.origin.uri, span: law?.span ?? element.origin.name.span, message: 'its law' }] },
    );
  }
  const needs = items.find((item) => item.kind === 'needs');
  if (needs) {
    report.error('standby-member-needs', `standby member '${element.name}' cannot have 'needs' (put them on the group)`, uri, at, {
      related: [{ uri: element.origin.uri, span: needs.span, message: `'${element.name}' needs something here` }],
    });
  }
  if (element.replicas > 1) {
    const replicas = items.find((item) => item.kind === 'replicas');
    report.error('standby-member-replicas', `standby member '${element.name}' cannot have replicas`, uri, at, {
      related: [{ uri: element.origin.uri, span: replicas?.span ?? element.origin.name.span, message: 'replicas given here' }],
    });
  }
  const elsewhere = (usesByTarget.get(element.origin.name) ?? []).filter(
    (ref) => !(ref.uri === uri && ref.name.span.start === at.start),
  );
  if (elsewhere.length > 0) {
    report.error(
      'standby-member-shared',
      `standby member '${element.name}' of '${group.name}' cannot be used anywhere else (it is used ${elsewhere.length} more time${elsewhere.length === 1 ? '' : 's'})`,
      uri,
      at,
      { related: elsewhere.slice(0, 10).map((ref) => ({ uri: ref.uri, span: ref.name.span, message: `'${element.name}' is also used here` })) },
    );
  }
}
