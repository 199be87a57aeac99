import { AnalysisStopped } from '../analysis/analysis-stopped';
import { runAnalysisJobStaged, type AnalysisJob, type StagedOutcome } from './analysis-job';
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
  /** The figures and final verdicts (MTTFs possibly pending). */
  readonly result: Promise<RunResult>;
  /** After a `done` result with pending MTTFs: the outcome with every MTTF; undefined when nothing more comes (none pending, cancelled, over budget, failed). */
  readonly completion: Promise<AnalysisOutcome | undefined>;
  /** Stops the run if it is still going (its result becomes `cancelled`, its completion undefined). */
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
    let staged: StagedOutcome | undefined;
    const result = new Promise<RunResult>((resolve) => {
      setImmediate(() => {
        if (cancelled) return resolve({ kind: 'cancelled' });
        const started = performance.now();
        try {
          staged = runAnalysisJobStaged(job, undefined, () => cancelled);
          const elapsedMs = performance.now() - started;
          if (cancelled) resolve({ kind: 'cancelled' });
          else if (elapsedMs > budgetMs) resolve({ kind: 'timeout', budgetMs });
          else resolve({ kind: 'done', outcome: staged.outcome, elapsedMs });
        } catch (error) {
          if (error instanceof AnalysisStopped) resolve({ kind: 'cancelled' });
          else resolve({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      });
    });
    // The deferred MTTFs one macrotask after the figures, as the worker sends them.
    const completion = result.then(
      (r) =>
        new Promise<AnalysisOutcome | undefined>((resolve) => {
          if (r.kind !== 'done' || !staged?.mttfPending) return resolve(undefined);
          setImmediate(() => resolve(cancelled ? undefined : staged!.completeMttf(() => cancelled)));
        }),
    );
    return {
      result,
      completion,
      cancel: () => {
        cancelled = true;
      },
    };
  }

  dispose(): void {}
}
