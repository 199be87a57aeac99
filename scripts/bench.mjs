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

const runEntry = async (entry, entryArgs) => {
  await bundle(entry);
  const outfile = 'dist/bench/' + entry.replace(/^.*\//, '').replace(/\.ts$/, '.js');
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', outfile, ...entryArgs], { stdio: 'inherit' });
  return run.status ?? 1;
};

let status = 0;
if (openpsa) {
  await bundle('test/bench/openpsa-one.ts');
  status = await runEntry('test/bench/openpsa-bench.ts', args);
} else if (process.env.BENCH_ENTRY) {
  status = await runEntry(process.env.BENCH_ENTRY, args);
} else {
  // The whole set: language and engine, then the language server over stdio,
  // then the preview re-render in a real Chromium (unless sections were named).
  status ||= await runEntry('test/bench/main.ts', args);
  if (args.length === 0 || args.includes('lsp')) status ||= await runEntry('test/bench/lsp-bench.ts', []);
  if (args.length === 0 || args.includes('preview')) {
    console.log('\n## Preview re-render after an edit (real Chromium)\n');
    const run = spawnSync('npx', ['vitest', 'run', 'test/webview/preview-bench.test.ts', '--reporter=verbose'], { stdio: 'inherit' });
    status ||= run.status ?? 1;
  }
}
process.exitCode = status;
