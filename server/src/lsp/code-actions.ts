import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { ComponentModel } from '../language/model';
import type { AnalysisSnapshot } from './analysis-snapshot';
import { applyEdit, insertItem, removeDeclaration, toTextEdit, type OffsetEdit } from './edits';
import { availabilityText, reliabilityText } from './figure-text';
import { lineIndexOf } from './lines';
import type { DocumentContext } from './project';

/** Runs the engine on a would-be text of the document (a worker run with its own budget). */
export type VariantAnalysis = (text: string) => Promise<AnalysisSnapshot | undefined>;

/**
 * Quick fixes keyed on the diagnostics' stable codes. Each fix is computed on
 * the current text; the SPOF fixes are what-ifs whose title carries the
 * figure the engine computes on the edited text.
 */
export async function codeActions(ctx: DocumentContext, diagnostics: readonly LspDiagnostic[], analyse: VariantAnalysis): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== undefined && d.source !== 'faultline') continue;
    const data = (d.data ?? {}) as Record<string, unknown>;
    const suggestion = typeof data['suggestion'] === 'string' ? data['suggestion'] : undefined;
    switch (d.code) {
      case 'unknown-name':
      case 'unknown-unit':
      case 'unit-minutes':
      case 'probability-looks-like-availability':
        if (suggestion) actions.push(replaceAction(ctx, d, suggestion));
        break;
      case 'no-availability':
        pushIfDefined(actions, addItemAction(ctx, d, String(data['name'] ?? ''), 'mttr 1h', (name) => `Add 'mttr 1h' to '${name}'`));
        break;
      case 'unused-component':
        pushIfDefined(actions, removeComponentAction(ctx, d, String(data['name'] ?? '')));
        break;
      case 'spof':
        actions.push(...(await spofActions(ctx, d, String(data['event'] ?? ''), analyse)));
        break;
    }
  }
  return actions;
}

function pushIfDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function quickFix(ctx: DocumentContext, title: string, d: LspDiagnostic, edits: TextEdit[], preferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [ctx.file.uri]: edits } } };
  if (preferred) action.isPreferred = true;
  return action;
}

function replaceAction(ctx: DocumentContext, d: LspDiagnostic, suggestion: string): CodeAction {
  const lines = lineIndexOf(ctx.file);
  const current = ctx.file.text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end));
  const title = d.code === 'unknown-name' ? `Change to '${suggestion}'` : `Change '${current}' to '${suggestion}'`;
  return quickFix(ctx, title, d, [{ range: d.range, newText: suggestion }], true);
}

function componentIn(ctx: DocumentContext, name: string): ComponentModel | undefined {
  const element = ctx.model.elements.get(name);
  return element?.kind === 'component' && element.origin.uri === ctx.file.uri ? element : undefined;
}

function addItemAction(ctx: DocumentContext, d: LspDiagnostic, name: string, item: string, title: (name: string) => string): CodeAction | undefined {
  const component = componentIn(ctx, name);
  const edit = component && insertItem(ctx.file, component.decl, item);
  return edit ? quickFix(ctx, title(name), d, [toTextEdit(ctx.file, edit)]) : undefined;
}

function removeComponentAction(ctx: DocumentContext, d: LspDiagnostic, name: string): CodeAction | undefined {
  const component = componentIn(ctx, name);
  if (!component) return undefined;
  return quickFix(ctx, `Remove unused component '${name}'`, d, [toTextEdit(ctx.file, removeDeclaration(ctx.file, component.decl.span))]);
}

/**
 * What-if fixes for a single point of failure: "add a replica" with the
 * availability before and after (computed by the engine on the edited text;
 * offered only if that text is a valid model), and "accept" it with a reason.
 */
async function spofActions(ctx: DocumentContext, d: LspDiagnostic, event: string, analyse: VariantAnalysis): Promise<CodeAction[]> {
  const component = componentIn(ctx, event.replace(/\[\d+\]$/, ''));
  if (!component) return [];
  const actions: CodeAction[] = [];
  const edit = replicaEdit(ctx, component);
  if (edit) {
    const variant = await analyse(applyEdit(ctx.file.text, edit));
    const title = variant ? whatIfTitle(ctx.figures, variant) : undefined;
    if (title) actions.push(quickFix(ctx, title, d, [toTextEdit(ctx.file, edit)], true));
  }
  const accept = insertItem(ctx.file, component.decl, 'accept spof "reason"');
  if (accept) actions.push(quickFix(ctx, `Accept '${component.name}' as a single point of failure (give the reason)`, d, [toTextEdit(ctx.file, accept)]));
  return actions;
}

/** `replicas n` → `replicas n+1`, or a new `replicas 2`. */
function replicaEdit(ctx: DocumentContext, component: ComponentModel): OffsetEdit | undefined {
  const item = component.decl.items.find((i) => i.kind === 'replicas');
  if (item && item.kind === 'replicas' && item.value) {
    return { start: item.value.span.start, end: item.value.span.end, text: String(component.replicas + 1) };
  }
  return insertItem(ctx.file, component.decl, 'replicas 2');
}

function whatIfTitle(before: AnalysisSnapshot | undefined, after: AnalysisSnapshot): string | undefined {
  const now = before?.system;
  const then = after.system;
  if (!then) return undefined;
  if (then.availability !== null) {
    const from = now?.availability != null ? `${availabilityText(now)} → ` : '';
    return `Add a replica: availability ${from}${availabilityText(then)}`;
  }
  if (then.reliability === null) return undefined;
  const from = now?.reliability != null ? `${reliabilityText(now)} → ` : '';
  return `Add a replica: reliability ${from}${reliabilityText(then)}`;
}
