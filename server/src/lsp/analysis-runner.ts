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
  /** The system's figures and the final verdicts (element figures and MTTFs possibly pending). */
  readonly result: Promise<RunResult>;
  /** After a `done` result with pending element figures: the outcome with them; undefined when none were pending or they were stopped. */
  readonly details: Promise<AnalysisOutcome | undefined>;
  /** After a `done` result with pending MTTFs: the outcome with everything; undefined when nothing more comes (none pending, cancelled, over budget, failed). */
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
    /** Set once the first stage is done in time: only then do the later stages run. */
    let staged: StagedOutcome | undefined;
    const result = new Promise<RunResult>((resolve) => {
      setImmediate(() => {
        if (cancelled) return resolve({ kind: 'cancelled' });
        const started = performance.now();
        try {
          const first = runAnalysisJobStaged(job, { shouldStop: () => cancelled });
          const elapsedMs = performance.now() - started;
          if (cancelled) resolve({ kind: 'cancelled' });
          else if (elapsedMs > budgetMs) resolve({ kind: 'timeout', budgetMs });
          else {
            staged = first;
            resolve({ kind: 'done', outcome: first.outcome, elapsedMs });
          }
        } catch (error) {
          if (error instanceof AnalysisStopped) resolve({ kind: 'cancelled' });
          else resolve({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      });
    });
    // The deferred stages one macrotask after another, as the worker sends them.
    const later = (after: Promise<unknown>, stage: (s: StagedOutcome) => AnalysisOutcome | undefined, pending: (s: StagedOutcome) => boolean) =>
      after.then(
        () =>
          new Promise<AnalysisOutcome | undefined>((resolve) => {
            if (cancelled || staged === undefined || !pending(staged)) return resolve(undefined);
            const s = staged;
            setImmediate(() => resolve(cancelled ? undefined : stage(s)));
          }),
      );
    const stop = (): boolean => cancelled;
    const details = later(result, (s) => s.completeDetails(stop), (s) => s.detailsPending);
    const completion = later(details, (s) => s.completeMttf(stop), (s) => s.mttfPending);
    return {
      result,
      details,
      completion,
      cancel: () => {
        cancelled = true;
      },
    };
  }

  dispose(): void {}
}
