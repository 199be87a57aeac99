import { Worker } from 'node:worker_threads';
import type { AnalysisJob } from './analysis-job';
import type { AnalysisRunner, RunningAnalysis, RunResult } from './analysis-runner';
import type { WorkerReply } from './analysis-worker-protocol';

/**
 * Analyses in worker threads, so the editor never waits on the engine. A
 * stale or over-budget run is stopped by terminating its worker (the engine
 * has no cooperative checkpoints, and needs none). One warm spare worker is
 * kept so that the next run does not pay the start-up cost.
 */
export class WorkerRunner implements AnalysisRunner {
  private spare: Worker | undefined;
  private disposed = false;
  private nextId = 1;

  constructor(private readonly script: string) {
    this.spare = this.spawn();
  }

  start(job: AnalysisJob, budgetMs: number): RunningAnalysis {
    const worker = this.spare ?? this.spawn();
    this.spare = undefined;
    const id = this.nextId++;
    const started = performance.now();
    let settled = false;
    let resolveResult: (r: RunResult) => void = () => {};
    const result = new Promise<RunResult>((resolve) => {
      resolveResult = resolve;
    });
    // Only our own listeners are removed: Worker keeps internal ones (removeAllListeners would break the port).
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      if (reply.kind === 'error') return stop({ kind: 'failed', message: reply.message });
      settle({ kind: 'done', outcome: reply.outcome, elapsedMs: performance.now() - started });
      this.recycle(worker);
    };
    const onError = (error: Error): void => stop({ kind: 'failed', message: error.message });
    const onExit = (): void => stop({ kind: 'failed', message: 'the analysis worker exited' });
    const settle = (r: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolveResult(r);
    };
    const stop = (r: RunResult): void => {
      if (settled) return;
      settle(r);
      void worker.terminate();
      this.refillSpare();
    };
    const timer = setTimeout(() => stop({ kind: 'timeout', budgetMs }), budgetMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, job });
    return { result, cancel: () => stop({ kind: 'cancelled' }) };
  }

  dispose(): void {
    this.disposed = true;
    void this.spare?.terminate();
    this.spare = undefined;
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    // An idle spare that dies is simply replaced at the next run.
    worker.on('error', () => {});
    return worker;
  }

  private recycle(worker: Worker): void {
    if (this.disposed || this.spare) void worker.terminate();
    else this.spare = worker;
  }

  private refillSpare(): void {
    if (!this.disposed && !this.spare) this.spare = this.spawn();
  }
}
