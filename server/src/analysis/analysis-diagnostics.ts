import { diagnostic, type Diagnostic } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';
import { BddNodeLimitError } from './bdd';
import { analyzeModel, type Analysis, type AnalyzeOptions, type RequirementResult } from './figures';
import { formatMetric } from './format-figures';

/**
 * The engine's verdicts as diagnostics, shared by the CLI and the language
 * server: a warning on each unaccepted single point of failure (at the
 * component's name) and an error on each failed `require` line.
 */
export interface Evaluation {
  /** Undefined when the model has errors or the engine stopped at a limit. */
  readonly analysis: Analysis | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function evaluateModel(model: ResolvedModel, options: AnalyzeOptions = {}): Evaluation {
  if (model.hasErrors) return { analysis: undefined, diagnostics: [] };
  let analysis: Analysis;
  try {
    analysis = analyzeModel(model, options);
  } catch (error) {
    if (!(error instanceof BddNodeLimitError)) throw error;
    const at = model.system?.origin ?? [...model.elements.values()][0]?.origin;
    return {
      analysis: undefined,
      diagnostics: at
        ? [diagnostic('error', 'analysis-limit', `analysis stopped: ${error.message}`, at.uri, at.name.span)]
        : [],
    };
  }
  return { analysis, diagnostics: [...spofWarnings(model, analysis), ...requirementErrors(analysis)] };
}

function spofWarnings(model: ResolvedModel, analysis: Analysis): Diagnostic[] {
  const system = analysis.system;
  if (!system || !model.system) return [];
  const byEvent = new Map(system.importance.map((row) => [row.event, row]));
  const warnings: Diagnostic[] = [];
  for (const spof of system.spofs) {
    const componentName = spof.replace(/\[\d+\]$/, '');
    const component = model.elements.get(componentName);
    if (!component || component.acceptSpof !== undefined) continue;
    const row = byEvent.get(spof);
    const share =
      row?.fussellVesely != null ? `; it causes ${formatMetric('probability-share', row.fussellVesely)} of the system's downtime` : '';
    warnings.push(
      diagnostic(
        'warning',
        'spof',
        `'${spof}' is a single point of failure: its failure alone stops system '${model.system.name}'${share}`,
        component.origin.uri,
        component.origin.name.span,
        { data: { event: spof } },
      ),
    );
  }
  return warnings;
}

function requirementErrors(analysis: Analysis): Diagnostic[] {
  return analysis.requirements.filter((r) => !r.ok).map(requirementError);
}

function requirementError(r: RequirementResult): Diagnostic {
  const { metric, op, targetText } = r.requirement;
  const actual = r.actual === null ? 'cannot be computed' : `is ${formatMetric(metric, r.actual)}`;
  return diagnostic(
    'error',
    'requirement-failed',
    `requirement not met: ${metric} ${op} ${targetText}, but ${metric} ${actual}`,
    r.requirement.uri,
    r.requirement.span,
  );
}
