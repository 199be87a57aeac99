import type { Hover, MarkupContent } from 'vscode-languageserver';
import { formatDuration, formatMetric, formatSmall } from '../analysis/format-figures';
import type { Figures } from '../analysis/figures';
import { instanceName } from '../analysis/structure';
import type { ComponentModel, ElementModel, ResolvedExpr, ResolvedModel } from '../language/model';
import { referenceAt } from '../language/names';
import { eventRows, overLimitParts, overLimitText, type AnalysisSnapshot, type EventRow } from './analysis-snapshot';
import { directDependents } from './dependents';
import { availabilityText, reliabilityText } from './figure-text';
import { KEYWORD_DOCS, UNIT_DOCS } from './keyword-docs';
import { rangeIn } from './lines';
import type { DocumentContext } from './project';
import { tokenAt, tokensAround } from './tokens';

/** Hover: an element's full derivation, or what a keyword or a unit means. */
export function hoverAt(ctx: DocumentContext, offset: number): Hover | null {
  const ref = referenceAt(ctx.model, ctx.file.uri, offset);
  if (ref) {
    const element = ref.target && ref.targetKind !== 'system' ? ctx.model.elements.get(ref.name.text) : undefined;
    const value = element
      ? elementHover(ctx.model, element, ctx.figures, ctx.figuresCurrent)
      : ref.targetKind === 'system'
        ? systemHover(ctx)
        : `\`${ref.name.text}\`: unknown name`;
    return markdown(value, rangeIn(ctx.file, ref.name.span));
  }
  const token = tokenAt(tokensAround(ctx.file, offset), offset);
  if (!token) return null;
  if (token.kind === 'quantity') {
    const text = quantityHover(token.text);
    return text ? markdown(text, rangeIn(ctx.file, token.span)) : null;
  }
  if (token.kind === 'word' || token.kind === 'reserved') {
    const doc = KEYWORD_DOCS[token.text];
    return doc ? markdown(doc, rangeIn(ctx.file, token.span)) : null;
  }
  return null;
}

function markdown(value: string, range: Hover['range']): Hover {
  const contents: MarkupContent = { kind: 'markdown', value };
  return range ? { contents, range } : { contents };
}

/** `30s`, `2e-6/h`, `99.9%`: what the unit means. */
function quantityHover(text: string): string | undefined {
  const m = /^-?[0-9.eE+-]+(%|\/?[A-Za-z]+(?:\/[A-Za-z]+)?)?$/.exec(text);
  const suffix = m?.[1];
  if (!suffix) return undefined;
  if (suffix === '%') return `\`${text}\`: a percentage (a probability in [0, 1])`;
  if (suffix.startsWith('/')) {
    const unit = UNIT_DOCS[suffix.slice(1)];
    return unit ? `\`${text}\`: a rate, failures per ${unit.replace(/ \(.*/, '').replace(/s$/, '')}` : undefined;
  }
  const [unit, per] = suffix.split('/');
  const doc = UNIT_DOCS[unit!];
  if (!doc) return undefined;
  return per ? `\`${text}\`: ${doc} per ${UNIT_DOCS[per] ?? per}` : `\`${text}\`: a duration in ${doc}`;
}

function systemHover(ctx: DocumentContext): string {
  const system = ctx.model.system;
  const figures = ctx.figures?.system;
  const lines = [`**system** \`${system?.name ?? ''}\`${system?.label ? ` — ${system.label}` : ''}`];
  if (!figures) return [...lines, '', figuresMissing(ctx.model)].join('\n');
  const t = missionText(ctx.figures!);
  lines.push(
    '',
    `| availability | downtime | outages | R(${t}) | MTTF | tolerance |`,
    '|---|---|---|---|---|---|',
    `| ${availabilityText(figures)} | ${fig('downtime', figures.downtime)} | ${fig('outages', figures.outagesPerYear)} | ${reliabilityText(figures)} | ${mttfText(figures.mttf, ctx.figures!)} | ${figures.tolerance ?? 'n/a'} |`,
    '',
    `SPOFs: ${figures.spofs.length === 0 ? 'none' : figures.spofs.map((s) => `\`${s}\``).join(', ')}; minimal cut sets: ${figures.cutSetCount ?? '_counting…_'}`,
  );
  return lines.join('\n');
}

function figuresMissing(model: ResolvedModel): string {
  return model.hasErrors ? '_Figures appear when the model has no errors._' : '_Analysing…_';
}

function elementHover(model: ResolvedModel, element: ElementModel, snapshot: AnalysisSnapshot | undefined, current: boolean): string {
  const lines = [`**${element.kind}** \`${element.name}\`${element.label ? ` — ${element.label}` : ''}`, ''];
  lines.push(...(element.kind === 'component' ? componentFacts(model, element) : groupFacts(element)));
  const dependents = directDependents(model, element.name);
  const users = [...dependents.elements, ...(dependents.system ? [`system ${model.system?.name ?? ''}`] : [])];
  if (users.length > 0) lines.push(`- needed by: ${users.map((u) => `\`${u}\``).join(', ')}`);
  if (!snapshot) return [...lines, '', figuresMissing(model)].join('\n');
  if (snapshot.detailsState === 'stopped') lines.push('', '_Element figures: over the time budget (`faultline.analysis.timeBudget`)._');
  else if (snapshot.detailsState === 'pending') lines.push('', '_Element figures: computing…_');
  const figures = snapshot.elements.get(element.name);
  const overLimit = overLimitParts(snapshot, element.name);
  if (overLimit.length > 0) lines.push('', `_${overLimitText(overLimit)}._`);
  if (figures) {
    const t = missionText(snapshot);
    lines.push('', `| | availability | unavailability | R(${t}) | MTTF |`, '|---|---|---|---|---|');
    lines.push(figureRow('with what it needs', figures, snapshot), figureRow('alone', figures.own, snapshot));
  }
  const events = eventsOf(element, snapshot);
  if (events.length > 0) lines.push('', ...eventLines(events, snapshot));
  lines.push(...cutSetLines(element, snapshot));
  if (!current) lines.push('', '_Figures of the previous version; the current one is being analysed._');
  return lines.join('\n');
}

function componentFacts(model: ResolvedModel, c: ComponentModel): string[] {
  const file = model.files.get(c.origin.uri);
  const lawItems = c.decl.items.filter((i) => i.kind === 'law' || i.kind === 'weibull');
  const lawText = file && lawItems[0] ? file.text.slice(lawItems[0].span.start, lawItems[0].span.end) : undefined;
  const facts: string[] = [];
  if (!c.law) facts.push('- law: none — never fails on its own (a logical grouping)');
  else {
    const written = lawText ? `\`${lawText}\` → ` : '';
    if (c.law.kind === 'exponential') facts.push(`- law: ${written}exponential, λ' = ${formatSmall(c.law.rate)}/h (MTBF' ${formatDuration(1 / c.law.rate)})`);
    else if (c.law.kind === 'weibull') facts.push(`- law: ${written}Weibull, shape ${c.law.shape}, scale ${formatDuration(c.law.scale)}${c.law.factor !== 1 ? `, hazard × ${formatSmall(c.law.factor)} after retry` : ''}`);
    else facts.push(`- law: ${written}fixed, q = ${formatSmall(c.law.q)} at every time`);
  }
  if (c.mttr !== undefined) {
    const restart = c.recovery.restart;
    const derivation =
      restart && c.baseMttr !== undefined
        ? ` = ${formatSmall(restart.coverage)} × ${formatDuration(restart.time)} (restart) + ${formatSmall(1 - restart.coverage)} × ${formatDuration(c.baseMttr)}`
        : '';
    facts.push(`- MTTR' = ${formatDuration(c.mttr)}${derivation}`);
  } else if (c.law && c.law.kind !== 'fixed') facts.push("- MTTR': none (not repairable: no availability)");
  if (c.recovery.retryCoverage !== undefined) facts.push(`- retry masks ${formatMetric('probability-share', c.recovery.retryCoverage)} of failures`);
  if (c.replicas > 1) facts.push(`- ${c.replicas} replicas, at least ${c.quorum} needed`);
  if (c.ccfBeta !== undefined) facts.push(`- common cause: β = ${formatSmall(c.ccfBeta)}`);
  if (c.acceptSpof !== undefined) facts.push(`- accepted SPOF: ${c.acceptSpof}`);
  return facts;
}

function groupFacts(g: Extract<ElementModel, { kind: 'group' }>): string[] {
  if (g.body.kind === 'standby') {
    const s = g.body.standby;
    return [
      `- standby: \`${s.members[0]}\` active, spares ${s.members.slice(1).map((m) => `\`${m}\``).join(', ')} in order`,
      `- failover ${formatDuration(s.failover)}, coverage ${formatSmall(s.coverage)}, dormancy ${formatSmall(s.dormancy)}`,
    ];
  }
  const facts = [`- rule: ${exprText(g.body.expr)}`];
  if (g.ccfBeta !== undefined) facts.push(`- common cause: β = ${formatSmall(g.ccfBeta)}`);
  return facts;
}

/** A short rendering of a group's rule: its top level only (nested combinators are named, not expanded). */
function exprText(expr: ResolvedExpr): string {
  switch (expr.kind) {
    case 'ref':
      return expr.name;
    case 'series':
    case 'parallel':
      return `${expr.kind} of ${expr.members.length}: ${memberNames(expr.members)}`;
    case 'kofn':
      return `${expr.k} of ${expr.members.length}: ${memberNames(expr.members)}`;
  }
}

function memberNames(members: readonly ResolvedExpr[]): string {
  return members.map((m) => (m.kind === 'ref' ? `\`${m.name}\`` : `(${m.kind})`)).join(', ');
}

function figureRow(title: string, f: Figures, snapshot: AnalysisSnapshot): string {
  return `| ${title} | ${availabilityText(f)} | ${fig('unavailability', f.unavailability)} | ${reliabilityText(f)} | ${mttfText(f.mttf, snapshot)} |`;
}

/** MTTFs follow the other figures (see MttfState): say so rather than "n/a" while they are missing. */
function mttfText(mttf: number | null, snapshot: AnalysisSnapshot): string {
  if (snapshot.mttfState === 'pending') return '_computing…_';
  if (snapshot.mttfState === 'stopped') return '_over the time budget_';
  return fig('mttf', mttf);
}

function fig(metric: Parameters<typeof formatMetric>[0], value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : formatMetric(metric, value);
}

export function missionText(snapshot: AnalysisSnapshot): string {
  return formatDuration(snapshot.mission).replace(' ', '');
}

/** The basic events of an element: a component's instances and its CCF event; a standby group's event. */
function eventsOf(element: ElementModel, snapshot: AnalysisSnapshot): EventRow[] {
  const names = new Set<string>();
  if (element.kind === 'component') {
    for (let i = 0; i < element.replicas; i++) names.add(instanceName(element.name, i, element.replicas));
    names.add(`ccf(${element.name})`);
  } else {
    names.add(element.name);
    names.add(`ccf(${element.name})`);
  }
  return eventRows(snapshot.events, names);
}

function eventLines(events: readonly EventRow[], snapshot: AnalysisSnapshot): string[] {
  const t = missionText(snapshot);
  const shown = events.slice(0, 4);
  const lines = [`| event | q | R(${t}) | Birnbaum | RAW |`, '|---|---|---|---|---|'];
  for (const e of shown) {
    lines.push(
      `| \`${e.name}\` | ${e.q === undefined ? 'n/a' : formatSmall(e.q)} | ${reliabilityText(e)} | ${e.birnbaum === null ? 'n/a' : formatSmall(e.birnbaum)} | ${e.raw === null ? 'n/a' : formatSmall(e.raw)} |`,
    );
  }
  if (events.length > shown.length) lines.push(`| … ${events.length - shown.length} more | | | | |`);
  return lines;
}

function cutSetLines(element: ElementModel, snapshot: AnalysisSnapshot): string[] {
  const system = snapshot.system;
  if (!system) return [];
  const members = element.kind === 'group' && element.body.kind === 'standby' ? element.body.standby.members : [element.name];
  const belongs = (event: string): boolean => members.some((m) => event === m || event.startsWith(`${m}[`) || event === `ccf(${m})`);
  const containing = system.cutSets.filter((c) => c.events.some(belongs));
  if (containing.length === 0) return element.kind === 'component' ? ['', `In none of the ${system.cutSets.length} listed minimal cut sets.`] : [];
  const lines = ['', `In ${containing.length} of the ${system.cutSets.length} listed minimal cut sets (of ${system.cutSetCount ?? '…'}):`];
  for (const c of containing.slice(0, 5)) lines.push(`- {${c.events.join(', ')}} — ${formatSmall(c.probability)}`);
  if (containing.length > 5) lines.push(`- … ${containing.length - 5} more`);
  return lines;
}

/** Used by completion details: the one-line figure of an element. */
export function elementFigureLine(snapshot: AnalysisSnapshot | undefined, name: string): string | undefined {
  const f = snapshot?.elements.get(name);
  if (!f) return undefined;
  return `A ${availabilityText(f)} · R(${missionText(snapshot!)}) ${reliabilityText(f)}`;
}
