/**
 * `npm run bench`: the figures the issues ask for, printed as tables.
 * Timings are measured here, never asserted in `npm test` (machines are noisy).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledCutSetWorker } from '../../server/src/analysis/cut-set-thread';
import { analyzeModel } from '../../server/src/analysis/figures';
import { loadModel } from '../../server/src/language/workspace';
import { generateLinesModel, generateServiceModel } from './generators';
import { memoryHost } from '../support/memory-host';
import { ms, table, time } from './measure';

const sections = process.argv.slice(2);
const wanted = (name: string): boolean => sections.length === 0 || sections.includes(name);
const rssMiB = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);

console.log(`Faultline benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}\n`);

if (wanted('language')) {
  console.log('## Parse + validate (generated models)\n');
  const rows: (string | number)[][] = [];
  let previous: number | undefined;
  for (const lines of [1_000, 10_000, 100_000]) {
    const text = generateLinesModel(lines, 42);
    const host = memoryHost({ '/bench/model.ft': text });
    const t = time(() => loadModel('/bench/model.ft', host), 9, 5);
    const errors = t.result.diagnostics.filter((d) => d.severity === 'error').length;
    const growth = previous === undefined ? '' : `×${(t.medianMs / previous).toFixed(1)}`;
    previous = t.medianMs;
    rows.push([text.split('\n').length, (text.length / 1024).toFixed(0), ms(t.medianMs), ms(t.minMs), growth, errors, rssMiB()]);
  }
  console.log(table(['lines', 'KiB', 'median ms (warm)', 'best ms', 'growth', 'errors', 'peak RSS MiB'], rows));
  console.log('\nGoal: 10,000 lines under 100 ms; a 10× bigger model costs at most about 10× more.\n');
}

/** As the CLI analyses: the system's cut sets on a second thread (the worker bundled in dist/, one level up from this bench). */
const cutSetWorker = bundledCutSetWorker(path.join(__dirname, '..'));
const analyzeAsTheCli = cutSetWorker === undefined ? {} : { cutSetWorker };

if (wanted('analysis')) {
  console.log('## Analysis (generated service models: layers, quorums, shared dependencies, zones, standby, ccf)\n');
  const rows: (string | number)[][] = [];
  for (const target of [300, 3_000, 30_000]) {
    const generated = generateServiceModel(target, 7);
    const host = memoryHost({ '/bench/services.ft': generated.text });
    const model = loadModel('/bench/services.ft', host);
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      console.log(`generated model of ${target} instances has errors: ${errors[0]!.message}`);
      continue;
    }
    const cpu = process.cpuUsage();
    const t = time(() => analyzeModel(model, analyzeAsTheCli), 5);
    const used = process.cpuUsage(cpu);
    const s = t.result.system!;
    rows.push([
      generated.instances,
      generated.components,
      t.result.stats.basicEvents,
      t.result.stats.bddNodes,
      ms(t.medianMs),
      // CPU per run (warm-up included, so over 6 runs): the machine may be shared.
      ms((used.user + used.system) / 1000 / 6),
      String(s.cutSetCount),
      s.unavailability?.toExponential(6) ?? 'n/a',
      rssMiB(),
    ]);
  }
  console.log(
    table(
      ['instances', 'components', 'basic events', 'BDD nodes', 'median ms (warm, 5 runs)', 'CPU ms per run', 'cut sets', 'unavailability', 'peak RSS MiB'],
      rows,
    ),
  );
  console.log('\nGoal: 30,000 instances under 2 s, near-linear growth, figures exact.\n');
}
