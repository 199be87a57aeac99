// `npm run package`: builds the bundles and writes faultline-<version>.vsix with vsce.
// The .vsix holds no node_modules (everything is bundled by esbuild), only what
// .vscodeignore lets through; this script checks that and prints the contents.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(1);
  }
  return result.stdout;
}

run(process.execPath, ['scripts/build.mjs']);
for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/webview/preview.js']) {
  if (!existsSync(join(root, bundle))) {
    console.error(`package: ${bundle} is missing after the build`);
    process.exit(1);
  }
}

const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
run(process.execPath, [
  vsce,
  'package',
  '--no-dependencies', // bundled: no node_modules in the .vsix
  '--allow-missing-repository',
  '--no-rewrite-relative-links', // links resolve inside the installed extension
  '--readme-path',
  'client/README.md',
  '--out',
  out,
]);

const listing = run(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', 'client/README.md']);
const files = listing.split('\n').filter(Boolean);
const forbidden = files.filter((f) => f.startsWith('node_modules/') || f.endsWith('.map') || f.endsWith('.ts'));
if (forbidden.length > 0) {
  console.error(`package: unexpected files in the .vsix:\n  ${forbidden.join('\n  ')}`);
  process.exit(1);
}
console.log(files.map((f) => `  ${f}`).join('\n'));
console.log(`packaged ${out} (${(statSync(out).size / 1024 / 1024).toFixed(2)} MB, ${files.length} files)`);
