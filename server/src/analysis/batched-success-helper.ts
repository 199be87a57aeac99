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

/**
 * Runs the pass a few dozen times over a small made-up chain (half its stops
 * module roots, half kept roots) before the thread takes real passes: a new
 * thread starts with cold code, and its first real pass, cut into thousands
 * of short blocks, ran unoptimised: the main thread waited 30–47 ms for it on
 * every analysis of the 30,000-instance model. Uses nothing but its
 * parameter (the thread runs it from its source text).
 */
function warmUp(pass: typeof runBatchedSuccess): void {
  const ints = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));
  const floats = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * n));
  const entries = 4096;
  const every = 8;
  const stops = entries / every;
  const modules = stops / 2;
  const size = entries + 2;
  // Each entry's lo is the entry before it, its hi the terminal 1: a ring of two slots, the terminals after it.
  const ring = 2;
  const ringLo = ints(size);
  const ringHi = ints(size);
  const rowAt = ints(size);
  for (let i = 2; i < size; i++) {
    ringLo[i] = (i === 2 ? ring : (i - 1) & (ring - 1)) << 2;
    ringHi[i] = (ring + 1) << 2;
  }
  const stopEntry = ints(stops);
  const stopModule = ints(stops);
  const stopKeepStart = ints(stops + 1);
  const stopKeep = ints(stops - modules);
  for (let s = 0; s < stops; s++) {
    stopEntry[s] = 2 + (s + 1) * every - 1;
    stopModule[s] = s < modules ? s : -1;
    stopKeepStart[s + 1] = Math.max(0, s + 1 - modules);
    if (s >= modules) stopKeep[s - modules] = s - modules;
  }
  const rows = 1 + modules;
  const q = floats(4 * rows).fill(0.5);
  const p = floats(4 * rows).fill(0.5);
  const success = floats(4 * (ring + 2));
  const failure = floats(4 * (ring + 2));
  for (let b = 0; b < 4; b++) {
    success[4 * ring + b] = 1;
    failure[4 * (ring + 1) + b] = 1;
  }
  const kept = floats(4 * (stops - modules));
  for (let round = 0; round < 40; round++) {
    pass(ringLo, ringHi, rowAt, ring - 1, stopEntry, stopModule, stopKeepStart, stopKeep, modules - 1, 1, q, p, success, failure, kept, new Float64Array(0));
  }
}

const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
${failureAndSuccessBlock.toString()}
${successBlock.toString()}
const runBatchedSuccess = ${runBatchedSuccess.toString()};
const warmUp = ${warmUp.toString()};
warmUp(runBatchedSuccess);
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
