import { parentPort } from 'node:worker_threads';
import { runAnalysisJob } from './analysis-job';
import type { WorkerReply, WorkerRequest } from './analysis-worker-protocol';

/** Entry of `dist/analysis-worker.js`: runs one analysis job per message. */
parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, kind: 'done', outcome: runAnalysisJob(request.job) };
  } catch (error) {
    reply = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
