import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  SemanticTokens,
  SignatureHelp,
  TextEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { inProcessServer, type TestClient } from './harness';

/**
 * Each editor feature on a small model with known positions, through a real
 * client connection to the server running in this process.
 */
const MODEL = [
  'system shop {', //                                        0
  '  needs edge, app', //                                    1
  '  mission 30d', //                                        2
  '  require availability >= 99%', //                        3
  '}', //                                                    4
  '', //                                                     5
  'component lb_a { mtbf 1000h  mttr 1h }', //               6
  'component lb_b { mtbf 1000h  mttr 1h }', //               7
  'group edge "Edge" = parallel(lb_a, lb_b)', //             8
  '', //                                                     9
  '// the app tier', //                                      10
  '// runs on VMs', //                                       11
  'component app "App" {', //                                12
  '  mtbf 1000h', //                                         13
  '  mttr 1h', //                                            14
  '}', //                                                    15
  '', //                                                     16
].join('\n');

const uri = 'file:///tmp/faultline-features/shop.ft';
const at = (line: number, character: number): { textDocument: { uri: string }; position: { line: number; character: number } } => ({
  textDocument: { uri },
  position: { line, character },
});
const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('editor features', () => {
  let client: TestClient;
  let version = 1;

  beforeAll(async () => {
    client = inProcessServer();
    await client.initialize({ faultline: { analysis: { debounce: 0 } } });
    await client.open(uri, MODEL, version);
    await client.analysedDiagnostics(uri, version);
  });

  afterAll(async () => {
    await client.shutdown();
  });

  const setText = async (text: string): Promise<Diagnostic[]> => {
    version++;
    await client.replaceAll(uri, version, text);
    return (await client.firstPublish(uri, version)).diagnostics;
  };

  it('warns on the SPOF at its declaration and puts figures after each component and group', async () => {
    const diagnostics = client.lastPublish(uri)!.diagnostics;
    expect(diagnostics.map((d) => `${d.code}@${d.range.start.line}`)).toEqual(['spof@12']);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 16, character: 0 } },
    });
    // lb: q = 1/1001, so A = 1000/1001; edge: 1 − q²; R(30d) of lb = e^(−720/1000).
    expect(hints.map((h) => [h.position.line, h.position.character, h.label])).toEqual([
      [6, 14, 'A 99.900% · R(30d) 48.7%'],
      [7, 14, 'A 99.900% · R(30d) 48.7%'],
      [8, 17, 'A 99.999900% · R(30d) 73.66%'],
      [12, 19, 'A 99.900% · R(30d) 48.7%'],
    ]);
  });

  it('hovers keywords and units with what they mean', async () => {
    const keyword = await client.request<Hover>('textDocument/hover', at(13, 3));
    expect((keyword.contents as { value: string }).value).toContain('mean time between failures');
    const unit = await client.request<Hover>('textDocument/hover', at(2, 11));
    expect((unit.contents as { value: string }).value).toBe('`30d`: a duration in days (24 h)');
    const group = await client.request<Hover>('textDocument/hover', at(8, 7));
    expect((group.contents as { value: string }).value).toContain('- rule: parallel of 2: `lb_a`, `lb_b`');
  });

  it('completes keywords valid at the position, names, units and snippets', async () => {
    await setText(MODEL.replace('  mttr 1h\n}', '  mttr 1h\n  \n}'));
    const inBody = await client.request<CompletionItem[]>('textDocument/completion', at(15, 2));
    expect(labels(inBody)).toEqual(['mtbf', 'mttf', 'rate', 'fit', 'probability', 'availability', 'weibull', 'mttr', 'replicas', 'quorum', 'needs', 'recovery', 'ccf', 'accept']);

    await setText(MODEL.replace('  mttr 1h\n}', '  mttr 1h\n  needs \n}'));
    const names = await client.request<CompletionItem[]>('textDocument/completion', at(15, 8));
    expect(labels(names).slice(0, 3)).toEqual(['lb_a', 'lb_b', 'edge']);
    expect(labels(names)).not.toContain('app');
    expect(labels(names)).toEqual(expect.arrayContaining(['parallel', 'series', 'k of', 'each']));

    await setText(MODEL.replace('  mttr 1h\n}', '  mttr 1h\n  replicas 3\n  recovery restart 30\n}'));
    const units = await client.request<CompletionItem[]>('textDocument/completion', at(16, 21));
    expect(labels(units)).toEqual(['ms', 's', 'min', 'h', 'd', 'w', 'mo', 'y']);
    expect(units[2]!.textEdit).toEqual({ range: { start: { line: 16, character: 21 }, end: { line: 16, character: 21 } }, newText: 'min' });

    const metrics = await client.request<CompletionItem[]>('textDocument/completion', at(3, 10));
    expect(labels(metrics)).toContain('downtime');

    await setText(MODEL + '\n');
    const top = await client.request<CompletionItem[]>('textDocument/completion', at(17, 0));
    expect(labels(top)).toEqual(expect.arrayContaining(['component', 'group', 'system', 'use', 'group (standby)', 'component (replicated)']));
  });

  it('helps with the members of standby and k of', async () => {
    await setText(MODEL + 'component c { mtbf 1h  mttr 1h }\ngroup hot = standby(lb_a, lb_b\ngroup two = 2 of (lb_a, ');
    const standby = await client.request<SignatureHelp>('textDocument/signatureHelp', at(17, 30));
    expect(standby.signatures[0]!.label).toBe('standby(primary, spare, …)');
    expect(standby.activeParameter).toBe(1);
    const kofn = await client.request<SignatureHelp>('textDocument/signatureHelp', at(18, 24));
    expect(kofn.signatures[0]!.label).toBe('2 of (member, member, …)');
  });

  it('outlines, folds, highlights and lists workspace symbols', async () => {
    await setText(MODEL);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.kind, s.detail ?? ''])).toEqual([
      ['shop', 2, ''],
      ['lb_a', 5, ''],
      ['lb_b', 5, ''],
      ['edge', 23, 'Edge'],
      ['app', 5, 'App'],
    ]);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    expect(folds.map((f) => [f.startLine, f.endLine, f.kind ?? 'region'])).toEqual([
      [0, 4, 'region'],
      [12, 15, 'region'],
      [10, 11, 'comment'],
    ]);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(8, 30));
    expect(highlights.map((h) => [h.range.start.line, h.kind])).toEqual([[6, 3], [8, 2]]);
    const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'lb' });
    expect(found.map((s) => s.name)).toEqual(['lb_a', 'lb_b']);
  });

  it('formats the document and a range, and refuses a file with syntax errors', async () => {
    await setText('component  a {mtbf 1h   mttr 1h}\ncomponent b { mtbf 1h }\n');
    const whole = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(whole.length).toBe(1);
    const range = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(range).toEqual([]);
    await setText('component a { mtbf }}}\n');
    expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it('colours names by what they denote and marks declarations', async () => {
    await setText('component a { mtbf 1h }\ngroup g = parallel(a, x)\n');
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const quintuples: number[][] = [];
    for (let i = 0; i < tokens.data.length; i += 5) quintuples.push(tokens.data.slice(i, i + 5));
    // component(kw) a(class, decl) mtbf(kw) 1h(number) / group(kw) g(struct, decl) =(op) parallel(kw) a(class) x(unknown)
    expect(quintuples).toEqual([
      [0, 0, 9, 0, 0], [0, 10, 1, 2, 1], [0, 4, 4, 0, 0], [0, 5, 2, 6, 0],
      [1, 0, 5, 0, 0], [0, 6, 1, 3, 1], [0, 2, 1, 8, 0], [0, 2, 8, 0, 0], [0, 9, 1, 2, 0], [0, 3, 1, 4, 0],
    ]);
  });

  it('offers quick fixes keyed on the diagnostic codes', async () => {
    const diagnostics = await setText(
      'system s { needs a, b }\ncomponent a { mtbf 2m  mttr 30sec }\ncomponent b { mtbf 10h }\ncomponent lonely { mtbf 1h  mttr 1h }\n',
    );
    const titles = async (code: string): Promise<[string, TextEdit[]][]> => {
      const picked = diagnostics.filter((d) => d.code === code);
      expect(picked.length, code).toBeGreaterThan(0);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: picked[0]!.range,
        context: { diagnostics: picked },
      });
      return actions.map((a) => [a.title, a.edit!.changes![uri]!]);
    };
    expect(await titles('unit-minutes')).toEqual([["Change 'm' to 'min'", [{ range: { start: { line: 1, character: 20 }, end: { line: 1, character: 21 } }, newText: 'min' }]]]);
    expect((await titles('unknown-unit'))[0]![0]).toBe("Change 'sec' to 's'");
    const [fixMttr] = await titles('no-availability');
    expect(fixMttr![0]).toBe("Add 'mttr 1h' to 'b'");
    expect(fixMttr![1]).toEqual([{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 22 } }, newText: '  mttr 1h' }]);
    const [remove] = await titles('unused-component');
    expect(remove).toEqual(["Remove unused component 'lonely'", [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '' }]]);
  });

  it('links the two declarations of a duplicate name, and both ends of a cycle', async () => {
    const diagnostics = await setText('component a { mtbf 1h }\ncomponent a { mtbf 2h }\ngroup g = series(h)\ngroup h = series(g)\n');
    const duplicate = diagnostics.filter((d) => d.code === 'duplicate-name');
    expect(duplicate.map((d) => d.range.start.line).sort()).toEqual([0, 1]);
    for (const d of duplicate) expect(d.relatedInformation?.length).toBeGreaterThan(0);
    const [cycle] = diagnostics.filter((d) => d.code === 'dependency-cycle');
    expect(cycle?.relatedInformation?.map((r) => r.location.range.start.line)).toEqual(expect.arrayContaining([2, 3].filter((l) => l !== cycle!.range.start.line)));
  });

  it('answers the preview\'s diagram request with the model and its SPOFs', async () => {
    await setText(MODEL);
    await client.analysedDiagnostics(uri, version);
    const diagram = await client.request<{ mermaid: string; nodes: { name: string; spof: boolean }[]; hasErrors: boolean; version: number }>('faultline/diagram', {
      textDocument: { uri },
    });
    expect(diagram.hasErrors).toBe(false);
    expect(diagram.version).toBe(version);
    expect(diagram.mermaid).toMatch(/^flowchart/);
    expect(diagram.nodes.find((n) => n.name === 'app')?.spof).toBe(true);
  });

  it('applies the mission setting to every figure', async () => {
    await setText(MODEL);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { faultline: { mission: '1y' } } });
    const request = (): Promise<InlayHint[]> =>
      client.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } },
      });
    let hints = await request();
    for (let tries = 0; tries < 200 && !String(hints[0]?.label).includes('R(1y)'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      hints = await request();
    }
    // R(1y) of lb: e^(−8.76).
    expect(hints.map((h) => h.label)).toEqual(['A 99.900% · R(1y) 0.0157%']);
  });
});

describe('the node limit per element', () => {
  it('analyses every open model again when the setting changes, and the warnings follow it', async () => {
    const client = inProcessServer();
    try {
      await client.initialize({ faultline: { analysis: { debounce: 0 } } });
      // Two pairs sharing b: neither is a module, so each pair has a diagram of its own (two nodes at least).
      const text = [
        'system s { needs g1, g2 }',
        'component a { mtbf 1000h  mttr 1h }',
        'component b { mtbf 1000h  mttr 1h }',
        'component c { mtbf 1000h  mttr 1h }',
        'group g1 = parallel(a, b)',
        'group g2 = parallel(b, c)',
        '',
      ].join('\n');
      await client.open(uri, text, 1);
      const first = await client.analysedDiagnostics(uri, 1);
      expect(first.diagnostics.filter((d) => d.code === 'element-limit')).toEqual([]);
      const published = (wanted: (codes: string[]) => boolean, what: string): Promise<Diagnostic[]> =>
        client.until(() => {
          const last = client.lastPublish(uri)!.diagnostics;
          return wanted(last.map((d) => String(d.code))) ? last : undefined;
        }, 20_000, what);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { faultline: { analysis: { elementNodeLimit: 1 } } } });
      const limited = await published((codes) => codes.includes('element-limit'), 'element-limit warnings');
      expect(limited.filter((d) => d.code === 'element-limit').map((d) => d.range.start.line)).toEqual([4, 5]);
      // The verdicts do not depend on the limit.
      expect(limited.filter((d) => d.code !== 'element-limit')).toEqual(first.diagnostics);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { faultline: { analysis: { elementNodeLimit: null } } } });
      const unlimited = await published((codes) => !codes.includes('element-limit'), 'the warnings gone');
      expect(unlimited).toEqual(first.diagnostics);
    } finally {
      await client.shutdown();
    }
  });
});

describe('the analysis debounce', () => {
  it('analyses an edit after a pause at once, and a burst of edits once, at its last version, about one debounce after it', async () => {
    const client = inProcessServer();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      await client.initialize({ faultline: { analysis: { debounce: 400 } } });
      await client.open(uri, MODEL, 1);
      await client.analysedDiagnostics(uri, 1);
      await pause(450);
      const edited = performance.now();
      await client.replaceAll(uri, 2, MODEL.replace('mttr 1h', 'mttr 2h'));
      await client.analysedDiagnostics(uri, 2);
      expect(performance.now() - edited).toBeLessThan(390);
      let lastEdit = 0;
      for (let v = 3; v <= 5; v++) {
        await client.replaceAll(uri, v, MODEL.replace('mttr 1h', `mttr ${v}h`));
        lastEdit = performance.now();
        await pause(50);
      }
      await client.analysedDiagnostics(uri, 5);
      const waited = performance.now() - lastEdit;
      // Version 3 came within a debounce of version 2: the user is typing, so the burst waits for its pause.
      expect(client.analysed.map((a) => a.version)).toEqual([1, 2, 5]);
      expect(waited).toBeGreaterThanOrEqual(390);
      expect(waited).toBeLessThan(5_000);
    } finally {
      await client.shutdown();
    }
  });
});
