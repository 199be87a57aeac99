// A real VS Code for the end-to-end tests: code-server (installed once into a
// cache folder by setup.sh) with its own extensions and user-data folders, the
// packaged .vsix installed, and a workspace. Only 127.0.0.1 is used.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The folder holding node_modules/.bin/code-server (installing it the first time). */
export function codeServerBinary() {
  const dir = execFileSync('bash', [join(here, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  return join(dir, 'node_modules', '.bin', 'code-server');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Fresh, isolated folders for one run: extensions and user data, with quiet defaults. */
export function freshProfile(settings = {}) {
  const root = mkdtempSync(join(tmpdir(), 'faultline-e2e-'));
  const extensions = join(root, 'extensions');
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'editor.minimap.enabled': false,
        'workbench.colorTheme': 'Default Light Modern',
        'window.commandCenter': false,
        'chat.commandCenter.enabled': false,
        'files.simpleDialog.enable': true,
        ...settings,
      },
      null,
      2,
    ),
  );
  return { root, extensions, userData };
}

const env = () => ({ ...process.env, EXTENSIONS_GALLERY: '{}' });

export function installExtension(binary, profile, vsix) {
  execFileSync(binary, ['--extensions-dir', profile.extensions, '--user-data-dir', profile.userData, '--install-extension', vsix], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

/** Starts code-server and resolves once it listens; `stop()` ends it (and only it). */
export async function startCodeServer(binary, profile, workspace, port = undefined) {
  port ??= await freePort();
  const child = spawn(
    binary,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir',
      profile.extensions,
      '--user-data-dir',
      profile.userData,
      workspace,
    ],
    { env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  const collect = (chunk) => {
    log += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}):\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid, 'SIGTERM'); // its own process group: code-server and its extension host
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
          resolve();
        }, 5_000).unref();
      }),
  };
}
