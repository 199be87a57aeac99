import { Worker } from 'node:worker_threads';
import type { AnalysisJob } from './analysis-job';
import type { AnalysisRunner, RunningAnalysis, RunResult } from './analysis-runner';
import type { AnalysisOutcome } from './analysis-snapshot';
import type { WorkerReply, WorkerRequest } from './analysis-worker-protocol';

/** How long a stopped run may take to reach its next checkpoint before its worker is terminated. */
const GRACE_MS = 500;

/**
 * Analyses in worker threads, so the editor never waits on the engine.
 *
 * A worker keeps its AnalysisReuse (the compiled diagrams of the last run)
 * and its compiled code, so the runner keeps workers alive: a stale or
 * over-budget run is stopped through shared memory, which the engine checks
 * between stages and before each diagram it compiles, and its worker, free
 * again within milliseconds, takes the next version's job warm: the job is
 * posted to it at once, queued behind the stop, so the new run starts the
 * moment the worker is free, not when this thread (busy re-parsing the
 * edited file) hears of it. Only a run
 * that does not reach a checkpoint within GRACE_MS has its worker
 * terminated (a spare, started in advance, takes over). A run's system
 * figures and verdicts come first; its element figures and then its MTTFs
 * follow on the same worker, stopped the same way when the next version of
 * the model arrives.
 */
export class WorkerRunner implements AnalysisRunner {
  /** Warm and free. */
  private idle: Worker | undefined;
  /** Started in advance (cold), for when no warm worker is free. */
  private spare: Worker | undefined;
  /** The run still occupying a worker after its caller stopped waiting (stopping, or computing its element figures and MTTFs). */
  private finishing: FinishingRun | undefined;
  private readonly busy = new Set<Worker>();
  private disposed = false;
  private nextId = 1;
  /** Workers started so far (a warm worker reused is not a new one). */
  spawned = 0;

  /** `graceMs`: see GRACE_MS (tests shorten it, so that a step without a checkpoint outlasts it on any machine). */
  constructor(
    private readonly script: string,
    readonly graceMs = GRACE_MS,
  ) {
    this.spare = this.spawn();
  }

  start(job: AnalysisJob, budgetMs: number): RunningAnalysis {
    const run = new WorkerRun(this, this.nextId++, job, budgetMs);
    const previous = this.finishing;
    // The same model's earlier version, being stopped: its worker (warm, with that model's diagrams) takes this job
    // now, queued behind the stop, so the run starts the moment the worker is free, even while this thread is busy.
    const queued = previous !== undefined && previous.rootUri === job.rootUri ? previous.handOver(run) : undefined;
    run.launch(queued ?? this.take());
    return run;
  }

  dispose(): void {
    this.disposed = true;
    for (const worker of [this.idle, this.spare, ...this.busy]) void worker?.terminate();
    this.idle = this.spare = undefined;
    this.busy.clear();
  }

  // ---------------------------------------------------------------- for WorkerRun

  /** The warm worker if one is free, else the spare, else a new one. */
  take(): Worker {
    const worker = this.idle ?? this.spare ?? this.spawn();
    if (worker === this.idle) this.idle = undefined;
    else if (worker === this.spare) this.spare = undefined;
    this.busy.add(worker);
    return worker;
  }

  /** A run ended on a healthy worker: it becomes the free warm one. */
  give(worker: Worker): void {
    this.busy.delete(worker);
    if (this.disposed) void worker.terminate();
    else if (this.idle === undefined) this.idle = worker;
    else if (this.spare === undefined) this.spare = worker;
    else void worker.terminate();
  }

  /** A run's worker must go (over the grace period, broken). */
  discard(worker: Worker): void {
    this.busy.delete(worker);
    void worker.terminate();
    if (!this.disposed && !this.spare) this.spare = this.spawn();
  }

  setFinishing(run: FinishingRun): void {
    this.finishing = run;
  }

  clearFinishing(run: FinishingRun): void {
    if (this.finishing === run) this.finishing = undefined;
  }

  private spawn(): Worker {
    this.spawned++;
    const worker = new Worker(this.script);
    worker.unref();
    // An idle worker that dies is simply replaced at the next run.
    worker.on('error', () => {});
    return worker;
  }
}

interface FinishingRun {
  readonly rootUri: string;
  /** Its worker, for `next`'s job, queued behind the stop: `next` owns it from now on (and moves if it has to go). Undefined unless stopping, and to one run only. */
  handOver(next: WorkerRun): Worker | undefined;
}

/**
 * One run: verdicts → the rest (element figures, MTTFs, when deferred) →
 * over; or, when stopped during the verdicts, stopping → over. Its job is
 * posted at once, to a free worker or queued on the worker of the previous
 * version's run while that run stops. `result`, `details` and `completion`
 * settle as soon as the caller's answer is known; the worker is given back
 * only when it is actually free.
 */
class WorkerRun implements RunningAnalysis, FinishingRun {
  readonly result: Promise<RunResult>;
  readonly details: Promise<AnalysisOutcome | undefined>;
  readonly completion: Promise<AnalysisOutcome | undefined>;
  readonly rootUri: string;
  private phase: 'figures' | 'rest' | 'stopping' | 'over' = 'figures';
  /** The worker it runs on, with this run's listeners (each ignores a worker the run has left). */
  private on: { readonly worker: Worker; readonly message: (reply: WorkerReply) => void; readonly broken: () => void } | undefined;
  /** The next version's run, queued on this run's worker: it owns the worker once this run is over. */
  private successor: WorkerRun | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;
  private readonly stopFlag = new SharedArrayBuffer(4);
  private resolveResult: (r: RunResult) => void = () => {};
  private resolveDetails: (o: AnalysisOutcome | undefined) => void = () => {};
  private resolveCompletion: (o: AnalysisOutcome | undefined) => void = () => {};

  constructor(
    private readonly runner: WorkerRunner,
    private readonly id: number,
    private readonly job: AnalysisJob,
    private readonly budgetMs: number,
  ) {
    this.rootUri = job.rootUri;
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    this.details = new Promise((resolve) => (this.resolveDetails = resolve));
    this.completion = new Promise((resolve) => (this.resolveCompletion = resolve));
  }

  launch(worker: Worker): void {
    this.started = performance.now();
    this.timer = setTimeout(() => this.halt({ kind: 'timeout', budgetMs: this.budgetMs }), this.budgetMs);
    this.attach(worker);
  }

  cancel(): void {
    if (this.phase === 'rest') this.stop();
    else this.halt({ kind: 'cancelled' });
  }

  /** True once told to stop (cancelled, over budget): its worker will be free soon. */
  private get stopping(): boolean {
    return Atomics.load(new Int32Array(this.stopFlag), 0) === 1;
  }

  handOver(next: WorkerRun): Worker | undefined {
    if (!this.stopping || this.successor !== undefined || this.on === undefined) return undefined;
    this.successor = next;
    return this.on.worker;
  }

  private stop(): void {
    Atomics.store(new Int32Array(this.stopFlag), 0, 1);
  }

  private attach(worker: Worker): void {
    const message = (reply: WorkerReply): void => {
      if (this.on?.worker === worker) this.onMessage(reply);
    };
    const broken = (): void => {
      if (this.on?.worker === worker) this.onBroken();
    };
    this.on = { worker, message, broken };
    worker.on('message', message);
    worker.on('error', broken);
    worker.on('exit', broken);
    worker.postMessage({ id: this.id, job: this.job, stop: this.stopFlag } satisfies WorkerRequest);
  }

  /** Ends the caller's wait with `r`; the worker is stopped and freed at its next checkpoint (or discarded after the grace period). */
  private halt(r: RunResult): void {
    if (this.phase !== 'figures') return;
    this.stop();
    this.phase = 'stopping';
    this.answer(r);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.discard(), this.runner.graceMs);
    this.runner.setFinishing(this);
  }

  private answer(r: RunResult): void {
    this.resolveResult(r);
    this.endRest();
  }

  /** Nothing more comes for the caller (a promise settles once: what already settled stays). */
  private endRest(): void {
    this.resolveDetails(undefined);
    this.resolveCompletion(undefined);
  }

  private onMessage(reply: WorkerReply): void {
    if (reply.id !== this.id) return;
    switch (this.phase) {
      case 'figures':
        if (reply.kind === 'error') {
          this.answer({ kind: 'failed', message: reply.message });
          return this.giveBack();
        }
        if (reply.kind === 'stopped') {
          this.answer({ kind: 'cancelled' });
          return this.giveBack();
        }
        if (reply.kind !== 'done') return;
        this.resolveResult({ kind: 'done', outcome: reply.outcome, elapsedMs: performance.now() - this.started });
        if (!reply.detailsPending) this.resolveDetails(undefined);
        if (!reply.detailsPending && !reply.mttfPending) {
          this.endRest();
          return this.giveBack();
        }
        // The element figures and MTTFs follow on this worker, within their own budget.
        this.phase = 'rest';
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.stop(), this.budgetMs);
        this.runner.setFinishing(this);
        return;
      case 'rest':
        if (reply.kind === 'details') {
          this.resolveDetails(reply.outcome);
          if (reply.mttfPending) return;
        } else if (reply.kind === 'mttf') this.resolveCompletion(reply.outcome);
        this.endRest();
        return this.giveBack();
      case 'stopping':
        // Free once nothing more will come for this run.
        if (reply.kind === 'done' && (reply.detailsPending || reply.mttfPending)) return;
        if (reply.kind === 'details' && reply.mttfPending) return;
        return this.giveBack();
    }
  }

  private onBroken(): void {
    if (this.phase === 'figures') this.answer({ kind: 'failed', message: 'the analysis worker exited' });
    else this.endRest();
    this.discard();
  }

  /** Over, on a healthy worker: it goes to the run queued on it, or back to the runner. */
  private giveBack(): void {
    if (this.phase === 'over') return;
    const worker = this.detach();
    if (this.successor === undefined) this.runner.give(worker);
  }

  /** Over, and its worker must go (over the grace period, broken): the runs queued on it move to another worker. */
  private discard(): void {
    if (this.phase === 'over') return;
    this.runner.discard(this.detach());
    for (let next = this.successor; next !== undefined; next = next.moveOff());
  }

  /**
   * The worker this run was queued on is gone: a run still wanted is posted
   * to another worker; a run stopped meanwhile is over (returned: the run
   * queued after it, which must move too).
   */
  private moveOff(): WorkerRun | undefined {
    // Already over: discarded on its own, its queue moved then.
    if (this.phase === 'over') return undefined;
    this.release();
    if (this.phase === 'figures') {
      this.attach(this.runner.take());
      return undefined;
    }
    this.end();
    return this.successor;
  }

  private detach(): Worker {
    this.end();
    return this.release();
  }

  private end(): void {
    this.phase = 'over';
    clearTimeout(this.timer);
    this.runner.clearFinishing(this);
  }

  /** Leaves its worker: its listeners removed. */
  private release(): Worker {
    const { worker, message, broken } = this.on!;
    worker.off('message', message);
    worker.off('error', broken);
    worker.off('exit', broken);
    this.on = undefined;
    return worker;
  }
}
