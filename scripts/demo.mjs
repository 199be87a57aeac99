// `npm run demo`: try the extension without installing VS Code. Packages the
// extension, starts code-server (VS Code in the browser) on 127.0.0.1 with the
// .vsix installed and a copy of the samples open, and prints the address.
// Ctrl+C stops it. Options: --port N (default 8080).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerBinary, freshProfile, installExtension, startCodeServer } from '../test/e2e/code-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('demo: --port takes a port number');
  process.exit(2);
}

console.log('== packaging the extension');
const packaged = spawnSync(process.execPath, [join(root, 'scripts/package.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (packaged.status !== 0) process.exit(1);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `faultline-${version}.vsix`);
if (!existsSync(vsix)) {
  console.error(`demo: ${vsix} was not written`);
  process.exit(1);
}

console.log('== code-server (installed once into a cache folder; the first time takes a few minutes)');
const binary = codeServerBinary();
const profile = freshProfile({ 'workbench.colorTheme': 'Default Dark Modern' });
installExtension(binary, profile, vsix);
const workspace = mkdtempSync(join(tmpdir(), 'faultline-demo-'));
cpSync(join(root, 'samples'), workspace, { recursive: true });
const server = await startCodeServer(binary, profile, workspace, port);

console.log(`\nFaultline demo: open ${server.url}`);
console.log('Open web-shop.ft, then run "Faultline: Open Preview to the Side" (F1). Ctrl+C stops the demo.\n');

const stop = async () => {
  await server.stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(profile.root, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
