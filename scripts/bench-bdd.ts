/**
 * Benchmark of the BDD engine: the generated 30,000-instance service model,
 * or the Aralia fault trees (`aralia [name prefix]`), through the plain
 * engine, or through the modular one (`modular [aralia [prefix]]`).
 * Run: npx esbuild scripts/bench-bdd.ts --bundle --platform=node --outfile=/tmp/bench-bdd.js && node /tmp/bench-bdd.js [modular] [aralia [prefix]]
 * (add --cpu-prof to node for a profile).
 */
import { readdirSync } from 'node:fs';
import { BddNodeLimitError, bddNodeCount, compileFaultGraph } from '../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets } from '../server/src/analysis/cutsets';
import { compileModular, modularNodeCount } from '../server/src/analysis/modular-bdd';
import { modularCutSetCount, modularMinimalCutSets } from '../server/src/analysis/modular-cutsets';
import { modularRootProbabilities } from '../server/src/analysis/modular-probability';
import { rootProbability } from '../server/src/analysis/probability';
import { ARALIA_DIR, readMefTree } from '../test/analysis/bdd-openpsa';
import { serviceModel } from '../test/analysis/bdd-service-model';

function cpuMs(since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000).toFixed(0);
}

function benchServiceModel(): void {
  const model = serviceModel([300, 600, 900, 1300, 1500], 20260101);
  for (let run = 0; run < 3; run++) {
    const cpu = process.cpuUsage();
    const bdd = compileFaultGraph(model.graph);
    const compileCpu = cpuMs(cpu);
    const cpu2 = process.cpuUsage();
    const { failure } = rootProbability(bdd, 'system', model.q, model.p);
    const probabilityCpu = cpuMs(cpu2);
    const cpu3 = process.cpuUsage();
    minimalCutSets(bdd, 'system');
    console.log(
      `${model.graph.events.length} events: compile ${compileCpu} ms cpu ` +
        `(${bdd.manager.store.nodeCount} nodes created, ${bddNodeCount(bdd)} kept), ` +
        `probability ${probabilityCpu} ms, cut sets ${cpuMs(cpu3)} ms, Q = ${failure}`,
    );
  }
}

function benchAralia(prefix: string): void {
  for (const file of readdirSync(ARALIA_DIR).filter((f) => f.endsWith('.xml') && f.startsWith(prefix))) {
    const tree = readMefTree(`${ARALIA_DIR}/${file}`);
    if ('unsupported' in tree) {
      console.log(`${file}: unsupported (${tree.unsupported})`);
      continue;
    }
    const cpu = process.cpuUsage();
    try {
      const bdd = compileFaultGraph(tree.graph, { nodeLimit: 5_000_000 });
      const compileCpu = cpuMs(cpu);
      const { failure } = rootProbability(bdd, 'top', tree.q, tree.p);
      const cpu2 = process.cpuUsage();
      const count = cutSetCount(minimalCutSets(bdd, 'top'));
      console.log(
        `${file}: ${tree.graph.events.length} events, ${tree.graph.gates.length} gates; compile ${compileCpu} ms cpu, ` +
          `${bddNodeCount(bdd)} nodes (${bdd.manager.store.nodeCount} created); Q = ${failure.toPrecision(6)}; ` +
          `${count} cut sets in ${cpuMs(cpu2)} ms cpu`,
      );
    } catch (error) {
      if (!(error instanceof BddNodeLimitError)) throw error;
      console.log(`${file}: node limit after ${cpuMs(cpu)} ms cpu`);
    }
  }
}

/** The same through the modular engine (modules, peeled per-root diagrams). */
function benchModular(graphs: { name: string; graph: Parameters<typeof compileModular>[0]; q: Float64Array; p: Float64Array; root: string }[]): void {
  for (const { name, graph, q, p, root } of graphs) {
    const cpu = process.cpuUsage();
    try {
      const m = compileModular(graph, { nodeLimit: 5_000_000 });
      const compileCpu = cpuMs(cpu);
      const { failure } = modularRootProbabilities(m, q, p).get(root)!;
      const cpu2 = process.cpuUsage();
      const count = modularCutSetCount(modularMinimalCutSets(m, root));
      console.log(
        `${name}: ${graph.events.length} events, ${m.modules.length} modules, ${m.roots.size} roots; compile ${compileCpu} ms cpu, ` +
          `${modularNodeCount(m)} nodes; Q = ${failure.toPrecision(6)}; ${count} cut sets in ${cpuMs(cpu2)} ms cpu`,
      );
    } catch (error) {
      if (!(error instanceof BddNodeLimitError)) throw error;
      console.log(`${name}: node limit after ${cpuMs(cpu)} ms cpu`);
    }
  }
}

function araliaTrees(prefix: string) {
  return readdirSync(ARALIA_DIR)
    .filter((f) => f.endsWith('.xml') && f.startsWith(prefix))
    .flatMap((name) => {
      const tree = readMefTree(`${ARALIA_DIR}/${name}`);
      return 'unsupported' in tree ? [] : [{ name, graph: tree.graph, q: tree.q, p: tree.p, root: 'top' }];
    });
}

const args = process.argv.slice(2);
if (args[0] === 'modular') {
  if (args[1] === 'aralia') benchModular(araliaTrees(args[2] ?? ''));
  else {
    const model = serviceModel([300, 600, 900, 1300, 1500], 20260101);
    benchModular([{ name: 'service model', graph: model.graph, q: model.q, p: model.p, root: 'system' }]);
  }
} else if (args[0] === 'aralia') benchAralia(args[1] ?? '');
else benchServiceModel();
