import type { DefaultMttrItem, Metric, MissionItem, RequireItem, SystemDecl } from './ast';
import type { Requirement, ResolvedExpr, SystemModel } from './model';
import { asCount, asDowntimePerYear, asDuration, asProbability, asRate, type Result } from './units';
import { ItemTracker, positive, type Reporter, type ValidationContext } from './validate-context';
import { resolveExpr, type Edge } from './validate-expr';

/** The spec's default mission: one year. */
export const DEFAULT_MISSION_HOURS = 8760;

/**
 * `mission` and `default mttr` of a system, read before anything else because
 * `default mttr` decides which components are repairable.
 */
export interface SystemSettings {
  readonly mission: number | undefined;
  readonly defaultMttr: number | undefined;
}

export function systemSettings(decl: SystemDecl, uri: string, report: Reporter): SystemSettings {
  const tracker = new ItemTracker(report, uri, 'system', decl.name?.text ?? '');
  let missionItem: MissionItem | undefined;
  let defaultItem: DefaultMttrItem | undefined;
  for (let i = 0; i < decl.items.length; i++) {
    const item = decl.items[i]!;
    if (item.kind === 'mission' && tracker.once('mission', 'mission', item.span)) missionItem = item;
    if (item.kind === 'default-mttr' && tracker.once('default-mttr', 'default mttr', item.span)) defaultItem = item;
  }
  const mission =
    missionItem?.value && positive(report, uri, missionItem.value, report.value(asDuration(missionItem.value), uri), 'mission');
  const defaultMttr = defaultItem?.value && report.value(asDuration(defaultItem.value), uri);
  return { mission: mission || undefined, defaultMttr };
}

export interface SystemResult {
  readonly model: SystemModel;
  readonly edges: readonly Edge[];
}

/** The system's `needs` and `require` lines (its settings are read by `systemSettings`). */
export function validateSystem(decl: SystemDecl, uri: string, ctx: ValidationContext): SystemResult | undefined {
  const name = decl.name;
  if (!name) return undefined;
  ctx.references.push({ uri, name, target: { uri, name }, isDeclaration: true, targetKind: 'system' });
  const sink = { edges: [] as Edge[] };
  const needs: ResolvedExpr[] = [];
  const requirements: Requirement[] = [];
  for (let i = 0; i < decl.items.length; i++) {
    const item = decl.items[i]!;
    if (item.kind === 'needs') {
      for (let k = 0; k < item.needs.length; k++) {
        const need = item.needs[k]!;
        if (need.kind === 'each') continue; // a syntax error in a system, reported by the parser
        const expr = resolveExpr(need.expr, uri, ctx, sink);
        if (expr) needs.push(expr);
      }
    } else if (item.kind === 'require') {
      const requirement = validateRequirement(item, uri, ctx.report);
      if (requirement) requirements.push(requirement);
    }
  }
  const model: SystemModel = { name: name.text, label: decl.label?.value, origin: { uri, name }, decl, needs, requirements };
  return { model, edges: sink.edges };
}

/** What each metric's target is, and how to read it into the JSON units of spec §5. */
const TARGETS: Readonly<Record<Metric, { readonly read: (q: NonNullable<RequireItem['value']>) => Result<number>; readonly expected: string }>> = {
  availability: { read: asProbability, expected: 'a probability such as 99.95% or 0.9995' },
  unavailability: { read: asProbability, expected: 'a probability such as 0.05% or 5e-4' },
  reliability: { read: asProbability, expected: 'a probability such as 90% or 0.9' },
  unreliability: { read: asProbability, expected: 'a probability such as 10% or 0.1' },
  mttf: { read: asDuration, expected: 'a duration such as 10000h or 2y' },
  downtime: { read: asDowntimePerYear, expected: 'a downtime per year such as 5h, or per period such as 22min/mo' },
  outages: { read: (q) => asRate(q, 'y'), expected: 'a rate such as 4/y' },
  tolerance: { read: asCount, expected: 'a whole number such as 1' },
};

function validateRequirement(item: RequireItem, uri: string, report: Reporter): Requirement | undefined {
  if (!item.metric || !item.op || !item.value) return undefined;
  const target = TARGETS[item.metric];
  const result = target.read(item.value);
  if (!result.ok && result.error.code === 'wrong-quantity') {
    report.error(
      'requirement-quantity',
      `'require ${item.metric}' takes ${target.expected}, not '${item.value.text}'`,
      uri,
      item.value.span,
      { data: { metric: item.metric } },
    );
    return undefined;
  }
  const value = report.value(result, uri);
  if (value === undefined) return undefined;
  return { metric: item.metric, op: item.op, target: value, uri, span: item.span, targetText: item.value.text };
}
