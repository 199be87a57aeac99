import { findCycles, topGates } from './gate-graph';
import { allocateNames, claimName, sanitizeName } from './ft-names';
import { writeFt } from './ft-writer';
import { ImportErrors, type ImportError } from './import-error';
import { readMefDocument, type MefDocument } from './mef-document';
import { translateFormula, type NamedTarget, type TranslatedFormula } from './mef-formula';
import { readEventLaw, type EventLaw } from './mef-law';
import { readXml, type XmlComment } from './xml-reader';

/**
 * `faultline import`: an Open-PSA MEF fault tree → a `.ft` model (spec §6).
 * Never throws: malformed XML, constructs Faultline cannot express and broken
 * references all come back as `{ ok: false, errors }` with 1-based positions.
 */

export type ImportResult =
  | { ok: true; text: string; topEvent: string; basicEvents: number; gates: number }
  | { ok: false; errors: { line: number; column: number; message: string }[] };

/** More errors than this are summarised in one last entry. */
export const MAX_REPORTED_ERRORS = 20;

const NOTICE = /licen[cs]e|copyright|creative commons|\bCC[- ]BY\b/i;

export function importOpenPsa(xml: string, fileName: string): ImportResult {
  try {
    return importDocument(xml, fileName);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ line: 1, column: 1, message: `internal error while importing: ${reason}` }] };
  }
}

function importDocument(xml: string, fileName: string): ImportResult {
  const parsed = readXml(xml);
  if (!parsed.ok) return { ok: false, errors: [{ ...parsed.error }] };
  const errors = new ImportErrors();
  const doc = readMefDocument(parsed.root, errors);
  if (doc.gates.length === 0 && errors.count === 0) {
    errors.at(parsed.root, 'the file defines no gate, so there is no top event to import');
  }

  const taken = new Set<string>();
  const ftNames = allocateNames([...doc.gates.map((g) => g.name), ...doc.basicEvents.map((e) => e.name)], taken);
  const names = { gates: ftNames.slice(0, doc.gates.length), events: ftNames.slice(doc.gates.length) };
  const formulas = translateGates(doc, names, errors);
  const laws = doc.basicEvents.map((event) => readEventLaw(event, doc.parameters, errors));
  const mission = missionOf(laws, errors);
  if (errors.count > 0) return { ok: false, errors: reportable(errors.list) };

  const tops = topGates(formulas.map((f) => f!.gateRefs));
  const top = tops[0]!;
  const topTree = doc.gates[top]!.tree;
  const usedEvents = new Set(formulas.flatMap((f) => f!.eventRefs));
  const text = writeFt({
    sourceFile: baseName(fileName),
    notices: notices(parsed.comments),
    otherTopGates: tops.slice(1).map((i) => names.gates[i]!),
    system: {
      name: claimName(sanitizeName(topTree.name), taken),
      label: topTree.label,
      needs: names.gates[top]!,
      mission,
    },
    groups: doc.gates.map((gate, i) => ({
      name: names.gates[i]!,
      label: gate.label,
      expression: formulas[i]!.text,
      renamedFrom: gate.name === names.gates[i] ? undefined : gate.name,
    })),
    components: doc.basicEvents.map((event, i) => ({
      name: names.events[i]!,
      label: event.label,
      law: laws[i]!.law,
      renamedFrom: event.name === names.events[i] ? undefined : event.name,
      used: usedEvents.has(i),
    })),
  });
  return { ok: true, text, topEvent: names.gates[top]!, basicEvents: doc.basicEvents.length, gates: doc.gates.length };
}

/** Each gate's formula in success logic (undefined if it has none), with cycles among gates reported. */
function translateGates(
  doc: MefDocument,
  names: { readonly gates: readonly string[]; readonly events: readonly string[] },
  errors: ImportErrors,
): (TranslatedFormula | undefined)[] {
  const scope = {
    gates: targets(doc.gates.map((g) => g.name), names.gates),
    events: targets(doc.basicEvents.map((e) => e.name), names.events),
    houseEvents: doc.houseEvents,
    ccfMembers: doc.ccfMembers,
  };
  const formulas = doc.gates.map((gate) =>
    gate.formula === undefined ? undefined : translateFormula(gate.formula, scope, errors),
  );
  for (const cycle of findCycles(formulas.map((f) => f?.gateRefs ?? []))) {
    const spelled = [...cycle, cycle[0]!].map((i) => doc.gates[i]!.name).join(' -> ');
    errors.at(doc.gates[cycle[0]!]!.element, `gates form a cycle: ${spelled}`);
  }
  return formulas;
}

function targets(mefNames: readonly string[], ftNames: readonly string[]): Map<string, NamedTarget> {
  const map = new Map<string, NamedTarget>();
  mefNames.forEach((name, index) => map.set(name, { index, ftName: ftNames[index]! }));
  return map;
}

/**
 * The model's mission time: the one fixed time of the time-based laws (all
 * must agree, Faultline has one mission), or undefined for the default, which
 * also stands for MEF's `<system-mission-time/>`.
 */
function missionOf(laws: readonly (EventLaw | undefined)[], errors: ImportErrors): string | undefined {
  let first: Extract<EventLaw['mission'], { kind: 'fixed' }> | undefined;
  for (const law of laws) {
    const mission = law?.mission;
    if (mission?.kind !== 'fixed') continue;
    if (first === undefined) first = mission;
    else if (mission.hours !== first.hours) {
      errors.at(
        mission.element,
        `mission time ${mission.text} differs from ${first.text} (line ${first.element.line}); ` +
          'a Faultline model has one mission time',
      );
    }
  }
  return first?.text;
}

/** Errors in file order, at most MAX_REPORTED_ERRORS plus a summary of the rest. */
function reportable(list: readonly ImportError[]): ImportError[] {
  const sorted = [...list].sort((a, b) => a.line - b.line || a.column - b.column);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  const rest = sorted.length - MAX_REPORTED_ERRORS;
  const next = sorted[MAX_REPORTED_ERRORS]!;
  return [
    ...sorted.slice(0, MAX_REPORTED_ERRORS),
    { line: next.line, column: next.column, message: `... and ${rest} more error${rest === 1 ? '' : 's'} like these` },
  ];
}

/** License or copyright comments outside or directly inside the root element. */
function notices(comments: readonly XmlComment[]): string[] {
  return comments.filter((c) => c.depth <= 1 && NOTICE.test(c.text)).map((c) => c.text);
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
