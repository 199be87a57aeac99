// Builds every bundle with esbuild: the CLI and the language server (Node, CommonJS),
// and, once they exist, the VS Code extension and the preview's webview script.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { mermaidConfigPatch } from '../client/build/mermaid-config-patch.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: !watch,
  logLevel: 'warning',
  define: { FAULTLINE_VERSION: JSON.stringify(pkg.version) },
};

const entries = [
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', ...node },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', ...node },
  { entryPoints: ['server/src/lsp/analysis-worker.ts'], outfile: 'dist/analysis-worker.js', ...node },
  { entryPoints: ['server/src/analysis/cut-set-worker.ts'], outfile: 'dist/cut-set-worker.js', ...node },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', ...node, external: ['vscode'] },
  {
    entryPoints: ['client/src/webview/preview.ts'],
    outfile: 'dist/webview/preview.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    plugins: [mermaidConfigPatch()], // Mermaid's getConfig() made cheap: see that file
  },
].filter((e) => existsSync(e.entryPoints[0]));

const started = Date.now();
await Promise.all(entries.map((e) => build(e)));
console.log(`built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - started} ms`);
