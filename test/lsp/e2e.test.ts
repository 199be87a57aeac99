import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  Hover,
  InitializeResult,
  InlayHint,
  Location,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { formatPercentNearOne } from '../../server/src/analysis/format-figures';
import { LineIndex } from '../../server/src/language/span';
import { generateServiceModel } from '../bench/generators';
import { sampleUri, samplePath, spawnServer, type TestClient } from './harness';

/**
 * The bundled server over stdio, with its analysis worker, driven by a real
 * LSP client connection: the way Neovim, Helix or VS Code run it.
 */

const single = sampleUri('failing/single-db.ft');
const singleText = readFileSync(samplePath('failing/single-db.ft'), 'utf8');
const main = sampleUri('multi-file/main.ft');
const network = sampleUri('multi-file/network.ft');

const byCode = (diagnostics: readonly Diagnostic[], code: string): Diagnostic[] => diagnostics.filter((d) => d.code === code);

describe('the language server over stdio', () => {
  let client: TestClient;
  let init: InitializeResult;

  beforeAll(async () => {
    client = await spawnServer();
    init = await client.initialize({ faultline: { analysis: { debounce: 20 } } });
  }, 120_000);

  afterAll(async () => {
    await client?.shutdown();
  });

  it('announces every editor feature at initialize', () => {
    const caps = init.capabilities;
    expect(init.serverInfo?.name).toBe('faultline-language-server');
    for (const key of [
      'hoverProvider', 'completionProvider', 'signatureHelpProvider', 'definitionProvider', 'referencesProvider',
      'documentHighlightProvider', 'renameProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'foldingRangeProvider',
      'documentFormattingProvider', 'documentRangeFormattingProvider', 'semanticTokensProvider', 'codeActionProvider',
      'codeLensProvider', 'inlayHintProvider',
    ] as const) {
      expect(caps[key], key).toBeTruthy();
    }
  });

  it('publishes syntax and name diagnostics first, then the verdicts of the analysis', async () => {
    await client.open(single, singleText, 1);
    const fast = await client.firstPublish(single, 1);
    expect(fast.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const final = await client.analysedDiagnostics(single, 1, 60_000);
    const [spof] = byCode(final.diagnostics, 'spof');
    expect(spof?.range).toEqual({ start: { line: 17, character: 10 }, end: { line: 17, character: 12 } });
    // Downtime 8760 h × 4/4384 = 7.99 h per year, all of it the database's.
    expect(spof?.message).toBe("'db' is a single point of failure: its failure alone takes down system 'reporting'; it costs 8 h/y of the system's 8 h/y downtime (100%)");
    const failed = byCode(final.diagnostics, 'requirement-failed');
    expect(failed.map((d) => d.range.start.line)).toEqual([13, 14]);
    expect(failed[0]!.message).toContain('99.909%');
    expect(failed[1]!.message).toContain('tolerance is 0');
  }, 90_000);

  it('shows the system figures in a code lens with an Open preview command', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: single } });
    expect(lenses.map((l) => l.command?.title)).toEqual(['availability 99.909% · downtime 8 h/y · tolerance 0 · 1 SPOF', 'Open preview']);
    expect(lenses[1]!.command).toMatchObject({ command: 'faultline.openPreview', arguments: [single] });
    expect(lenses[0]!.range.start).toEqual({ line: 10, character: 0 });
  });

  it('hovers a component with its derivation: law, λ\', MTTR\', q, R(mission), importance and cut sets', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: single }, position: { line: 17, character: 11 } });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("`mtbf 4380h` → exponential, λ' = 2.28e-4/h");
    expect(text).toContain("MTTR' = 4 h");
    expect(text).toContain('| `db` | 9.12e-4 |');
    expect(text).toContain('In 1 of the 1 listed minimal cut sets');
    expect(hover.range).toEqual({ start: { line: 17, character: 10 }, end: { line: 17, character: 12 } });
  });

  it('shows the MTTFs in the hover once they follow the other figures (MTBF 4380 h: 182 d for the database alone)', async () => {
    const position = { textDocument: { uri: single }, position: { line: 17, character: 11 } };
    let text = '';
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      text = ((await client.request<Hover>('textDocument/hover', position)).contents as { value: string }).value;
      if (!text.includes('computing')) break;
    }
    expect(text).toMatch(/\| alone \|[^\n]*\| 182 d \|/);
  });

  it('offers a what-if quick fix for the SPOF whose figure the engine computed on the edited text', async () => {
    const final = client.lastPublish(single)!;
    const spof = byCode(final.diagnostics, 'spof');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: single },
      range: spof[0]!.range,
      context: { diagnostics: spof },
    });
    // Two independent servers: unavailability q² with q = 4/4384.
    const q = 4 / 4384;
    const expected = `Add a replica: availability 99.909% → ${formatPercentNearOne(1 - q * q, q * q)}`;
    expect(actions.map((a) => a.title)).toEqual([expected, "Accept 'db' as a single point of failure (give the reason)"]);
    const edit = actions[0]!.edit!.changes![single]!;
    expect(edit).toEqual([{ range: { start: { line: 19, character: 9 }, end: { line: 19, character: 9 } }, newText: '\n  replicas 2' }]);

    await client.change(single, 2, edit.map((e) => ({ range: e.range, text: e.newText })));
    const after = await client.analysedDiagnostics(single, 2, 60_000);
    expect(after.diagnostics).toEqual([]);
  }, 90_000);

  it('reports a misspelt name at once, with a did-you-mean quick fix', async () => {
    await client.change(single, 3, [{ range: { start: { line: 11, character: 8 }, end: { line: 11, character: 10 } }, text: 'dbb' }]);
    const fast = await client.firstPublish(single, 3);
    const [unknown] = byCode(fast.diagnostics, 'unknown-name');
    expect(unknown).toMatchObject({ range: { start: { line: 11, character: 8 }, end: { line: 11, character: 11 } }, data: { suggestion: 'db' } });
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: single },
      range: unknown!.range,
      context: { diagnostics: [unknown] },
    });
    expect(actions[0]).toMatchObject({ title: "Change to 'db'", isPreferred: true });
    await client.close(single);
  });

  it('goes to a definition in a used file and renames across the files of the model', async () => {
    await client.open(main, readFileSync(samplePath('multi-file/main.ft'), 'utf8'), 1);
    await client.open(network, readFileSync(samplePath('multi-file/network.ft'), 'utf8'), 1);
    await client.analysedDiagnostics(main, 1, 60_000);
    // `needs network, files` in main.ft, line 34.
    const def = await client.request<Location>('textDocument/definition', { textDocument: { uri: main }, position: { line: 33, character: 10 } });
    expect(def).toEqual({ uri: network, range: { start: { line: 18, character: 6 }, end: { line: 18, character: 13 } } });
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: network },
      position: { line: 18, character: 8 },
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line}`).sort()).toEqual(['main.ft:33', 'network.ft:18']);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: network }, position: { line: 18, character: 8 }, newName: 'dc_network' });
    expect(Object.keys(edit.changes!).sort()).toEqual([main, network].sort());
    expect(edit.changes![main]).toEqual([{ range: { start: { line: 33, character: 8 }, end: { line: 33, character: 15 } }, newText: 'dc_network' }]);
  }, 90_000);

  it('re-validates the files that use a file when it changes', async () => {
    // Rename the group in network.ft only: main.ft's `needs network` becomes unknown.
    await client.change(network, 2, [{ range: { start: { line: 18, character: 6 }, end: { line: 18, character: 13 } }, text: 'net' }]);
    const published = await client.firstPublish(main, 1).then(() =>
      client.until(() => {
        const last = client.lastPublish(main);
        return last && byCode(last.diagnostics, 'unknown-name').length > 0 ? last : undefined;
      }),
    );
    expect(byCode(published.diagnostics, 'unknown-name')[0]!.range.start.line).toBe(33);
    await client.close(network);
    await client.close(main);
  });

  it('answers after edits that move the declarations below them exactly as on a fresh copy of the text', async () => {
    const edited = 'file:///tmp/faultline-moving-test/edited.ft';
    let text = readFileSync(samplePath('web-shop.ft'), 'utf8');
    let version = 1;
    await client.open(edited, text, version);
    await client.analysedDiagnostics(edited, version, 60_000);
    const verdicts = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'spof' || d.code === 'requirement-failed');
    // Each changes the length of the text above most declarations: the nodes after it are kept and moved.
    const edits: { find: string; by: string; sameVerdicts: boolean }[] = [
      { find: 'require availability >= 99.9%', by: 'require availability >= 99.999%', sameVerdicts: false },
      { find: '', by: '// moved down a line\n', sameVerdicts: true },
      { find: '  accept spof "single Redis node; Redis Sentinel planned for Q3, risk accepted by the shop owner"\n', by: '', sameVerdicts: false },
      { find: 'mtbf 4380h', by: 'mtbf 438h', sameVerdicts: false },
      { find: '// moved down a line\n', by: '', sameVerdicts: true },
      { find: '// ---------------------------------------------------------------- DNS', by: '\n\n// DNS', sameVerdicts: true },
    ];
    for (const [step, { find, by, sameVerdicts }] of edits.entries()) {
      const at = text.indexOf(find);
      expect(at, find).toBeGreaterThanOrEqual(0);
      const before = new LineIndex(text);
      const range = { start: before.positionAt(at), end: before.positionAt(at + find.length) };
      text = text.slice(0, at) + by + text.slice(at + find.length);
      version++;
      await client.change(edited, version, [{ range, text: by }]);
      // While the edit's analysis runs, the last verdicts are shown where their elements now are.
      const first = await client.firstPublish(edited, version);
      const final = await client.analysedDiagnostics(edited, version, 60_000);
      if (sameVerdicts) expect(verdicts(first.diagnostics)).toEqual(verdicts(final.diagnostics));

      const fresh = `file:///tmp/faultline-moving-test/fresh-${step}.ft`;
      await client.open(fresh, text, 1);
      const reference = await client.analysedDiagnostics(fresh, 1, 60_000);
      const same = (answer: unknown) => JSON.stringify(answer).replaceAll(edited, fresh);
      expect(same(final.diagnostics)).toBe(same(reference.diagnostics));
      const index = new LineIndex(text);
      const askBoth = async (method: string, params: Record<string, unknown>) => {
        const [a, b] = await Promise.all([
          client.request(method, { ...params, textDocument: { uri: edited } }),
          client.request(method, { ...params, textDocument: { uri: fresh } }),
        ]);
        expect(same(a), `${method} ${JSON.stringify(params)} after edit ${step}`).toBe(same(b));
      };
      for (const method of ['textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/codeLens', 'textDocument/foldingRange']) {
        await askBoth(method, {});
      }
      await askBoth('textDocument/inlayHint', { range: { start: { line: 0, character: 0 }, end: index.positionAt(text.length) } });
      await askBoth('textDocument/formatting', { options: { tabSize: 2, insertSpaces: true } });
      for (const m of text.matchAll(/\b(lb_a|lb_b|edge|app|cache|db|dns|shop)\b/g)) {
        const position = index.positionAt(m.index! + 1);
        for (const method of ['textDocument/definition', 'textDocument/documentHighlight', 'textDocument/hover']) await askBoth(method, { position });
        await askBoth('textDocument/references', { position, context: { includeDeclaration: true } });
      }
      await client.close(fresh);
    }
    const last = await client.analysedDiagnostics(edited, version, 60_000);
    expect(byCode(last.diagnostics, 'spof').length).toBeGreaterThan(0);
    expect(byCode(last.diagnostics, 'requirement-failed').length).toBeGreaterThan(0);
    await client.close(edited);
  }, 120_000);

  it('warns at each element over the node limit per element when its figures come, keeping the verdicts published before', async () => {
    const limited = await spawnServer();
    try {
      await limited.initialize({ faultline: { analysis: { elementNodeLimit: 64, debounce: 0 } } });
      const withWarnings = (uri: string) =>
        limited.until(() => {
          const published = limited.lastPublish(uri);
          return published && byCode(published.diagnostics, 'element-limit').length > 0 ? published : undefined;
        }, 60_000, `element-limit warnings on ${uri}`);
      // Small: the element figures usually come with the verdicts (unless their diagrams took over 50 ms), and the warnings with them.
      const k8s = sampleUri('k8s-control-plane.ft');
      const k8sText = readFileSync(samplePath('k8s-control-plane.ft'), 'utf8');
      await limited.open(k8s, k8sText, 1);
      await limited.analysedDiagnostics(k8s, 1, 60_000);
      const small = await withWarnings(k8s);
      expect(small.version).toBe(1);
      const smallWarnings = byCode(small.diagnostics, 'element-limit');
      expect(smallWarnings.map((d) => d.message)).toContain(
        "figures of 'scheduler' not computed: the decision diagram needs more than 64 nodes, the limit per element; the system's figures do not depend on it",
      );
      const line = k8sText.split('\n').findIndex((l) => l.startsWith('component scheduler'));
      expect(smallWarnings.find((d) => d.message.includes("'scheduler'"))!.range.start.line).toBe(line);
      const hover = await limited.request<Hover>('textDocument/hover', { textDocument: { uri: k8s }, position: { line, character: 12 } });
      expect((hover.contents as { value: string }).value).toContain('_Figures with what it needs: not computed, the decision diagram needs more than 64 nodes (the limit per element)._');
      const hints = await limited.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: k8s }, range: { start: { line: 0, character: 0 }, end: { line: line + 1, character: 0 } } });
      const schedulerHint = hints.find((h) => h.position.line === line)!;
      expect(schedulerHint.label).toBe('figures not computed');
      // An element under the limit keeps its figures.
      expect(hints.some((h) => String(h.label).startsWith('A '))).toBe(true);
      // Large (the system's diagram and the modules alone hold 24,000 nodes, over the 20,000 from which the element figures
      // always follow): the verdicts come first, the warnings with the element figures.
      const uri = 'file:///tmp/faultline-element-limit-test/big.ft';
      await limited.open(uri, generateServiceModel(10_000, 7).text, 1);
      const verdicts = await limited.analysedDiagnostics(uri, 1, 60_000);
      expect(byCode(verdicts.diagnostics, 'element-limit')).toEqual([]);
      const later = await withWarnings(uri);
      expect(later.version).toBe(1);
      // The verdicts stay: the later stage only adds.
      expect(later.diagnostics.filter((d) => d.code !== 'element-limit')).toEqual(verdicts.diagnostics);
    } finally {
      await limited.shutdown();
    }
  }, 120_000);

  it('stops an analysis over its time budget with a clear diagnostic', async () => {
    const slow = await spawnServer();
    try {
      await slow.initialize({ faultline: { analysis: { timeBudget: 0.02, debounce: 0 } } });
      const uri = 'file:///tmp/faultline-budget-test/big.ft';
      await slow.open(uri, generateServiceModel(2000, 7).text, 1);
      const published = await slow.analysedDiagnostics(uri, 1, 60_000);
      const [stopped] = byCode(published.diagnostics, 'analysis-limit');
      expect(stopped?.message).toMatch(/^analysis stopped after 0\.02 s/);
      expect(stopped?.range.start.line).toBe(1);
    } finally {
      await slow.shutdown();
    }
    expect(slow.exited).toBe(true);
  }, 90_000);
});
