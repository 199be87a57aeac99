import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview/preview-html';
import type { FromWebview, PreviewDiagram, ToWebview } from '../../client/src/preview/protocol';
import { evaluateModel } from '../../server/src/analysis/analysis-diagnostics';
import { nodeFileHost } from '../../server/src/language/node-file-host';
import { loadModel } from '../../server/src/language/workspace';
import { diagramForModel } from '../../server/src/lsp/diagram-request';
import { memoryHost } from '../support/memory-host';

/**
 * Runs the preview's real webview script (`dist/webview/preview.js`, built by
 * `npm run build`) in Debian's Chromium, inside the very page and CSP the
 * extension serves. A small prelude stands in for VS Code: it records what the
 * script posts, counts CSP violations, and sets the editor theme.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const ROOT = resolve(__dirname, '../..');
export const OUTPUT = join(ROOT, 'test-output', 'webview');

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this before npm test`);
  }
  if (!existsSync(join(ROOT, 'dist/webview/preview.js'))) throw new Error('dist/webview/preview.js is missing: run npm run build first');
}

export type Theme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';

/** A handful of the variables VS Code defines in every webview, per theme. */
const THEME_VARIABLES: Record<Theme, Record<string, string>> = {
  'vscode-light': { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#1f1f1f', '--vscode-focusBorder': '#005fb8' },
  'vscode-dark': { '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-focusBorder': '#0078d4' },
  'vscode-high-contrast': { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-focusBorder': '#f38518' },
};

const PRELUDE = `
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => {
  let state;
  return {
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = s; },
  };
};
window.__setTheme = (kind, vars) => {
  document.body.className = kind;
  document.body.setAttribute('data-vscode-theme-kind', kind);
  for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
};
window.__setTheme('vscode-light', ${JSON.stringify(THEME_VARIABLES['vscode-light'])});
`;

export interface Harness {
  readonly browser: Browser;
  readonly server: Server;
  readonly origin: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  requireChromium();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const files: Record<string, [string, string]> = {
      '/dist/webview/preview.js': [join(ROOT, 'dist/webview/preview.js'), 'text/javascript'],
      '/media/preview.css': [join(ROOT, 'media/preview.css'), 'text/css'],
    };
    const file = files[url.pathname];
    if (url.pathname === '/') {
      const origin = `http://${request.headers.host}`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        previewHtml({
          cspSource: origin,
          nonce: 'testnonce0123456789',
          scriptUri: `${origin}/dist/webview/preview.js`,
          styleUri: `${origin}/media/preview.css`,
          title: 'Preview',
          prelude: PRELUDE,
        }),
      );
    } else if (file) {
      response.writeHead(200, { 'content-type': file[1] });
      response.end(readFileSync(file[0]));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  mkdirSync(OUTPUT, { recursive: true });
  return {
    browser,
    server,
    origin,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export async function openPreview(harness: Harness, size = { width: 1100, height: 800 }): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: size });
  await page.goto(harness.origin + '/');
  await page.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.some((m) => m.type === 'ready'));
  return page;
}

export async function send(page: Page, message: ToWebview): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<FromWebview[]> {
  return page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted);
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Sends a diagram and waits until the script reports it rendered; returns the render time it measured. */
export async function showDiagram(page: Page, diagram: PreviewDiagram): Promise<number> {
  const before = (await posted(page)).filter((m) => m.type === 'rendered').length;
  await send(page, { type: 'diagram', diagram });
  await page.waitForFunction(
    (n) => (window as unknown as { __posted: FromWebview[] }).__posted.filter((m) => m.type === 'rendered').length > n,
    before,
    { timeout: 120_000 },
  );
  const rendered = (await posted(page)).filter((m) => m.type === 'rendered');
  const last = rendered[rendered.length - 1]!;
  return last.type === 'rendered' ? last.milliseconds : NaN;
}

/**
 * Sends a diagram and measures, inside the page, the time from the message to
 * the first frame painted after the script reported it rendered: what a user
 * waits for once the extension posts an update (queueing, Mermaid, the swap,
 * style, layout and paint). Also returns the script's own render time.
 */
export async function showDiagramTimed(page: Page, diagram: PreviewDiagram): Promise<{ readonly script: number; readonly painted: number }> {
  return page.evaluate(async (d) => {
    const posted = (window as unknown as { __posted: FromWebview[] }).__posted;
    const before = posted.filter((m) => m.type === 'rendered').length;
    const start = performance.now();
    window.postMessage({ type: 'diagram', diagram: d } satisfies ToWebview, '*');
    const rendered = await new Promise<FromWebview>((resolve, reject) => {
      const deadline = start + 120_000;
      const poll = () => {
        const all = posted.filter((m) => m.type === 'rendered');
        if (all.length > before) resolve(all[all.length - 1]!);
        else if (performance.now() > deadline) reject(new Error('the diagram was not rendered within 120 s'));
        else setTimeout(poll, 1);
      };
      poll();
    });
    // The frame after the swap: requestAnimationFrame runs before its style, layout and paint; the next task after them.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { script: rendered.type === 'rendered' ? rendered.milliseconds : NaN, painted: performance.now() - start };
  }, diagram);
}

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(([kind, vars]) => (window as unknown as { __setTheme: (k: string, v: object) => void }).__setTheme(kind, vars), [
    theme,
    THEME_VARIABLES[theme],
  ] as const);
}

/** The diagram the language server would send for a sample file. */
export function sampleDiagram(relativePath: string): PreviewDiagram {
  const file = join(ROOT, relativePath);
  const model = loadModel(file, nodeFileHost);
  const evaluation = evaluateModel(model);
  return toPreview(diagramForModel(model, evaluation.analysis, { uri: file, version: 1 }));
}

/** The diagram for model text held in memory. */
export function textDiagram(text: string, version = 1, maxNodes?: number): PreviewDiagram {
  const model = loadModel('/mem/model.ft', memoryHost({ '/mem/model.ft': text }));
  const evaluation = evaluateModel(model);
  return toPreview(diagramForModel(model, evaluation.analysis, { uri: '/mem/model.ft', version, ...(maxNodes ? { maxNodes } : {}) }));
}

function toPreview(response: ReturnType<typeof diagramForModel>): PreviewDiagram {
  return {
    mermaid: response.mermaid,
    nodes: response.nodes.map(({ id, name, kind, spof }) => ({ id, name, kind, spof })),
    hasErrors: response.hasErrors,
    collapsed: response.collapsed,
    version: response.version,
  };
}
