import type { Quantity } from './ast';
import type { DiagnosticCode } from './diagnostics';
import type { Span } from './span';
import { suggest } from './suggest';

/**
 * What a quantity means, decided against the keyword it follows: a duration
 * (hours), a rate (per hour), a probability, a count or a plain number.
 *
 * Every function checks, in order: the number is finite, not negative, has
 * the right kind of suffix, and a known unit. Errors carry the spec's exact
 * messages and the span to underline: the unit word for unit errors (what a
 * quick fix replaces), the whole quantity otherwise.
 */

export interface QuantityError {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
  readonly data?: Readonly<Record<string, string | number>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: QuantityError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fail<T>(code: DiagnosticCode, message: string, at: Span, data?: Record<string, string | number>): Result<T> {
  return { ok: false, error: data ? { code, message, span: at, data } : { code, message, span: at } };
}

// ---------------------------------------------------------------- units

export type UnitName = 'ms' | 's' | 'min' | 'h' | 'd' | 'w' | 'mo' | 'y';

/** Each unit as an exact fraction of an hour, so conversions round once or twice, never accumulate. */
const UNIT_HOURS: Readonly<Record<UnitName, readonly [number, number]>> = {
  ms: [1, 3_600_000],
  s: [1, 3_600],
  min: [1, 60],
  h: [1, 1],
  d: [24, 1],
  w: [168, 1],
  mo: [730, 1],
  y: [8760, 1],
};

export const UNIT_NAMES: readonly UnitName[] = ['ms', 's', 'min', 'h', 'd', 'w', 'mo', 'y'];

/** Words people write for our units; the suggestion for them is certain, not a guess by spelling. */
const UNIT_ALIASES: Readonly<Record<string, UnitName>> = {
  msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  sec: 's', secs: 's', second: 's', seconds: 's',
  mins: 'min', minute: 'min', minutes: 'min', mn: 'min',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  day: 'd', days: 'd',
  wk: 'w', wks: 'w', week: 'w', weeks: 'w',
  mon: 'mo', mth: 'mo', mths: 'mo', month: 'mo', months: 'mo',
  yr: 'y', yrs: 'y', year: 'y', years: 'y', a: 'y',
};

function isUnitName(word: string): word is UnitName {
  return Object.prototype.hasOwnProperty.call(UNIT_HOURS, word);
}

/** The unit a misspelt unit word most likely means, if any. */
export function suggestUnit(word: string): UnitName | undefined {
  const lower = word.toLowerCase();
  if (isUnitName(lower)) return lower;
  const alias = UNIT_ALIASES[lower];
  if (alias) return alias;
  const guess = suggest(lower, UNIT_NAMES);
  return guess !== undefined && isUnitName(guess) ? guess : undefined;
}

/** The unit `word`, which ends `skip` characters before the end of `q` (its span is made only for an error). */
function checkUnit(word: string, q: Quantity, skip = 0): Result<UnitName> {
  if (isUnitName(word)) return ok(word);
  const at = tailSpan(q, word.length, skip);
  if (word === 'm') return fail('unit-minutes', "'m': did you mean 'min'?", at, { suggestion: 'min' });
  const suggestion = suggestUnit(word);
  if (suggestion !== undefined) {
    return fail('unknown-unit', `unknown unit '${word}' (did you mean '${suggestion}'?)`, at, { suggestion });
  }
  return fail('unknown-unit', `unknown unit '${word}' (units are ${UNIT_NAMES.join(', ')})`, at);
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

/** `value × num / den` with the fraction reduced first (exact integers), so `4/y` per year is exactly 4. */
function scale(value: number, num: number, den: number): number {
  const g = gcd(num, den);
  const n = num / g;
  const d = den / g;
  if (d === 1) return value * n;
  if (n === 1) return value / d;
  return (value * n) / d;
}

/** `value` of unit `from`, expressed in unit `to`. */
export function convertUnit(value: number, from: UnitName, to: UnitName): number {
  const f = UNIT_HOURS[from];
  const t = UNIT_HOURS[to];
  return scale(value, f[0] * t[1], f[1] * t[0]);
}

// ---------------------------------------------------------------- spans inside a quantity

/** The span of the last `word.length` characters of the token (where a unit word ends it). */
function tailSpan(q: Quantity, length: number, skip = 0): Span {
  const end = q.span.end - skip;
  const start = end - length;
  if (start < q.span.start || q.span.end - q.span.start !== q.text.length) return q.span;
  return { start, end };
}

// ---------------------------------------------------------------- common checks

function describe(q: Quantity): string {
  switch (q.suffix.kind) {
    case 'none':
      return 'a plain number';
    case 'percent':
      return 'a percentage';
    case 'unit':
      return 'a duration';
    case 'per':
      return 'a rate';
    case 'unit-per':
      return 'a duration per period';
  }
}

function wrongKind<T>(q: Quantity, expected: string): Result<T> {
  return fail('wrong-quantity', `expected ${expected}, not ${describe(q)} ('${q.text}')`, q.span, { expected });
}

/** Finite and not negative: the checks every quantity shares. */
function checkNumber(q: Quantity): Result<number> {
  if (!Number.isFinite(q.number)) {
    return fail('not-finite', `'${q.numberText}' is not a finite number`, q.span);
  }
  if (q.number < 0 || q.numberText.startsWith('-')) {
    if (q.number !== 0) return fail('negative-value', 'values cannot be negative', q.span);
  }
  return ok(q.number === 0 ? 0 : q.number);
}

// ---------------------------------------------------------------- the quantity kinds

const A_DURATION = 'a duration such as 4h or 30min';
const A_RATE = 'a rate such as 2e-6/h or 3/y';
const A_PROBABILITY = 'a probability such as 0.999 or 99.9%';
const A_COUNT = 'a whole number';
const A_NUMBER = 'a plain number';
const A_DOWNTIME = 'a downtime per year such as 5h, or per period such as 22min/mo';

/** A duration, in hours: `30s`, `4h`, `1y`. */
export function asDuration(q: Quantity): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind === 'none') return fail('missing-unit', 'missing unit', q.span, { expected: A_DURATION });
  if (q.suffix.kind !== 'unit') return wrongKind(q, A_DURATION);
  const unit = checkUnit(q.suffix.unit, q);
  if (!unit.ok) return unit;
  return ok(convertUnit(n.value, unit.value, 'h'));
}

/** A rate `N/UNIT`, per `per` (per hour by default): `2e-6/h`, `3/y`. */
export function asRate(q: Quantity, per: UnitName = 'h'): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind === 'none') return fail('missing-unit', 'missing unit', q.span, { expected: A_RATE });
  if (q.suffix.kind !== 'per') return wrongKind(q, A_RATE);
  const unit = checkUnit(q.suffix.unit, q);
  if (!unit.ok) return unit;
  // n events per unit = n × (one `per` expressed in units) events per `per`.
  return ok(convertUnit(n.value, per, unit.value));
}

/** A probability in [0, 1]: `0.999` or `99.9%`. */
export function asProbability(q: Quantity): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind === 'percent') {
    if (n.value > 100) return fail('probability-range', `a probability is at most 100% (got ${q.text})`, q.span);
    return ok(percentValue(q.numberText, n.value));
  }
  if (q.suffix.kind !== 'none') return wrongKind(q, A_PROBABILITY);
  if (n.value > 1) {
    if (n.value <= 100) {
      const suggestion = `${q.numberText}%`;
      return fail('probability-range', `a probability is between 0 and 1 (did you mean ${suggestion}?)`, q.span, {
        suggestion,
      });
    }
    return fail('probability-range', `a probability is between 0 and 1, or 0% and 100% (got ${q.text})`, q.span);
  }
  return ok(n.value);
}

/** Whether `text` is `[0-9]+(\.[0-9]+)?`: a plain decimal, the common case the fast paths below take. */
function isPlainDecimal(text: string): boolean {
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || dot >= 0 || i === 0) return false;
    dot = i;
  }
  return text.length > 0 && dot !== text.length - 1;
}

/** `99.99` percent as the double nearest to 0.9999 (dividing by 100 would round twice). */
function percentValue(numberText: string, value: number): number {
  if (isPlainDecimal(numberText)) return Number.parseFloat(`${numberText}e-2`);
  const m = /^(\d+(?:\.\d+)?)(?:[eE]([+-]?\d+))?$/.exec(numberText);
  if (!m) return value / 100;
  return Number.parseFloat(`${m[1]}e${Number(m[2] ?? '0') - 2}`);
}

/**
 * 1 − p for a probability written as text, computed on the decimal digits so
 * that `99.9999999999999%` gives 1e-15 exactly (never `1 − 0.999999999999999`).
 * Used for `availability A` → failure probability q = 1 − A.
 */
export function asComplementProbability(q: Quantity): Result<number> {
  const p = asProbability(q);
  if (!p.ok) return p;
  return ok(decimalComplement(q.numberText, q.suffix.kind === 'percent' ? 2 : 0));
}

/** 1 − x / 10^shift for a non-negative decimal literal x ≤ 10^shift, correctly rounded. */
export function decimalComplement(numberText: string, shift: number): number {
  const fast = plainDecimalComplement(numberText, shift);
  if (fast !== undefined) return fast;
  const m = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(numberText);
  if (!m) return 1 - Number(numberText) / 10 ** shift;
  const fraction = m[2] ?? '';
  const digits = BigInt(m[1]! + fraction);
  if (digits === 0n) return 1;
  const exponent = Number(m[3] ?? '0') - fraction.length - shift; // value = digits × 10^exponent
  const places = -exponent;
  // A value below 1e-400 cannot change 1 − value in double precision.
  if (places > 400 + fraction.length) return 1;
  if (places <= 0) return digits * 10n ** BigInt(-places) === 1n ? 0 : 1 - Number(numberText) / 10 ** shift;
  const complement = 10n ** BigInt(places) - digits;
  if (complement <= 0n) return 0;
  return Number.parseFloat(`${complement}e-${places}`);
}

/**
 * `decimalComplement` for a plain decimal with at most 15 digits and 15
 * places, where doubles hold every integer involved exactly (below 2^53), so
 * no BigInt is needed; the same text is parsed at the end. Undefined otherwise.
 */
function plainDecimalComplement(numberText: string, shift: number): number | undefined {
  if (!isPlainDecimal(numberText)) return undefined;
  const dot = numberText.indexOf('.');
  if (numberText.length - (dot < 0 ? 0 : 1) > 15) return undefined;
  const places = (dot < 0 ? 0 : numberText.length - dot - 1) + shift;
  if (places <= 0 || places > 15) return undefined;
  const digits = Number(dot < 0 ? numberText : numberText.slice(0, dot) + numberText.slice(dot + 1));
  if (digits === 0) return 1;
  const complement = 10 ** places - digits;
  if (complement <= 0) return 0;
  return Number.parseFloat(`${complement}e-${places}`);
}

/** A whole number ≥ 0: `replicas 3`, `quorum 2`, the k of `k of (…)`. */
export function asCount(q: Quantity): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind !== 'none') return wrongKind(q, A_COUNT);
  if (!Number.isInteger(n.value)) return fail('not-an-integer', `expected a whole number, not ${q.text}`, q.span);
  return ok(n.value);
}

/** A plain number ≥ 0 without unit: `fit 200`, `weibull shape 1.5`. */
export function asNumber(q: Quantity): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind !== 'none') return wrongKind(q, A_NUMBER);
  return n;
}

/**
 * Downtime, in hours per year: a duration (per year), or `DURATION/UNIT` such
 * as `22min/mo` (= 22 min × 12 per year = 4.4 h per year).
 */
export function asDowntimePerYear(q: Quantity): Result<number> {
  const n = checkNumber(q);
  if (!n.ok) return n;
  if (q.suffix.kind === 'none') return fail('missing-unit', 'missing unit', q.span, { expected: A_DOWNTIME });
  if (q.suffix.kind === 'unit') {
    const unit = checkUnit(q.suffix.unit, q);
    return unit.ok ? ok(convertUnit(n.value, unit.value, 'h')) : unit;
  }
  if (q.suffix.kind !== 'unit-per') return wrongKind(q, A_DOWNTIME);
  const per = checkUnit(q.suffix.per, q);
  if (!per.ok) return per;
  const unit = checkUnit(q.suffix.unit, q, q.suffix.per.length + 1);
  if (!unit.ok) return unit;
  // hours/year = n × hours(unit) × periods per year; one reduced fraction.
  const [un, ud] = UNIT_HOURS[unit.value];
  const [pn, pd] = UNIT_HOURS[per.value];
  return ok(scale(n.value, un * 8760 * pd, ud * pn));
}

// ---------------------------------------------------------------- quantities outside a model

/**
 * A quantity written outside a model, e.g. the CLI's `--mission 30d` or an
 * editor setting, read with the same rules as in a model (span 0..length).
 */
export function quantityFromText(text: string): Quantity | undefined {
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(%|\/[A-Za-z]+|[A-Za-z]+\/[A-Za-z]+|[A-Za-z]+)?$/.exec(text.trim());
  if (!m) return undefined;
  const numberText = m[1]!;
  const rest = m[2] ?? '';
  const span = { start: 0, end: text.trim().length };
  let suffix: Quantity['suffix'];
  if (rest === '') suffix = { kind: 'none' };
  else if (rest === '%') suffix = { kind: 'percent' };
  else if (rest.startsWith('/')) suffix = { kind: 'per', unit: rest.slice(1) };
  else if (rest.includes('/')) {
    const [unit, per] = rest.split('/') as [string, string];
    suffix = { kind: 'unit-per', unit, per };
  } else suffix = { kind: 'unit', unit: rest };
  return { text: text.trim(), number: Number(numberText), numberText, suffix, span };
}

/** `--mission 30d` → 720 (hours), or the reason it is not a duration. */
export function durationFromText(text: string): Result<number> {
  const q = quantityFromText(text);
  if (!q) return fail('wrong-quantity', `expected ${A_DURATION}, not '${text}'`, { start: 0, end: text.length });
  return asDuration(q);
}
