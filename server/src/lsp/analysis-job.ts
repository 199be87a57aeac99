import { elementLimitWarnings, evaluateModelStaged } from '../analysis/analysis-diagnostics';
import type { AnalysisReuse } from '../analysis/analysis-reuse';
import { AnalysisStopped } from '../analysis/analysis-stopped';
import { bundledCutSetWorker } from '../analysis/cut-set-thread';
import type { Analysis } from '../analysis/figures';
import type { FileHost } from '../language/model';
import type { ParseMemory } from '../language/reparse';
import { validateModel } from '../language/validate-model';
import { loadFiles } from '../language/workspace';
import { snapshotOf, type AnalysisOutcome, type DetailsState, type MttfState } from './analysis-snapshot';
import { resolutionKey } from './document-host';
import type { ModelEntry } from './model-cache';
import { describeSpofs } from './spof-message';

/**
 * One analysis run as plain data: the texts the model was loaded from and how
 * its `use` lines resolved, so the worker rebuilds exactly the editor's model
 * without access to the editor's documents.
 */
export interface AnalysisJob {
  readonly rootUri: string;
  /** Every file the load read; undefined text for a file that was not found. */
  readonly files: readonly (readonly [string, string | undefined])[];
  readonly resolutions: readonly (readonly [string, string])[];
  readonly missionOverride: number | undefined;
  /** See AnalyzeOptions.elementNodeLimit (undefined: the default). */
  readonly elementNodeLimit: number | undefined;
}

export function jobForEntry(entry: ModelEntry, elementNodeLimit: number | undefined, replace?: { uri: string; text: string }): AnalysisJob {
  const files: [string, string | undefined][] = [];
  for (const uri of entry.reads.keys()) {
    const text = replace && replace.uri === uri ? replace.text : entry.model.files.get(uri)?.text;
    files.push([uri, text]);
  }
  return { rootUri: entry.rootUri, files, resolutions: [...entry.resolutions], missionOverride: entry.missionOverride, elementNodeLimit };
}

/** True when two jobs load the same model: same root, texts, resolutions and mission (and analyse it under the same limit). */
export function sameJob(a: AnalysisJob, b: AnalysisJob): boolean {
  if (a.rootUri !== b.rootUri || a.missionOverride !== b.missionOverride || a.elementNodeLimit !== b.elementNodeLimit) return false;
  if (a.files.length !== b.files.length || a.resolutions.length !== b.resolutions.length) return false;
  for (let i = 0; i < a.files.length; i++) if (a.files[i]![0] !== b.files[i]![0] || a.files[i]![1] !== b.files[i]![1]) return false;
  for (let i = 0; i < a.resolutions.length; i++) if (a.resolutions[i]![0] !== b.resolutions[i]![0] || a.resolutions[i]![1] !== b.resolutions[i]![1]) return false;
  return true;
}

/** Load, validate and analyse; never throws for a bad model (errors give no figures). */
export function runAnalysisJob(job: AnalysisJob): AnalysisOutcome {
  const staged = runAnalysisJobStaged(job);
  return staged.detailsPending || staged.mttfPending ? (staged.completeMttf() ?? staged.outcome) : staged.outcome;
}

/**
 * A run in stages: the system's figures and the verdicts first (one
 * diagram's worth: what the diagnostics need), then every element's figures
 * (inlay hints, hovers), then the MTTFs (they cost the most and only hovers
 * show them).
 */
export interface StagedOutcome {
  /** The system's figures and the verdicts, final; element figures too unless `detailsPending`. */
  readonly outcome: AnalysisOutcome;
  readonly detailsPending: boolean;
  readonly mttfPending: boolean;
  /** The outcome with every element's figures; undefined when `shouldStop` stopped it first. */
  completeDetails(shouldStop?: () => boolean): AnalysisOutcome | undefined;
  /** The outcome with everything, MTTFs included; undefined when `shouldStop` stopped it first. */
  completeMttf(shouldStop?: () => boolean): AnalysisOutcome | undefined;
}

/** What a worker keeps between runs, and how a run is stopped. */
export interface JobMemory {
  /** The diagrams and MTTFs of the previous run, used when the structure and the failure laws are unchanged. */
  readonly reuse?: AnalysisReuse;
  /** Each file's last parse: an edit re-reads only the declarations it touched. */
  readonly parses?: ParseMemory;
  /** Asked between stages; when it says stop, AnalysisStopped is thrown. */
  readonly shouldStop?: () => boolean;
}

/** Like runAnalysisJob, with the element figures and the MTTFs deferred. */
/** The cut-set worker bundled beside this bundle (dist/), when there is one (not when running from the sources). */
const cutSetWorker = bundledCutSetWorker();

export function runAnalysisJobStaged(job: AnalysisJob, { reuse, parses, shouldStop }: JobMemory = {}): StagedOutcome {
  const texts = new Map(job.files);
  const resolutions = new Map(job.resolutions);
  const host: FileHost = {
    readFile: (uri) => texts.get(uri),
    resolve: (from, path) => resolutions.get(resolutionKey(from, path)) ?? `${from}/../${path}`,
  };
  // Stopped between reading the files and validating them too: a stale run frees the worker sooner.
  const loaded = loadFiles(job.rootUri, host, parses);
  if (shouldStop?.()) throw new AnalysisStopped();
  const model = validateModel(loaded.files, loaded.diagnostics, job.missionOverride === undefined ? {} : { missionOverride: job.missionOverride });
  if (shouldStop?.()) throw new AnalysisStopped();
  const evaluation = evaluateModelStaged(model, {
    mttf: 'deferred',
    details: 'deferred',
    // The system's cut sets on a second thread while the verdicts and the elements' diagrams are computed.
    ...(cutSetWorker === undefined ? {} : { cutSetWorker }),
    ...(job.elementNodeLimit === undefined ? {} : { elementNodeLimit: job.elementNodeLimit }),
    ...(reuse ? { reuse } : {}),
    ...(shouldStop ? { shouldStop } : {}),
  });
  // The verdicts (and so the SPOF messages) are final at the first stage: later stages only add figures, and
  // the warnings on elements whose figures went over the limit per element when they came later.
  const diagnostics = evaluation.analysis ? describeSpofs(model, evaluation.analysis, evaluation.diagnostics) : evaluation.diagnostics;
  const { detailsPending, mttfPending } = evaluation;
  const diagnosticsWith = (analysis: Analysis): AnalysisOutcome['diagnostics'] =>
    detailsPending && analysis.elementsOverLimit.length > 0 ? [...diagnostics, ...elementLimitWarnings(model, analysis)] : diagnostics;
  const outcomeOf = (analysis: Analysis | undefined, mttfState: MttfState, detailsState: DetailsState): AnalysisOutcome =>
    analysis ? { snapshot: snapshotOf(analysis, mttfState, detailsState), diagnostics: diagnosticsWith(analysis) } : { snapshot: undefined, diagnostics };
  return {
    outcome: outcomeOf(evaluation.analysis, mttfPending ? 'pending' : 'computed', detailsPending ? 'pending' : 'computed'),
    detailsPending,
    mttfPending,
    completeDetails: (shouldStop) => {
      const withDetails = evaluation.completeDetails(shouldStop);
      return withDetails ? outcomeOf(withDetails, mttfPending ? 'pending' : 'computed', 'computed') : undefined;
    },
    completeMttf: (shouldStop) => {
      const complete = evaluation.completeMttf(shouldStop);
      return complete ? outcomeOf(complete, 'computed', 'computed') : undefined;
    },
  };
}
