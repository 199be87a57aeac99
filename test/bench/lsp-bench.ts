/**
 * Language-server latency, measured through a real client over stdio against
 * the bundled server (`dist/server.js`, with its analysis worker):
 *
 * - edit → diagnostics: from `didChange` to the first `publishDiagnostics` of
 *   that version (syntax and names), to the publish carrying the figures'
 *   verdicts (the `faultline/analysed` notification that follows it), and
 *   to every element's figures for the inlay hints (`faultline/figures`:
 *   with the verdicts on small models, after them on large ones), for an
 *   edit after a pause (analysed at once);
 * - the same for an edit of a failure law (`mtbf`), and to the MTTFs that
 *   follow the element figures (the inlay-hint refresh after them);
 * - typing: the last of three edits 40 ms apart, to its figures (the
 *   analysis waits for a pause of one debounce: included);
 * - hover and completion, on a settled document and right after an edit.
 *
 * Default sizes: 1,250 and 12,500 instances (about 200 and 2,000 components, the sizes the goal names).
 * Run: `npm run build && BENCH_ENTRY=test/bench/lsp-bench.ts node scripts/bench.mjs [instances...]`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/language/span';
import { generateServiceModel } from './generators';
import { ms, table } from './measure';

const SERVER = join(process.cwd(), 'dist', 'server.js');
const EDITS = 15;
const QUERIES = 25;
const DEBOUNCE_MS = 100;

interface Waiter {
  readonly test: () => boolean;
  readonly resolve: () => void;
}

class BenchClient {
  private readonly waiters: Waiter[] = [];
  readonly published = new Map<number, number>();
  readonly analysed = new Map<number, number>();
  /** When every element's figures of a version were in (`faultline/figures`). */
  readonly detailed = new Map<number, number>();
  /** When the server asked to refresh inlay hints (new figures, e.g. the MTTFs that follow a run). */
  readonly refreshes: number[] = [];

  constructor(readonly connection: ProtocolConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.version !== undefined && !this.published.has(p.version)) this.published.set(p.version, performance.now());
      this.check();
    });
    connection.onNotification('faultline/analysed', (p: { version: number }) => {
      if (!this.analysed.has(p.version)) this.analysed.set(p.version, performance.now());
      this.check();
    });
    connection.onNotification('faultline/figures', (p: { version: number }) => {
      if (!this.detailed.has(p.version)) this.detailed.set(p.version, performance.now());
      this.check();
    });
    for (const method of ['workspace/configuration', 'client/registerCapability', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
      connection.onRequest(method, () => {
        if (method === 'workspace/inlayHint/refresh') {
          this.refreshes.push(performance.now());
          this.check();
        }
        return method === 'workspace/configuration' ? [{}] : null;
      });
    }
    connection.listen();
  }

  private check(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i]!.test()) {
        this.waiters[i]!.resolve();
        this.waiters.splice(i, 1);
      }
    }
  }

  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(work: () => Promise<unknown>, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function benchModel(instances: number): Promise<(string | number)[][]> {
  const generated = generateServiceModel(instances, 11);
  let text = generated.text;
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = new BenchClient(connection);
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } },
    initializationOptions: { faultline: { analysis: { debounce: DEBOUNCE_MS, timeBudget: 600 } } },
  });
  await connection.sendNotification('initialized', {});
  const uri = `file:///bench/services-${instances}.ft`;
  let version = 1;
  const openedAt = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'faultline', version, text } });
  await client.until(() => client.analysed.has(1) && client.detailed.has(1));
  const firstAnalysis = client.analysed.get(1)! - openedAt;
  const firstDetails = client.detailed.get(1)! - openedAt;

  /**
   * Replaces the first multi-line body's `keyword` line with each of `values`
   * in turn, one version per edit, and waits for its analysis (and, with
   * `awaitMttfs`, for the MTTFs that follow). Times from `didChange`.
   */
  const editLine = async (keyword: string, values: readonly string[], awaitMttfs: boolean) => {
    const syntax: number[] = [];
    const figures: number[] = [];
    const elements: number[] = [];
    const mttfs: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const at = text.indexOf(`\n  ${keyword} `) + 1;
      const end = text.indexOf('\n', at);
      const replacement = `  ${keyword} ${values[i % values.length]!}`;
      const index = new LineIndex(text);
      const range = { start: index.positionAt(at), end: index.positionAt(end) };
      text = text.slice(0, at) + replacement + text.slice(end);
      version++;
      const v = version;
      const sent = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: replacement }] });
      await client.until(() => client.analysed.has(v) && client.detailed.has(v));
      const analysedAt = client.analysed.get(v)!;
      const detailedAt = client.detailed.get(v)!;
      syntax.push(client.published.get(v)! - sent);
      figures.push(analysedAt - sent);
      elements.push(detailedAt - sent);
      if (awaitMttfs) {
        await client.until(() => client.refreshes.some((t) => t > detailedAt));
        mttfs.push(client.refreshes.find((t) => t > detailedAt)! - sent);
      }
    }
    return { syntax, figures, elements, mttfs };
  };
  // Repair-time edits keep the model valid and its MTTFs; failure-law edits change the MTTFs, which follow the figures.
  // Values of one length leave every other declaration where it was; of another, the declarations after the edit
  // move (their syntax is copied with moved spans, and validated again).
  const { syntax: fast, figures: full, elements: fullElements } = await editLine('mttr', ['45min', '50min'], false);
  const { syntax: fastMoving, figures: fullMoving } = await editLine('mttr', ['45min', '4h'], false);
  const { figures: lawFigures, mttfs: lawMttfs } = await editLine('mtbf', ['9000h', '9500h'], true);

  // Typing: three edits of the `mttr` line 40 ms apart; from the last one to its figures (the debounce applies:
  // the analysis waits for a pause of one debounce after the last keystroke).
  const typing: number[] = [];
  for (let i = 0; i < 8; i++) {
    let sent = 0;
    for (const value of [`${i + 1}min`, `${i + 1}0min`, `${i + 1}5min`]) {
      const at = text.indexOf('\n  mttr ') + 1;
      const end = text.indexOf('\n', at);
      const replacement = `  mttr ${value}`;
      const index = new LineIndex(text);
      const range = { start: index.positionAt(at), end: index.positionAt(end) };
      text = text.slice(0, at) + replacement + text.slice(end);
      version++;
      sent = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: replacement }] });
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const v = version;
    await client.until(() => client.analysed.has(v) && client.detailed.has(v));
    typing.push(client.analysed.get(v)! - sent);
  }

  const lines = text.split('\n');
  const nameLine = lines.findIndex((l) => l.startsWith('component ') && l.includes('{') && !l.includes('}'));
  const needsLine = lines.findIndex((l) => l.startsWith('  needs '));
  const hoverAt = { textDocument: { uri }, position: { line: nameLine, character: 12 } };
  const completeAt = { textDocument: { uri }, position: { line: needsLine, character: 8 } };
  const hover = await timed(() => connection.sendRequest('textDocument/hover', hoverAt), QUERIES);
  const completion = await timed(() => connection.sendRequest('textDocument/completion', completeAt), QUERIES);
  // Completion as the user types: the request right after an edit pays for re-parsing that version.
  const afterEdit: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    version++;
    const insertAt = { line: lines.length - 1, character: 0 };
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: insertAt, end: insertAt }, text: i % 2 === 0 ? '/' : '\n' }],
    });
    const start = performance.now();
    await connection.sendRequest('textDocument/completion', completeAt);
    afterEdit.push(performance.now() - start);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();

  const label = `${generated.instances} instances (${generated.components} components, ${lines.length} lines)`;
  const row = (what: string, samples: readonly number[]): (string | number)[] => [label, what, ms(percentile(samples, 50)), ms(percentile(samples, 95)), samples.length];
  return [
    [label, 'open → diagnostics with figures', ms(firstAnalysis), '', 1],
    [label, 'open → every element’s figures', ms(firstDetails), '', 1],
    row('edit → syntax/name diagnostics', fast),
    row('edit after a pause → diagnostics with figures', full),
    row('the same, changing the value’s length → syntax/name diagnostics', fastMoving),
    row('the same, changing the value’s length → diagnostics with figures', fullMoving),
    row('edit → every element’s figures (inlay hints)', fullElements),
    row('failure-law edit → diagnostics with figures', lawFigures),
    row('failure-law edit → MTTFs in hovers', lawMttfs),
    row(`typing (3 edits 40 ms apart) → figures of the last (debounce ${DEBOUNCE_MS} ms incl.)`, typing),
    row('hover', hover),
    row('completion', completion),
    row('completion right after an edit', afterEdit),
  ];
}

async function main(): Promise<void> {
  if (!existsSync(SERVER)) {
    console.error(`${SERVER} is missing: run 'npm run build' first`);
    process.exitCode = 1;
    return;
  }
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(`Faultline language server on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}\n`);
  const rows: (string | number)[][] = [];
  for (const instances of sizes.length > 0 ? sizes : [1_250, 12_500]) rows.push(...(await benchModel(instances)));
  console.log(table(['model', 'latency', 'median ms', 'p95 ms', 'runs'], rows));
  console.log('\nGoals: edit → diagnostics with figures, median under 150 ms at 2,000 components; completion under 50 ms.');
}

void main();
