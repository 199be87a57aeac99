import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver';
import type { AnalysisRunner } from './analysis-runner';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { completions } from './completion';
import { DiagramRequest, diagramForModel, readDiagramParams } from './diagram-request';
import { foldingRanges } from './folding';
import { formatDocument, formatRange } from './formatting';
import { hoverAt } from './hover';
import { inlayHints } from './inlay-hints';
import { lineIndexOf } from './lines';
import { definition, documentHighlights, references } from './navigation';
import { Project, type DocumentContext } from './project';
import { prepareRename, rename } from './rename';
import { SEMANTIC_LEGEND, semanticTokens } from './semantic-tokens';
import { readSettings } from './settings';
import { signatureHelp } from './signature-help';
import { documentSymbols, workspaceSymbols } from './symbols';

/** Budget of one what-if run behind a quick fix. */
const WHAT_IF_BUDGET_MS = 5_000;

export const SERVER_NAME = 'faultline-language-server';

/**
 * `faultline/analysed` { uri, version }: sent after the diagnostics carrying
 * the figures of that version were published (previews refresh on it; other
 * clients ignore it).
 */
export const AnalysedNotification = 'faultline/analysed';

/**
 * `faultline/figures` { uri, version }: sent when every element's figures of
 * that version are in (inlay hints, hovers and the preview's figures follow
 * the verdicts on large models; on small ones both come together).
 */
export const FiguresNotification = 'faultline/figures';

/**
 * Wires the project to an LSP connection: document sync, diagnostics, and one
 * handler per feature. Standard LSP only (plus the optional `faultline/diagram`
 * request of the VS Code preview), so any client works with the same binary.
 */
export function startServer(connection: Connection, runner: AnalysisRunner): Project {
  let canRefreshInlayHints = false;
  let canRefreshCodeLens = false;
  let canPullConfiguration = false;

  const project = new Project(runner, {
    publish: (uri, version, diagnostics) => {
      void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    },
    figuresChanged: () => {
      if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
      if (canRefreshCodeLens) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
    analysed: (documents) => {
      for (const d of documents) void connection.sendNotification(AnalysedNotification, d);
    },
    detailed: (documents) => {
      for (const d of documents) void connection.sendNotification(FiguresNotification, d);
    },
  });

  const applySettings = (raw: unknown): void => {
    const { settings, problems } = readSettings(raw, project.settings);
    for (const problem of problems) void connection.window.showWarningMessage(`Faultline: ${problem}`);
    project.updateSettings(settings);
  };

  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    try {
      applySettings({ faultline: await connection.workspace.getConfiguration('faultline') });
    } catch (error) {
      connection.console.error(`Faultline: cannot read settings: ${String(error)}`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canRefreshInlayHints = caps.workspace?.inlayHint?.refreshSupport === true;
    canRefreshCodeLens = caps.workspace?.codeLens?.refreshSupport === true;
    canPullConfiguration = caps.workspace?.configuration === true;
    if (params.initializationOptions !== undefined) applySettings(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['(', ',', ' ', '/'] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    if (!canPullConfiguration) return;
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'faultline' }).catch(() => undefined);
    void pullSettings();
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as Record<string, unknown> | null | undefined;
    if (settings && typeof settings === 'object' && 'faultline' in settings) applySettings(settings);
    else void pullSettings();
  });

  connection.onDidOpenTextDocument((p) => project.open(p.textDocument.uri, p.textDocument.text, p.textDocument.version));
  connection.onDidChangeTextDocument((p) => project.change(p.textDocument.uri, p.contentChanges, p.textDocument.version));
  connection.onDidCloseTextDocument((p) => project.close(p.textDocument.uri));
  connection.onDidChangeWatchedFiles(() => project.diskChanged());

  /** Runs a feature on an open document; a bug in a feature answers "nothing" and is logged, never crashes the server. */
  const withContext = <T>(uri: string, empty: T, feature: (ctx: DocumentContext) => T): T => {
    try {
      const ctx = project.context(uri);
      return ctx ? feature(ctx) : empty;
    } catch (error) {
      connection.console.error(`Faultline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return empty;
    }
  };
  const offsetOf = (ctx: DocumentContext, position: Position): number => lineIndexOf(ctx.file).offsetAt(position);

  connection.onHover((p) => withContext(p.textDocument.uri, null, (ctx) => hoverAt(ctx, offsetOf(ctx, p.position))));
  connection.onCompletion((p) => withContext(p.textDocument.uri, [], (ctx) => completions(ctx, offsetOf(ctx, p.position))));
  connection.onSignatureHelp((p) => withContext(p.textDocument.uri, null, (ctx) => signatureHelp(ctx, offsetOf(ctx, p.position))));
  connection.onDefinition((p) => withContext(p.textDocument.uri, null, (ctx) => definition(ctx, offsetOf(ctx, p.position))));
  connection.onReferences((p) =>
    withContext(p.textDocument.uri, [], (ctx) => references(ctx, offsetOf(ctx, p.position), p.context.includeDeclaration, project.openModels())),
  );
  connection.onDocumentHighlight((p) => withContext(p.textDocument.uri, [], (ctx) => documentHighlights(ctx, offsetOf(ctx, p.position))));
  connection.onPrepareRename((p) => withContext(p.textDocument.uri, null, (ctx) => prepareRename(ctx, offsetOf(ctx, p.position))));
  connection.onRenameRequest((p) => {
    const ctx = project.context(p.textDocument.uri);
    // Invalid names are answered with the rename's own error message.
    return ctx ? rename(ctx, offsetOf(ctx, p.position), p.newName, project.openModels()) : null;
  });
  connection.onDocumentSymbol((p) => withContext(p.textDocument.uri, [], documentSymbols));
  connection.onWorkspaceSymbol((p) => {
    try {
      return workspaceSymbols(p.query, project.openModels());
    } catch (error) {
      connection.console.error(`Faultline: ${String(error)}`);
      return [];
    }
  });
  connection.onFoldingRanges((p) => withContext(p.textDocument.uri, [], foldingRanges));
  connection.onDocumentFormatting((p) => withContext(p.textDocument.uri, [], formatDocument));
  connection.onDocumentRangeFormatting((p) => withContext(p.textDocument.uri, [], (ctx) => formatRange(ctx, p.range)));
  connection.languages.semanticTokens.on((p) => withContext(p.textDocument.uri, { data: [] }, semanticTokens));
  connection.onCodeLens((p) => withContext(p.textDocument.uri, [], codeLenses));
  connection.languages.inlayHint.on((p) =>
    project.settings.inlayHints ? withContext(p.textDocument.uri, [], (ctx) => inlayHints(ctx, p.range)) : [],
  );
  connection.onCodeAction(async (p) => {
    const ctx = project.context(p.textDocument.uri);
    if (!ctx) return [];
    try {
      return await codeActions(ctx, p.context.diagnostics, (text) => project.analyseVariant(p.textDocument.uri, text, WHAT_IF_BUDGET_MS));
    } catch (error) {
      connection.console.error(`Faultline: ${String(error)}`);
      return [];
    }
  });
  connection.onRequest(DiagramRequest, (raw: unknown) => {
    const params = readDiagramParams(raw);
    if (!params) return null;
    const uri = params.textDocument.uri;
    return withContext(uri, null, (ctx) =>
      diagramForModel(ctx.model, ctx.figures, {
        uri,
        version: project.document(uri)?.version ?? null,
        ...(params.direction !== undefined ? { direction: params.direction } : {}),
        ...(params.maxNodes !== undefined ? { maxNodes: params.maxNodes } : {}),
      }),
    );
  });

  connection.onShutdown(() => {
    project.dispose();
    runner.dispose();
  });
  connection.listen();
  return project;
}
