import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { InProcessRunner, type AnalysisRunner } from './analysis-runner';
import { startServer } from './server';
import { WorkerRunner } from './worker-runner';

/**
 * Entry of `dist/server.js` (`faultline-language-server --stdio`, or IPC when
 * VS Code starts it). The analysis runs in `dist/analysis-worker.js`, bundled
 * next to it; without that file the server still works, analysing in-process.
 */
function analysisRunner(): AnalysisRunner {
  const script = join(__dirname, 'analysis-worker.js');
  return existsSync(script) ? new WorkerRunner(script) : new InProcessRunner();
}

startServer(createConnection(ProposedFeatures.all), analysisRunner());
