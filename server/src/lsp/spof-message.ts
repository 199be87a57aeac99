import type { Analysis } from '../analysis/figures';
import { formatDuration, formatMetric, formatPercent } from '../analysis/format-figures';
import type { Diagnostic } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';
import { directDependents } from './dependents';

/**
 * The editor's SPOF warning says what the component takes down and what it
 * costs the system, on top of the engine's verdict: "'cache' is a single
 * point of failure of system 'shop': it takes down app; it costs 2.1 h/y of
 * the system's 5.8 h/y downtime (36%)".
 */
export function describeSpofs(model: ResolvedModel, analysis: Analysis, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.code === 'spof' ? { ...d, message: spofMessage(model, analysis, String(d.data?.event ?? '')) ?? d.message } : d));
}

function spofMessage(model: ResolvedModel, analysis: Analysis, event: string): string | undefined {
  const system = analysis.system;
  if (!system || !model.system || event === '') return undefined;
  const component = event.replace(/\[\d+\]$/, '');
  const dependents = directDependents(model, component);
  const downs = [...dependents.elements];
  if (dependents.system) downs.push(`system '${model.system.name}'`);
  const takesDown = downs.length > 0 ? `it takes down ${listText(downs)}` : `it stops system '${model.system.name}'`;
  const row = system.importance.find((r) => r.event === event);
  let cost = '';
  if (row?.fussellVesely != null && system.downtime !== null) {
    cost = `; it costs ${formatDuration(row.fussellVesely * system.downtime)}/y of the system's ${formatMetric('downtime', system.downtime)} downtime (${formatPercent(row.fussellVesely)})`;
  } else if (system.unreliability !== null) {
    cost = `; the system's unreliability at the mission is ${formatMetric('unreliability', system.unreliability)}`;
  }
  return `'${event}' is a single point of failure of system '${model.system.name}': ${takesDown}${cost}`;
}

function listText(items: readonly string[]): string {
  const shown = items.slice(0, 5);
  const more = items.length > shown.length ? ` and ${items.length - shown.length} more` : '';
  return shown.join(', ') + more;
}
