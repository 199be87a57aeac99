import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { build } from 'esbuild';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { InProcessRunner } from '../../server/src/lsp/analysis-runner';
import { startServer } from '../../server/src/lsp/server';

/**
 * A real LSP client for the tests: over a spawned server's stdio (the bundled
 * server and its analysis worker, built once into a temporary folder), or
 * in-process over streams (same server code, analysis on the same thread).
 */

const repo = join(__dirname, '..', '..');
const bundleDir = join(tmpdir(), `faultline-lsp-test-${process.pid}`);

/** Bundles `server/src/lsp/main.ts` and the worker next to each other, like `npm run build` does into dist/. */
export async function buildServerBundle(): Promise<string> {
  const server = join(bundleDir, 'server.js');
  if (existsSync(server) && statSync(server).size > 0) return server;
  mkdirSync(bundleDir, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'warning' as const, define: { FAULTLINE_VERSION: '"test"' } };
  await build({ ...common, entryPoints: [join(repo, 'server/src/lsp/main.ts')], outfile: server });
  await build({ ...common, entryPoints: [join(repo, 'server/src/lsp/analysis-worker.ts')], outfile: join(bundleDir, 'analysis-worker.js') });
  return server;
}

export interface AnalysedParams {
  readonly uri: string;
  readonly version: number;
}

export class TestClient {
  /** Every publishDiagnostics, in arrival order. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly analysed: AnalysedParams[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly connection: ProtocolConnection,
    private readonly child?: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishes.push(p);
      this.wake();
    });
    connection.onNotification('faultline/analysed', (p: AnalysedParams) => {
      this.analysed.push(p);
      this.wake();
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async initialize(initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'faultline', version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async replaceAll(uri: string, version: number, text: string): Promise<void> {
    await this.change(uri, version, [{ text }]);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resolves when `test` holds (checked after every notification), or rejects after `timeoutMs`. */
  async until<T>(test: () => T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = test();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for `uri` once its analysis for `version` is done. */
  async analysedDiagnostics(uri: string, version: number, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    await this.until(() => (this.analysed.some((a) => a.uri === uri && a.version === version) ? true : undefined), timeoutMs, `analysis of ${uri} v${version}`);
    return this.lastPublish(uri)!;
  }

  lastPublish(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.publishes.length - 1; i >= 0; i--) if (this.publishes[i]!.uri === uri) return this.publishes[i];
    return undefined;
  }

  /** The first publish for `uri` with this version (the fast, syntax-and-names one). */
  async firstPublish(uri: string, version: number, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return this.until(() => this.publishes.find((p) => p.uri === uri && p.version === version), timeoutMs, `diagnostics of ${uri} v${version}`);
  }

  /** `shutdown`, then `exit` for a spawned server (in-process, `exit` would end the test runner's process). */
  async shutdown(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    if (this.child) {
      await this.connection.sendNotification('exit');
      const child = this.child;
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }

  get exited(): boolean {
    return this.child ? this.child.exitCode !== null || this.child.signalCode !== null : false;
  }
}

/** `node server.js --stdio` with a client on its stdio. */
export async function spawnServer(): Promise<TestClient> {
  const server = await buildServerBundle();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return new TestClient(connection, child);
}

/** The same server in this process over in-memory streams, analysing on this thread. */
export function inProcessServer(): TestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, toServer, toClient);
  startServer(serverConnection, new InProcessRunner());
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return new TestClient(connection);
}

export function sampleUri(name: string): string {
  return `file://${join(repo, 'samples', name)}`;
}

export function samplePath(name: string): string {
  return join(repo, 'samples', name);
}
