import { type MessagePort, workerData } from 'node:worker_threads';
import { answerCutSetProblem } from './cut-set-thread';
import type { CutSetProblem } from './modular-cutsets';

/** Entry of `dist/cut-set-worker.js`: one problem per thread (see cut-set-thread). */
const { state, port, problem } = workerData as { state: Int32Array; port: MessagePort; problem: CutSetProblem };
answerCutSetProblem(state, port, problem);
