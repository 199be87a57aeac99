import type { ImportErrors } from './import-error';
import type { MefBasicEvent, MefParameter } from './mef-document';
import type { XmlElement } from './xml-reader';

/**
 * The failure law of a MEF basic event, as a Faultline component law:
 * a constant (`<float>`, `<int>`, or a `<parameter>` chain to one) is a
 * `probability`; `<exponential>` λ, t is a `rate` with t the mission time;
 * `<Weibull>` α, β, t0 = 0, t is a `weibull`. Anything else (random deviates,
 * arithmetic, periodic tests, …) is reported, never approximated.
 */

export type FtLaw =
  | { readonly kind: 'probability'; readonly value: number }
  | { readonly kind: 'rate'; readonly value: number; readonly per: 'h' | 'y' }
  | { readonly kind: 'fit'; readonly value: number }
  | { readonly kind: 'weibull'; readonly shape: number; readonly scale: number; readonly scaleUnit: 'h' | 'y' };

/** How the event's law uses the mission time. */
export type MissionUse =
  | { readonly kind: 'none' }
  | { readonly kind: 'system' }
  | { readonly kind: 'fixed'; readonly hours: number; readonly text: string; readonly element: XmlElement };

export interface EventLaw {
  readonly law: FtLaw;
  readonly mission: MissionUse;
}

type Scalar =
  | { readonly kind: 'number'; readonly value: number; readonly unit: string | undefined; readonly element: XmlElement }
  | { readonly kind: 'mission'; readonly element: XmlElement };

const XS_DOUBLE = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const XS_INTEGER = /^[+-]?[0-9]+$/;
const RATE_UNITS: Readonly<Record<string, 'h' | 'y' | 'fit'>> = { '': 'h', float: 'h', 'hours-1': 'h', 'years-1': 'y', fit: 'fit' };
const TIME_UNITS: Readonly<Record<string, 'h' | 'y'>> = { '': 'h', float: 'h', hours: 'h', years: 'y' };
const TIME_UNIT_NAMES = new Set(['hours', 'hours-1', 'years', 'years-1', 'fit']);
const HOURS_PER_YEAR = 8760;

const DEVIATES = new Set([
  'uniform-deviate',
  'normal-deviate',
  'lognormal-deviate',
  'gamma-deviate',
  'beta-deviate',
  'histogram',
]);

export function readEventLaw(
  event: MefBasicEvent,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): EventLaw | undefined {
  const expression = event.expression;
  const what = `basic event '${event.name}'`;
  if (expression === undefined) {
    errors.at(event.element, `${what} has no probability (expected <float value="..."/> or <exponential>)`);
    return undefined;
  }
  switch (expression.name) {
    case 'exponential':
      return readExponential(expression, what, parameters, errors);
    case 'Weibull':
      return readWeibull(expression, what, parameters, errors);
    default: {
      if (!isScalarElement(expression.name)) {
        errors.at(expression, unsupportedExpression(expression.name, what));
        return undefined;
      }
      const scalar = readScalar(expression, what, parameters, errors);
      if (scalar === undefined) return undefined;
      if (scalar.kind === 'mission') {
        errors.at(expression, `${what}: the mission time is not a probability`);
        return undefined;
      }
      if (scalar.unit !== undefined && TIME_UNIT_NAMES.has(scalar.unit)) {
        errors.at(expression, `${what}: a value in '${scalar.unit}' is not a probability`);
        return undefined;
      }
      if (scalar.value < 0 || scalar.value > 1) {
        errors.at(scalar.element, `${what}: probability ${scalar.value} is not in [0, 1]`);
        return undefined;
      }
      return { law: { kind: 'probability', value: scalar.value }, mission: { kind: 'none' } };
    }
  }
}

/** The element's children when they are exactly the named arguments, else an error that names them. */
function exactArguments(element: XmlElement, tag: string, names: readonly string[], what: string, errors: ImportErrors): readonly XmlElement[] | undefined {
  const args = element.children;
  if (args.length === names.length) return args;
  errors.at(element, `${what}: <${tag}> needs ${names.length} arguments (${names.join(', ')}), found ${args.length}`);
  return undefined;
}

function readExponential(
  element: XmlElement,
  what: string,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): EventLaw | undefined {
  const args = exactArguments(element, 'exponential', ['failure rate', 'mission time'], what, errors);
  if (args === undefined) return undefined;
  const rate = readNumberArgument(args[0]!, 'failure rate', what, parameters, errors);
  const mission = readMissionArgument(args[1]!, what, parameters, errors);
  if (rate === undefined || mission === undefined) return undefined;
  const unit = RATE_UNITS[rate.unit ?? ''];
  if (unit === undefined) {
    errors.at(rate.element, `${what}: a failure rate in '${rate.unit}' is not supported (use hours-1, years-1 or fit)`);
    return undefined;
  }
  const law: FtLaw = unit === 'fit' ? { kind: 'fit', value: rate.value } : { kind: 'rate', value: rate.value, per: unit };
  return { law, mission };
}

function readWeibull(
  element: XmlElement,
  what: string,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): EventLaw | undefined {
  const args = exactArguments(element, 'Weibull', ['scale', 'shape', 'time shift', 'mission time'], what, errors);
  if (args === undefined) return undefined;
  const scale = readNumberArgument(args[0]!, 'Weibull scale', what, parameters, errors);
  const shape = readNumberArgument(args[1]!, 'Weibull shape', what, parameters, errors);
  const shift = readNumberArgument(args[2]!, 'Weibull time shift', what, parameters, errors);
  const mission = readMissionArgument(args[3]!, what, parameters, errors);
  if (scale === undefined || shape === undefined || shift === undefined || mission === undefined) return undefined;
  if (shift.value !== 0) {
    errors.at(shift.element, `${what}: a Weibull time shift (here ${shift.value}) cannot be expressed in Faultline`);
    return undefined;
  }
  const scaleUnit = TIME_UNITS[scale.unit ?? ''];
  if (scaleUnit === undefined) {
    errors.at(scale.element, `${what}: a Weibull scale in '${scale.unit}' is not a duration`);
    return undefined;
  }
  if (scale.value === 0 || shape.value === 0) {
    errors.at(element, `${what}: the Weibull scale and shape must be positive`);
    return undefined;
  }
  return { law: { kind: 'weibull', shape: shape.value, scale: scale.value, scaleUnit }, mission };
}

function readNumberArgument(
  element: XmlElement,
  role: string,
  what: string,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): Extract<Scalar, { kind: 'number' }> | undefined {
  if (!isScalarElement(element.name)) {
    errors.at(element, unsupportedExpression(element.name, `${what} (${role})`));
    return undefined;
  }
  const scalar = readScalar(element, what, parameters, errors);
  if (scalar === undefined) return undefined;
  if (scalar.kind === 'mission') {
    errors.at(element, `${what}: the mission time cannot be the ${role}`);
    return undefined;
  }
  if (scalar.value < 0) {
    errors.at(scalar.element, `${what}: the ${role} cannot be negative (${scalar.value})`);
    return undefined;
  }
  return scalar;
}

function readMissionArgument(
  element: XmlElement,
  what: string,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): MissionUse | undefined {
  if (!isScalarElement(element.name)) {
    errors.at(element, unsupportedExpression(element.name, `${what} (mission time)`));
    return undefined;
  }
  const scalar = readScalar(element, what, parameters, errors);
  if (scalar === undefined) return undefined;
  if (scalar.kind === 'mission') return { kind: 'system' };
  const unit = TIME_UNITS[scalar.unit ?? ''];
  if (unit === undefined) {
    errors.at(scalar.element, `${what}: a mission time in '${scalar.unit}' is not a duration`);
    return undefined;
  }
  if (!(scalar.value > 0)) {
    errors.at(scalar.element, `${what}: the mission time must be positive (${scalar.value})`);
    return undefined;
  }
  const hours = unit === 'y' ? scalar.value * HOURS_PER_YEAR : scalar.value;
  return { kind: 'fixed', hours, text: `${String(scalar.value)}${unit}`, element: scalar.element };
}

function isScalarElement(name: string): boolean {
  return name === 'float' || name === 'int' || name === 'parameter' || name === 'system-mission-time';
}

/**
 * Reads a constant: `<float>`, `<int>`, `<system-mission-time/>`, or a
 * `<parameter>` reference followed through its definitions (iteratively, with
 * cycle detection). The outermost parameter that states a unit gives the unit.
 */
function readScalar(
  start: XmlElement,
  what: string,
  parameters: ReadonlyMap<string, MefParameter>,
  errors: ImportErrors,
): Scalar | undefined {
  let element = start;
  let unit: string | undefined;
  const chain: string[] = [];
  for (;;) {
    switch (element.name) {
      case 'float':
      case 'int': {
        const raw = (element.attributes.get('value') ?? '').trim();
        const valid = element.name === 'int' ? XS_INTEGER.test(raw) : XS_DOUBLE.test(raw);
        const value = Number(raw);
        if (!valid || !Number.isFinite(value)) {
          errors.at(element, `${what}: <${element.name} value="${raw}"/> is not a finite number`);
          return undefined;
        }
        return { kind: 'number', value: value === 0 ? 0 : value, unit, element };
      }
      case 'system-mission-time':
        return { kind: 'mission', element };
      case 'parameter': {
        const name = (element.attributes.get('name') ?? '').trim();
        const parameter = parameters.get(name);
        if (parameter === undefined) {
          errors.at(element, `${what}: undefined parameter '${name}'`);
          return undefined;
        }
        if (chain.includes(name)) {
          errors.at(parameter.element, `parameters form a cycle: ${[...chain, name].join(' → ')}`);
          return undefined;
        }
        chain.push(name);
        unit ??= parameter.unit;
        if (parameter.expression === undefined) {
          errors.at(parameter.element, `parameter '${name}' has no value`);
          return undefined;
        }
        if (!isScalarElement(parameter.expression.name)) {
          errors.at(parameter.expression, unsupportedExpression(parameter.expression.name, `parameter '${name}'`));
          return undefined;
        }
        element = parameter.expression;
        break;
      }
      default:
        errors.at(element, unsupportedExpression(element.name, what));
        return undefined;
    }
  }
}

function unsupportedExpression(name: string, what: string): string {
  const why = DEVIATES.has(name)
    ? 'uncertainty distributions are not supported'
    : 'only constants (<float>, <int>, <parameter>), <exponential> and <Weibull> are supported';
  return `${what}: <${name}> cannot be expressed in Faultline (${why}); it needs a fixed probability or a constant rate`;
}
