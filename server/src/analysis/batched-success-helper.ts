import { Worker } from 'node:worker_threads';
import { type BatchedPlan, BatchedSuccess, failureAndSuccessBlock, runBatchedSuccess, successBlock } from './modular-probability';

/**
 * A second thread for the MTTF quadrature: it runs a BatchedSuccess over
 * shared memory while this thread runs another, so one round serves eight
 * time points for the price of four (the passes are independent: each
 * column is its own probability vector). The analysis stays synchronous:
 * `start` hands the pass over, `finish` waits for it, and a pass the helper
 * has not picked up yet (still booting, or gone) is run here instead, so
 * nothing ever waits on a thread that will not answer. The results are the
 * same bit for bit as running the pass here: the same arithmetic on the
 * same numbers.
 *
 * The thread runs the pass from the source text of runBatchedSuccess and
 * its two blocks, which use nothing but their parameters: no second bundle
 * to find, the same in tests as in the bundled CLI and server.
 */
export class BatchedSuccessHelper {
  /** Fill its q and p like any BatchedSuccess's, then `start`, then `finish`, then read its success. */
  readonly batch: BatchedSuccess;
  private readonly state: Int32Array;
  private readonly worker: Worker;

  private constructor(plan: BatchedPlan) {
    this.batch = new BatchedSuccess(plan);
    // [0]: the state below; [1]: passes the thread has run.
    this.state = new Int32Array(new SharedArrayBuffer(8));
    const { q, p, success, failure, kept, keptFailure } = this.batch;
    this.worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { state: this.state, plan, q, p, success, failure, kept, keptFailure } });
    this.worker.unref();
    // A helper that dies leaves its pass unclaimed, and `finish` runs it here.
    this.worker.on('error', () => {});
  }

  /** A helper, or undefined where threads cannot be started or FAULTLINE_THREADS=1 says not to (the caller then runs every pass itself). */
  static start(plan: BatchedPlan): BatchedSuccessHelper | undefined {
    if (process.env.FAULTLINE_THREADS === '1') return undefined;
    try {
      return new BatchedSuccessHelper(plan);
    } catch {
      return undefined;
    }
  }

  /** Hands the pass over (q and p filled). */
  start(): void {
    this.settle(REQUESTED);
  }

  /** Passes the thread (not this one) has run. */
  get passesByThread(): number {
    return Atomics.load(this.state, 1);
  }

  /** False once the helper failed or went silent: run every pass here from then on. */
  get alive(): boolean {
    return this.answering;
  }

  private answering = true;

  /** Returns once the pass is done: by the helper, or here if it has not claimed it (or failed, or went silent). */
  finish(): void {
    if (Atomics.compareExchange(this.state, 0, REQUESTED, CLAIMED) === REQUESTED) {
      this.batch.run();
      this.settle(IDLE);
      return;
    }
    const deadline = Date.now() + CLAIM_PATIENCE_MS;
    while (Atomics.load(this.state, 0) === CLAIMED && Date.now() < deadline) Atomics.wait(this.state, 0, CLAIMED, 100);
    if (Atomics.load(this.state, 0) === DONE) {
      this.settle(IDLE);
      return;
    }
    // Failed, or silent: compute it here (a late helper would only write the same numbers) and stop asking.
    this.answering = false;
    this.batch.run();
    this.close();
  }

  private settle(state: number): void {
    Atomics.store(this.state, 0, state);
    Atomics.notify(this.state, 0);
  }

  /** Ends the thread (it is also unref'd: it never keeps the process alive). */
  close(): void {
    this.settle(CLOSED);
    void this.worker.terminate();
  }
}

/** The helper's states (its one shared word). */
const IDLE = 0;
const REQUESTED = 1;
const CLAIMED = 2;
const DONE = 3;
const FAILED = 4;
const CLOSED = 5;
/** How long a claimed pass may take before the helper is deemed gone (one pass of a 20-million-node layout takes about a second). */
const CLAIM_PATIENCE_MS = 60_000;

const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
${failureAndSuccessBlock.toString()}
${successBlock.toString()}
const runBatchedSuccess = ${runBatchedSuccess.toString()};
const { state, plan: x, q, p, success, failure, kept, keptFailure } = workerData;
for (;;) {
  const now = Atomics.load(state, 0);
  if (now === ${CLOSED}) break;
  if (now === ${REQUESTED} && Atomics.compareExchange(state, 0, ${REQUESTED}, ${CLAIMED}) === ${REQUESTED}) {
    let outcome = ${DONE};
    try {
      runBatchedSuccess(x.ringLo, x.ringHi, x.rowAt, x.mask, x.stopEntry, x.stopModule, x.stopKeepStart, x.stopKeep, x.lastModuleStop, x.firstPseudoRow, q, p, success, failure, kept, keptFailure);
      Atomics.add(state, 1, 1);
    } catch {
      outcome = ${FAILED};
    }
    Atomics.store(state, 0, outcome);
    Atomics.notify(state, 0);
    continue;
  }
  Atomics.wait(state, 0, now);
}
`;
