import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat } from './protocol';

/** Where an exported diagram goes: the given target, else a save dialog next to the model. */
export async function exportTarget(documentUri: vscode.Uri, format: ExportFormat, target: unknown): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string' && target.length > 0) return target.includes('://') ? vscode.Uri.parse(target) : vscode.Uri.file(target);
  const base = path.basename(documentUri.path).replace(/\.ft$/, '');
  const defaultUri = vscode.Uri.joinPath(documentUri, '..', `${base}.${format}`);
  return vscode.window.showSaveDialog({
    defaultUri,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Export diagram as ${format.toUpperCase()}`,
  });
}
