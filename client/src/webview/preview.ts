import mermaid from 'mermaid';
import type { ExportFormat, FromWebview, PreviewDiagram, ToWebview } from '../preview/protocol';
import { pngFromSvg, standaloneSvg } from './export-image';
import { tagNodeElements } from './node-elements';
import { PanZoom, type View } from './pan-zoom';
import { mermaidTheme, themeKindOf, type ThemeKind } from './theme';

/**
 * The preview's script, running inside the webview (a browser). It renders the
 * diagram the extension sends with the bundled Mermaid (no network), keeps the
 * last good diagram while the model has errors, keeps pan and zoom across
 * updates, follows the editor's theme, and reports clicks and exports back.
 */

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  readonly view?: View;
}

const host = acquireVsCodeApi();
const saved = (host.getState() ?? {}) as SavedState;
const viewport = element('viewport');
const canvas = element('canvas');
const banner = element('banner');
const waiting = element('waiting');

let theme: ThemeKind = themeKindOf(document.body);
let lastGood: PreviewDiagram | undefined;
/** What the SVG on the canvas was drawn from: an update with the same text in the same theme reuses it. */
let drawn: { readonly mermaid: string; readonly theme: ThemeKind } | undefined;
let pending: PreviewDiagram | undefined;
/** The newest diagram given to `render` (being drawn, or shown). */
let latest: PreviewDiagram | undefined;
let rendering = false;
let renderCount = 0;
let highlighted: string | null = null;
let nodeElements = new Map<string, SVGGElement>();
let hasView = saved.view !== undefined;
let statusText: string | null = null;
let diagramProblem: string | null = null;

const panZoom = new PanZoom(viewport, canvas, saved.view, (view) => host.setState({ view } satisfies SavedState));
configureMermaid();

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message?.type) {
    case 'diagram':
      receive(message.diagram);
      return;
    case 'highlight':
      highlight(message.nodeId);
      return;
    case 'export':
      void exportDiagram(message.requestId, message.format);
      return;
    case 'status':
      statusText = message.text;
      updateBanner();
      return;
  }
});

canvas.addEventListener('click', (event) => {
  if (panZoom.movedDuringGesture) return;
  const target = (event.target as Element | null)?.closest('[data-node-id]');
  const nodeId = target?.getAttribute('data-node-id');
  if (nodeId) host.postMessage({ type: 'reveal', nodeId });
});

document.getElementById('toolbar')?.addEventListener('click', (event) => {
  const action = (event.target as Element | null)?.closest('button')?.getAttribute('data-action');
  if (action) runAction(action);
});

viewport.addEventListener('keydown', (event) => {
  const actions: Record<string, string> = { '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', '0': 'fit', '1': 'actual-size' };
  const action = actions[event.key];
  if (action && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    runAction(action);
  }
});

// The editor's theme changes the body's class and attributes: re-render in the new colours.
new MutationObserver(() => {
  const next = themeKindOf(document.body);
  if (next === theme) return;
  theme = next;
  configureMermaid();
  // Redraw the newest diagram, not the one on screen: a render may be under way for a newer one.
  if (latest) {
    pending ??= latest;
    void pump();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

host.postMessage({ type: 'ready' });

function receive(diagram: PreviewDiagram): void {
  if (diagram.hasErrors && lastGood) {
    // Keep what the user was looking at; say why it does not follow the text.
    diagramProblem = 'The model has errors: showing the last valid diagram.';
    updateBanner();
    return;
  }
  pending = diagram;
  void pump();
}

/** Renders the newest pending diagram; edits that arrive meanwhile coalesce into one more render. */
async function pump(): Promise<void> {
  if (rendering) return;
  rendering = true;
  try {
    while (pending) {
      const next = pending;
      pending = undefined;
      latest = next;
      await render(next);
    }
  } finally {
    rendering = false;
  }
}

async function render(diagram: PreviewDiagram): Promise<void> {
  const started = performance.now();
  // Each edit and each new analysis brings a diagram; most often nothing drawn has changed.
  const reused = drawn !== undefined && drawn.mermaid === diagram.mermaid && drawn.theme === theme;
  if (!reused && !(await draw(diagram))) return;
  if (!diagram.hasErrors) lastGood = diagram;
  diagramProblem = diagram.hasErrors ? 'The model has errors: the diagram may be incomplete.' : null;
  waiting.hidden = true;
  element('note').hidden = !diagram.collapsed;
  updateBanner();
  if (!hasView) {
    hasView = true;
    fitToContent();
  }
  canvas.setAttribute('data-version', String(diagram.version ?? ''));
  canvas.setAttribute('data-render-count', String(renderCount));
  host.postMessage({ type: 'rendered', version: diagram.version, nodeCount: diagram.nodes.length, milliseconds: performance.now() - started, reused });
}

/** Mermaid draws the diagram off-screen; its SVG then replaces the canvas's content. False when it could not. */
async function draw(diagram: PreviewDiagram): Promise<boolean> {
  const id = `fl-diagram-${++renderCount}`;
  const drawnTheme = theme;
  let svgText: string;
  try {
    svgText = (await mermaid.render(id, diagram.mermaid)).svg;
  } catch (error) {
    document.getElementById(`d${id}`)?.remove(); // Mermaid's scratch element, left behind on errors
    const message = error instanceof Error ? error.message : String(error);
    diagramProblem = 'The diagram could not be drawn; showing the last one.';
    updateBanner();
    host.postMessage({ type: 'renderFailed', message });
    return false;
  }
  canvas.innerHTML = svgText; // Mermaid's output, sanitised under securityLevel 'strict'
  const svg = canvas.querySelector('svg');
  if (!svg) return false;
  svg.removeAttribute('style'); // no max-width: the pan/zoom transform sizes it
  nodeElements = tagNodeElements(svg, diagram.nodes.map((n) => n.id));
  for (const node of diagram.nodes) if (node.spof) nodeElements.get(node.id)?.classList.add('fl-spof');
  if (highlighted) nodeElements.get(highlighted)?.classList.add('fl-highlight');
  drawn = { mermaid: diagram.mermaid, theme: drawnTheme };
  return true;
}

function highlight(nodeId: string | null): void {
  if (highlighted) nodeElements.get(highlighted)?.classList.remove('fl-highlight');
  highlighted = nodeId;
  if (nodeId) nodeElements.get(nodeId)?.classList.add('fl-highlight');
}

function runAction(action: string): void {
  switch (action) {
    case 'zoom-in':
      panZoom.zoomBy(1.25);
      return;
    case 'zoom-out':
      panZoom.zoomBy(0.8);
      return;
    case 'fit':
      fitToContent();
      return;
    case 'actual-size':
      panZoom.actualSize();
      return;
    case 'export-svg':
      host.postMessage({ type: 'requestExport', format: 'svg' });
      return;
    case 'export-png':
      host.postMessage({ type: 'requestExport', format: 'png' });
      return;
  }
}

function fitToContent(): void {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.getBoundingClientRect().width / panZoom.current.scale;
  const height = box && box.height > 0 ? box.height : svg.getBoundingClientRect().height / panZoom.current.scale;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  panZoom.fit(width, height);
}

async function exportDiagram(requestId: number, format: ExportFormat): Promise<void> {
  const svg = canvas.querySelector('svg');
  if (!svg) {
    host.postMessage({ type: 'exportFailed', requestId, message: 'there is no diagram yet' });
    return;
  }
  try {
    const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
    const standalone = standaloneSvg(svg, background);
    const data = format === 'svg' ? standalone.text : await pngFromSvg(standalone.text, standalone.width, standalone.height);
    host.postMessage({ type: 'exported', requestId, format, data });
  } catch (error) {
    host.postMessage({ type: 'exportFailed', requestId, message: error instanceof Error ? error.message : String(error) });
  }
}

function updateBanner(): void {
  const text = statusText ?? diagramProblem;
  banner.hidden = text === null;
  banner.textContent = text ?? '';
}

function configureMermaid(): void {
  const fontFamily = getComputedStyle(document.body).getPropertyValue('--vscode-font-family');
  const { theme: mermaidThemeName, themeVariables } = mermaidTheme(theme, fontFamily);
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: mermaidThemeName,
    themeVariables,
    fontFamily: String(themeVariables['fontFamily']),
    // Our own size fallback (collapsed groups) replaces Mermaid's hard limits.
    maxTextSize: 10_000_000,
    maxEdges: 100_000,
    flowchart: { htmlLabels: true, useMaxWidth: false },
  });
  document.body.setAttribute('data-theme', theme);
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the preview page lacks #${id}`);
  return found;
}
