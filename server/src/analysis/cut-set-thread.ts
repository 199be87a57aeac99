import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AnalysisStopped } from './analysis-stopped';
import { BddNodeLimitError } from './bdd-node-store';
import type { BddLayout } from './bdd-layout';
import { type CutSetProblem, cutSetProblem, type ModularCutSets, solveCutSetProblem } from './modular-cutsets';
import type { ModularDiagrams } from './modular-bdd';

/**
 * The minimal cut sets of a large diagram on a second thread, while this one
 * goes on (compiling the elements' diagrams, the importance). The analysis
 * stays synchronous: `take` waits for the answer. Nothing is waited on
 * blindly: the thread counts its progress in shared memory, and one that
 * failed, or stopped counting (gone, or never started), leaves the work to
 * this thread. The families are the very same either way (the same
 * computation on the same diagrams).
 *
 * The thread runs `dist/cut-set-worker.js`, bundled next to the CLI and the
 * language server (see bundledCutSetWorker); without it, everything runs
 * here.
 */
export interface CutSetsInFlight {
  /** The families; `shouldStop` is asked while waiting (AnalysisStopped when it says stop). */
  take(shouldStop?: () => boolean): ModularCutSets;
  /** Ends the thread (after `take`, or instead of it). */
  cancel(): void;
}

/** Layout entries (the root's and its modules') from which the thread is worth its start-up (a few tens of milliseconds). */
const CUT_SET_THREAD_FROM_ENTRIES = 65_536;

/** The worker script bundled in `dir` (default: beside the running bundle), if there is one. */
export function bundledCutSetWorker(dir: string = __dirname): string | undefined {
  const script = join(dir, 'cut-set-worker.js');
  return existsSync(script) ? script : undefined;
}

export interface CutSetThreadOptions {
  /** Layout entries from which a thread is started (default CUT_SET_THREAD_FROM_ENTRIES). */
  readonly fromEntries?: number;
  /** How long the thread may show no progress before this thread does the work itself (default SILENCE_MS). */
  readonly silenceMs?: number;
}

/** Starts the cut sets of `root` on a thread running `script`; undefined when the diagrams are small, FAULTLINE_THREADS=1 says not to, or no thread can start. */
export function startCutSetThread(script: string, m: ModularDiagrams, root: string, options: CutSetThreadOptions = {}): CutSetsInFlight | undefined {
  if (process.env.FAULTLINE_THREADS === '1') return undefined;
  const problem = cutSetProblem(m, root);
  if (entriesOf(problem) < (options.fromEntries ?? CUT_SET_THREAD_FROM_ENTRIES)) return undefined;
  try {
    return new CutSetThread(script, problem, options.silenceMs ?? SILENCE_MS);
  } catch {
    return undefined;
  }
}

function entriesOf(problem: CutSetProblem): number {
  let entries = problem.root.layout.size;
  for (const j of problem.below) entries += problem.modules[j]!.layout.size;
  return entries;
}

/** What the thread posts back. */
export type CutSetReply = { readonly kind: 'families'; readonly families: ModularCutSets } | { readonly kind: 'node-limit'; readonly limit: number } | { readonly kind: 'failed' };

/** The shared words: [state, progress count]. */
const RUNNING = 0;
const ANSWERED = 1;

/** How long the thread may show no progress before this thread does the work itself (it counts every 1,024 entries: milliseconds apart). */
const SILENCE_MS = 10_000;
/** How often a wait looks at `shouldStop`. */
const POLL_MS = 50;

class CutSetThread implements CutSetsInFlight {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly port: MessagePort;
  private readonly worker: Worker;

  constructor(
    script: string,
    private readonly problem: CutSetProblem,
    private readonly silenceMs: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(script, { workerData: { state: this.state, port: port2, problem }, transferList: [port2] });
    this.worker.unref();
    // A thread that dies stops counting, and `take` does the work here.
    this.worker.on('error', () => {});
  }

  take(shouldStop?: () => boolean): ModularCutSets {
    try {
      const reply = this.answer(shouldStop);
      if (reply?.kind === 'families') return reply.families;
      if (reply?.kind === 'node-limit') throw new BddNodeLimitError(reply.limit);
      return solveCutSetProblem(this.problem);
    } finally {
      this.cancel();
    }
  }

  cancel(): void {
    this.port.close();
    void this.worker.terminate();
  }

  /** The thread's reply, or undefined when it failed to give one in time. */
  private answer(shouldStop?: () => boolean): CutSetReply | undefined {
    let progress = Atomics.load(this.state, 1);
    let lastProgressAt = Date.now();
    for (;;) {
      if (Atomics.load(this.state, 0) === ANSWERED) return (receiveMessageOnPort(this.port)?.message as CutSetReply | undefined) ?? { kind: 'failed' };
      if (shouldStop?.()) throw new AnalysisStopped();
      Atomics.wait(this.state, 0, RUNNING, POLL_MS);
      const now = Atomics.load(this.state, 1);
      if (now !== progress) {
        progress = now;
        lastProgressAt = Date.now();
      } else if (Date.now() - lastProgressAt > this.silenceMs) return undefined;
    }
  }
}

/** The thread's side: solve, post the families (their arrays moved, not copied), then say so. */
export function answerCutSetProblem(state: Int32Array, port: MessagePort, problem: CutSetProblem): void {
  let reply: CutSetReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const families = solveCutSetProblem(problem, () => void Atomics.add(state, 1, 1));
    reply = { kind: 'families', families };
    transfer = [...new Set([families.root, ...families.moduleFamilies].flatMap((f) => (f === undefined ? [] : buffersOf(f))))];
  } catch (error) {
    reply = error instanceof BddNodeLimitError ? { kind: 'node-limit', limit: error.limit } : { kind: 'failed' };
  }
  port.postMessage(reply, transfer);
  Atomics.store(state, 0, ANSWERED);
  Atomics.notify(state, 0);
}

function buffersOf(layout: BddLayout): ArrayBuffer[] {
  return [layout.event, layout.level, layout.lo, layout.hi].map((a) => a.buffer as ArrayBuffer);
}
