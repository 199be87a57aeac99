import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Figures } from '../analysis/figures';
import { overLimitParts, overLimitText } from './analysis-snapshot';
import { availabilityText, reliabilityText } from './figure-text';
import { lineIndexOf } from './lines';
import { missionText } from './hover';
import type { DocumentContext } from './project';

/**
 * Figures inline, after the name (and label) of each component and group of
 * the document: its availability and its reliability at the mission, both
 * "with what it needs". None while the model has errors.
 */
export function inlayHints(ctx: DocumentContext, range: Range): InlayHint[] {
  const figures = ctx.figures;
  if (!figures) return [];
  const lines = lineIndexOf(ctx.file);
  const from = lines.offsetAt(range.start);
  const to = lines.offsetAt(range.end);
  const t = missionText(figures);
  const hints: InlayHint[] = [];
  for (const decl of ctx.file.syntax.declarations) {
    if ((decl.kind !== 'component' && decl.kind !== 'group') || !decl.name) continue;
    const anchor = decl.label?.span.end ?? decl.name.span.end;
    if (anchor < from || anchor > to) continue;
    const element = ctx.model.elements.get(decl.name.text);
    if (!element || element.origin.uri !== ctx.file.uri || element.origin.name.span.start !== decl.name.span.start) continue;
    const f = figures.elements.get(decl.name.text);
    if (!f) continue;
    const overLimit = overLimitParts(figures, decl.name.text);
    if (overLimit.some((o) => o.part === 'element')) {
      hints.push({ position: lines.positionAt(anchor), label: 'figures not computed', kind: InlayHintKind.Type, paddingLeft: true, tooltip: `${overLimitText(overLimit)}.` });
      continue;
    }
    hints.push({
      position: lines.positionAt(anchor),
      label: hintLabel(f, t),
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: {
        kind: 'markdown',
        value: `\`${decl.name.text}\` with what it needs: availability ${availabilityText(f)}, reliability over ${t} ${reliabilityText(f)}.\n\nAlone: availability ${availabilityText(f.own)}, reliability ${reliabilityText(f.own)}.${ctx.figuresCurrent ? '' : '\n\n_Previous version; analysing the current one._'}`,
      },
    });
  }
  return hints;
}

export function hintLabel(f: Figures, missionLabel: string): string {
  return `A ${availabilityText(f)} · R(${missionLabel}) ${reliabilityText(f)}`;
}
