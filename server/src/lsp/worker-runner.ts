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
    let settle: (r: RunResult) => void = () => {};
    let settled = false;
    const started = performance.now();
    const result = new Promise<RunResult>((resolve) => {
      settle = (r) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.removeAllListeners();
        worker.on('error', () => {});
        resolve(r);
      };
    });
    const stop = (r: RunResult): void => {
      settle(r);
      void worker.terminate();
      this.refillSpare();
    };
    const timer = setTimeout(() => stop({ kind: 'timeout', budgetMs }), budgetMs);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.kind === 'error') return stop({ kind: 'failed', message: reply.message });
      settle({ kind: 'done', outcome: reply.outcome, elapsedMs: performance.now() - started });
      this.recycle(worker);
    });
    worker.on('error', (error) => stop({ kind: 'failed', message: error.message }));
    worker.on('exit', () => stop({ kind: 'failed', message: 'the analysis worker exited' }));
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
    if (this.disposed || this.spare) {
      void worker.terminate();
      return;
    }
    worker.removeAllListeners();
    worker.on('error', () => {});
    this.spare = worker;
  }

  private refillSpare(): void {
    if (!this.disposed && !this.spare) this.spare = this.spawn();
  }
}
