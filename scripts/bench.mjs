// `npm run bench`: bundles the benchmark entry (TypeScript) and runs it with GC exposed,
// so that memory figures are measured after a full collection.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const entry = process.env.BENCH_ENTRY ?? 'test/bench/main.ts';
const outfile = 'dist/bench/' + entry.replace(/^.*\//, '').replace(/\.ts$/, '.js');
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
