/**
 * Benchmark of the BDD engine on the generated 30,000-instance service model.
 * Run: npx esbuild scripts/bench-bdd.ts --bundle --platform=node --outfile=/tmp/bench-bdd.js && node /tmp/bench-bdd.js
 * (add --cpu-prof to node for a profile).
 */
import { bddNodeCount, compileFaultGraph } from '../server/src/analysis/bdd';
import { minimalCutSets } from '../server/src/analysis/cutsets';
import { rootProbability } from '../server/src/analysis/probability';
import { serviceModel } from '../test/analysis/bdd-service-model';

const model = serviceModel([300, 600, 900, 1300, 1500], 20260101);
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const bdd = compileFaultGraph(model.graph);
  const compileCpu = process.cpuUsage(cpu);
  const compiled = performance.now();
  const { failure } = rootProbability(bdd, 'system', model.q, model.p);
  const evaluated = performance.now();
  minimalCutSets(bdd, 'system');
  const cut = performance.now();
  console.log(
    `${model.graph.events.length} events: compile ${(compiled - started).toFixed(0)} ms ` +
      `(cpu ${((compileCpu.user + compileCpu.system) / 1000).toFixed(0)} ms) ` +
      `(${bdd.manager.store.nodeCount} nodes created, ${bddNodeCount(bdd)} kept), ` +
      `probability ${(evaluated - compiled).toFixed(0)} ms, cut sets ${(cut - evaluated).toFixed(0)} ms, Q = ${failure}`,
  );
}
