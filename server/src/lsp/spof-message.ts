import type { Analysis, ImportanceRow } from '../analysis/figures';
import { formatDuration, formatMetric, formatPercent } from '../analysis/format-figures';
import type { Diagnostic } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';
import { directDependents } from './dependents';

/**
 * The editor's SPOF warning says what the component takes down and what it
 * costs the system, on top of the engine's verdict: "'cache' is a single
 * point of failure: its failure alone takes down app and with them system
 * 'shop'; it costs 2 h 6 min/y of the system's 5 h 48 min/y downtime (36%)".
 */
export function describeSpofs(model: ResolvedModel, analysis: Analysis, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const importance = new Map(analysis.system?.importance.map((row) => [row.event, row]));
  return diagnostics.map((d) =>
    d.code === 'spof' ? { ...d, message: spofMessage(model, analysis, importance, String(d.data?.event ?? '')) ?? d.message } : d,
  );
}

function spofMessage(model: ResolvedModel, analysis: Analysis, importance: ReadonlyMap<string, ImportanceRow>, event: string): string | undefined {
  const system = analysis.system;
  if (!system || !model.system || event === '') return undefined;
  const component = event.replace(/\[\d+\]$/, '');
  const dependents = directDependents(model, component);
  const systemName = `system '${model.system.name}'`;
  const downs = [...dependents.elements, ...(dependents.system ? [systemName] : [])];
  const takesDown =
    downs.length === 0 ? systemName : dependents.system ? listText(downs) : `${listText(downs)} and with them ${systemName}`;
  const row = importance.get(event);
  let cost = '';
  if (row?.fussellVesely != null && system.downtime !== null) {
    cost = `; it costs ${formatDuration(row.fussellVesely * system.downtime)}/y of the system's ${formatMetric('downtime', system.downtime)} downtime (${formatPercent(row.fussellVesely)})`;
  } else if (system.unreliability !== null) {
    cost = `; the system's unreliability at the mission is ${formatMetric('unreliability', system.unreliability)}`;
  }
  return `'${event}' is a single point of failure: its failure alone takes down ${takesDown}${cost}`;
}

function listText(items: readonly string[]): string {
  const shown = items.slice(0, 5);
  const more = items.length > shown.length ? ` and ${items.length - shown.length} more` : '';
  return shown.join(', ') + more;
}
