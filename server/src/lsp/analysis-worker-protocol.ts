import type { AnalysisJob } from './analysis-job';
import type { AnalysisOutcome } from './analysis-snapshot';

/** Messages between the server and its analysis worker (structured clone). */
export interface WorkerRequest {
  readonly id: number;
  readonly job: AnalysisJob;
  /** One Int32 the server sets to 1 to stop this run, figures or MTTFs (shared memory: the worker is busy, not listening). */
  readonly stop: SharedArrayBuffer;
}

/**
 * Per request: `done` (the system's figures and the final verdicts); then,
 * when they were pending, `details` (every element's figures; `mttfPending`
 * says whether more follows) and `mttf` (everything), or `rest-stopped` once
 * the rest was stopped; or `stopped` (stopped before the verdicts); or
 * `error`.
 */
export type WorkerReply =
  | { readonly id: number; readonly kind: 'stopped' }
  | { readonly id: number; readonly kind: 'done'; readonly outcome: AnalysisOutcome; readonly detailsPending: boolean; readonly mttfPending: boolean }
  | { readonly id: number; readonly kind: 'details'; readonly outcome: AnalysisOutcome; readonly mttfPending: boolean }
  | { readonly id: number; readonly kind: 'mttf'; readonly outcome: AnalysisOutcome }
  | { readonly id: number; readonly kind: 'rest-stopped' }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
