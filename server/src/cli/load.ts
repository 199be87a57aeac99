import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateModel, evaluateModelStaged, type Evaluation } from '../analysis/analysis-diagnostics';
import { bundledCutSetWorker } from '../analysis/cut-set-thread';
import type { ResolvedModel } from '../language/model';
import { nodeFileHost } from '../language/node-file-host';
import { loadModel } from '../language/workspace';
import { UsageError, type CliIo } from './io';
import { formatDiagnosticLine, locateDiagnostics, sortLocated, type LocatedDiagnostic } from './report/diagnostic-lines';

export interface LoadedModel {
  readonly model: ResolvedModel;
  readonly evaluation: Evaluation;
  /** Every diagnostic (language and engine), located and sorted. */
  readonly diagnostics: readonly LocatedDiagnostic[];
}

export interface LoadOptions {
  readonly missionOverride?: number;
  /** See AnalyzeOptions.elementNodeLimit. */
  readonly elementNodeLimit?: number;
  /**
   * The system's figures and the verdicts only (`check`): the elements'
   * diagrams, their figures and the MTTFs (unless a requirement is on `mttf`)
   * are not computed. The diagnostics are the same as a full analysis's,
   * except warnings on element figures.
   */
  readonly verdictsOnly?: boolean;
}

/** Reads the root file (exit 2 when unreadable), loads, validates and, if clean, analyses it. */
export function loadAndEvaluate(file: string, io: CliIo, options: LoadOptions = {}): LoadedModel {
  const absolute = path.resolve(io.cwd, file);
  if (!isReadableFile(absolute)) throw new UsageError(`cannot read '${file}'`);
  const rootUri = fs.realpathSync(absolute);
  const model = loadModel(rootUri, nodeFileHost, options.missionOverride === undefined ? {} : { missionOverride: options.missionOverride });
  const limits = options.elementNodeLimit === undefined ? {} : { elementNodeLimit: options.elementNodeLimit };
  // The verdicts need no minimal cut sets; a full analysis computes them on a second thread meanwhile.
  const cutSetWorker = bundledCutSetWorker();
  const evaluation = options.verdictsOnly
    ? evaluateModelStaged(model, { ...limits, details: 'deferred', mttf: 'deferred', deferDetailsFromNodes: 0 })
    : evaluateModel(model, { ...limits, ...(cutSetWorker === undefined ? {} : { cutSetWorker }) });
  const all = [...model.diagnostics, ...evaluation.diagnostics];
  const diagnostics = sortLocated(locateDiagnostics(all, (uri) => model.files.get(uri)?.text, io.cwd));
  return { model, evaluation, diagnostics };
}

function isReadableFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Errors and warnings to stderr; hints are for editors. */
export function printDiagnostics(diagnostics: readonly LocatedDiagnostic[], io: CliIo): void {
  for (const d of diagnostics) {
    if (d.diagnostic.severity === 'error' || d.diagnostic.severity === 'warning') io.err(formatDiagnosticLine(d) + '\n');
  }
}

export const hasErrors = (diagnostics: readonly LocatedDiagnostic[]): boolean =>
  diagnostics.some((d) => d.diagnostic.severity === 'error');
