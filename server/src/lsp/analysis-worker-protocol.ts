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
 * Per request: `done` (figures and final verdicts), then, when its MTTFs were
 * pending, `mttf` (the same with every MTTF) or `mttf-stopped`; or `stopped`
 * (stopped before the figures); or `error`.
 */
export type WorkerReply =
  | { readonly id: number; readonly kind: 'stopped' }
  | { readonly id: number; readonly kind: 'done'; readonly outcome: AnalysisOutcome; readonly mttfPending: boolean }
  | { readonly id: number; readonly kind: 'mttf'; readonly outcome: AnalysisOutcome }
  | { readonly id: number; readonly kind: 'mttf-stopped' }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
