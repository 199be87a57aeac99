import { parentPort } from 'node:worker_threads';
import { AnalysisReuse } from '../analysis/analysis-reuse';
import { AnalysisStopped } from '../analysis/analysis-stopped';
import { ParseMemory } from '../language/reparse';
import { runAnalysisJobStaged } from './analysis-job';
import type { WorkerReply, WorkerRequest } from './analysis-worker-protocol';

/**
 * Entry of `dist/analysis-worker.js`: runs one analysis job per message,
 * replying with the system's figures and verdicts first, then the element
 * figures, then the deferred MTTFs. The reuse and the parses live as long
 * as the worker, so the next keystroke's run starts from this run's
 * diagrams and syntax trees.
 */
const reuse = new AnalysisReuse();
const parses = new ParseMemory();

parentPort?.on('message', (request: WorkerRequest) => {
  const reply = (message: WorkerReply): void => parentPort?.postMessage(message);
  const { id } = request;
  const stop = new Int32Array(request.stop);
  const shouldStop = (): boolean => Atomics.load(stop, 0) === 1;
  try {
    const staged = runAnalysisJobStaged(request.job, { reuse, parses, shouldStop });
    const { detailsPending, mttfPending } = staged;
    reply({ id, kind: 'done', outcome: staged.outcome, detailsPending, mttfPending });
    if (detailsPending) {
      const details = staged.completeDetails(shouldStop);
      if (!details) return reply({ id, kind: 'rest-stopped' });
      reply({ id, kind: 'details', outcome: details, mttfPending });
    }
    if (!mttfPending) return;
    const complete = staged.completeMttf(shouldStop);
    reply(complete ? { id, kind: 'mttf', outcome: complete } : { id, kind: 'rest-stopped' });
  } catch (error) {
    if (error instanceof AnalysisStopped) reply({ id, kind: 'stopped' });
    else reply({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
