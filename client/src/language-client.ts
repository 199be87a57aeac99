import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { onCrash } from './restart-policy';

/**
 * The language client: the bundled server (`dist/server.js`) over Node IPC,
 * `.ft` documents on disk and unsaved, the `faultline` settings section sent
 * to the server on every change, and restarts after a crash (bounded).
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient | undefined {
  const serverModule = context.asAbsolutePath('dist/server.js');
  if (!fs.existsSync(serverModule)) {
    output.appendLine(`The language server is missing (${serverModule}); run 'npm run build'.`);
    void vscode.window.showErrorMessage('Faultline: the language server is missing from this installation.');
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'faultline' },
      { scheme: 'untitled', language: 'faultline' },
    ],
    synchronize: {
      configurationSection: 'faultline',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.ft'),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration('faultline') },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashRestarter(output),
  };
  return new LanguageClient('faultline', 'Faultline Language Server', serverOptions, clientOptions);
}

/** Restarts the server after a crash unless it crashed too often recently (see restart-policy). */
function crashRestarter(output: vscode.OutputChannel): ErrorHandler {
  let crashes: readonly number[] = [];
  return {
    error(error, _message, count): ErrorHandlerResult {
      output.appendLine(`Language server connection error: ${error.message}`);
      return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed(): CloseHandlerResult {
      const decision = onCrash(crashes, Date.now());
      crashes = decision.crashes;
      if (decision.restart) {
        output.appendLine(`The language server stopped; restarting it (${crashes.length} stop(s) in the last 3 minutes).`);
        return { action: CloseAction.Restart, handled: true };
      }
      const message =
        'The Faultline language server stopped more than 5 times in 3 minutes and will not be restarted again. See the Faultline output; run "Faultline: Restart Language Server" to try again.';
      output.appendLine(message);
      void vscode.window.showErrorMessage(message);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
