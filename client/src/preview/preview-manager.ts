import * as vscode from 'vscode';
import type { ExportFormat } from './protocol';
import { PreviewPanel, type PreviewDeps } from './preview-panel';

/**
 * The open previews, one per document, and the events that drive them: edits
 * and the server's "figures published" notification refresh, cursor moves
 * highlight.
 */
export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private lastActive: PreviewPanel | undefined;

  constructor(private readonly deps: PreviewDeps) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        // A used file changes the root's model too: refresh every preview on any `.ft` edit.
        if (e.document.languageId === 'faultline' && e.contentChanges.length > 0) this.each((p) => p.documentChanged());
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.panels.get(e.textEditor.document.uri.toString())?.cursorMoved(e.textEditor)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('faultline')) this.each((p) => p.refresh());
      }),
    );
  }

  /** Opens (or reveals) the preview of the active `.ft` document. */
  open(toSide: boolean, resource?: unknown): PreviewPanel | undefined {
    const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Faultline: open a .ft file to preview its architecture.');
      return undefined;
    }
    const key = uri.toString();
    const active = vscode.window.activeTextEditor;
    const column = toSide ? vscode.ViewColumn.Beside : (active?.viewColumn ?? vscode.ViewColumn.One);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(column, true);
      return existing;
    }
    const panel = PreviewPanel.create(uri, column, this.deps);
    this.panels.set(key, panel);
    this.lastActive = panel;
    panel.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = panel;
    });
    panel.onDidDispose(() => {
      this.panels.delete(key);
      if (this.lastActive === panel) this.lastActive = undefined;
    });
    if (active && active.document.uri.toString() === key) panel.cursorMoved(active);
    return panel;
  }

  /** Export from the focused preview, else the active document's, else the last one used. */
  async export(format: ExportFormat, target?: unknown): Promise<vscode.Uri | undefined> {
    const activeDoc = vscode.window.activeTextEditor?.document.uri.toString();
    const panel =
      [...this.panels.values()].find((p) => p.panel.active) ?? (activeDoc ? this.panels.get(activeDoc) : undefined) ?? this.lastActive;
    if (!panel) {
      void vscode.window.showInformationMessage('Faultline: open a preview first ("Faultline: Open Preview").');
      return undefined;
    }
    try {
      const written = await panel.export(format, target);
      if (written) void vscode.window.showInformationMessage(`Faultline: diagram exported to ${vscode.workspace.asRelativePath(written)}`);
      return written;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Faultline: export failed: ${message}`);
      return undefined;
    }
  }

  /** After a server restart, and when the server published new figures (`faultline/analysed`), every preview asks again. */
  refreshAll(): void {
    this.each((p) => p.refresh(0));
  }

  private each(action: (panel: PreviewPanel) => void): void {
    for (const panel of this.panels.values()) action(panel);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
