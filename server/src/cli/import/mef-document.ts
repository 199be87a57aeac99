import type { ImportErrors } from './import-error';
import type { XmlElement } from './xml-reader';

/**
 * The definitions of an Open-PSA MEF file, collected from the XML tree:
 * fault trees (with nested components flattened), gates, basic events and
 * parameters, from `define-fault-tree` and `model-data` alike. MEF keeps gates,
 * basic events and parameters in separate namespaces; each is checked for
 * duplicate definitions here. Constructs Faultline cannot express are
 * reported (house events, CCF groups, event trees, substitutions).
 */

export interface MefTree {
  readonly name: string;
  readonly label: string | undefined;
  readonly element: XmlElement;
}

export interface MefGate {
  readonly name: string;
  readonly label: string | undefined;
  /** The gate's one formula; undefined when missing (already reported). */
  readonly formula: XmlElement | undefined;
  readonly element: XmlElement;
  readonly tree: MefTree;
}

export interface MefBasicEvent {
  readonly name: string;
  readonly label: string | undefined;
  /** The probability expression; undefined when missing (reported later, by the law reader). */
  readonly expression: XmlElement | undefined;
  readonly element: XmlElement;
}

export interface MefParameter {
  readonly name: string;
  readonly unit: string | undefined;
  readonly expression: XmlElement | undefined;
  readonly element: XmlElement;
}

export interface MefDocument {
  readonly gates: readonly MefGate[];
  readonly basicEvents: readonly MefBasicEvent[];
  readonly parameters: ReadonlyMap<string, MefParameter>;
  readonly houseEvents: ReadonlySet<string>;
  /** Basic events that only a (reported) CCF group defines: references to them are not reported again. */
  readonly ccfMembers: ReadonlySet<string>;
}

type ContainerKind = 'define-fault-tree' | 'define-component' | 'model-data';

interface Container {
  readonly element: XmlElement;
  readonly kind: ContainerKind;
  /** The fault tree the container belongs to; undefined for model-data. */
  readonly tree: MefTree | undefined;
}

/** Children that carry no logic and are skipped wherever they appear. */
const DESCRIPTIVE = new Set(['label', 'attributes']);

const NOT_FAULT_TREE = new Set([
  'define-event-tree',
  'define-initiating-event',
  'define-sequence',
  'define-rule',
  'define-consequence',
  'define-consequence-group',
  'define-alignment',
  'define-phase',
  'define-extern-function',
  'define-extern-library',
  'define-substitution',
]);

export function readMefDocument(root: XmlElement, errors: ImportErrors): MefDocument {
  const gates = new Map<string, MefGate>();
  const events = new Map<string, MefBasicEvent>();
  const parameters = new Map<string, MefParameter>();
  const houseEvents = new Set<string>();
  const ccfMembers = new Set<string>();

  if (root.name !== 'opsa-mef') {
    errors.at(root, `the root element is <${root.name}>, expected <opsa-mef> (an Open-PSA MEF file)`);
    return { gates: [], basicEvents: [], parameters, houseEvents, ccfMembers };
  }

  const containers: Container[] = [];
  for (const child of root.children) {
    if (child.name === 'define-fault-tree') {
      const name = requireName(child, errors);
      if (name === undefined) continue;
      const tree: MefTree = { name, label: labelOf(child), element: child };
      containers.push({ element: child, kind: 'define-fault-tree', tree });
    } else if (child.name === 'model-data') {
      containers.push({ element: child, kind: 'model-data', tree: undefined });
    } else if (!DESCRIPTIVE.has(child.name)) {
      reportUnsupported(child, '<opsa-mef>', errors);
    }
  }

  // Definitions are read in document order; nested components go on an explicit stack.
  for (const outermost of containers) {
    const stack: { container: Container; next: number }[] = [{ container: outermost, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const child = frame.container.element.children[frame.next++];
      if (child === undefined) {
        stack.pop();
        continue;
      }
      const container = frame.container;
      const name = child.name;
      if (DESCRIPTIVE.has(name)) continue;
      const inTree = container.tree !== undefined;
      if (name === 'define-gate' && inTree) {
        addGate(child, container.tree!, gates, errors);
      } else if (name === 'define-component' && inTree) {
        if (requireName(child, errors) !== undefined) {
          stack.push({ container: { element: child, kind: 'define-component', tree: container.tree }, next: 0 });
        }
      } else if (name === 'define-basic-event') {
        addBasicEvent(child, events, errors);
      } else if (name === 'define-parameter') {
        addParameter(child, parameters, errors);
      } else if (name === 'define-house-event') {
        const houseName = requireName(child, errors);
        if (houseName !== undefined) houseEvents.add(houseName);
        errors.at(child, houseEventMessage(houseName ?? ''));
      } else if (name === 'define-CCF-group') {
        for (const member of child.children.find((c) => c.name === 'members')?.children ?? []) {
          const memberName = member.attributes.get('name')?.trim();
          if (memberName !== undefined) ccfMembers.add(memberName);
        }
        errors.at(
          child,
          `CCF group '${child.attributes.get('name') ?? ''}' (define-CCF-group) cannot be expressed in Faultline; ` +
            "import without it and model common cause with 'ccf beta' on a group",
        );
      } else {
        reportUnsupported(child, `<${container.kind}>`, errors);
      }
    }
  }
  return { gates: [...gates.values()], basicEvents: [...events.values()], parameters, houseEvents, ccfMembers };
}

export function houseEventMessage(name: string): string {
  return (
    `house event '${name}' cannot be expressed in Faultline ` +
    '(a house event is a true/false switch, not a failure); set it by hand and remove it before importing'
  );
}

function reportUnsupported(element: XmlElement, where: string, errors: ImportErrors): void {
  if (NOT_FAULT_TREE.has(element.name)) {
    errors.at(element, `<${element.name}> is not supported by faultline import (it imports fault trees only)`);
  } else {
    errors.at(element, `unexpected <${element.name}> inside ${where}`);
  }
}

function addGate(element: XmlElement, tree: MefTree, gates: Map<string, MefGate>, errors: ImportErrors): void {
  const name = requireName(element, errors);
  if (name === undefined) return;
  const formulas = element.children.filter((c) => !DESCRIPTIVE.has(c.name));
  if (formulas.length === 0) errors.at(element, `gate '${name}' has no formula`);
  else if (formulas.length > 1) errors.at(formulas[1]!, `gate '${name}' has more than one formula (a gate has exactly one)`);
  const previous = gates.get(name);
  if (previous !== undefined) {
    errors.at(element, `gate '${name}' is defined twice (first at line ${previous.element.line})`);
    return;
  }
  gates.set(name, { name, label: labelOf(element), formula: formulas[0], element, tree });
}

function addBasicEvent(element: XmlElement, events: Map<string, MefBasicEvent>, errors: ImportErrors): void {
  const name = requireName(element, errors);
  if (name === undefined) return;
  const expressions = element.children.filter((c) => !DESCRIPTIVE.has(c.name));
  if (expressions.length > 1) {
    errors.at(expressions[1]!, `basic event '${name}' has more than one expression (it needs exactly one)`);
  }
  const previous = events.get(name);
  if (previous !== undefined) {
    errors.at(element, `basic event '${name}' is defined twice (first at line ${previous.element.line})`);
    return;
  }
  events.set(name, { name, label: labelOf(element), expression: expressions[0], element });
}

function addParameter(element: XmlElement, parameters: Map<string, MefParameter>, errors: ImportErrors): void {
  const name = requireName(element, errors);
  if (name === undefined) return;
  const expressions = element.children.filter((c) => !DESCRIPTIVE.has(c.name));
  if (expressions.length > 1) {
    errors.at(expressions[1]!, `parameter '${name}' has more than one expression (it needs exactly one)`);
  }
  const previous = parameters.get(name);
  if (previous !== undefined) {
    errors.at(element, `parameter '${name}' is defined twice (first at line ${previous.element.line})`);
    return;
  }
  parameters.set(name, { name, unit: element.attributes.get('unit'), expression: expressions[0], element });
}

function requireName(element: XmlElement, errors: ImportErrors): string | undefined {
  const name = element.attributes.get('name');
  if (name === undefined || name.trim() === '') {
    errors.at(element, `<${element.name}> needs a name attribute`);
    return undefined;
  }
  return name.trim();
}

/** The element's `<label>` text on one line, or undefined. */
function labelOf(element: XmlElement): string | undefined {
  const label = element.children.find((c) => c.name === 'label');
  if (label === undefined) return undefined;
  const text = label.text.replace(/[\s\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return text === '' ? undefined : text;
}
