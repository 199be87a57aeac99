import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extensionSource = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
const minor = (range: string) => Number(/\^?1\.(\d+)\./.exec(range)?.[1]);

describe('the extension manifest', () => {
  it('registers in code exactly the commands it declares, all in the Faultline category', () => {
    const declared = (pkg.contributes.commands as Array<{ command: string; category: string }>).map((c) => c.command).sort();
    const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(declared);
    expect(declared).toEqual([
      'faultline.exportPng',
      'faultline.exportSvg',
      'faultline.openPreview',
      'faultline.openPreviewToSide',
      'faultline.restartServer',
    ]);
    expect(new Set(pkg.contributes.commands.map((c: { category: string }) => c.category))).toEqual(new Set(['Faultline']));
  });

  it('names the commands as the palette shows them', () => {
    const titles = pkg.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`).sort();
    expect(titles).toEqual([
      'Faultline: Export Diagram as PNG',
      'Faultline: Export Diagram as SVG',
      'Faultline: Open Preview',
      'Faultline: Open Preview to the Side',
      'Faultline: Restart Language Server',
    ]);
  });

  it('puts only declared commands in menus, including the editor title bar', () => {
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const entries of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) {
      for (const entry of entries) expect(declared.has(entry.command), entry.command).toBe(true);
    }
    expect(pkg.contributes.menus['editor/title'].map((e: { command: string }) => e.command)).toContain('faultline.openPreviewToSide');
  });

  it('points at files that exist', () => {
    const files = [
      pkg.icon,
      pkg.contributes.languages[0].configuration,
      pkg.contributes.languages[0].icon.light,
      pkg.contributes.grammars[0].path,
      pkg.contributes.snippets[0].path,
      'media/preview.css',
      'CHANGELOG.md',
      'client/README.md',
      '.vscodeignore',
    ];
    for (const file of files) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it('offers the settings the language server and the preview read', () => {
    expect(Object.keys(pkg.contributes.configuration.properties).sort()).toEqual([
      'faultline.analysis.debounce',
      'faultline.analysis.elementNodeLimit',
      'faultline.analysis.timeBudget',
      'faultline.diagram.direction',
      'faultline.diagram.maxNodes',
      'faultline.inlayHints.enabled',
      'faultline.mission',
      'faultline.trace.server',
    ]);
  });

  it('requires a VS Code that the language client and the typings support', () => {
    const client = JSON.parse(readFileSync(join(root, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
    const types = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8'));
    expect(pkg.engines.vscode).toBe('^1.91.0');
    expect(minor(pkg.engines.vscode)).toBeGreaterThanOrEqual(minor(client.engines.vscode));
    expect(minor(types.version)).toBeLessThanOrEqual(minor(pkg.engines.vscode));
    expect(pkg.activationEvents).toContain('onLanguage:faultline');
    expect(pkg.main).toBe('./dist/extension.js');
  });

  it('parses every snippet body and prefix', () => {
    const snippets = JSON.parse(readFileSync(join(root, 'snippets/faultline.code-snippets'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    expect(Object.keys(snippets).length).toBeGreaterThanOrEqual(8);
    for (const [name, s] of Object.entries(snippets)) {
      expect(s.prefix, name).toMatch(/^[a-z]+$/);
      expect(s.body.length, name).toBeGreaterThan(0);
    }
  });
});
