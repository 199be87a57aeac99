import { Worker } from 'node:worker_threads';
import type { AnalysisJob } from './analysis-job';
import type { AnalysisRunner, RunningAnalysis, RunResult } from './analysis-runner';
import type { AnalysisOutcome } from './analysis-snapshot';
import type { WorkerReply, WorkerRequest } from './analysis-worker-protocol';

/**
 * Analyses in worker threads, so the editor never waits on the engine.
 *
 * - A run's figures come first; its deferred MTTFs follow while its worker
 *   keeps going. A newer run stops those MTTFs through shared memory (the
 *   worker checks a flag between evaluations) and queues its job on the same
 *   worker, whose AnalysisReuse still holds the compiled diagrams: the next
 *   keystroke starts warm.
 * - A stale or over-budget run still computing its figures is stopped by
 *   terminating its worker (the engine has no checkpoints there); a spare,
 *   started in advance, takes over without the start-up cost.
 */
export class WorkerRunner implements AnalysisRunner {
  /** The worker of the last run: idle, or finishing that run's MTTFs (then `tail` says whose, and stops them). */
  private warm: Worker | undefined;
  private tail: { readonly rootUri: string; readonly stop: () => void } | undefined;
  private spare: Worker | undefined;
  /** Which run each busy worker belongs to: a worker goes back to `warm` only from the run that owns it. */
  private readonly owner = new Map<Worker, number>();
  private disposed = false;
  private nextId = 1;

  constructor(private readonly script: string) {
    this.spare = this.spawn();
  }

  start(job: AnalysisJob, budgetMs: number): RunningAnalysis {
    const worker = this.takeWorker(job.rootUri);
    const id = this.nextId++;
    this.owner.set(worker, id);
    const stopFlag = new SharedArrayBuffer(4);
    const stopMttf = (): void => {
      Atomics.store(new Int32Array(stopFlag), 0, 1);
    };
    const started = performance.now();
    let phase: 'figures' | 'mttf' | 'over' = 'figures';
    let resolveResult: (r: RunResult) => void = () => {};
    let resolveCompletion: (o: AnalysisOutcome | undefined) => void = () => {};
    const result = new Promise<RunResult>((resolve) => (resolveResult = resolve));
    const completion = new Promise<AnalysisOutcome | undefined>((resolve) => (resolveCompletion = resolve));

    const detach = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    /** The run is over and its worker healthy: it becomes the warm one, unless a newer run took it already. */
    const release = (outcome: AnalysisOutcome | undefined): void => {
      if (phase === 'over') return;
      phase = 'over';
      detach();
      if (this.tail?.stop === stopMttf) this.tail = undefined;
      if (this.owner.get(worker) === id) {
        this.owner.delete(worker);
        this.keepWarm(worker);
      }
      resolveCompletion(outcome);
    };
    /** The run is over and its worker must go (stale or over budget while computing figures, or broken). */
    const kill = (r: RunResult): void => {
      if (phase === 'over') return;
      if (phase === 'figures') resolveResult(r);
      phase = 'over';
      detach();
      if (this.tail?.stop === stopMttf) this.tail = undefined;
      this.owner.delete(worker);
      if (this.warm === worker) this.warm = undefined;
      void worker.terminate();
      this.refillSpare();
      resolveCompletion(undefined);
    };
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      if (reply.kind === 'error') return phase === 'figures' ? kill({ kind: 'failed', message: reply.message }) : release(undefined);
      if (phase === 'mttf') return release(reply.kind === 'mttf' ? reply.outcome : undefined);
      if (phase !== 'figures' || reply.kind !== 'done') return;
      resolveResult({ kind: 'done', outcome: reply.outcome, elapsedMs: performance.now() - started });
      if (!reply.mttfPending) return release(undefined);
      // The MTTFs follow on the same worker, within their own budget; a newer run stops them and takes the worker.
      phase = 'mttf';
      clearTimeout(timer);
      timer = setTimeout(stopMttf, budgetMs);
      this.tail = { rootUri: job.rootUri, stop: stopMttf };
      this.warm = worker;
    };
    const onError = (error: Error): void => kill({ kind: 'failed', message: error.message });
    const onExit = (): void => kill({ kind: 'failed', message: 'the analysis worker exited' });
    let timer = setTimeout(() => kill({ kind: 'timeout', budgetMs }), budgetMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, job, stop: stopFlag } satisfies WorkerRequest);
    return {
      result,
      completion,
      cancel: () => (phase === 'figures' ? kill({ kind: 'cancelled' }) : stopMttf()),
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const worker of new Set([this.warm, this.spare, ...this.owner.keys()])) void worker?.terminate();
    this.warm = this.spare = undefined;
    this.owner.clear();
  }

  /**
   * The warm worker, else the spare, else a new one. When the warm worker is
   * still computing the MTTFs of an earlier version of the same model, those
   * are stopped and the job waits in its queue the moment they take to unwind;
   * another model's MTTFs are left to finish, on their worker.
   */
  private takeWorker(rootUri: string): Worker {
    if (this.tail !== undefined) {
      if (this.tail.rootUri !== rootUri) {
        const worker = this.spare ?? this.spawn();
        if (worker === this.spare) this.spare = undefined;
        return worker;
      }
      this.tail.stop();
      this.tail = undefined;
    }
    const worker = this.warm ?? this.spare ?? this.spawn();
    if (worker === this.warm) this.warm = undefined;
    else if (worker === this.spare) this.spare = undefined;
    return worker;
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    // An idle worker that dies is simply replaced at the next run.
    worker.on('error', () => {});
    return worker;
  }

  private keepWarm(worker: Worker): void {
    if (this.disposed) void worker.terminate();
    else if (this.warm === undefined || this.warm === worker) this.warm = worker;
    else if (this.spare === undefined) this.spare = worker;
    else void worker.terminate();
  }

  private refillSpare(): void {
    if (!this.disposed && !this.spare) this.spare = this.spawn();
  }
}
