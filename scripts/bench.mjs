// `npm run bench` / `npm run bench:openpsa`: bundles the benchmark entries (TypeScript)
// and runs them with GC exposed, so that memory figures are measured after a full collection.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const openpsa = process.argv.includes('--openpsa');
const args = process.argv.slice(2).filter((a) => a !== '--openpsa');
const bundle = (entry) =>
  build({
    entryPoints: [entry],
    outfile: 'dist/bench/' + entry.replace(/^.*\//, '').replace(/\.ts$/, '.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });

let entry;
if (openpsa) {
  await bundle('test/bench/openpsa-one.ts');
  entry = 'test/bench/openpsa-bench.ts';
} else {
  entry = process.env.BENCH_ENTRY ?? 'test/bench/main.ts';
}
await bundle(entry);
const outfile = 'dist/bench/' + entry.replace(/^.*\//, '').replace(/\.ts$/, '.js');
const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', outfile, ...args], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
