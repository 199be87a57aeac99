/**
 * One Open-PSA tree, the whole path: import → parse → validate → structure →
 * BDD → figures and cut-set count. Prints one JSON line; run in its own
 * process by `openpsa-bench.ts` so that time and memory limits are real.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BddNodeLimitError } from '../../server/src/analysis/bdd';
import { bundledCutSetWorker } from '../../server/src/analysis/cut-set-thread';
import { analyzeModel } from '../../server/src/analysis/figures';
import { importOpenPsa } from '../../server/src/cli/import/openpsa';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from '../support/memory-host';

const file = process.argv[2]!;
const started = process.hrtime.bigint();
const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
const imported = importOpenPsa(fs.readFileSync(file, 'utf8'), file);
if (!imported.ok) {
  console.log(JSON.stringify({ status: 'not coherent', reason: imported.errors[0]?.message ?? 'import failed' }));
} else {
  const importMs = elapsed();
  const model = loadModel('/tree.ft', memoryHost({ '/tree.ft': imported.text }));
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    console.log(JSON.stringify({ status: 'model error', reason: errors[0]!.message }));
  } else {
    const loadMs = elapsed() - importMs;
    let analysis;
    try {
      // As the CLI analyses it: the system's cut sets on a second thread (the worker bundled in dist/, one level up).
      const cutSetWorker = bundledCutSetWorker(path.join(__dirname, '..'));
      analysis = analyzeModel(model, cutSetWorker === undefined ? {} : { cutSetWorker });
    } catch (error) {
      if (!(error instanceof BddNodeLimitError)) throw error;
      console.log(JSON.stringify({ status: 'not solved', reason: `over the node limit of ${error.limit.toLocaleString('en-US')} BDD nodes after ${(elapsed() / 1000).toFixed(1)} s` }));
      process.exit(0);
    }
    const s = analysis.system!;
    console.log(
      JSON.stringify({
        status: 'solved',
        basicEvents: imported.basicEvents,
        gates: imported.gates,
        bddNodes: analysis.stats.bddNodes,
        importMs,
        loadMs,
        totalMs: elapsed(),
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
        topEvent: s.unreliability,
        cutSets: String(s.cutSetCount),
      }),
    );
  }
}
