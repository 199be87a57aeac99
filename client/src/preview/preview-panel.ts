import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiagramNodeInfo, DiagramParams, DiagramResponse } from '../../../server/src/lsp/diagram-request';
import type { PreviewSettings } from '../preview-settings';
import { exportBytes } from './export-bytes';
import { exportTarget } from './export-file';
import { nodeAtCursor } from './node-at-cursor';
import { makeNonce, previewHtml } from './preview-html';
import { isFromWebview, type ExportFormat, type FromWebview, type PreviewDiagram, type ToWebview } from './protocol';
import { RequestLoop } from './request-loop';

/** Same string as `DiagramRequest` in the server (kept literal: the client bundle must not pull server code). */
const DIAGRAM_REQUEST = 'faultline/diagram';
/** Wait after an edit before asking, so that one request covers a burst of changes. */
const EDIT_DELAY_MS = 40;
/** The server answered for an older version: ask again this often, this many times. */
const STALE_RETRY_MS = 60;
const STALE_RETRIES = 40;
const EXPORT_TIMEOUT_MS = 30_000;

export interface PreviewDeps {
  readonly extensionUri: vscode.Uri;
  readonly output: vscode.OutputChannel;
  readonly client: () => LanguageClient | undefined;
  readonly settings: () => PreviewSettings;
}

export const PREVIEW_VIEW_TYPE = 'faultline.preview';

/** One preview panel, locked to one `.ft` document. */
export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private nodes: readonly DiagramNodeInfo[] = [];
  private staleRetries = 0;
  private readonly requests = new RequestLoop(() => this.requestDiagram());
  /** The last diagram and status posted: an identical one is not posted again. */
  private lastDiagram: PreviewDiagram | undefined;
  private lastStatus: string | null | undefined;
  private ready = false;
  private pendingDiagram: ToWebview | undefined;
  private pendingStatus: ToWebview | undefined;
  private disposed = false;
  private highlighted: string | null = null;
  private nextExportId = 1;
  private readonly exports = new Map<number, { resolve: (data: string) => void; reject: (error: Error) => void }>();
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  static create(documentUri: vscode.Uri, column: vscode.ViewColumn, deps: PreviewDeps): PreviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Preview ${path.basename(documentUri.path)}`,
      { viewColumn: column, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media'), vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')],
      },
    );
    return new PreviewPanel(panel, documentUri, deps);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    private readonly deps: PreviewDeps,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => new Uint8Array(randomBytes(n))),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'media', 'preview.css')).toString(),
      title: panel.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        if (isFromWebview(message)) void this.onMessage(message);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.refresh(0);
  }

  /** Asks the server for a fresh diagram within `delayMs` (one request covers a burst of triggers). */
  refresh(delayMs = EDIT_DELAY_MS): void {
    this.requests.trigger(delayMs);
  }

  /** Any edit: start over with the retry budget. */
  documentChanged(): void {
    this.staleRetries = 0;
    this.refresh();
  }

  private async requestDiagram(): Promise<void> {
    const client = this.deps.client();
    if (!client || !client.isRunning()) {
      this.postStatus('The Faultline language server is not running.');
      if (client) this.refresh(500);
      return;
    }
    const settings = this.deps.settings();
    const params: DiagramParams = {
      textDocument: { uri: this.documentUri.toString() },
      direction: settings.direction,
      maxNodes: settings.maxNodes,
    };
    let response: DiagramResponse | null;
    try {
      response = await client.sendRequest<DiagramResponse | null>(DIAGRAM_REQUEST, params);
    } catch (error) {
      this.deps.output.appendLine(`Preview: the diagram request failed: ${error instanceof Error ? error.message : String(error)}`);
      this.postStatus('The language server could not draw this model (see the Faultline output).');
      return;
    }
    if (!response) {
      this.postStatus('The language server does not know this document yet.');
      this.refresh(STALE_RETRY_MS * 3);
      return;
    }
    this.nodes = response.nodes; // always: the declarations' ranges move with every edit
    this.postStatus(null);
    this.postDiagram({
      mermaid: response.mermaid,
      nodes: response.nodes.map(({ id, name, kind, spof }) => ({ id, name, kind, spof })),
      hasErrors: response.hasErrors,
      collapsed: response.collapsed,
      version: response.version,
    });
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.documentUri.toString());
    if (document && response.version !== null && response.version < document.version && this.staleRetries < STALE_RETRIES) {
      this.staleRetries++;
      this.refresh(STALE_RETRY_MS);
    }
  }

  /** Highlights the node under the cursor of an editor showing this document. */
  cursorMoved(editor: vscode.TextEditor): void {
    if (editor.document.uri.toString() !== this.documentUri.toString()) return;
    const position = editor.selection.active;
    const wordRange = editor.document.getWordRangeAtPosition(position);
    const word = wordRange ? editor.document.getText(wordRange) : undefined;
    const id = nodeAtCursor(this.nodes, (uri) => sameDocument(uri, editor.document.uri), position, word);
    if (id === this.highlighted) return;
    this.highlighted = id;
    this.post({ type: 'highlight', nodeId: id });
  }

  /** Exports the current diagram; resolves to the written file, or undefined when cancelled. */
  async export(format: ExportFormat, target?: unknown): Promise<vscode.Uri | undefined> {
    const requestId = this.nextExportId++;
    const data = await new Promise<string>((resolve, reject) => {
      this.exports.set(requestId, { resolve, reject });
      setTimeout(() => {
        if (this.exports.delete(requestId)) reject(new Error('the preview did not answer in time'));
      }, EXPORT_TIMEOUT_MS);
      this.post({ type: 'export', requestId, format });
    });
    const uri = await exportTarget(this.documentUri, format, target);
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, exportBytes(format, data));
    this.deps.output.appendLine(`Preview: exported ${uri.fsPath}`);
    return uri;
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pendingStatus) this.post(this.pendingStatus);
        if (this.pendingDiagram) this.post(this.pendingDiagram);
        if (this.highlighted) this.post({ type: 'highlight', nodeId: this.highlighted });
        return;
      case 'rendered':
        this.deps.output.appendLine(
          `Preview: rendered version ${message.version ?? '?'} (${message.nodeCount} nodes) in ${Math.round(message.milliseconds)} ms${message.reused ? ' (drawing unchanged)' : ''}`,
        );
        return;
      case 'renderFailed':
        this.deps.output.appendLine(`Preview: Mermaid could not render the diagram: ${message.message}`);
        return;
      case 'reveal':
        await this.reveal(message.nodeId);
        return;
      case 'requestExport':
        try {
          await this.export(message.format);
        } catch (error) {
          void vscode.window.showErrorMessage(`Faultline: export failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return;
      case 'exported':
        this.exports.get(message.requestId)?.resolve(message.data);
        this.exports.delete(message.requestId);
        return;
      case 'exportFailed':
        this.exports.get(message.requestId)?.reject(new Error(message.message));
        this.exports.delete(message.requestId);
        return;
    }
  }

  /** Click on a node: open its declaration beside the preview, name selected. */
  private async reveal(nodeId: string): Promise<void> {
    const node = this.nodes.find((n) => n.id === nodeId);
    if (!node || node.uri === null || node.range === null) return;
    const uri = toUri(node.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const { start, end } = node.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Posts a diagram unless it draws exactly what the last one drew (most edits and analyses change nothing drawn). */
  private postDiagram(diagram: PreviewDiagram): void {
    const last = this.lastDiagram;
    if (last && last.mermaid === diagram.mermaid && last.hasErrors === diagram.hasErrors && last.collapsed === diagram.collapsed) return;
    this.lastDiagram = diagram;
    this.post({ type: 'diagram', diagram });
  }

  private postStatus(text: string | null): void {
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    this.post({ type: 'status', text });
  }

  private post(message: ToWebview): void {
    if (this.disposed) return;
    if (message.type === 'diagram') this.pendingDiagram = message;
    if (message.type === 'status') this.pendingStatus = message;
    if (!this.ready) return;
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.requests.dispose();
    for (const pending of this.exports.values()) pending.reject(new Error('the preview was closed'));
    this.exports.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}

/** The server names files by URI or, for files it read itself, by path. */
export function toUri(serverUri: string): vscode.Uri {
  return /^[a-zA-Z][\w+.-]*:/.test(serverUri) && !/^[a-zA-Z]:[\\/]/.test(serverUri) ? vscode.Uri.parse(serverUri) : vscode.Uri.file(serverUri);
}

function sameDocument(serverUri: string, documentUri: vscode.Uri): boolean {
  const uri = toUri(serverUri);
  return uri.scheme === 'file' && documentUri.scheme === 'file' ? uri.fsPath === documentUri.fsPath : uri.toString() === documentUri.toString();
}
