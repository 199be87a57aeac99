import type { CodeLens } from 'vscode-languageserver';
import { formatMetric } from '../analysis/format-figures';
import { availabilityText } from './figure-text';
import { rangeIn } from './lines';
import type { DocumentContext } from './project';

export const OPEN_PREVIEW_COMMAND = 'faultline.openPreview';

/**
 * On the system declaration: its headline figures (availability, downtime per
 * year, tolerance, number of SPOFs) and "Open preview". The figures lens has
 * no command: clients show it as text.
 */
export function codeLenses(ctx: DocumentContext): CodeLens[] {
  const system = ctx.model.system;
  if (!system || system.origin.uri !== ctx.file.uri) return [];
  const range = rangeIn(ctx.file, system.decl.keyword);
  return [
    { range, command: { title: systemSummary(ctx), command: '' } },
    { range, command: { title: 'Open preview', command: OPEN_PREVIEW_COMMAND, arguments: [ctx.file.uri] } },
  ];
}

export function systemSummary(ctx: DocumentContext): string {
  const figures = ctx.figures?.system;
  if (!figures) return ctx.model.hasErrors ? 'Figures appear when the model has no errors' : 'Analysing…';
  const spofs = figures.spofs.length;
  return [
    `availability ${availabilityText(figures)}`,
    `downtime ${figures.downtime === null ? 'n/a' : formatMetric('downtime', figures.downtime)}`,
    `tolerance ${figures.tolerance ?? 'n/a'}`,
    `${spofs} SPOF${spofs === 1 ? '' : 's'}`,
  ].join(' · ');
}
