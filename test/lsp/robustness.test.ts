import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/language/span';
import { loadModel } from '../../server/src/language/workspace';
import { runAnalysisJob } from '../../server/src/lsp/analysis-job';
import { DocumentHost, documentRealPath } from '../../server/src/lsp/document-host';
import { toLspDiagnostic } from '../../server/src/lsp/lsp-diagnostics';
import { samplePath, spawnServer, type TestClient } from './harness';

/**
 * Random edit sequences on the samples, against the bundled server and its
 * worker: the server never crashes, every range it answers lies inside the
 * document, and once the edits stop, the diagnostics it last published are
 * exactly those of a fresh load and analysis of the final text.
 */

const SAMPLES = ['web-shop.ft', 'database-cluster.ft', 'tmr-voter.ft', 'failing/single-db.ft', 'raid6-storage.ft'];
const PIECES = [
  'component', 'group', 'system', 'use', 'needs', 'mtbf', 'mttr', 'replicas', 'quorum', 'standby', 'parallel', 'series', 'of',
  'each', 'ccf', 'beta', 'accept', 'spof', 'require', 'availability', '>=', 'app', 'db', 'cache', 'x', '2', '3', '30s', '5m',
  '10sec', '99.9%', '1e-4/h', '{', '}', '(', ')', ',', '=', '"', '"label"', '//', '/*', '*/', '\n', ' ', '  ', '-', '\u00e9',
  '\ud83d\ude00',
];

type Edit = { readonly at: number; readonly remove: number; readonly insert: string };

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })),
  insert: fc.oneof(fc.constant(''), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((p) => p.join(' '))),
});

function validRange(range: Range, lines: readonly string[]): boolean {
  const ok = (p: Range['start']): boolean => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

/** Every object with `start`/`end` positions inside a response. */
function rangesIn(value: unknown, found: Range[] = []): Range[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const r = v as Record<string, unknown>;
    if (isPosition(r['start']) && isPosition(r['end'])) found.push(r as unknown as Range);
    for (const child of Object.values(r)) stack.push(child);
  }
  return found;
}

function isPosition(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['line'] === 'number' && typeof (v as Record<string, unknown>)['character'] === 'number';
}

/** Line texts as LSP counts them (\n, \r\n and \r end a line). */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const comparable = (d: Diagnostic): string => `${d.code}|${d.severity}|${JSON.stringify(d.range)}|${d.message}`;

/** What a fresh load (and, when valid, analysis) of `text` gives, as the server would publish it. */
function expectedDiagnostics(uri: string, text: string): string[] {
  // The server's own host (uses resolve to file URIs exactly as it does), with this text as the only open document.
  const host = new DocumentHost(
    { get: (u) => (u === uri ? { text, version: 0 } : undefined), uriForPath: (path) => (path === documentRealPath(uri) ? uri : undefined) },
    () => 0,
  ).recording().host;
  const model = loadModel(uri, host);
  const own = model.diagnostics.filter((d) => d.uri === uri);
  const engine = model.hasErrors
    ? []
    : runAnalysisJob({ rootUri: uri, files: [[uri, text]], resolutions: [], missionOverride: undefined, elementNodeLimit: undefined }).diagnostics.filter((d) => d.uri === uri);
  return [...own, ...engine].map((d) => comparable(toLspDiagnostic(d, model))).sort();
}

describe('the server under random edits', () => {
  let client: TestClient;

  beforeAll(async () => {
    client = await spawnServer();
    await client.initialize({ faultline: { analysis: { debounce: 30, timeBudget: 120 } } });
  }, 120_000);

  afterAll(async () => {
    await client?.shutdown();
  });

  it('never crashes, answers valid ranges and ends with the diagnostics of the final text', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SAMPLES), fc.array(editArb, { minLength: 300, maxLength: 300 }), fc.integer({ min: 0, max: 2 ** 31 }), async (sample, edits, seed) => {
        run++;
        // A path with no `use`d neighbours: the expected load needs no disk.
        const uri = `file:///tmp/faultline-random-${run}-${seed}.ft`;
        const original = readFileSync(samplePath(sample), 'utf8');
        let text = original;
        let version = 1;
        await client.open(uri, text, version);
        // Closed even when an expectation fails, so that shrinking does not pile up open documents.
        try {
          for (let step = 0; step < edits.length; step++) {
            const edit = edits[step]!;
            const index = new LineIndex(text);
            let start = Math.floor(edit.at * text.length);
            // Never split a surrogate pair: LSP clients do not.
            if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '')) start--;
            let end = Math.min(text.length, start + edit.remove);
            if (end < text.length && /[\udc00-\udfff]/.test(text[end] ?? '')) end++;
            const range = { start: index.positionAt(start), end: index.positionAt(end) };
            text = text.slice(0, start) + edit.insert + text.slice(end);
            version++;
            await client.change(uri, version, [{ range, text: edit.insert }]);
            if (step % 20 === 0) await probeRequests(client, uri, text, start);
            if (step % 50 === 0) await new Promise((r) => setTimeout(r, 40));
          }
          expect(client.exited).toBe(false);
          const expected = expectedDiagnostics(uri, text);
          const hasErrors = expected.some((d) => d.split('|')[1] === '1');
          const last: PublishDiagnosticsParams = hasErrors
            ? await client.until(() => {
                const p = client.lastPublish(uri);
                return p?.version === version ? p : undefined;
              }, 60_000, 'final publish')
            : await client.analysedDiagnostics(uri, version, 120_000);
          expect(last.version).toBe(version);
          expect(last.diagnostics.map(comparable).sort()).toEqual(expected);
          const lines = linesOf(text);
          for (const d of last.diagnostics) expect(validRange(d.range, lines), JSON.stringify(d)).toBe(true);
          // Back to the valid sample in one change: the analysed verdicts replace everything before.
          version++;
          await client.replaceAll(uri, version, original);
          const restored = await client.analysedDiagnostics(uri, version, 120_000);
          expect(restored.diagnostics.map(comparable).sort()).toEqual(expectedDiagnostics(uri, original));
        } finally {
          await client.close(uri);
        }
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});

/** Several requests at the edit's position; each answer's ranges must lie inside the current text. */
async function probeRequests(client: TestClient, uri: string, text: string, offset: number): Promise<void> {
  const index = new LineIndex(text);
  const position = index.positionAt(offset);
  const doc = { textDocument: { uri } };
  const whole = { start: { line: 0, character: 0 }, end: index.positionAt(text.length) };
  const answers = await Promise.all([
    client.request('textDocument/hover', { ...doc, position }),
    client.request('textDocument/completion', { ...doc, position }),
    client.request('textDocument/signatureHelp', { ...doc, position }),
    client.request('textDocument/definition', { ...doc, position }),
    client.request('textDocument/documentHighlight', { ...doc, position }),
    client.request('textDocument/documentSymbol', doc),
    client.request('textDocument/foldingRange', doc),
    client.request('textDocument/semanticTokens/full', doc),
    client.request('textDocument/inlayHint', { ...doc, range: whole }),
    client.request('textDocument/codeLens', doc),
    client.request('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }),
  ]);
  const lines = linesOf(text);
  for (const answer of answers) {
    for (const range of rangesIn(answer)) expect(validRange(range, lines), JSON.stringify(range)).toBe(true);
  }
  // Folding ranges are lines only.
  for (const fold of (answers[6] as { startLine: number; endLine: number }[] | null) ?? []) {
    expect(fold.startLine <= fold.endLine && fold.endLine < lines.length).toBe(true);
  }
}
