import { evaluateModel } from '../../server/src/analysis/analysis-diagnostics';
import type { Analysis, SystemFigures } from '../../server/src/analysis/figures';
import type { Diagnostic } from '../../server/src/language/diagnostics';
import type { ResolvedModel } from '../../server/src/language/model';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from './memory-host';

/** Loads one in-memory model (plus optional extra files) and analyses it; fails the test on model errors. */
export function analyzeText(text: string, extraFiles: Record<string, string> = {}, missionOverride?: number): {
  model: ResolvedModel;
  analysis: Analysis;
  system: SystemFigures;
  diagnostics: readonly Diagnostic[];
} {
  const model = loadModel('/test/model.ft', memoryHost({ '/test/model.ft': text, ...extraFiles }), missionOverride === undefined ? {} : { missionOverride });
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`model has errors: ${errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  const evaluation = evaluateModel(model);
  if (!evaluation.analysis) throw new Error('no analysis');
  return { model, analysis: evaluation.analysis, system: evaluation.analysis.system!, diagnostics: [...model.diagnostics, ...evaluation.diagnostics] };
}

/** Relative difference, for comparisons against closed forms. */
export function relativeError(actual: number | null, expected: number): number {
  if (actual === null) return Infinity;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}
