import type { ImportErrors } from './import-error';
import { houseEventMessage } from './mef-document';
import type { XmlElement } from './xml-reader';

/**
 * Translates a MEF gate formula (failure logic) into a Faultline expression
 * (success logic), spec §6: `or` → `series`, `and` → `parallel`,
 * `atleast k` over n → `(n−k+1) of`, references by their Faultline names,
 * nested anonymous formulas inline. Iterative over an explicit stack, so a
 * deeply nested formula cannot overflow the call stack.
 */

export interface NamedTarget {
  readonly index: number;
  readonly ftName: string;
}

export interface FormulaScope {
  readonly gates: ReadonlyMap<string, NamedTarget>;
  readonly events: ReadonlyMap<string, NamedTarget>;
  readonly houseEvents: ReadonlySet<string>;
  readonly ccfMembers: ReadonlySet<string>;
}

export interface TranslatedFormula {
  readonly text: string;
  /** Indices of the gates the formula references (with repeats). */
  readonly gateRefs: readonly number[];
  readonly eventRefs: readonly number[];
}

/** Why each non-coherent MEF connective has no Faultline equivalent. */
const NON_COHERENT: Readonly<Record<string, string>> = {
  not: 'no negation',
  xor: 'exclusive or needs negation',
  nand: 'negated and',
  nor: 'negated or',
  iff: 'equivalence needs negation',
  imply: 'implication needs negation',
  cardinality: 'an upper bound on failures needs negation',
};

/** The language's limit on expression nesting (spec §2). */
export const MAX_FORMULA_NESTING = 256;

interface Frame {
  readonly element: XmlElement;
  readonly combinator: 'series' | 'parallel' | 'of' | 'identity';
  /** For `of`: how many members must work. */
  readonly needed: number;
  readonly parts: string[];
  next: number;
}

export function translateFormula(formula: XmlElement, scope: FormulaScope, errors: ImportErrors): TranslatedFormula {
  const gateRefs: number[] = [];
  const eventRefs: number[] = [];
  const stack: Frame[] = [];
  let result = '';

  // Turns one formula element into either a finished text or a new frame.
  const visit = (element: XmlElement): string | Frame => {
    const reference = resolveReference(element, scope, errors);
    if (reference !== undefined) {
      if (reference.kind === 'gate') gateRefs.push(reference.target.index);
      else if (reference.kind === 'event') eventRefs.push(reference.target.index);
      return reference.kind === 'invalid' ? '?' : reference.target.ftName;
    }
    const frame = openFrame(element, errors);
    return frame ?? '?';
  };

  const first = visit(formula);
  if (typeof first === 'string') return { text: first, gateRefs, eventRefs };
  stack.push(first);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.element.children[top.next];
    if (child !== undefined) {
      top.next++;
      const visited = visit(child);
      if (typeof visited === 'string') top.parts.push(visited);
      else if (stack.length < MAX_FORMULA_NESTING) stack.push(visited);
      else {
        errors.at(
          child,
          `this formula nests more than ${MAX_FORMULA_NESTING} levels deep, the limit of the Faultline language; ` +
            'split it into named gates',
        );
        return { text: '?', gateRefs, eventRefs };
      }
      continue;
    }
    stack.pop();
    const text = closeFrame(top);
    const parent = stack[stack.length - 1];
    if (parent === undefined) result = text;
    else parent.parts.push(text);
  }
  return { text: result, gateRefs, eventRefs };
}

type Reference =
  | { readonly kind: 'gate' | 'event'; readonly target: NamedTarget }
  | { readonly kind: 'invalid' };

/** Resolves `<gate>`, `<basic-event>`, `<event>` (and reports `<house-event>`); undefined if not a reference. */
function resolveReference(element: XmlElement, scope: FormulaScope, errors: ImportErrors): Reference | undefined {
  const kind = element.name;
  if (kind !== 'gate' && kind !== 'basic-event' && kind !== 'event' && kind !== 'house-event') return undefined;
  const name = (element.attributes.get('name') ?? '').trim();
  if (name === '') {
    errors.at(element, `<${kind}> needs a name attribute`);
    return { kind: 'invalid' };
  }
  if (kind === 'house-event' || (kind === 'event' && scope.houseEvents.has(name))) {
    errors.at(element, houseEventMessage(name));
    return { kind: 'invalid' };
  }
  const gate = kind === 'basic-event' ? undefined : scope.gates.get(name);
  const event = kind === 'gate' ? undefined : scope.events.get(name);
  if (gate !== undefined && event !== undefined) {
    errors.at(element, `<event name="${name}"/> is ambiguous: there is a gate and a basic event '${name}' (use <gate> or <basic-event>)`);
    return { kind: 'invalid' };
  }
  if (gate !== undefined) return { kind: 'gate', target: gate };
  if (event !== undefined) return { kind: 'event', target: event };
  if (kind !== 'gate' && scope.ccfMembers.has(name)) return { kind: 'invalid' };
  errors.at(element, undefinedMessage(kind, name, scope));
  return { kind: 'invalid' };
}

function undefinedMessage(kind: string, name: string, scope: FormulaScope): string {
  if (kind === 'gate' && scope.events.has(name)) {
    return `undefined gate '${name}' ('${name}' is a basic event: reference it with <basic-event> or <event>)`;
  }
  if (kind === 'basic-event' && scope.gates.has(name)) {
    return `undefined basic event '${name}' ('${name}' is a gate: reference it with <gate> or <event>)`;
  }
  const what = kind === 'gate' ? 'gate' : kind === 'basic-event' ? 'basic event' : 'gate or basic event';
  return `undefined ${what} '${name}'`;
}

function openFrame(element: XmlElement, errors: ImportErrors): Frame | undefined {
  const name = element.name;
  const frame = (combinator: Frame['combinator'], needed = 0): Frame => ({
    element,
    combinator,
    needed,
    parts: [],
    next: 0,
  });
  const reason = NON_COHERENT[name];
  if (reason !== undefined) {
    errors.at(element, `'${name}' gates cannot be expressed in Faultline (${reason}); the tree is not coherent`);
    return undefined;
  }
  if (name === 'constant') {
    errors.at(element, "'constant' (true/false) formulas cannot be expressed in Faultline; remove them before importing");
    return undefined;
  }
  if (name !== 'or' && name !== 'and' && name !== 'atleast' && name !== 'null') {
    errors.at(element, `<${name}> is not a fault tree formula (expected or, and, atleast or a reference)`);
    return undefined;
  }
  const n = element.children.length;
  if (n === 0) {
    errors.at(element, `<${name}> has no arguments`);
    return undefined;
  }
  if (name === 'or') return frame('series');
  if (name === 'and') return frame('parallel');
  if (name === 'null') {
    if (n !== 1) {
      errors.at(element, `<null> passes one argument through, found ${n}`);
      return undefined;
    }
    return frame('identity');
  }
  const rawMin = (element.attributes.get('min') ?? '').trim();
  const min = /^[0-9]+$/.test(rawMin) ? Number(rawMin) : NaN;
  if (!(min >= 1)) {
    errors.at(element, `<atleast> needs min="k" with a whole number k ≥ 1 (found "${rawMin}")`);
    return undefined;
  }
  if (min > n) {
    errors.at(element, `<atleast min="${min}"> has only ${n} argument${n === 1 ? '' : 's'}, so it can never fail`);
    return undefined;
  }
  return frame('of', n - min + 1);
}

function closeFrame(frame: Frame): string {
  switch (frame.combinator) {
    case 'identity':
      return frame.parts[0]!;
    case 'of':
      // Repeats stay: in `k of` each argument counts once per occurrence.
      return `${frame.needed} of (${frame.parts.join(', ')})`;
    default:
      // Repeats in `or`/`and` are idempotent; dropping them avoids a duplicate-member warning.
      return `${frame.combinator}(${[...new Set(frame.parts)].join(', ')})`;
  }
}
