import type { AnalysisJob } from './analysis-job';
import type { AnalysisOutcome } from './analysis-snapshot';

/** Messages between the server and its analysis worker (structured clone). */
export interface WorkerRequest {
  readonly id: number;
  readonly job: AnalysisJob;
}

export type WorkerReply =
  | { readonly id: number; readonly kind: 'done'; readonly outcome: AnalysisOutcome }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
