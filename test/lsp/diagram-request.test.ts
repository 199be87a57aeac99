import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../server/src/analysis/analysis-diagnostics';
import { nodeFileHost } from '../../server/src/language/node-file-host';
import { loadModel } from '../../server/src/language/workspace';
import { diagramForModel, DiagramRequest, readDiagramParams } from '../../server/src/lsp/diagram-request';
import { memoryHost } from '../support/memory-host';

describe('the faultline/diagram request', () => {
  it('is named faultline/diagram', () => {
    expect(DiagramRequest).toBe('faultline/diagram');
  });

  it('answers with Mermaid text and each node located as an LSP range', () => {
    const text = 'system s { needs cache }\n\ncomponent cache "Redis" {\n  mtbf 8760h\n  mttr 30min\n}\n';
    const model = loadModel('/m.ft', memoryHost({ '/m.ft': text }));
    const response = diagramForModel(model, evaluateModel(model).analysis, { uri: 'file:///m.ft', version: 7 });
    expect(response.uri).toBe('file:///m.ft');
    expect(response.version).toBe(7);
    expect(response.hasErrors).toBe(false);
    expect(response.collapsed).toBe(false);
    expect(response.mermaid.startsWith('flowchart TB\n')).toBe(true);
    const cache = response.nodes.find((n) => n.name === 'cache')!;
    expect(cache).toMatchObject({ kind: 'component', uri: '/m.ft', spof: true });
    expect(cache.range).toEqual({ start: { line: 2, character: 10 }, end: { line: 2, character: 15 } });
    expect(cache.declarationRange).toEqual({ start: { line: 2, character: 0 }, end: { line: 5, character: 1 } });
    const system = response.nodes.find((n) => n.kind === 'system')!;
    expect(system.range).toEqual({ start: { line: 0, character: 7 }, end: { line: 0, character: 8 } });
  });

  it('locates elements of used files in their own file', () => {
    const root = join(__dirname, '../../samples/multi-file/main.ft');
    const model = loadModel(nodeFileHost.resolve(root, root), nodeFileHost);
    const response = diagramForModel(model, evaluateModel(model).analysis, { uri: root, version: null, direction: 'LR' });
    expect(response.mermaid.startsWith('flowchart LR\n')).toBe(true);
    const fw1 = response.nodes.find((n) => n.name === 'fw_1')!;
    expect(fw1.uri).toMatch(/network\.ft$/);
    expect(fw1.range).toEqual({ start: { line: 10, character: 10 }, end: { line: 10, character: 14 } });
  });

  it('still answers, flagged, when the model has errors, and draws junctions without a location', () => {
    const model = loadModel('/m.ft', memoryHost({ '/m.ft': 'system s { needs parallel(a, nope) }\ncomponent a { mtbf 10h }\n' }));
    const response = diagramForModel(model, undefined, { uri: '/m.ft', version: 1 });
    expect(response.hasErrors).toBe(true);
    const junction = response.nodes.find((n) => n.kind === 'junction')!;
    expect(junction).toMatchObject({ uri: null, range: null, declarationRange: null });
  });

  it('collapses groups when asked with maxNodes, and ignores a maxNodes of 0', () => {
    const text = ['system s { needs g }', 'component a { mtbf 10h  mttr 1h }', 'component b { mtbf 10h  mttr 1h }', 'group g = parallel(a, b)'].join('\n');
    const model = loadModel('/m.ft', memoryHost({ '/m.ft': text }));
    expect(diagramForModel(model, undefined, { uri: '/m.ft', version: 1, maxNodes: 2 }).collapsed).toBe(true);
    expect(diagramForModel(model, undefined, { uri: '/m.ft', version: 1, maxNodes: 0 }).collapsed).toBe(false);
  });

  it('reads parameters from the wire defensively', () => {
    expect(readDiagramParams({ textDocument: { uri: 'file:///a.ft' }, direction: 'LR', maxNodes: 40 })).toEqual({
      textDocument: { uri: 'file:///a.ft' },
      direction: 'LR',
      maxNodes: 40,
    });
    expect(readDiagramParams({ textDocument: { uri: 'file:///a.ft' }, direction: 'sideways', maxNodes: 'many' })).toEqual({
      textDocument: { uri: 'file:///a.ft' },
    });
    expect(readDiagramParams({ textDocument: {} })).toBeUndefined();
    expect(readDiagramParams(null)).toBeUndefined();
    expect(readDiagramParams('faultline')).toBeUndefined();
  });
});
