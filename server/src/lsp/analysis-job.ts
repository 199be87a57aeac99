import { evaluateModel } from '../analysis/analysis-diagnostics';
import type { FileHost } from '../language/model';
import { loadModel } from '../language/workspace';
import { snapshotOf, type AnalysisOutcome } from './analysis-snapshot';
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
}

export function jobForEntry(entry: ModelEntry, replace?: { uri: string; text: string }): AnalysisJob {
  const files: [string, string | undefined][] = [];
  for (const uri of entry.reads.keys()) {
    const text = replace && replace.uri === uri ? replace.text : entry.model.files.get(uri)?.text;
    files.push([uri, text]);
  }
  return { rootUri: entry.rootUri, files, resolutions: [...entry.resolutions], missionOverride: entry.missionOverride };
}

/** Load, validate and analyse; never throws for a bad model (errors give no figures). */
export function runAnalysisJob(job: AnalysisJob): AnalysisOutcome {
  const texts = new Map(job.files);
  const resolutions = new Map(job.resolutions);
  const host: FileHost = {
    readFile: (uri) => texts.get(uri),
    resolve: (from, path) => resolutions.get(resolutionKey(from, path)) ?? `${from}/../${path}`,
  };
  const model = loadModel(job.rootUri, host, job.missionOverride === undefined ? {} : { missionOverride: job.missionOverride });
  const evaluation = evaluateModel(model);
  if (!evaluation.analysis) return { snapshot: undefined, diagnostics: evaluation.diagnostics };
  return {
    snapshot: snapshotOf(evaluation.analysis),
    diagnostics: describeSpofs(model, evaluation.analysis, evaluation.diagnostics),
  };
}
