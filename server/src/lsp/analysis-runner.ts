import { runAnalysisJob, type AnalysisJob } from './analysis-job';
import type { AnalysisOutcome } from './analysis-snapshot';

/** How a run ended. */
export type RunResult =
  | { readonly kind: 'done'; readonly outcome: AnalysisOutcome; readonly elapsedMs: number }
  /** Over its time budget: stopped. */
  | { readonly kind: 'timeout'; readonly budgetMs: number }
  /** A newer version made it stale. */
  | { readonly kind: 'cancelled' }
  /** The engine failed unexpectedly (a bug, or out of memory). */
  | { readonly kind: 'failed'; readonly message: string };

export interface RunningAnalysis {
  readonly result: Promise<RunResult>;
  /** Stops the run if it is still going (its result becomes `cancelled`). */
  cancel(): void;
}

/** Runs analyses away from the request path: in worker threads in the product, in-process in unit tests. */
export interface AnalysisRunner {
  start(job: AnalysisJob, budgetMs: number): RunningAnalysis;
  dispose(): void;
}

/**
 * Runs on the server's own thread, one macrotask later (so it can still be
 * cancelled by an edit that arrives first). Cannot interrupt a long run: a run
 * over budget is reported as a timeout when it ends. For tests and as a
 * fallback when the worker bundle is missing.
 */
export class InProcessRunner implements AnalysisRunner {
  start(job: AnalysisJob, budgetMs: number): RunningAnalysis {
    let cancelled = false;
    const result = new Promise<RunResult>((resolve) => {
      setImmediate(() => {
        if (cancelled) return resolve({ kind: 'cancelled' });
        const started = performance.now();
        try {
          const outcome = runAnalysisJob(job);
          const elapsedMs = performance.now() - started;
          if (cancelled) resolve({ kind: 'cancelled' });
          else if (elapsedMs > budgetMs) resolve({ kind: 'timeout', budgetMs });
          else resolve({ kind: 'done', outcome, elapsedMs });
        } catch (error) {
          resolve({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      });
    });
    return {
      result,
      cancel: () => {
        cancelled = true;
      },
    };
  }

  dispose(): void {}
}
