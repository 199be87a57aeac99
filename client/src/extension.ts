import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { PreviewManager } from './preview/preview-manager';
import { readPreviewSettings } from './preview-settings';

/**
 * Entry point: the output channel, the language client, the preview and the
 * palette commands. Everything registered here is disposed with the extension.
 */
let client: LanguageClient | undefined;

/**
 * The server's notifications that a version's verdicts, then its element
 * figures, were published (server/src/lsp/server.ts, kept literal: no server
 * code in the client bundle). On small models both come together.
 */
const FIGURES_NOTIFICATIONS = ['faultline/analysed', 'faultline/figures'];

/** New figures: the previews redraw with them (the structure follows each edit already). */
function refreshPreviewsOnFigures(c: LanguageClient, previews: PreviewManager): void {
  for (const method of FIGURES_NOTIFICATIONS) c.onNotification(method, () => previews.refreshAll());
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Faultline');
  context.subscriptions.push(output);
  output.appendLine(`Faultline ${String(context.extension.packageJSON.version)} activated.`);

  const previews = new PreviewManager({
    extensionUri: context.extensionUri,
    output,
    client: () => client,
    settings: () => readPreviewSettings((key) => vscode.workspace.getConfiguration('faultline').get(key)),
  });
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand('faultline.openPreview', (uri?: unknown) => previews.open(false, uri)),
    vscode.commands.registerCommand('faultline.openPreviewToSide', (uri?: unknown) => previews.open(true, uri)),
    vscode.commands.registerCommand('faultline.exportSvg', (target?: unknown) => previews.export('svg', target)),
    vscode.commands.registerCommand('faultline.exportPng', (target?: unknown) => previews.export('png', target)),
    vscode.commands.registerCommand('faultline.restartServer', async () => {
      if (!client) {
        client = createLanguageClient(context, output);
        if (client) {
          refreshPreviewsOnFigures(client, previews);
          await startClient(client, output);
        }
      } else {
        output.appendLine('Restarting the language server…');
        await client.restart();
      }
      previews.refreshAll();
    }),
  );

  client = createLanguageClient(context, output);
  if (!client) return;
  refreshPreviewsOnFigures(client, previews);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) previews.refreshAll();
    }),
  );
  await startClient(client, output);
}

async function startClient(c: LanguageClient, output: vscode.OutputChannel): Promise<void> {
  try {
    await c.start();
    output.appendLine('Language server started.');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`The language server did not start: ${message}`);
    void vscode.window.showErrorMessage(`Faultline: the language server did not start (${message}). See the Faultline output.`);
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
