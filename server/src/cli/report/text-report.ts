import type { Analysis, SystemFigures } from '../../analysis/figures';
import {
  formatDuration,
  formatMetric,
  formatPercent,
  formatPercentNearOne,
  formatSmall,
  nines,
} from '../../analysis/format-figures';
import type { ResolvedModel } from '../../language/model';
import { compareNatural } from '../../analysis/natural-order';

/** How many rows of cut sets and contributors the text report shows (the JSON has up to 100). */
const SHOWN_ROWS = 10;

/** The human report of `faultline analyze`. */
export function textReport(model: ResolvedModel, analysis: Analysis | undefined): string {
  const lines: string[] = [];
  const system = model.system;
  if (!system) {
    lines.push(`Library model (no system): ${model.elements.size} elements.`);
  } else {
    const label = system.label ? ` "${system.label}"` : '';
    lines.push(`System ${system.name}${label}, mission ${formatDuration(model.mission)}`);
  }
  if (!analysis) {
    lines.push('', 'No figures: the model has errors.');
    return lines.join('\n') + '\n';
  }
  if (analysis.system) lines.push('', ...systemSection(analysis.system));
  if (analysis.requirements.length > 0) {
    lines.push('', 'Requirements');
    for (const r of analysis.requirements) {
      const { metric, op, targetText } = r.requirement;
      const actual = r.actual === null ? 'n/a' : formatMetric(metric, r.actual);
      lines.push(`  ${r.ok ? 'PASS' : 'FAIL'}  ${metric} ${op} ${targetText}`.padEnd(44) + `actual ${actual}`);
    }
  }
  if (analysis.system) lines.push(...weakPoints(model, analysis.system));
  lines.push('', ...elementTable(model, analysis));
  return lines.join('\n') + '\n';
}

function systemSection(s: SystemFigures): string[] {
  const rows: [string, string][] = [];
  if (s.availability !== null && s.unavailability !== null) {
    rows.push(['Availability', `${formatPercentNearOne(s.availability, s.unavailability)}  (${nines(s.unavailability)} nines, unavailability ${formatSmall(s.unavailability)})`]);
    rows.push(['Downtime', `${formatDuration(s.downtime ?? 0)} per year`]);
    if (s.outagesPerYear !== null) {
      const mean = s.meanOutage === null ? '' : `, mean outage ${formatDuration(s.meanOutage)}`;
      rows.push(['Outages', `${formatSmall(s.outagesPerYear)} per year${mean}`]);
    }
  } else {
    rows.push(['Availability', 'n/a (a component has no mttr; see the warnings)']);
  }
  if (s.reliability !== null && s.unreliability !== null) {
    rows.push(['Reliability', `${formatPercentNearOne(s.reliability, s.unreliability)} over the mission (unreliability ${formatSmall(s.unreliability)})`]);
  }
  rows.push(['MTTF', s.mttf === null ? 'n/a (the system may never fail)' : formatDuration(s.mttf)]);
  rows.push(['Fault tolerance', s.tolerance === null ? 'n/a (the system cannot fail)' : toleranceText(s.tolerance)]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `  ${k.padEnd(width)}${v}`);
}

function toleranceText(t: number): string {
  if (t === 0) return '0 (one failure can stop the system)';
  return `${t} (survives any ${t} component failure${t === 1 ? '' : 's'})`;
}

function weakPoints(model: ResolvedModel, s: SystemFigures): string[] {
  const lines: string[] = [];
  if (s.spofs.length > 0) {
    lines.push('', 'Single points of failure');
    for (const spof of s.spofs) {
      const component = model.elements.get(spof.replace(/\[\d+\]$/, ''));
      const accepted = component?.acceptSpof;
      lines.push(`  ${spof}${accepted === undefined ? '' : `  (accepted: ${accepted})`}`);
    }
  }
  if (s.commonCauseSpofs.length > 0) {
    lines.push('', 'Common-cause single points of failure');
    for (const event of s.commonCauseSpofs) lines.push(`  ${event}`);
  }
  // Null only while an analysis's details are pending, which `analyze` never reports.
  if (s.cutSetCount !== null) {
    const count = s.cutSetCount;
    const shown = s.cutSets.slice(0, SHOWN_ROWS);
    lines.push('', `Minimal cut sets: ${count}${shown.length < s.cutSets.length || BigInt(shown.length) < count ? ` (the ${shown.length} most probable, by ${s.cutSetBasis})` : ''}`);
    for (const c of shown) lines.push(`  ${formatSmall(c.probability).padStart(9)}  ${c.events.join(', ')}`);
  }
  const contributors = s.importance
    .filter((r) => r.fussellVesely !== null && r.fussellVesely > 0)
    .sort((a, b) => byValueThenName(b.fussellVesely ?? 0, a.fussellVesely ?? 0, a.event, b.event))
    .slice(0, SHOWN_ROWS);
  if (contributors.length > 0) {
    lines.push('', 'Top contributors to unavailability');
    lines.push(`  ${'event'.padEnd(24)}${'Fussell-Vesely'.padStart(15)}${'Birnbaum'.padStart(11)}${'RAW'.padStart(11)}${'RRW'.padStart(9)}`);
    for (const r of contributors) {
      lines.push(
        `  ${r.event.padEnd(24)}${formatPercent(r.fussellVesely ?? 0).padStart(15)}${cell(r.birnbaum, 11)}${cell(r.raw, 11)}${cell(r.rrw, 9)}`,
      );
    }
  }
  return lines;
}

/** Descending by value; values equal to 1e-12 relative (rounding noise) tie and go by name. */
function byValueThenName(x: number, y: number, nameA: string, nameB: string): number {
  const close = Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
  return close ? compareNatural(nameA, nameB) : x - y;
}

function cell(v: number | null, width: number): string {
  return (v === null ? '∞' : formatSmall(v)).padStart(width);
}

function elementTable(model: ResolvedModel, analysis: Analysis): string[] {
  const lines = ['Elements', `  ${'name'.padEnd(24)}${'availability'.padStart(16)}${'reliability'.padStart(16)}${'MTTF'.padStart(12)}`];
  const overLimit = new Set(analysis.elementsOverLimit.filter((o) => o.part === 'element').map((o) => o.element));
  for (const [name, f] of analysis.elements) {
    const element = model.elements.get(name);
    const replicas = element?.kind === 'component' && element.replicas > 1 ? ` ×${element.replicas}` : '';
    if (overLimit.has(name)) {
      lines.push(`  ${(name + replicas).padEnd(24)}  not computed: over the node limit per element (see the warning)`);
      continue;
    }
    lines.push(
      `  ${(name + replicas).padEnd(24)}${(f.availability === null ? 'n/a' : formatPercentNearOne(f.availability, f.unavailability ?? undefined)).padStart(16)}${(f.reliability === null ? 'n/a' : formatPercentNearOne(f.reliability, f.unreliability ?? undefined)).padStart(16)}${(f.mttf === null ? 'n/a' : formatDuration(f.mttf)).padStart(12)}`,
    );
  }
  return lines;
}
