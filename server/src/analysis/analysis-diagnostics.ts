import { diagnostic, type Diagnostic } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';
import { BddNodeLimitError } from './bdd';
import { analyzeModelStaged, type Analysis, type AnalyzeOptions, type ElementOverLimit, type RequirementResult, type StagedAnalysis } from './figures';
import { formatMetric } from './format-figures';

/**
 * The engine's verdicts as diagnostics, shared by the CLI and the language
 * server: a warning on each unaccepted single point of failure (at the
 * component's name), an error on each failed `require` line, and a warning
 * on each element whose figures went over the node limit per element.
 */
export interface Evaluation {
  /** Undefined when the model has errors or the engine stopped at a limit. */
  readonly analysis: Analysis | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function evaluateModel(model: ResolvedModel, options: AnalyzeOptions = {}): Evaluation {
  const staged = evaluateModelStaged(model, { ...options, mttf: 'now', details: 'now' });
  return { analysis: staged.analysis, diagnostics: staged.diagnostics };
}

/** An evaluation whose element figures and MTTFs may come later (see analyzeModelStaged); the diagnostics are final at once. */
export interface StagedEvaluation extends Evaluation {
  readonly detailsPending: boolean;
  readonly mttfPending: boolean;
  /** The analysis with every element's figures; undefined when stopped, or when there is no analysis. */
  completeDetails(shouldStop?: () => boolean): Analysis | undefined;
  /** The analysis with everything, MTTFs included; undefined when stopped, or when there is no analysis. */
  completeMttf(shouldStop?: () => boolean): Analysis | undefined;
}

export function evaluateModelStaged(model: ResolvedModel, options: AnalyzeOptions = {}): StagedEvaluation {
  const none = (diagnostics: readonly Diagnostic[]): StagedEvaluation => ({
    analysis: undefined,
    diagnostics,
    detailsPending: false,
    mttfPending: false,
    completeDetails: () => undefined,
    completeMttf: () => undefined,
  });
  if (model.hasErrors) return none([]);
  let staged: StagedAnalysis;
  try {
    staged = analyzeModelStaged(model, options);
  } catch (error) {
    if (!(error instanceof BddNodeLimitError)) throw error;
    const at = model.system?.origin ?? [...model.elements.values()][0]?.origin;
    return none(at ? [diagnostic('error', 'analysis-limit', `analysis stopped: ${error.message}`, at.uri, at.name.span)] : []);
  }
  const { analysis } = staged;
  return {
    analysis,
    diagnostics: [...spofWarnings(model, analysis), ...requirementErrors(analysis), ...elementLimitWarnings(model, analysis)],
    detailsPending: staged.detailsPending,
    mttfPending: staged.mttfPending,
    completeDetails: (shouldStop) => staged.completeDetails(shouldStop),
    completeMttf: (shouldStop) => staged.completeMttf(shouldStop),
  };
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

/**
 * A warning at each element whose figures were not computed (see
 * Analysis.elementsOverLimit). `data.element` names it (what finds it again
 * in a newer text). Empty while the details are pending: the language server
 * adds these with the element figures.
 */
export function elementLimitWarnings(model: ResolvedModel, analysis: Analysis): Diagnostic[] {
  const parts = new Map<string, { parts: ElementOverLimit['part'][]; nodeLimit: number }>();
  for (const { element, part, nodeLimit } of analysis.elementsOverLimit) {
    const known = parts.get(element);
    if (known) known.parts.push(part);
    else parts.set(element, { parts: [part], nodeLimit });
  }
  const unaffected = model.system ? `; the system's figures do not depend on it` : '';
  const warnings: Diagnostic[] = [];
  for (const [element, { parts: over, nodeLimit }] of parts) {
    const origin = model.elements.get(element)?.origin;
    if (!origin) continue;
    const which = over.length === 2 ? `figures of '${element}' (with its needs and alone)` : over[0] === 'own' ? `figures of '${element}' alone` : `figures of '${element}'`;
    warnings.push(
      diagnostic(
        'warning',
        'element-limit',
        `${which} not computed: the decision diagram needs more than ${nodeLimit.toLocaleString('en-US')} nodes, the limit per element${unaffected}`,
        origin.uri,
        origin.name.span,
        { data: { element } },
      ),
    );
  }
  return warnings;
}

function requirementErrors(analysis: Analysis): Diagnostic[] {
  const errors: Diagnostic[] = [];
  analysis.requirements.forEach((r, index) => {
    if (!r.ok) errors.push(requirementError(r, index));
  });
  return errors;
}

/** `data.requirement`: the requirement's index in the system (what identifies it on a newer text). */
function requirementError(r: RequirementResult, index: number): Diagnostic {
  const { metric, op, targetText } = r.requirement;
  const actual = r.actual === null ? 'cannot be computed' : `is ${formatMetric(metric, r.actual)}`;
  return diagnostic(
    'error',
    'requirement-failed',
    `requirement not met: ${metric} ${op} ${targetText}, but ${metric} ${actual}`,
    r.requirement.uri,
    r.requirement.span,
    { data: { requirement: index } },
  );
}
