import type { Evaluation } from '../../analysis/analysis-diagnostics';
import type { Figures } from '../../analysis/figures';
import type { ResolvedModel } from '../../language/model';
import type { LocatedDiagnostic } from './diagnostic-lines';

/**
 * The JSON of `faultline analyze --json` (spec §5): one object, also when the
 * model has errors (figures then null). Times in hours, probabilities in [0, 1].
 */
export function jsonReport(model: ResolvedModel, evaluation: Evaluation, diagnostics: readonly LocatedDiagnostic[]): unknown {
  const analysis = evaluation.analysis;
  const system = analysis?.system ?? null;
  return {
    system: model.system?.name ?? null,
    label: model.system?.label ?? null,
    mission: model.mission,
    availability: system?.availability ?? null,
    unavailability: system?.unavailability ?? null,
    downtime: system?.downtime ?? null,
    outagesPerYear: system?.outagesPerYear ?? null,
    meanOutage: system?.meanOutage ?? null,
    reliability: system?.reliability ?? null,
    unreliability: system?.unreliability ?? null,
    mttf: system?.mttf ?? null,
    tolerance: system?.tolerance ?? null,
    spofs: system?.spofs ?? [],
    commonCauseSpofs: system?.commonCauseSpofs ?? [],
    cutSetCount: system && system.cutSetCount !== null ? bigCount(system.cutSetCount) : null,
    cutSets: system?.cutSets ?? [],
    cutSetBasis: system?.cutSetBasis ?? null,
    importance: system?.importance ?? [],
    elements: analysis
      ? Object.fromEntries([...analysis.elements].map(([name, f]) => [name, { ...figures(f), own: figures(f.own) }]))
      : {},
    requirements: (model.system?.requirements ?? []).map((r, i) => {
      const result = analysis?.requirements[i];
      return { metric: r.metric, op: r.op, target: r.target, actual: result?.actual ?? null, ok: result?.ok ?? false };
    }),
    diagnostics: diagnostics.map((d) => ({
      severity: d.diagnostic.severity,
      code: d.diagnostic.code,
      message: d.diagnostic.message,
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
    })),
    stats: analysis?.stats ?? null,
  };
}

function figures(f: Figures): Figures {
  return {
    availability: f.availability,
    unavailability: f.unavailability,
    reliability: f.reliability,
    unreliability: f.unreliability,
    mttf: f.mttf,
  };
}

/** A JSON number up to 2^53 − 1, else a string of digits (spec §5). */
export function bigCount(count: bigint): number | string {
  return count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : count.toString();
}
